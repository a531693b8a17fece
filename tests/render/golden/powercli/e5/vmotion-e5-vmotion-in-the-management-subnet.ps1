# PowerCLI script: multi-NIC vMotion network
# Design: E5 vMotion in the management subnet
# Revision: 7
# Generated: 2026-02-02T08:15:00Z
# Description: The customer has one routed subnet for the hosts. vMotion shares it with management, which KB 2010877 warns against; the override sets Migrate.BindToVmknic so vMotion leaves through its own vmk.
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
$vs_vSwitch_vMotion = New-VirtualSwitch -VMHost $vmhost -Name 'vSwitch-vMotion' -Mtu 1500 -Nic @('vmnic1','vmnic3')
$pg_vMotion_1 = New-VirtualPortGroup -VirtualSwitch $vs_vSwitch_vMotion -Name 'vMotion-1'
$pg_vMotion_1 = Set-VirtualPortGroup -VirtualPortGroup $pg_vMotion_1 -VLanId 0
# Load-balancing names other than LoadBalanceIP are UNVERIFIED (docs/domain.md §3).
$pg_vMotion_1 | Get-NicTeamingPolicy | Set-NicTeamingPolicy -InheritFailoverOrder $false -MakeNicActive (Get-PlannedNic $vmhost @('vmnic1')) -MakeNicStandby (Get-PlannedNic $vmhost @('vmnic3')) -LoadBalancingPolicy ExplicitFailover -NetworkFailoverDetectionPolicy LinkStatus -NotifySwitches $true -FailbackEnabled $true
$pg_vMotion_2 = New-VirtualPortGroup -VirtualSwitch $vs_vSwitch_vMotion -Name 'vMotion-2'
$pg_vMotion_2 = Set-VirtualPortGroup -VirtualPortGroup $pg_vMotion_2 -VLanId 0
# Load-balancing names other than LoadBalanceIP are UNVERIFIED (docs/domain.md §3).
$pg_vMotion_2 | Get-NicTeamingPolicy | Set-NicTeamingPolicy -InheritFailoverOrder $false -MakeNicActive (Get-PlannedNic $vmhost @('vmnic3')) -MakeNicStandby (Get-PlannedNic $vmhost @('vmnic1')) -LoadBalancingPolicy ExplicitFailover -NetworkFailoverDetectionPolicy LinkStatus -NotifySwitches $true -FailbackEnabled $true
$vmk_vmk1 = New-VMHostNetworkAdapter -VMHost $vmhost -VirtualSwitch $vs_vSwitch_vMotion -PortGroup $pg_vMotion_1 -IP '192.0.2.2' -SubnetMask '255.255.255.0' -Mtu 1500 -VMotionEnabled $true
if ($vmk_vmk1.Name -ne 'vmk1') {
    Write-Warning ('Created ' + $vmk_vmk1.Name + ' where the plan says ' + 'vmk1' + '; the test plan names the planned vmk.')
}
$vmk_vmk2 = New-VMHostNetworkAdapter -VMHost $vmhost -VirtualSwitch $vs_vSwitch_vMotion -PortGroup $pg_vMotion_2 -IP '192.0.2.3' -SubnetMask '255.255.255.0' -Mtu 1500 -VMotionEnabled $true
if ($vmk_vmk2.Name -ne 'vmk2') {
    Write-Warning ('Created ' + $vmk_vmk2.Name + ' where the plan says ' + 'vmk2' + '; the test plan names the planned vmk.')
}
# vMotion shares the management subnet (R9): bind it to its own vmk (S-VHYPER).
# Get-AdvancedSetting | Set-AdvancedSetting is UNVERIFIED (docs/domain.md section 3).
Get-AdvancedSetting -Entity $vmhost -Name 'Migrate.BindToVmknic' | Set-AdvancedSetting -Value 1 -Confirm:$false
# Not applied, for review (management and team networks; see docs/outputs.md):
# vSwitch0: uplinks vmnic0, vmnic2, MTU 1500
# Management Network on vSwitch0, VLAN 0: active vmnic0; standby vmnic2; LoadBalanceSrcId
# Check from the ESXi Shell of this host (or run vmkping-checks.sh), R39:
# vmkping -I vmk1 -d -s 1472 192.0.2.4   -> replies from 192.0.2.4 (esx02 vmk1), 0% packet loss
# vmkping -I vmk1 -d -s 1472 192.0.2.5   -> replies from 192.0.2.5 (esx02 vmk2), 0% packet loss
# vmkping -I vmk2 -d -s 1472 192.0.2.4   -> replies from 192.0.2.4 (esx02 vmk1), 0% packet loss
# vmkping -I vmk2 -d -s 1472 192.0.2.5   -> replies from 192.0.2.5 (esx02 vmk2), 0% packet loss

