# PowerCLI script: multi-NIC vMotion network
# Design: E6 IP-hash VM team on a switch stack
# Revision: 7
# Generated: 2026-02-02T08:15:00Z
# Description: VM traffic on two ports (one per card) with Route based on IP hash, bundled in a static EtherChannel across a two-member Catalyst stack. vMotion multi-NIC on the other two ports.
#
# Run it after Connect-VIServer, with each host in maintenance mode. Run one host
# block at a time and check it with the test plan (vmkping) before the next.
# It creates the vMotion, IP-storage and service VMkernel adapters with their port
# groups and vSwitches; it does not touch vSwitch0, the management port group or vmk0,
# the VM-traffic team, nor anything on uplinks patched today (existing): each host
# block lists those as comments to review.

param([switch]$Force)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

if (-not $global:DefaultVIServer) {
    throw 'Connect to vCenter first with Connect-VIServer.'
}

# Physical NIC objects of a host by vmnic name (for Set-NicTeamingPolicy).
function Get-PlannedNic($VMHost, [string[]]$Names) {
    foreach ($name in $Names) {
        Get-VMHostNetworkAdapter -VMHost $VMHost -Physical -Name $name
    }
}

# The name vCenter knows each host by. Change the right-hand side if vCenter uses an
# FQDN or an IP address for a host.
$VMHostNames = @{
    'esx01' = 'esx01'
    'esx02' = 'esx02'
}

# ==== esx01 ===========================================================================
Write-Host 'Configuring the vMotion network of esx01'
$vmhost = Get-VMHost -Name $VMHostNames['esx01']
if ($vmhost.ConnectionState -ne 'Maintenance') {
    Write-Warning 'esx01 is not in maintenance mode.'
}
$vs_vSwitch_vMotion = New-VirtualSwitch -VMHost $vmhost -Name 'vSwitch-vMotion' -Mtu 9000 -Nic @('vmnic2','vmnic6')
$pg_vMotion_1 = New-VirtualPortGroup -VirtualSwitch $vs_vSwitch_vMotion -Name 'vMotion-1'
$pg_vMotion_1 = Set-VirtualPortGroup -VirtualPortGroup $pg_vMotion_1 -VLanId 30
# Load-balancing names other than LoadBalanceIP are UNVERIFIED (docs/domain.md §3).
$pg_vMotion_1 | Get-NicTeamingPolicy | Set-NicTeamingPolicy -InheritFailoverOrder $false -MakeNicActive (Get-PlannedNic $vmhost @('vmnic2')) -MakeNicStandby (Get-PlannedNic $vmhost @('vmnic6')) -LoadBalancingPolicy ExplicitFailover -NetworkFailoverDetectionPolicy LinkStatus -NotifySwitches $true -FailbackEnabled $true
$pg_vMotion_2 = New-VirtualPortGroup -VirtualSwitch $vs_vSwitch_vMotion -Name 'vMotion-2'
$pg_vMotion_2 = Set-VirtualPortGroup -VirtualPortGroup $pg_vMotion_2 -VLanId 30
# Load-balancing names other than LoadBalanceIP are UNVERIFIED (docs/domain.md §3).
$pg_vMotion_2 | Get-NicTeamingPolicy | Set-NicTeamingPolicy -InheritFailoverOrder $false -MakeNicActive (Get-PlannedNic $vmhost @('vmnic6')) -MakeNicStandby (Get-PlannedNic $vmhost @('vmnic2')) -LoadBalancingPolicy ExplicitFailover -NetworkFailoverDetectionPolicy LinkStatus -NotifySwitches $true -FailbackEnabled $true
$vmk_vmk1 = New-VMHostNetworkAdapter -VMHost $vmhost -VirtualSwitch $vs_vSwitch_vMotion -PortGroup $pg_vMotion_1 -IP '198.51.100.1' -SubnetMask '255.255.255.0' -Mtu 9000 -VMotionEnabled $true
if ($vmk_vmk1.Name -ne 'vmk1') {
    Write-Warning ('Created ' + $vmk_vmk1.Name + ' where the plan says ' + 'vmk1' + '; the test plan names the planned vmk.')
}
$vmk_vmk2 = New-VMHostNetworkAdapter -VMHost $vmhost -VirtualSwitch $vs_vSwitch_vMotion -PortGroup $pg_vMotion_2 -IP '198.51.100.2' -SubnetMask '255.255.255.0' -Mtu 9000 -VMotionEnabled $true
if ($vmk_vmk2.Name -ne 'vmk2') {
    Write-Warning ('Created ' + $vmk_vmk2.Name + ' where the plan says ' + 'vmk2' + '; the test plan names the planned vmk.')
}
# Not applied, for review (management and team networks; see docs/outputs.md):
# vSwitch0: uplinks vmnic0, vmnic4, MTU 1500
# vSwitch-VM: uplinks vmnic1, vmnic5, MTU 1500
# Management Network on vSwitch0, VLAN 0: active vmnic0; standby vmnic4; LoadBalanceSrcId
# VM Network on vSwitch-VM, VLAN 100: active vmnic1, vmnic5; LoadBalanceIP
# Check from the ESXi Shell of this host (or run vmkping-checks.sh), R39:
# vmkping -I vmk1 -d -s 8972 198.51.100.3   -> replies from 198.51.100.3 (esx02 vmk1), 0% packet loss
# vmkping -I vmk1 -d -s 8972 198.51.100.4   -> replies from 198.51.100.4 (esx02 vmk2), 0% packet loss
# vmkping -I vmk2 -d -s 8972 198.51.100.3   -> replies from 198.51.100.3 (esx02 vmk1), 0% packet loss
# vmkping -I vmk2 -d -s 8972 198.51.100.4   -> replies from 198.51.100.4 (esx02 vmk2), 0% packet loss

