"""esxcli script per host, for the ESXi Shell (busybox ash: POSIX sh only, no bashisms).

Applies the VMkernel networks of one host — vMotion, IP storage (iSCSI port binding, NFS) and
service vmks (see :mod:`app.render.hostscope` for what is applied and what is only shown) with
the verified syntax of docs/domain.md section 3: long options only, because
short letters change meaning between namespaces (``-v`` is ``--vswitch-name`` in ``portgroup
add`` but ``--vlan-id`` in ``portgroup set``; R39). Every command is echoed before it runs and the
script stops at the first one that fails. It ends with the host's vmkping checks.
"""

from __future__ import annotations

from ipaddress import IPv4Interface

from app.planner.design import Netstack, Role
from app.planner.result import PortGroup, Vmk, VmkPing, VSwitch
from app.render.base import Artifact, RenderContext
from app.render.hostscope import (
    NETSTACK_KEYS,
    HostScope,
    advanced_path,
    error_findings,
    header_facts,
    scopes,
    stack_key,
)
from app.render.quoting import sh_comment, sh_option, sh_quote

MEDIA_TYPE = "text/x-shellscript"
VSS = "esxcli network vswitch standard"

RUN_FUNCTION = """\
# run: print a command, run it, stop the script at the first failure.
run() {
    printf '+ %s\\n' "$*"
    "$@" || {
        rc=$?
        printf 'FAILED (exit %s): %s\\n' "$rc" "$*" >&2
        exit "$rc"
    }
}
"""

CHECK_FUNCTION = """\
# check: run one vmkping, count it as passed or failed, carry on with the next.
checks=0
failed=0
check() {
    checks=$((checks + 1))
    printf '+ %s\\n' "$*"
    if "$@"; then
        echo "PASS"
    else
        echo "FAIL"
        failed=$((failed + 1))
    fi
}
"""

CHECK_SUMMARY = """\
if [ "$failed" -ne 0 ]; then
    echo "$failed of $checks vmkping checks failed." >&2
    echo "Expected until the peer host is configured; else check cabling, VLAN, MTU." >&2
    exit 1
fi
echo "All $checks vmkping checks passed."
"""


def render(ctx: RenderContext, host: str | None) -> list[Artifact]:
    """One ``esxcli-<host>.sh`` per host (or only for ``host``)."""
    return [
        Artifact(f"esxcli-{s.name}.sh", MEDIA_TYPE, script(ctx, s)) for s in scopes(ctx.plan, host)
    ]


def script(ctx: RenderContext, scope: HostScope) -> str:
    """The whole script for one host."""
    parts = [
        _header(ctx, scope),
        "set -eu\n",
        RUN_FUNCTION,
        _error_gate(ctx),
        f"echo {sh_quote(f'Configuring the vMotion network of {scope.name}')}\n",
        _vswitches(scope),
        _portgroups(scope),
        _netstacks(scope),
        _vmks(scope),
        _advanced(scope),
        _review(scope),
        vmkping_section(scope.tests),
    ]
    return "\n".join(part for part in parts if part)


def _header(ctx: RenderContext, scope: HostScope) -> str:
    design = ctx.design
    facts = header_facts(design.name, ctx.revision, ctx.generated_at, scope.name)
    lines = ["#!/bin/sh", sh_comment(f"esxcli script: multi-NIC vMotion network of {scope.name}")]
    lines += [sh_comment(fact) for fact in facts]
    if design.description:
        lines.append(sh_comment(f"Description: {design.description}"))
    lines += [
        "#",
        "# Before you run it: put the host in maintenance mode, run it on one host at a time,",
        "# in the ESXi Shell or over SSH:  sh " + f"esxcli-{scope.name}.sh",
        "# It creates the vMotion, IP-storage and service vmks listed below, with their port",
        "# groups and the vSwitches that exist only for them. It does not touch vSwitch0, the",
        "# management port group or vmk0, the VM-traffic team, nor anything on uplinks patched",
        "# today (existing): those are listed at the end as comments to review.",
        "# It stops at the first command that fails and ends with the vmkping checks (R39).",
    ]
    return "\n".join(lines) + "\n"


def _error_gate(ctx: RenderContext) -> str:
    errors = error_findings(ctx.plan)
    if not errors:
        return ""
    lines = ["# The plan has errors; the script refuses to run unless FORCE=1 is set:"]
    lines += [sh_comment(f"  {error}") for error in errors]
    lines += [
        'if [ "${FORCE:-0}" != 1 ]; then',
        f"    echo {sh_quote(f'The plan has {len(errors)} error(s); fix the design first.')} >&2",
        "    exit 1",
        "fi",
    ]
    return "\n".join(lines) + "\n"


