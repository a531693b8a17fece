#!/bin/sh
# esxcli script: multi-NIC vMotion network of esx04
# Design: E4 four hosts switched
# Revision: 7
# Host: esx04
# Generated: 2026-02-02T08:15:00Z
# Description: One vMotion subnet and VLAN. vMotion-1 active on card A with card B standby, vMotion-2 the mirror image. Card A ports go to switch 1, card B ports to switch 2; jumbo 9216 and PortFast.
#
# Before you run it: put the host in maintenance mode, run it on one host at a time,
# in the ESXi Shell or over SSH:  sh esxcli-esx04.sh
# It creates the vMotion, IP-storage and service vmks listed below, with their port
# groups and the vSwitches that exist only for them. It does not touch vSwitch0, the
# management port group or vmk0, the VM-traffic team, nor anything on uplinks patched
# today (existing): those are listed at the end as comments to review.
# It stops at the first command that fails and ends with the vmkping checks (R39).

set -eu

# run: print a command, run it, stop the script at the first failure.
run() {
    printf '+ %s\n' "$*"
    "$@" || {
        rc=$?
        printf 'FAILED (exit %s): %s\n' "$rc" "$*" >&2
        exit "$rc"
    }
}

echo 'Configuring the vMotion network of esx04'

echo '== vSwitches'
run esxcli network vswitch standard add --vswitch-name=vSwitch-vMotion
run esxcli network vswitch standard set --vswitch-name=vSwitch-vMotion --mtu=9000
run esxcli network vswitch standard uplink add --uplink-name=vmnic1 --vswitch-name=vSwitch-vMotion
run esxcli network vswitch standard uplink add --uplink-name=vmnic3 --vswitch-name=vSwitch-vMotion

echo '== Port groups and failover order'
run esxcli network vswitch standard portgroup add --portgroup-name=vMotion-1 --vswitch-name=vSwitch-vMotion
run esxcli network vswitch standard portgroup set --portgroup-name=vMotion-1 --vlan-id=20
run esxcli network vswitch standard portgroup policy failover set --portgroup-name=vMotion-1 --active-uplinks=vmnic1 --standby-uplinks=vmnic3 --load-balancing=explicit --failure-detection=link --failback=true --notify-switches=true
run esxcli network vswitch standard portgroup add --portgroup-name=vMotion-2 --vswitch-name=vSwitch-vMotion
run esxcli network vswitch standard portgroup set --portgroup-name=vMotion-2 --vlan-id=20
run esxcli network vswitch standard portgroup policy failover set --portgroup-name=vMotion-2 --active-uplinks=vmnic3 --standby-uplinks=vmnic1 --load-balancing=explicit --failure-detection=link --failback=true --notify-switches=true

echo '== VMkernel ports'
run esxcli network ip interface add --interface-name=vmk1 --portgroup-name=vMotion-1 --mtu=9000
run esxcli network ip interface ipv4 set --interface-name=vmk1 --ipv4=198.51.100.7 --netmask=255.255.255.0 --type=static
run esxcli network ip interface tag add --interface-name=vmk1 --tagname=VMotion
run esxcli network ip interface add --interface-name=vmk2 --portgroup-name=vMotion-2 --mtu=9000
run esxcli network ip interface ipv4 set --interface-name=vmk2 --ipv4=198.51.100.8 --netmask=255.255.255.0 --type=static
run esxcli network ip interface tag add --interface-name=vmk2 --tagname=VMotion

# ---------------------------------------------------------------------------------
# NOT APPLIED: management and team networks, for review. Changing the network this
# session runs over can cut it off; VM-traffic and storage teams carry running traffic
# and an IP-hash team must change together with its EtherChannel (R20, KB 1001938).
# Apply by hand from the host console (DCUI/ESXi Shell), adding an uplink before you
# change the failover order, and only if the host differs from the plan.
# vSwitch0 (exists; skip uplinks it already has): uplinks vmnic0, vmnic2
# esxcli network vswitch standard set --vswitch-name=vSwitch0 --mtu=1500
# esxcli network vswitch standard uplink add --uplink-name=vmnic0 --vswitch-name=vSwitch0
# esxcli network vswitch standard uplink add --uplink-name=vmnic2 --vswitch-name=vSwitch0
# esxcli network vswitch standard portgroup set --portgroup-name='Management Network' --vlan-id=10
# esxcli network vswitch standard portgroup policy failover set --portgroup-name='Management Network' --active-uplinks=vmnic0 --standby-uplinks=vmnic2 --load-balancing=portid --failure-detection=link --failback=true --notify-switches=true
# vmk0 stays as it is: 192.0.2.34/24 on port group Management Network

# check: run one vmkping, count it as passed or failed, carry on with the next.
checks=0
failed=0
check() {
    checks=$((checks + 1))
    printf '+ %s\n' "$*"
    if "$@"; then
        echo "PASS"
    else
        echo "FAIL"
        failed=$((failed + 1))
    fi
}
echo '== vmkping checks (jumbo, do not fragment)'
# Lane 1: esx04 vmk1 -> esx01 vmk1; expected: replies from 198.51.100.1 (esx01 vmk1), 0% packet loss
check vmkping -I vmk1 -d -s 8972 198.51.100.1
# Lane 1: esx04 vmk1 -> esx01 vmk2; expected: replies from 198.51.100.2 (esx01 vmk2), 0% packet loss
check vmkping -I vmk1 -d -s 8972 198.51.100.2
# Lane 2: esx04 vmk2 -> esx01 vmk1; expected: replies from 198.51.100.1 (esx01 vmk1), 0% packet loss
check vmkping -I vmk2 -d -s 8972 198.51.100.1
# Lane 2: esx04 vmk2 -> esx01 vmk2; expected: replies from 198.51.100.2 (esx01 vmk2), 0% packet loss
check vmkping -I vmk2 -d -s 8972 198.51.100.2
if [ "$failed" -ne 0 ]; then
    echo "$failed of $checks vmkping checks failed." >&2
    echo "Expected until the peer host is configured; else check cabling, VLAN, MTU." >&2
    exit 1
fi
echo "All $checks vmkping checks passed."
