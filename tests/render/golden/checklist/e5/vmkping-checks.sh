#!/bin/sh
# vmkping checks of the vMotion test plan (R39)
# Design: E5 vMotion in the management subnet
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

# advanced_is: an advanced option reads the planned value (esxcli prints '   Int Value: N').
advanced_is() {
    esxcli system settings advanced list --option="$1" | grep -q "^ *Int Value: $2\$"
}

if [ "$#" -ne 1 ]; then
    echo 'usage: sh vmkping-checks.sh HOST   (HOST: esx01 esx02)' >&2
    exit 2
fi
case "$1" in
    esx01)
        # Lane 1: esx01 vmk1 -> esx02 vmk1; expected: replies from 192.0.2.4 (esx02 vmk1), 0% packet loss
        check vmkping -I vmk1 -d -s 1472 192.0.2.4
        # Lane 2: esx01 vmk2 -> esx02 vmk2; expected: replies from 192.0.2.5 (esx02 vmk2), 0% packet loss
        check vmkping -I vmk2 -d -s 1472 192.0.2.5
        # esxcli system settings advanced list --option=/Migrate/BindToVmknic; expected: Int Value: 1 (R9)
        check advanced_is /Migrate/BindToVmknic 1
        ;;
    esx02)
        # Lane 1: esx02 vmk1 -> esx01 vmk1; expected: replies from 192.0.2.2 (esx01 vmk1), 0% packet loss
        check vmkping -I vmk1 -d -s 1472 192.0.2.2
        # Lane 2: esx02 vmk2 -> esx01 vmk2; expected: replies from 192.0.2.3 (esx01 vmk2), 0% packet loss
        check vmkping -I vmk2 -d -s 1472 192.0.2.3
        # esxcli system settings advanced list --option=/Migrate/BindToVmknic; expected: Int Value: 1 (R9)
        check advanced_is /Migrate/BindToVmknic 1
        ;;
    *)
        echo 'No checks start on that host. usage: sh vmkping-checks.sh HOST   (HOST: esx01 esx02)' >&2
        exit 2
        ;;
esac

if [ "$failed" -ne 0 ]; then
    echo "$failed of $checks vmkping checks failed." >&2
    echo "Expected until the peer host is configured; else check cabling, VLAN, MTU." >&2
    exit 1
fi
echo "All $checks vmkping checks passed."
