# PowerCLI script: multi-NIC vMotion network
# Design: E1 two hosts back-to-back
# Revision: 7
# Generated: 2026-02-02T08:15:00Z
# Description: Two 8 x 1GbE hosts cabled back-to-back for vMotion on vmnic1, vmnic2, vmnic5 and vmnic6. One /30 per cable, one vSwitch per vMotion port group, MTU 9000.
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
$vs_vSwitch_vMotion_1 = New-VirtualSwitch -VMHost $vmhost -Name 'vSwitch-vMotion-1' -Mtu 9000 -Nic @('vmnic1')
$vs_vSwitch_vMotion_2 = New-VirtualSwitch -VMHost $vmhost -Name 'vSwitch-vMotion-2' -Mtu 9000 -Nic @('vmnic2')
$vs_vSwitch_vMotion_3 = New-VirtualSwitch -VMHost $vmhost -Name 'vSwitch-vMotion-3' -Mtu 9000 -Nic @('vmnic5')
$vs_vSwitch_vMotion_4 = New-VirtualSwitch -VMHost $vmhost -Name 'vSwitch-vMotion-4' -Mtu 9000 -Nic @('vmnic6')
$pg_vMotion_1 = New-VirtualPortGroup -VirtualSwitch $vs_vSwitch_vMotion_1 -Name 'vMotion-1'
$pg_vMotion_1 = Set-VirtualPortGroup -VirtualPortGroup $pg_vMotion_1 -VLanId 0
# Load-balancing names other than LoadBalanceIP are UNVERIFIED (docs/domain.md §3).
$pg_vMotion_1 | Get-NicTeamingPolicy | Set-NicTeamingPolicy -InheritFailoverOrder $false -MakeNicActive (Get-PlannedNic $vmhost @('vmnic1')) -LoadBalancingPolicy ExplicitFailover -NetworkFailoverDetectionPolicy LinkStatus -NotifySwitches $true -FailbackEnabled $true
$pg_vMotion_2 = New-VirtualPortGroup -VirtualSwitch $vs_vSwitch_vMotion_2 -Name 'vMotion-2'
$pg_vMotion_2 = Set-VirtualPortGroup -VirtualPortGroup $pg_vMotion_2 -VLanId 0
# Load-balancing names other than LoadBalanceIP are UNVERIFIED (docs/domain.md §3).
$pg_vMotion_2 | Get-NicTeamingPolicy | Set-NicTeamingPolicy -InheritFailoverOrder $false -MakeNicActive (Get-PlannedNic $vmhost @('vmnic2')) -LoadBalancingPolicy ExplicitFailover -NetworkFailoverDetectionPolicy LinkStatus -NotifySwitches $true -FailbackEnabled $true
$pg_vMotion_3 = New-VirtualPortGroup -VirtualSwitch $vs_vSwitch_vMotion_3 -Name 'vMotion-3'
$pg_vMotion_3 = Set-VirtualPortGroup -VirtualPortGroup $pg_vMotion_3 -VLanId 0
# Load-balancing names other than LoadBalanceIP are UNVERIFIED (docs/domain.md §3).
$pg_vMotion_3 | Get-NicTeamingPolicy | Set-NicTeamingPolicy -InheritFailoverOrder $false -MakeNicActive (Get-PlannedNic $vmhost @('vmnic5')) -LoadBalancingPolicy ExplicitFailover -NetworkFailoverDetectionPolicy LinkStatus -NotifySwitches $true -FailbackEnabled $true
$pg_vMotion_4 = New-VirtualPortGroup -VirtualSwitch $vs_vSwitch_vMotion_4 -Name 'vMotion-4'
$pg_vMotion_4 = Set-VirtualPortGroup -VirtualPortGroup $pg_vMotion_4 -VLanId 0
# Load-balancing names other than LoadBalanceIP are UNVERIFIED (docs/domain.md §3).
$pg_vMotion_4 | Get-NicTeamingPolicy | Set-NicTeamingPolicy -InheritFailoverOrder $false -MakeNicActive (Get-PlannedNic $vmhost @('vmnic6')) -LoadBalancingPolicy ExplicitFailover -NetworkFailoverDetectionPolicy LinkStatus -NotifySwitches $true -FailbackEnabled $true
$vmk_vmk1 = New-VMHostNetworkAdapter -VMHost $vmhost -VirtualSwitch $vs_vSwitch_vMotion_1 -PortGroup $pg_vMotion_1 -IP '198.51.100.1' -SubnetMask '255.255.255.252' -Mtu 9000 -VMotionEnabled $true
if ($vmk_vmk1.Name -ne 'vmk1') {
    Write-Warning ('Created ' + $vmk_vmk1.Name + ' where the plan says ' + 'vmk1' + '; the test plan names the planned vmk.')
}
$vmk_vmk2 = New-VMHostNetworkAdapter -VMHost $vmhost -VirtualSwitch $vs_vSwitch_vMotion_2 -PortGroup $pg_vMotion_2 -IP '198.51.100.5' -SubnetMask '255.255.255.252' -Mtu 9000 -VMotionEnabled $true
if ($vmk_vmk2.Name -ne 'vmk2') {
    Write-Warning ('Created ' + $vmk_vmk2.Name + ' where the plan says ' + 'vmk2' + '; the test plan names the planned vmk.')
}
$vmk_vmk3 = New-VMHostNetworkAdapter -VMHost $vmhost -VirtualSwitch $vs_vSwitch_vMotion_3 -PortGroup $pg_vMotion_3 -IP '198.51.100.9' -SubnetMask '255.255.255.252' -Mtu 9000 -VMotionEnabled $true
if ($vmk_vmk3.Name -ne 'vmk3') {
    Write-Warning ('Created ' + $vmk_vmk3.Name + ' where the plan says ' + 'vmk3' + '; the test plan names the planned vmk.')
}
$vmk_vmk4 = New-VMHostNetworkAdapter -VMHost $vmhost -VirtualSwitch $vs_vSwitch_vMotion_4 -PortGroup $pg_vMotion_4 -IP '198.51.100.13' -SubnetMask '255.255.255.252' -Mtu 9000 -VMotionEnabled $true
if ($vmk_vmk4.Name -ne 'vmk4') {
    Write-Warning ('Created ' + $vmk_vmk4.Name + ' where the plan says ' + 'vmk4' + '; the test plan names the planned vmk.')
}
# Not applied, for review (management and team networks; see docs/outputs.md):
# vSwitch0: uplinks vmnic0, vmnic4, MTU 1500
# vSwitch-VM: uplinks vmnic3, vmnic7, MTU 1500
# Management Network on vSwitch0, VLAN 0: active vmnic0; standby vmnic4; LoadBalanceSrcId
# VM Network on vSwitch-VM, VLAN 0: active vmnic3, vmnic7; LoadBalanceSrcId
# Check from the ESXi Shell of this host (or run vmkping-checks.sh), R39:
# vmkping -I vmk1 -d -s 8972 198.51.100.2   -> replies from 198.51.100.2 (esx02 vmk1), 0% packet loss
# vmkping -I vmk2 -d -s 8972 198.51.100.6   -> replies from 198.51.100.6 (esx02 vmk2), 0% packet loss
# vmkping -I vmk3 -d -s 8972 198.51.100.10   -> replies from 198.51.100.10 (esx02 vmk3), 0% packet loss
# vmkping -I vmk4 -d -s 8972 198.51.100.14   -> replies from 198.51.100.14 (esx02 vmk4), 0% packet loss

