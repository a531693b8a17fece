# Terraform: multi-NIC vMotion network (vSphere provider)
# Design: E6 IP-hash VM team on a switch stack
# Revision: 7
# Generated: 2026-02-02T08:15:00Z
#
# Creates the vMotion, IP-storage and service VMkernel adapters of each host with their
# port groups and vSwitches. It does not manage vSwitch0, the management port group or
# vmk0, the VM-traffic team, nor anything on uplinks patched today (listed per host).
# Apply one host at a time, each in maintenance mode, and check it with the test plan:
# resource names start with the host name, so `terraform apply` with one -target per
# resource of that host does it.

terraform {
  required_providers {
    vsphere = {
      source  = "vmware/vsphere"
      version = ">= 2.4.0" # vsphere_vnic "services" was added in 2.4.0
    }
  }
}

provider "vsphere" {
  vsphere_server       = var.vsphere_server
  user                 = var.vsphere_user
  password             = var.vsphere_password
  allow_unverified_ssl = var.allow_unverified_ssl
}

data "vsphere_datacenter" "dc" {
  name = var.datacenter
}

# ==== esx01
data "vsphere_host" "esx01" {
  name          = var.esxi_host_names["esx01"]
  datacenter_id = data.vsphere_datacenter.dc.id
}

resource "vsphere_host_virtual_switch" "esx01_vSwitch-vMotion" {
  name             = "vSwitch-vMotion"
  host_system_id   = data.vsphere_host.esx01.id
  mtu              = 9000
  network_adapters = ["vmnic2", "vmnic6"]
  active_nics      = ["vmnic2", "vmnic6"]
  standby_nics     = []
}

resource "vsphere_host_port_group" "esx01_vMotion-1" {
  name                = "vMotion-1"
  host_system_id      = data.vsphere_host.esx01.id
  virtual_switch_name = vsphere_host_virtual_switch.esx01_vSwitch-vMotion.name
  vlan_id             = 30
  active_nics         = ["vmnic2"]
  standby_nics        = ["vmnic6"]
  teaming_policy      = "failover_explicit"
  check_beacon        = false
  notify_switches     = true
  failback            = true
}

resource "vsphere_host_port_group" "esx01_vMotion-2" {
  name                = "vMotion-2"
  host_system_id      = data.vsphere_host.esx01.id
  virtual_switch_name = vsphere_host_virtual_switch.esx01_vSwitch-vMotion.name
  vlan_id             = 30
  active_nics         = ["vmnic6"]
  standby_nics        = ["vmnic2"]
  teaming_policy      = "failover_explicit"
  check_beacon        = false
  notify_switches     = true
  failback            = true
}

# planned as vmk1; ESXi numbers new VMkernel adapters itself
resource "vsphere_vnic" "esx01_vmk1" {
  host      = data.vsphere_host.esx01.id
  portgroup = vsphere_host_port_group.esx01_vMotion-1.name
  mtu       = 9000
  netstack  = "defaultTcpipStack"
  services  = ["vmotion"]
  ipv4 {
    ip      = "198.51.100.1"
    netmask = "255.255.255.0"
  }
}

# planned as vmk2; ESXi numbers new VMkernel adapters itself
resource "vsphere_vnic" "esx01_vmk2" {
  host      = data.vsphere_host.esx01.id
  portgroup = vsphere_host_port_group.esx01_vMotion-2.name
  mtu       = 9000
  netstack  = "defaultTcpipStack"
  services  = ["vmotion"]
  ipv4 {
    ip      = "198.51.100.2"
    netmask = "255.255.255.0"
  }
}

# Not managed here, for review (management and team networks):
# vSwitch0: uplinks vmnic0, vmnic4, MTU 1500
# vSwitch-VM: uplinks vmnic1, vmnic5, MTU 1500
# Management Network on vSwitch0, VLAN 0: active vmnic0; standby vmnic4; loadbalance_srcid
# VM Network on vSwitch-VM, VLAN 100: active vmnic1, vmnic5; loadbalance_ip

# ==== esx02
data "vsphere_host" "esx02" {
  name          = var.esxi_host_names["esx02"]
  datacenter_id = data.vsphere_datacenter.dc.id
}

resource "vsphere_host_virtual_switch" "esx02_vSwitch-vMotion" {
  name             = "vSwitch-vMotion"
  host_system_id   = data.vsphere_host.esx02.id
  mtu              = 9000
  network_adapters = ["vmnic2", "vmnic6"]
  active_nics      = ["vmnic2", "vmnic6"]
  standby_nics     = []
}

resource "vsphere_host_port_group" "esx02_vMotion-1" {
  name                = "vMotion-1"
  host_system_id      = data.vsphere_host.esx02.id
  virtual_switch_name = vsphere_host_virtual_switch.esx02_vSwitch-vMotion.name
  vlan_id             = 30
  active_nics         = ["vmnic2"]
  standby_nics        = ["vmnic6"]
  teaming_policy      = "failover_explicit"
  check_beacon        = false
  notify_switches     = true
  failback            = true
}

resource "vsphere_host_port_group" "esx02_vMotion-2" {
  name                = "vMotion-2"
  host_system_id      = data.vsphere_host.esx02.id
  virtual_switch_name = vsphere_host_virtual_switch.esx02_vSwitch-vMotion.name
  vlan_id             = 30
  active_nics         = ["vmnic6"]
  standby_nics        = ["vmnic2"]
  teaming_policy      = "failover_explicit"
  check_beacon        = false
  notify_switches     = true
  failback            = true
}

# planned as vmk1; ESXi numbers new VMkernel adapters itself
resource "vsphere_vnic" "esx02_vmk1" {
  host      = data.vsphere_host.esx02.id
  portgroup = vsphere_host_port_group.esx02_vMotion-1.name
  mtu       = 9000
  netstack  = "defaultTcpipStack"
  services  = ["vmotion"]
  ipv4 {
    ip      = "198.51.100.3"
    netmask = "255.255.255.0"
  }
}

# planned as vmk2; ESXi numbers new VMkernel adapters itself
resource "vsphere_vnic" "esx02_vmk2" {
  host      = data.vsphere_host.esx02.id
  portgroup = vsphere_host_port_group.esx02_vMotion-2.name
  mtu       = 9000
  netstack  = "defaultTcpipStack"
  services  = ["vmotion"]
  ipv4 {
    ip      = "198.51.100.4"
    netmask = "255.255.255.0"
  }
}

# Not managed here, for review (management and team networks):
# vSwitch0: uplinks vmnic0, vmnic4, MTU 1500
# vSwitch-VM: uplinks vmnic1, vmnic5, MTU 1500
# Management Network on vSwitch0, VLAN 0: active vmnic0; standby vmnic4; loadbalance_srcid
# VM Network on vSwitch-VM, VLAN 100: active vmnic1, vmnic5; loadbalance_ip