def vswitch_commands(vswitch: VSwitch, create: bool = True) -> list[str]:
    """Create a standard vSwitch, set its MTU and add its uplinks."""
    name = sh_option("vswitch-name", vswitch.name)
    lines = [f"{VSS} add {name}"] if create else []
    lines.append(f"{VSS} set {name} --mtu={vswitch.mtu}")
    lines += [
        f"{VSS} uplink add {sh_option('uplink-name', uplink)} {name}" for uplink in vswitch.uplinks
    ]
    return lines


def portgroup_commands(pg: PortGroup, create: bool = True) -> list[str]:
    """Add a port group, set its VLAN and override its failover order (R39)."""
    name = sh_option("portgroup-name", pg.name)
    lines = (
        [f"{VSS} portgroup add {name} {sh_option('vswitch-name', pg.vswitch)}"] if create else []
    )
    lines.append(f"{VSS} portgroup set {name} --vlan-id={pg.vlan}")
    # esxcli has no "unused" option: an uplink in neither list is unused, so the complete
    # active and standby lists are always passed (R39, S-UNUSED-BLOG).
    policy = f"{VSS} portgroup policy failover set {name}"
    if pg.active:
        policy += f" --active-uplinks={sh_quote(','.join(pg.active))}"
    if pg.standby:
        policy += f" --standby-uplinks={sh_quote(','.join(pg.standby))}"
    policy += f" --load-balancing={pg.load_balancing.value}"
    policy += f" --failure-detection={pg.failure_detection.value}"
    policy += f" --failback={_bool(pg.failback)} --notify-switches={_bool(pg.notify_switches)}"
    lines.append(policy)
    return lines


def vmk_commands(vmk: Vmk) -> list[str]:
    """Create a vmk on its port group and netstack, give it its static IPv4 and service tags."""
    iface = sh_option("interface-name", vmk.name)
    add = f"esxcli network ip interface add {iface} {sh_option('portgroup-name', vmk.portgroup)}"
    add += f" --mtu={vmk.mtu}"
    if vmk.netstack is not Netstack.DEFAULT:
        add += f" --netstack={NETSTACK_KEYS[vmk.netstack]}"
    lines = [add, _ipv4_set(iface, vmk.address, vmk)]
    for tag in vmk.services:
        # A vMotion or provisioning stack implies its service and needs no tag (R26); the
        # planner leaves such tags out, this keeps a hand-edited plan from adding them.
        if (tag, vmk.netstack) in _IMPLIED_TAGS:
            continue
        lines.append(f"esxcli network ip interface tag add {iface} {sh_option('tagname', tag)}")
    return lines


_IMPLIED_TAGS = {("VMotion", Netstack.VMOTION), ("vSphereProvisioning", Netstack.PROVISIONING)}


def _port_binding(scope: HostScope) -> str:
    """iSCSI port binding: each iSCSI vmk's port group has one active uplink and no standby
    (set above); binding it to the software iSCSI adapter needs that adapter's name, which
    only the host knows, so the command is written out to run by hand."""
    if not scope.iscsi_vmks:
        return ""
    lines = [
        "# iSCSI port binding: enable the software iSCSI adapter, find its name with",
        "# 'esxcli iscsi adapter list' (vmhbaNN), then bind each iSCSI vmk to it:",
    ]
    lines += [
        sh_comment(
            f"  esxcli iscsi networkportal add --adapter=vmhbaNN {sh_option('nic', vmk.name)}"
        )
        for vmk in scope.iscsi_vmks
    ]
    return "\n".join(lines) + "\n"


def _ipv4_set(iface: str, address: IPv4Interface, vmk: Vmk) -> str:
    line = f"esxcli network ip interface ipv4 set {iface} --ipv4={address.ip}"
    line += f" --netmask={address.netmask} --type=static"
    if vmk.gateway is not None:
        line += f" --gateway={vmk.gateway}"
    return line


def _bool(value: bool) -> str:
    return "true" if value else "false"


def _section(title: str, commands: list[str]) -> str:
    if not commands:
        return ""
    return "\n".join([f"echo {sh_quote(f'== {title}')}", *(f"run {c}" for c in commands)]) + "\n"


def _vswitches(scope: HostScope) -> str:
    commands = [line for vs in scope.vswitches for line in vswitch_commands(vs)]
    return _section("vSwitches", commands)


def _portgroups(scope: HostScope) -> str:
    commands = [line for pg in scope.portgroups for line in portgroup_commands(pg)]
    unused = [f"{pg.name}: {', '.join(pg.unused)}" for pg in scope.portgroups if pg.unused]
    note = [sh_comment(f"Unused by omission (R39): {u}") for u in unused]
    section = _section("Port groups and failover order", commands)
    return ("\n".join(note) + "\n" + section) if note and section else section