# ==== esx02 ===========================================================================
Write-Host 'Configuring the vMotion network of esx02'
$vmhost = Get-VMHost -Name $VMHostNames['esx02']
if ($vmhost.ConnectionState -ne 'Maintenance') {
    Write-Warning 'esx02 is not in maintenance mode.'
}
$vs_vSwitch_vMotion_1 = New-VirtualSwitch -VMHost $vmhost -Name 'vSwitch-vMotion-1' -Mtu 9000 -Nic @('vmnic1')
$vs_vSwitch_vMotion_2 = New-VirtualSwitch -VMHost $vmhost -Name 'vSwitch-vMotion-2' -Mtu 9000 -Nic @('vmnic2')
$vs_vSwitch_vMotion_3 = New-VirtualSwitch -VMHost $vmhost -Name 'vSwitch-vMotion-3' -Mtu 9000 -Nic @('vmnic5')
$vs_vSwitch_vMotion_4 = New-VirtualSwitch -VMHost $vmhost -Name 'vSwitch-vMotion-4' -Mtu 9000 -Nic @('vmnic6')
$pg_vMotion_1 = New-VirtualPortGroup -VirtualSwitch $vs_vSwitch_vMotion_1 -Name 'vMotion-1'
$pg_vMotion_1 = Set-VirtualPortGroup -VirtualPortGroup $pg_vMotion_1 -VLanId 0
# Load-balancing names other than LoadBalanceIP are UNVERIFIED (docs/domain.md §3).
$pg_vMotion_1 | Get-NicTeamingPolicy | Set-NicTeamingPolicy -InheritFailoverOrder $false -MakeNicActive (Get-PlannedNic $vmhost @('vmnic1')) -LoadBalancingPolicy ExplicitFailover -NetworkFailoverDetectionPolicy LinkStatus -NotifySwitches $true -FailbackEnabled $true
$pg_vMotion_2 = New-VirtualPortGroup -VirtualSwitch $vs_vSwitch_vMotion_2 -Name 'vMotion-2'
$pg_vMotion_2 = Set-VirtualPortGroup -VirtualPortGroup $pg_vMotion_2 -VLanId 0
# Load-balancing names other than LoadBalanceIP are UNVERIFIED (docs/domain.md §3).
$pg_vMotion_2 | Get-NicTeamingPolicy | Set-NicTeamingPolicy -InheritFailoverOrder $false -MakeNicActive (Get-PlannedNic $vmhost @('vmnic2')) -LoadBalancingPolicy ExplicitFailover -NetworkFailoverDetectionPolicy LinkStatus -NotifySwitches $true -FailbackEnabled $true
$pg_vMotion_3 = New-VirtualPortGroup -VirtualSwitch $vs_vSwitch_vMotion_3 -Name 'vMotion-3'
$pg_vMotion_3 = Set-VirtualPortGroup -VirtualPortGroup $pg_vMotion_3 -VLanId 0
# Load-balancing names other than LoadBalanceIP are UNVERIFIED (docs/domain.md §3).
$pg_vMotion_3 | Get-NicTeamingPolicy | Set-NicTeamingPolicy -InheritFailoverOrder $false -MakeNicActive (Get-PlannedNic $vmhost @('vmnic5')) -LoadBalancingPolicy ExplicitFailover -NetworkFailoverDetectionPolicy LinkStatus -NotifySwitches $true -FailbackEnabled $true
$pg_vMotion_4 = New-VirtualPortGroup -VirtualSwitch $vs_vSwitch_vMotion_4 -Name 'vMotion-4'
$pg_vMotion_4 = Set-VirtualPortGroup -VirtualPortGroup $pg_vMotion_4 -VLanId 0
# Load-balancing names other than LoadBalanceIP are UNVERIFIED (docs/domain.md §3).
$pg_vMotion_4 | Get-NicTeamingPolicy | Set-NicTeamingPolicy -InheritFailoverOrder $false -MakeNicActive (Get-PlannedNic $vmhost @('vmnic6')) -LoadBalancingPolicy ExplicitFailover -NetworkFailoverDetectionPolicy LinkStatus -NotifySwitches $true -FailbackEnabled $true
$vmk_vmk1 = New-VMHostNetworkAdapter -VMHost $vmhost -VirtualSwitch $vs_vSwitch_vMotion_1 -PortGroup $pg_vMotion_1 -IP '198.51.100.2' -SubnetMask '255.255.255.252' -Mtu 9000 -VMotionEnabled $true
if ($vmk_vmk1.Name -ne 'vmk1') {
    Write-Warning ('Created ' + $vmk_vmk1.Name + ' where the plan says ' + 'vmk1' + '; the test plan names the planned vmk.')
}
$vmk_vmk2 = New-VMHostNetworkAdapter -VMHost $vmhost -VirtualSwitch $vs_vSwitch_vMotion_2 -PortGroup $pg_vMotion_2 -IP '198.51.100.6' -SubnetMask '255.255.255.252' -Mtu 9000 -VMotionEnabled $true
if ($vmk_vmk2.Name -ne 'vmk2') {
    Write-Warning ('Created ' + $vmk_vmk2.Name + ' where the plan says ' + 'vmk2' + '; the test plan names the planned vmk.')
}
$vmk_vmk3 = New-VMHostNetworkAdapter -VMHost $vmhost -VirtualSwitch $vs_vSwitch_vMotion_3 -PortGroup $pg_vMotion_3 -IP '198.51.100.10' -SubnetMask '255.255.255.252' -Mtu 9000 -VMotionEnabled $true
if ($vmk_vmk3.Name -ne 'vmk3') {
    Write-Warning ('Created ' + $vmk_vmk3.Name + ' where the plan says ' + 'vmk3' + '; the test plan names the planned vmk.')
}
$vmk_vmk4 = New-VMHostNetworkAdapter -VMHost $vmhost -VirtualSwitch $vs_vSwitch_vMotion_4 -PortGroup $pg_vMotion_4 -IP '198.51.100.14' -SubnetMask '255.255.255.252' -Mtu 9000 -VMotionEnabled $true
if ($vmk_vmk4.Name -ne 'vmk4') {
    Write-Warning ('Created ' + $vmk_vmk4.Name + ' where the plan says ' + 'vmk4' + '; the test plan names the planned vmk.')
}
# Not applied, for review (management and team networks; see docs/outputs.md):
# vSwitch0: uplinks vmnic0, vmnic4, MTU 1500
# vSwitch-VM: uplinks vmnic3, vmnic7, MTU 1500
# Management Network on vSwitch0, VLAN 0: active vmnic0; standby vmnic4; LoadBalanceSrcId
# VM Network on vSwitch-VM, VLAN 0: active vmnic3, vmnic7; LoadBalanceSrcId
# Check from the ESXi Shell of this host (or run vmkping-checks.sh), R39:
# vmkping -I vmk1 -d -s 8972 198.51.100.1   -> replies from 198.51.100.1 (esx01 vmk1), 0% packet loss
# vmkping -I vmk2 -d -s 8972 198.51.100.5   -> replies from 198.51.100.5 (esx01 vmk2), 0% packet loss
# vmkping -I vmk3 -d -s 8972 198.51.100.9   -> replies from 198.51.100.9 (esx01 vmk3), 0% packet loss
# vmkping -I vmk4 -d -s 8972 198.51.100.13   -> replies from 198.51.100.13 (esx01 vmk4), 0% packet loss
