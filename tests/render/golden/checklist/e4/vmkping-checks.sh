#!/bin/sh
# vmkping checks of the vMotion test plan (R39)
# Design: E4 four hosts switched
# Revision: 7
# Generated: 2026-02-02T08:15:00Z
# Run in the ESXi Shell of the host you name; both ends of each check must be configured.
set -eu

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

# Standby checks take one vmnic down so its vmks fail over to their standby uplink (R3); the
# trap brings it back up however the script ends.
down=""
restore() {
    if [ -n "$down" ]; then
        esxcli network nic up -n "$down"
        down=""
    fi
}
trap restore EXIT
trap 'restore; exit 130' INT TERM
uplink_down() {
    echo "+ esxcli network nic down -n $1"
    down="$1"
    esxcli network nic down -n "$1"
    sleep "${FAILOVER_WAIT:-5}"
}
uplink_up() {
    echo "+ esxcli network nic up -n $1"
    esxcli network nic up -n "$1"
    down=""
    sleep "${FAILOVER_WAIT:-5}"
}

if [ "$#" -lt 1 ] || [ "$#" -gt 2 ]; then
    echo 'usage: sh vmkping-checks.sh HOST [standby]   (HOST: esx01 esx02 esx03 esx04)' >&2
    exit 2
fi
case "$1:${2:-active}" in
    esx01:active)
        # esx01 → esx02
        # Lane 1: esx01 vmk1 -> esx02 vmk1; expected: replies from 198.51.100.3 (esx02 vmk1), 0% packet loss
        check vmkping -I vmk1 -d -s 8972 198.51.100.3
        # Lane 1: esx01 vmk1 -> esx02 vmk2; expected: replies from 198.51.100.4 (esx02 vmk2), 0% packet loss
        check vmkping -I vmk1 -d -s 8972 198.51.100.4
        # Lane 2: esx01 vmk2 -> esx02 vmk1; expected: replies from 198.51.100.3 (esx02 vmk1), 0% packet loss
        check vmkping -I vmk2 -d -s 8972 198.51.100.3
        # Lane 2: esx01 vmk2 -> esx02 vmk2; expected: replies from 198.51.100.4 (esx02 vmk2), 0% packet loss
        check vmkping -I vmk2 -d -s 8972 198.51.100.4
        ;;
    esx01:standby)
        # esx01 → esx02, standby path (vmnic1 down)
        uplink_down vmnic1
        # Lane 1: esx01 vmk1 -> esx02 vmk1; expected: with vmnic1 down, vmk1 fails over to vmnic3; replies from 198.51.100.3 (esx02 vmk1), 0% packet loss
        check vmkping -I vmk1 -d -s 8972 198.51.100.3
        uplink_up vmnic1
        # esx01 → esx02, standby path (vmnic3 down)
        uplink_down vmnic3
        # Lane 2: esx01 vmk2 -> esx02 vmk2; expected: with vmnic3 down, vmk2 fails over to vmnic1; replies from 198.51.100.4 (esx02 vmk2), 0% packet loss
        check vmkping -I vmk2 -d -s 8972 198.51.100.4
        uplink_up vmnic3
        ;;
    esx02:active)
        # esx02 → esx03
        # Lane 1: esx02 vmk1 -> esx03 vmk1; expected: replies from 198.51.100.5 (esx03 vmk1), 0% packet loss
        check vmkping -I vmk1 -d -s 8972 198.51.100.5
        # Lane 1: esx02 vmk1 -> esx03 vmk2; expected: replies from 198.51.100.6 (esx03 vmk2), 0% packet loss
        check vmkping -I vmk1 -d -s 8972 198.51.100.6
        # Lane 2: esx02 vmk2 -> esx03 vmk1; expected: replies from 198.51.100.5 (esx03 vmk1), 0% packet loss
        check vmkping -I vmk2 -d -s 8972 198.51.100.5
        # Lane 2: esx02 vmk2 -> esx03 vmk2; expected: replies from 198.51.100.6 (esx03 vmk2), 0% packet loss
        check vmkping -I vmk2 -d -s 8972 198.51.100.6
        ;;
    esx02:standby)
        # esx02 → esx03, standby path (vmnic1 down)
        uplink_down vmnic1
        # Lane 1: esx02 vmk1 -> esx03 vmk1; expected: with vmnic1 down, vmk1 fails over to vmnic3; replies from 198.51.100.5 (esx03 vmk1), 0% packet loss
        check vmkping -I vmk1 -d -s 8972 198.51.100.5
        uplink_up vmnic1
        # esx02 → esx03, standby path (vmnic3 down)
        uplink_down vmnic3
        # Lane 2: esx02 vmk2 -> esx03 vmk2; expected: with vmnic3 down, vmk2 fails over to vmnic1; replies from 198.51.100.6 (esx03 vmk2), 0% packet loss
        check vmkping -I vmk2 -d -s 8972 198.51.100.6
        uplink_up vmnic3
        ;;
    esx03:active)
        # esx03 → esx04
        # Lane 1: esx03 vmk1 -> esx04 vmk1; expected: replies from 198.51.100.7 (esx04 vmk1), 0% packet loss
        check vmkping -I vmk1 -d -s 8972 198.51.100.7
        # Lane 1: esx03 vmk1 -> esx04 vmk2; expected: replies from 198.51.100.8 (esx04 vmk2), 0% packet loss
        check vmkping -I vmk1 -d -s 8972 198.51.100.8
        # Lane 2: esx03 vmk2 -> esx04 vmk1; expected: replies from 198.51.100.7 (esx04 vmk1), 0% packet loss
        check vmkping -I vmk2 -d -s 8972 198.51.100.7
        # Lane 2: esx03 vmk2 -> esx04 vmk2; expected: replies from 198.51.100.8 (esx04 vmk2), 0% packet loss
        check vmkping -I vmk2 -d -s 8972 198.51.100.8
        ;;
    esx03:standby)
        # esx03 → esx04, standby path (vmnic1 down)
        uplink_down vmnic1
        # Lane 1: esx03 vmk1 -> esx04 vmk1; expected: with vmnic1 down, vmk1 fails over to vmnic3; replies from 198.51.100.7 (esx04 vmk1), 0% packet loss
        check vmkping -I vmk1 -d -s 8972 198.51.100.7
        uplink_up vmnic1
        # esx03 → esx04, standby path (vmnic3 down)
        uplink_down vmnic3
        # Lane 2: esx03 vmk2 -> esx04 vmk2; expected: with vmnic3 down, vmk2 fails over to vmnic1; replies from 198.51.100.8 (esx04 vmk2), 0% packet loss
        check vmkping -I vmk2 -d -s 8972 198.51.100.8
        uplink_up vmnic3
        ;;
    esx04:active)
        # esx04 → esx01
        # Lane 1: esx04 vmk1 -> esx01 vmk1; expected: replies from 198.51.100.1 (esx01 vmk1), 0% packet loss
        check vmkping -I vmk1 -d -s 8972 198.51.100.1
        # Lane 1: esx04 vmk1 -> esx01 vmk2; expected: replies from 198.51.100.2 (esx01 vmk2), 0% packet loss
        check vmkping -I vmk1 -d -s 8972 198.51.100.2
        # Lane 2: esx04 vmk2 -> esx01 vmk1; expected: replies from 198.51.100.1 (esx01 vmk1), 0% packet loss
        check vmkping -I vmk2 -d -s 8972 198.51.100.1
        # Lane 2: esx04 vmk2 -> esx01 vmk2; expected: replies from 198.51.100.2 (esx01 vmk2), 0% packet loss
        check vmkping -I vmk2 -d -s 8972 198.51.100.2
        ;;
    esx04:standby)
        # esx04 → esx01, standby path (vmnic1 down)
        uplink_down vmnic1
        # Lane 1: esx04 vmk1 -> esx01 vmk1; expected: with vmnic1 down, vmk1 fails over to vmnic3; replies from 198.51.100.1 (esx01 vmk1), 0% packet loss
        check vmkping -I vmk1 -d -s 8972 198.51.100.1
        uplink_up vmnic1
        # esx04 → esx01, standby path (vmnic3 down)
        uplink_down vmnic3
        # Lane 2: esx04 vmk2 -> esx01 vmk2; expected: with vmnic3 down, vmk2 fails over to vmnic1; replies from 198.51.100.2 (esx01 vmk2), 0% packet loss
        check vmkping -I vmk2 -d -s 8972 198.51.100.2
        uplink_up vmnic3
        ;;
    *)
        echo 'No such checks start on that host. usage: sh vmkping-checks.sh HOST [standby]   (HOST: esx01 esx02 esx03 esx04)' >&2
        exit 2
        ;;
esac

if [ "$failed" -ne 0 ]; then
    echo "$failed of $checks vmkping checks failed." >&2
    echo "Expected until the peer host is configured; else check cabling, VLAN, MTU." >&2
    exit 1
fi
echo "All $checks vmkping checks passed."