def _netstacks(scope: HostScope) -> str:
    lines = []
    for stack in scope.netstacks:
        value = NETSTACK_KEYS[stack]
        lines += [
            sh_comment(f"The {value} TCP/IP stack exists once any vmk uses it (R26, R27)."),
            f"if esxcli network ip netstack list | grep -qw {sh_quote(value)}; then",
            f"    echo {sh_quote(f'netstack {value} already exists')}",
            "else",
            f"    run esxcli network ip netstack add --netstack={value}",
            "fi",
        ]
    for stack_name, gateway in sorted(scope.host.netstack_gateways.items()):
        lines += [
            "# Routed vMotion: the stack's default gateway. Community syntax, UNVERIFIED against",
            "# the esxcli reference (docs/domain.md §3); each vmk also gets --gateway below.",
            sh_comment(
                f"esxcli network ip route ipv4 add --netstack={stack_key(stack_name)}"
                " --network=default"
                f" --gateway={gateway}"
            ),
        ]
    return "\n".join(lines) + "\n" if lines else ""


def _vmks(scope: HostScope) -> str:
    commands = [line for vmk in scope.vmks for line in vmk_commands(vmk)]
    return _section("VMkernel ports", commands) + _port_binding(scope)


def _advanced(scope: HostScope) -> str:
    commands = []
    for key, value in sorted(scope.advanced.items()):
        path = sh_quote(advanced_path(key))
        commands += [f"esxcfg-advcfg -s {int(value)} {path}", f"esxcfg-advcfg -g {path}"]
    if not commands:
        return ""
    note = "# vMotion shares the management subnet (R9): bind it to its own vmk (S-VHYPER).\n"
    return note + _section("Advanced settings", commands)


def _review(scope: HostScope) -> str:
    """Management and team networks as commented commands, never run (see hostscope)."""
    if not (scope.review_vswitches or scope.review_portgroups or scope.review_vmks):
        return ""
    lines = [
        "# ---------------------------------------------------------------------------------",
        "# NOT APPLIED: management and team networks, for review. Changing the network this",
        "# session runs over can cut it off; VM-traffic and storage teams carry running traffic",
        "# and an IP-hash team must change together with its EtherChannel (R20, KB 1001938).",
        "# Apply by hand from the host console (DCUI/ESXi Shell), adding an uplink before you",
        "# change the failover order, and only if the host differs from the plan.",
    ]
    management = {vmk.vswitch for vmk in scope.review_vmks if vmk.role is Role.MANAGEMENT}
    for vs in scope.review_vswitches:
        exists = vs.name in management
        state = "exists; skip uplinks it already has" if exists else "new"
        lines.append(sh_comment(f"{vs.name} ({state}): uplinks {', '.join(vs.uplinks) or 'none'}"))
        lines += _commented(vswitch_commands(vs, create=not exists))
        for pg in (pg for pg in scope.review_portgroups if pg.vswitch == vs.name):
            lines += _commented(portgroup_commands(pg, create=not exists))
    for vmk in scope.review_vmks:
        lines.append(
            sh_comment(f"{vmk.name} stays as it is: {vmk.address} on port group {vmk.portgroup}")
        )
    return "\n".join(lines) + "\n"


def _commented(commands: list[str]) -> list[str]:
    return [sh_comment(f"  {command}") for command in commands]


def vmkping_lines(tests: list[VmkPing]) -> list[str]:
    """``check`` lines for ``tests``, built from the plan's fields and quoted (R39)."""
    lines = []
    for test in tests:
        lines.append(
            sh_comment(
                f"Lane {test.lane if test.lane is not None else '-'}: {test.source_host} "
                f"{test.source_vmk} -> {test.target_host} {test.target_vmk}; "
                f"expected: {test.expected}"
            )
        )
        lines.append("check " + " ".join(sh_quote(word) for word in vmkping_argv(test)))
    return lines


def vmkping_argv(test: VmkPing) -> list[str]:
    """The vmkping words: ``-S vmotion`` on the vMotion stack, do-not-fragment, MTU − 28."""
    stack = ["-S", NETSTACK_KEYS[test.netstack]] if test.netstack is not Netstack.DEFAULT else []
    return [
        "vmkping",
        *stack,
        "-I",
        test.source_vmk,
        "-d",
        "-s",
        str(test.payload),
        str(test.target_ip),
    ]


def vmkping_section(tests: list[VmkPing]) -> str:
    """The check function, one check per test, and the pass/fail summary."""
    if not tests:
        return "echo 'No vmkping checks start on this host.'\n"
    head = "echo '== vmkping checks (jumbo, do not fragment)'\n"
    return "\n".join([CHECK_FUNCTION + head + "\n".join(vmkping_lines(tests)), CHECK_SUMMARY])