# ==== esx02 ===========================================================================
Write-Host 'Configuring the vMotion network of esx02'
$vmhost = Get-VMHost -Name $VMHostNames['esx02']
if ($vmhost.ConnectionState -ne 'Maintenance') {
    Write-Warning 'esx02 is not in maintenance mode.'
}
$vs_vSwitch_vMotion = New-VirtualSwitch -VMHost $vmhost -Name 'vSwitch-vMotion' -Mtu 1500 -Nic @('vmnic1','vmnic3')
$pg_vMotion_1 = New-VirtualPortGroup -VirtualSwitch $vs_vSwitch_vMotion -Name 'vMotion-1'
$pg_vMotion_1 = Set-VirtualPortGroup -VirtualPortGroup $pg_vMotion_1 -VLanId 0
# Load-balancing names other than LoadBalanceIP are UNVERIFIED (docs/domain.md §3).
$pg_vMotion_1 | Get-NicTeamingPolicy | Set-NicTeamingPolicy -InheritFailoverOrder $false -MakeNicActive (Get-PlannedNic $vmhost @('vmnic1')) -MakeNicStandby (Get-PlannedNic $vmhost @('vmnic3')) -LoadBalancingPolicy ExplicitFailover -NetworkFailoverDetectionPolicy LinkStatus -NotifySwitches $true -FailbackEnabled $true
$pg_vMotion_2 = New-VirtualPortGroup -VirtualSwitch $vs_vSwitch_vMotion -Name 'vMotion-2'
$pg_vMotion_2 = Set-VirtualPortGroup -VirtualPortGroup $pg_vMotion_2 -VLanId 0
# Load-balancing names other than LoadBalanceIP are UNVERIFIED (docs/domain.md §3).
$pg_vMotion_2 | Get-NicTeamingPolicy | Set-NicTeamingPolicy -InheritFailoverOrder $false -MakeNicActive (Get-PlannedNic $vmhost @('vmnic3')) -MakeNicStandby (Get-PlannedNic $vmhost @('vmnic1')) -LoadBalancingPolicy ExplicitFailover -NetworkFailoverDetectionPolicy LinkStatus -NotifySwitches $true -FailbackEnabled $true
$vmk_vmk1 = New-VMHostNetworkAdapter -VMHost $vmhost -VirtualSwitch $vs_vSwitch_vMotion -PortGroup $pg_vMotion_1 -IP '192.0.2.4' -SubnetMask '255.255.255.0' -Mtu 1500 -VMotionEnabled $true
if ($vmk_vmk1.Name -ne 'vmk1') {
    Write-Warning ('Created ' + $vmk_vmk1.Name + ' where the plan says ' + 'vmk1' + '; the test plan names the planned vmk.')
}
$vmk_vmk2 = New-VMHostNetworkAdapter -VMHost $vmhost -VirtualSwitch $vs_vSwitch_vMotion -PortGroup $pg_vMotion_2 -IP '192.0.2.5' -SubnetMask '255.255.255.0' -Mtu 1500 -VMotionEnabled $true
if ($vmk_vmk2.Name -ne 'vmk2') {
    Write-Warning ('Created ' + $vmk_vmk2.Name + ' where the plan says ' + 'vmk2' + '; the test plan names the planned vmk.')
}
# vMotion shares the management subnet (R9): bind it to its own vmk (S-VHYPER).
# Get-AdvancedSetting | Set-AdvancedSetting is UNVERIFIED (docs/domain.md section 3).
Get-AdvancedSetting -Entity $vmhost -Name 'Migrate.BindToVmknic' | Set-AdvancedSetting -Value 1 -Confirm:$false
# Not applied, for review (management and team networks; see docs/outputs.md):
# vSwitch0: uplinks vmnic0, vmnic2, MTU 1500
# Management Network on vSwitch0, VLAN 0: active vmnic0; standby vmnic2; LoadBalanceSrcId
# Check from the ESXi Shell of this host (or run vmkping-checks.sh), R39:
# vmkping -I vmk1 -d -s 1472 192.0.2.2   -> replies from 192.0.2.2 (esx01 vmk1), 0% packet loss
# vmkping -I vmk1 -d -s 1472 192.0.2.3   -> replies from 192.0.2.3 (esx01 vmk2), 0% packet loss
# vmkping -I vmk2 -d -s 1472 192.0.2.2   -> replies from 192.0.2.2 (esx01 vmk1), 0% packet loss
# vmkping -I vmk2 -d -s 1472 192.0.2.3   -> replies from 192.0.2.3 (esx01 vmk2), 0% packet loss
