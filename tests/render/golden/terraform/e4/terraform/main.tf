# Terraform: multi-NIC vMotion network (vSphere provider)
# Design: E4 four hosts switched
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
  network_adapters = ["vmnic1", "vmnic3"]
  active_nics      = ["vmnic1", "vmnic3"]
  standby_nics     = []
}

resource "vsphere_host_port_group" "esx01_vMotion-1" {
  name                = "vMotion-1"
  host_system_id      = data.vsphere_host.esx01.id
  virtual_switch_name = vsphere_host_virtual_switch.esx01_vSwitch-vMotion.name
  vlan_id             = 20
  active_nics         = ["vmnic1"]
  standby_nics        = ["vmnic3"]
  teaming_policy      = "failover_explicit"
  check_beacon        = false
  notify_switches     = true
  failback            = true
}

resource "vsphere_host_port_group" "esx01_vMotion-2" {
  name                = "vMotion-2"
  host_system_id      = data.vsphere_host.esx01.id
  virtual_switch_name = vsphere_host_virtual_switch.esx01_vSwitch-vMotion.name
  vlan_id             = 20
  active_nics         = ["vmnic3"]
  standby_nics        = ["vmnic1"]
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
# vSwitch0: uplinks vmnic0, vmnic2, MTU 1500
# Management Network on vSwitch0, VLAN 10: active vmnic0; standby vmnic2; loadbalance_srcid

# ==== esx02
data "vsphere_host" "esx02" {
  name          = var.esxi_host_names["esx02"]
  datacenter_id = data.vsphere_datacenter.dc.id
}

resource "vsphere_host_virtual_switch" "esx02_vSwitch-vMotion" {
  name             = "vSwitch-vMotion"
  host_system_id   = data.vsphere_host.esx02.id
  mtu              = 9000
  network_adapters = ["vmnic1", "vmnic3"]
  active_nics      = ["vmnic1", "vmnic3"]
  standby_nics     = []
}

resource "vsphere_host_port_group" "esx02_vMotion-1" {
  name                = "vMotion-1"
  host_system_id      = data.vsphere_host.esx02.id
  virtual_switch_name = vsphere_host_virtual_switch.esx02_vSwitch-vMotion.name
  vlan_id             = 20
  active_nics         = ["vmnic1"]
  standby_nics        = ["vmnic3"]
  teaming_policy      = "failover_explicit"
  check_beacon        = false
  notify_switches     = true
  failback            = true
}

resource "vsphere_host_port_group" "esx02_vMotion-2" {
  name                = "vMotion-2"
  host_system_id      = data.vsphere_host.esx02.id
  virtual_switch_name = vsphere_host_virtual_switch.esx02_vSwitch-vMotion.name
  vlan_id             = 20
  active_nics         = ["vmnic3"]
  standby_nics        = ["vmnic1"]
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
# vSwitch0: uplinks vmnic0, vmnic2, MTU 1500
# Management Network on vSwitch0, VLAN 10: active vmnic0; standby vmnic2; loadbalance_srcid

# ==== esx03
data "vsphere_host" "esx03" {
  name          = var.esxi_host_names["esx03"]
  datacenter_id = data.vsphere_datacenter.dc.id
}

resource "vsphere_host_virtual_switch" "esx03_vSwitch-vMotion" {
  name             = "vSwitch-vMotion"
  host_system_id   = data.vsphere_host.esx03.id
  mtu              = 9000
  network_adapters = ["vmnic1", "vmnic3"]
  active_nics      = ["vmnic1", "vmnic3"]
  standby_nics     = []
}

resource "vsphere_host_port_group" "esx03_vMotion-1" {
  name                = "vMotion-1"
  host_system_id      = data.vsphere_host.esx03.id
  virtual_switch_name = vsphere_host_virtual_switch.esx03_vSwitch-vMotion.name
  vlan_id             = 20
  active_nics         = ["vmnic1"]
  standby_nics        = ["vmnic3"]
  teaming_policy      = "failover_explicit"
  check_beacon        = false
  notify_switches     = true
  failback            = true
}

resource "vsphere_host_port_group" "esx03_vMotion-2" {
  name                = "vMotion-2"
  host_system_id      = data.vsphere_host.esx03.id
  virtual_switch_name = vsphere_host_virtual_switch.esx03_vSwitch-vMotion.name
  vlan_id             = 20
  active_nics         = ["vmnic3"]
  standby_nics        = ["vmnic1"]
  teaming_policy      = "failover_explicit"
  check_beacon        = false
  notify_switches     = true
  failback            = true
}

# planned as vmk1; ESXi numbers new VMkernel adapters itself
resource "vsphere_vnic" "esx03_vmk1" {
  host      = data.vsphere_host.esx03.id
  portgroup = vsphere_host_port_group.esx03_vMotion-1.name
  mtu       = 9000
  netstack  = "defaultTcpipStack"
  services  = ["vmotion"]
  ipv4 {
    ip      = "198.51.100.5"
    netmask = "255.255.255.0"
  }
}

# planned as vmk2; ESXi numbers new VMkernel adapters itself
resource "vsphere_vnic" "esx03_vmk2" {
  host      = data.vsphere_host.esx03.id
  portgroup = vsphere_host_port_group.esx03_vMotion-2.name
  mtu       = 9000
  netstack  = "defaultTcpipStack"
  services  = ["vmotion"]
  ipv4 {
    ip      = "198.51.100.6"
    netmask = "255.255.255.0"
  }
}

# Not managed here, for review (management and team networks):
# vSwitch0: uplinks vmnic0, vmnic2, MTU 1500
# Management Network on vSwitch0, VLAN 10: active vmnic0; standby vmnic2; loadbalance_srcid

# ==== esx04
data "vsphere_host" "esx04" {
  name          = var.esxi_host_names["esx04"]
  datacenter_id = data.vsphere_datacenter.dc.id
}

resource "vsphere_host_virtual_switch" "esx04_vSwitch-vMotion" {
  name             = "vSwitch-vMotion"
  host_system_id   = data.vsphere_host.esx04.id
  mtu              = 9000
  network_adapters = ["vmnic1", "vmnic3"]
  active_nics      = ["vmnic1", "vmnic3"]
  standby_nics     = []
}

resource "vsphere_host_port_group" "esx04_vMotion-1" {
  name                = "vMotion-1"
  host_system_id      = data.vsphere_host.esx04.id
  virtual_switch_name = vsphere_host_virtual_switch.esx04_vSwitch-vMotion.name
  vlan_id             = 20
  active_nics         = ["vmnic1"]
  standby_nics        = ["vmnic3"]
  teaming_policy      = "failover_explicit"
  check_beacon        = false
  notify_switches     = true
  failback            = true
}

resource "vsphere_host_port_group" "esx04_vMotion-2" {
  name                = "vMotion-2"
  host_system_id      = data.vsphere_host.esx04.id
  virtual_switch_name = vsphere_host_virtual_switch.esx04_vSwitch-vMotion.name
  vlan_id             = 20
  active_nics         = ["vmnic3"]
  standby_nics        = ["vmnic1"]
  teaming_policy      = "failover_explicit"
  check_beacon        = false
  notify_switches     = true
  failback            = true
}

# planned as vmk1; ESXi numbers new VMkernel adapters itself
resource "vsphere_vnic" "esx04_vmk1" {
  host      = data.vsphere_host.esx04.id
  portgroup = vsphere_host_port_group.esx04_vMotion-1.name
  mtu       = 9000
  netstack  = "defaultTcpipStack"
  services  = ["vmotion"]
  ipv4 {
    ip      = "198.51.100.7"
    netmask = "255.255.255.0"
  }
}

# planned as vmk2; ESXi numbers new VMkernel adapters itself
resource "vsphere_vnic" "esx04_vmk2" {
  host      = data.vsphere_host.esx04.id
  portgroup = vsphere_host_port_group.esx04_vMotion-2.name
  mtu       = 9000
  netstack  = "defaultTcpipStack"
  services  = ["vmotion"]
  ipv4 {
    ip      = "198.51.100.8"
    netmask = "255.255.255.0"
  }
}

# Not managed here, for review (management and team networks):
# vSwitch0: uplinks vmnic0, vmnic2, MTU 1500
# Management Network on vSwitch0, VLAN 10: active vmnic0; standby vmnic2; loadbalance_srcid