# ==== esx02 ===========================================================================
Write-Host 'Configuring the vMotion network of esx02'
$vmhost = Get-VMHost -Name $VMHostNames['esx02']
if ($vmhost.ConnectionState -ne 'Maintenance') {
    Write-Warning 'esx02 is not in maintenance mode.'
}
$vs_vSwitch_vMotion = New-VirtualSwitch -VMHost $vmhost -Name 'vSwitch-vMotion' -Mtu 9000 -Nic @('vmnic2','vmnic6')
$pg_vMotion_1 = New-VirtualPortGroup -VirtualSwitch $vs_vSwitch_vMotion -Name 'vMotion-1'
$pg_vMotion_1 = Set-VirtualPortGroup -VirtualPortGroup $pg_vMotion_1 -VLanId 30
# Load-balancing names other than LoadBalanceIP are UNVERIFIED (docs/domain.md §3).
$pg_vMotion_1 | Get-NicTeamingPolicy | Set-NicTeamingPolicy -InheritFailoverOrder $false -MakeNicActive (Get-PlannedNic $vmhost @('vmnic2')) -MakeNicStandby (Get-PlannedNic $vmhost @('vmnic6')) -LoadBalancingPolicy ExplicitFailover -NetworkFailoverDetectionPolicy LinkStatus -NotifySwitches $true -FailbackEnabled $true
$pg_vMotion_2 = New-VirtualPortGroup -VirtualSwitch $vs_vSwitch_vMotion -Name 'vMotion-2'
$pg_vMotion_2 = Set-VirtualPortGroup -VirtualPortGroup $pg_vMotion_2 -VLanId 30
# Load-balancing names other than LoadBalanceIP are UNVERIFIED (docs/domain.md §3).
$pg_vMotion_2 | Get-NicTeamingPolicy | Set-NicTeamingPolicy -InheritFailoverOrder $false -MakeNicActive (Get-PlannedNic $vmhost @('vmnic6')) -MakeNicStandby (Get-PlannedNic $vmhost @('vmnic2')) -LoadBalancingPolicy ExplicitFailover -NetworkFailoverDetectionPolicy LinkStatus -NotifySwitches $true -FailbackEnabled $true
$vmk_vmk1 = New-VMHostNetworkAdapter -VMHost $vmhost -VirtualSwitch $vs_vSwitch_vMotion -PortGroup $pg_vMotion_1 -IP '198.51.100.3' -SubnetMask '255.255.255.0' -Mtu 9000 -VMotionEnabled $true
if ($vmk_vmk1.Name -ne 'vmk1') {
    Write-Warning ('Created ' + $vmk_vmk1.Name + ' where the plan says ' + 'vmk1' + '; the test plan names the planned vmk.')
}
$vmk_vmk2 = New-VMHostNetworkAdapter -VMHost $vmhost -VirtualSwitch $vs_vSwitch_vMotion -PortGroup $pg_vMotion_2 -IP '198.51.100.4' -SubnetMask '255.255.255.0' -Mtu 9000 -VMotionEnabled $true
if ($vmk_vmk2.Name -ne 'vmk2') {
    Write-Warning ('Created ' + $vmk_vmk2.Name + ' where the plan says ' + 'vmk2' + '; the test plan names the planned vmk.')
}
# Not applied, for review (management and team networks; see docs/outputs.md):
# vSwitch0: uplinks vmnic0, vmnic4, MTU 1500
# vSwitch-VM: uplinks vmnic1, vmnic5, MTU 1500
# Management Network on vSwitch0, VLAN 0: active vmnic0; standby vmnic4; LoadBalanceSrcId
# VM Network on vSwitch-VM, VLAN 100: active vmnic1, vmnic5; LoadBalanceIP
# Check from the ESXi Shell of this host (or run vmkping-checks.sh), R39:
# vmkping -I vmk1 -d -s 8972 198.51.100.1   -> replies from 198.51.100.1 (esx01 vmk1), 0% packet loss
# vmkping -I vmk1 -d -s 8972 198.51.100.2   -> replies from 198.51.100.2 (esx01 vmk2), 0% packet loss
# vmkping -I vmk2 -d -s 8972 198.51.100.1   -> replies from 198.51.100.1 (esx01 vmk1), 0% packet loss
# vmkping -I vmk2 -d -s 8972 198.51.100.2   -> replies from 198.51.100.2 (esx01 vmk2), 0% packet loss
