# Terraform: multi-NIC vMotion network (vSphere provider)
# Design: E5 vMotion in the management subnet
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
  mtu              = 1500
  network_adapters = ["vmnic1", "vmnic3"]
  active_nics      = ["vmnic1", "vmnic3"]
  standby_nics     = []
}

resource "vsphere_host_port_group" "esx01_vMotion-1" {
  name                = "vMotion-1"
  host_system_id      = data.vsphere_host.esx01.id
  virtual_switch_name = vsphere_host_virtual_switch.esx01_vSwitch-vMotion.name
  vlan_id             = 0
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
  vlan_id             = 0
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
  mtu       = 1500
  netstack  = "defaultTcpipStack"
  services  = ["vmotion"]
  ipv4 {
    ip      = "192.0.2.2"
    netmask = "255.255.255.0"
  }
}

# planned as vmk2; ESXi numbers new VMkernel adapters itself
resource "vsphere_vnic" "esx01_vmk2" {
  host      = data.vsphere_host.esx01.id
  portgroup = vsphere_host_port_group.esx01_vMotion-2.name
  mtu       = 1500
  netstack  = "defaultTcpipStack"
  services  = ["vmotion"]
  ipv4 {
    ip      = "192.0.2.3"
    netmask = "255.255.255.0"
  }
}

# Not managed here, for review (management and team networks):
# vSwitch0: uplinks vmnic0, vmnic2, MTU 1500
# Management Network on vSwitch0, VLAN 0: active vmnic0; standby vmnic2; loadbalance_srcid

# ==== esx02
data "vsphere_host" "esx02" {
  name          = var.esxi_host_names["esx02"]
  datacenter_id = data.vsphere_datacenter.dc.id
}

resource "vsphere_host_virtual_switch" "esx02_vSwitch-vMotion" {
  name             = "vSwitch-vMotion"
  host_system_id   = data.vsphere_host.esx02.id
  mtu              = 1500
  network_adapters = ["vmnic1", "vmnic3"]
  active_nics      = ["vmnic1", "vmnic3"]
  standby_nics     = []
}

resource "vsphere_host_port_group" "esx02_vMotion-1" {
  name                = "vMotion-1"
  host_system_id      = data.vsphere_host.esx02.id
  virtual_switch_name = vsphere_host_virtual_switch.esx02_vSwitch-vMotion.name
  vlan_id             = 0
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
  vlan_id             = 0
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
  mtu       = 1500
  netstack  = "defaultTcpipStack"
  services  = ["vmotion"]
  ipv4 {
    ip      = "192.0.2.4"
    netmask = "255.255.255.0"
  }
}

# planned as vmk2; ESXi numbers new VMkernel adapters itself
resource "vsphere_vnic" "esx02_vmk2" {
  host      = data.vsphere_host.esx02.id
  portgroup = vsphere_host_port_group.esx02_vMotion-2.name
  mtu       = 1500
  netstack  = "defaultTcpipStack"
  services  = ["vmotion"]
  ipv4 {
    ip      = "192.0.2.5"
    netmask = "255.255.255.0"
  }
}

# Not managed here, for review (management and team networks):
# vSwitch0: uplinks vmnic0, vmnic2, MTU 1500
# Management Network on vSwitch0, VLAN 0: active vmnic0; standby vmnic2; loadbalance_srcid

# WARNING: the vSphere provider cannot set host advanced settings. vMotion shares the
# management subnet (R9), so set Migrate.BindToVmknic = 1 on these hosts with the esxcli
# script (esxcfg-advcfg -s 1 /Migrate/BindToVmknic), PowerCLI or Ansible.
output "advanced_settings_to_apply" {
  description = "Host advanced settings this plan needs (apply outside Terraform, R9)."
  value = {
    "esx01" = { "Migrate.BindToVmknic" = 1 }
    "esx02" = { "Migrate.BindToVmknic" = 1 }
  }
}
