"""PowerCLI script for the whole design: one block per host, through vCenter.

Same content as the esxcli script (see :mod:`app.render.hostscope` for what is applied): the
vMotion vSwitches with MTU and uplinks, port groups with VLAN and failover order, the vmks, and
the advanced settings. Cmdlets and parameters follow docs/domain.md section 3; where it marks one
UNVERIFIED (``-NetworkStack``, ``Get-AdvancedSetting``/``Set-AdvancedSetting``, load-balancing
enum names other than ``LoadBalanceIP``) the script says so in a comment next to it. The
vMotion-stack gateway is set with ``Set-VMHostNetworkStack -VMKernelGateway`` (PowerCLI
reference, VMware.VimAutomation.Core).
"""

from __future__ import annotations

from app.planner.design import FailureDetection, LoadBalancing, Netstack
from app.planner.result import PortGroup, Vmk, VSwitch
from app.render.base import Artifact, RenderContext
from app.render.hostscope import (
    NETSTACK_KEYS,
    HostScope,
    error_findings,
    header_facts,
    scopes,
    stack_key,
)
from app.render.quoting import ps_array, ps_comment, ps_quote

MEDIA_TYPE = "text/plain"

PS_LOAD_BALANCING = {
    LoadBalancing.IP_HASH: "LoadBalanceIP",
    LoadBalancing.SOURCE_MAC: "LoadBalanceSrcMac",
    LoadBalancing.PORT_ID: "LoadBalanceSrcId",
    LoadBalancing.EXPLICIT: "ExplicitFailover",
}
PS_FAILURE_DETECTION = {
    FailureDetection.LINK: "LinkStatus",
    FailureDetection.BEACON: "BeaconProbing",
}

PREAMBLE = """\
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
"""


def render(ctx: RenderContext, host: str | None) -> list[Artifact]:
    """``vmotion-<design>.ps1`` with a block per host (only ``host`` when given)."""
    filename = f"vmotion-{_slug(ctx.design.name)}.ps1"
    return [Artifact(filename, MEDIA_TYPE, script(ctx, scopes(ctx.plan, host)))]


def _slug(name: str) -> str:
    slug = "".join(ch if ch.isascii() and ch.isalnum() else "-" for ch in name.lower())
    return "-".join(part for part in slug.split("-") if part) or "design"


def script(ctx: RenderContext, host_scopes: list[HostScope]) -> str:
    parts = [_header(ctx), "param([switch]$Force)\n", PREAMBLE, _error_gate(ctx)]
    parts.append(_host_names(host_scopes))
    parts += [_host_block(scope) for scope in host_scopes]
    return "\n".join(part for part in parts if part)


def _header(ctx: RenderContext) -> str:
    facts = header_facts(ctx.design.name, ctx.revision, ctx.generated_at)
    lines = [ps_comment("PowerCLI script: multi-NIC vMotion network"), *map(ps_comment, facts)]
    if ctx.design.description:
        lines.append(ps_comment(f"Description: {ctx.design.description}"))
    lines += [
        "#",
        "# Run it after Connect-VIServer, with each host in maintenance mode. Run one host",
        "# block at a time and check it with the test plan (vmkping) before the next.",
        "# It creates the vMotion, IP-storage and service VMkernel adapters with their port",
        "# groups and vSwitches; it does not touch vSwitch0, the management port group or vmk0,",
        "# the VM-traffic team, nor anything on uplinks patched today (existing): each host",
        "# block lists those as comments to review.",
    ]
    return "\n".join(lines) + "\n"


def _error_gate(ctx: RenderContext) -> str:
    errors = error_findings(ctx.plan)
    if not errors:
        return ""
    lines = ["# The plan has errors; the script refuses to run unless -Force is given:"]
    lines += [ps_comment(f"  {error}") for error in errors]
    message = f"The plan has {len(errors)} error(s); fix the design first or run with -Force."
    lines += ["if (-not $Force) {", f"    throw {ps_quote(message)}", "}"]
    return "\n".join(lines) + "\n"


def _host_names(host_scopes: list[HostScope]) -> str:
    lines = [
        "# The name vCenter knows each host by. Change the right-hand side if vCenter uses an",
        "# FQDN or an IP address for a host.",
        "$VMHostNames = @{",
        *(f"    {ps_quote(s.name)} = {ps_quote(s.name)}" for s in host_scopes),
        "}",
    ]
    return "\n".join(lines) + "\n"


def _host_block(scope: HostScope) -> str:
    name = ps_quote(scope.name)
    lines = [
        f"# ==== {scope.name} " + "=" * max(4, 80 - len(scope.name)),
        f"Write-Host {ps_quote(f'Configuring the vMotion network of {scope.name}')}",
        f"$vmhost = Get-VMHost -Name $VMHostNames[{name}]",
        "if ($vmhost.ConnectionState -ne 'Maintenance') {",
        f"    Write-Warning {ps_quote(f'{scope.name} is not in maintenance mode.')}",
        "}",
    ]
    for vs in scope.vswitches:
        lines += vswitch_lines(vs)
    for pg in scope.portgroups:
        lines += portgroup_lines(pg, scope.vswitch_created(pg.vswitch))
    for vmk in scope.vmks:
        lines += vmk_lines(vmk, scope.vswitch_created(vmk.vswitch))
    lines += netstack_gateway_lines(scope)
    lines += _advanced_lines(scope)
    lines += _review_lines(scope)
    lines += _check_lines(scope)
    return "\n".join(lines) + "\n"


def _var(prefix: str, name: str) -> str:
    """A PowerShell variable name for a plan object (names of vSwitches, port groups, vmks)."""
    return "$" + prefix + "".join(ch if ch.isascii() and ch.isalnum() else "_" for ch in name)


def vswitch_lines(vs: VSwitch) -> list[str]:
    """New-VirtualSwitch with MTU and uplinks (-Nic adds them as active, S-PCLI-NEWVSS)."""
    line = f"{_var('vs_', vs.name)} = New-VirtualSwitch -VMHost $vmhost -Name {ps_quote(vs.name)}"
    line += f" -Mtu {vs.mtu}"
    if vs.uplinks:
        line += f" -Nic {ps_array(vs.uplinks)}"
    return [line]


def _vswitch_ref(name: str, created: bool) -> str:
    """The variable of a vSwitch this script created, else a lookup of the existing one."""
    if created:
        return _var("vs_", name)
    return f"(Get-VirtualSwitch -VMHost $vmhost -Standard -Name {ps_quote(name)})"


def portgroup_lines(pg: PortGroup, vswitch_created: bool) -> list[str]:
    """New-VirtualPortGroup, then Set-VirtualPortGroup -VLanId, then the teaming override."""
    var = _var("pg_", pg.name)
    vswitch = _vswitch_ref(pg.vswitch, vswitch_created)
    lines = [
        f"{var} = New-VirtualPortGroup -VirtualSwitch {vswitch} -Name {ps_quote(pg.name)}",
        # -VLanId on New-VirtualPortGroup is UNVERIFIED; Set-VirtualPortGroup is the seen form.
        f"{var} = Set-VirtualPortGroup -VirtualPortGroup {var} -VLanId {pg.vlan}",
    ]
    teaming = f"{var} | Get-NicTeamingPolicy | Set-NicTeamingPolicy -InheritFailoverOrder $false"
    teaming += f" -MakeNicActive (Get-PlannedNic $vmhost {ps_array(pg.active)})"
    if pg.standby:
        teaming += f" -MakeNicStandby (Get-PlannedNic $vmhost {ps_array(pg.standby)})"
    if pg.unused:
        teaming += f" -MakeNicUnused (Get-PlannedNic $vmhost {ps_array(pg.unused)})"
    teaming += f" -LoadBalancingPolicy {PS_LOAD_BALANCING[pg.load_balancing]}"
    teaming += f" -NetworkFailoverDetectionPolicy {PS_FAILURE_DETECTION[pg.failure_detection]}"
    teaming += f" -NotifySwitches ${str(pg.notify_switches).lower()}"
    teaming += f" -FailbackEnabled ${str(pg.failback).lower()}"
    if pg.load_balancing is not LoadBalancing.IP_HASH:
        lines.append(
            "# Load-balancing names other than LoadBalanceIP are UNVERIFIED (docs/domain.md §3)."
        )
    lines.append(teaming)
    return lines


def vmk_lines(vmk: Vmk, vswitch_created: bool) -> list[str]:
    """New-VMHostNetworkAdapter on the port group, static IPv4, MTU, vMotion service."""
    var = _var("vmk_", vmk.name)
    line = f"{var} = New-VMHostNetworkAdapter -VMHost $vmhost"
    line += f" -VirtualSwitch {_vswitch_ref(vmk.vswitch, vswitch_created)}"
    line += f" -PortGroup {_var('pg_', vmk.portgroup)} -IP {ps_quote(str(vmk.address.ip))}"
    line += f" -SubnetMask {ps_quote(str(vmk.address.netmask))} -Mtu {vmk.mtu}"
    lines = []
    if vmk.netstack is Netstack.DEFAULT:
        line += f" -VMotionEnabled ${str('VMotion' in vmk.services).lower()}"
        if "faultToleranceLogging" in vmk.services:
            line += " -FaultToleranceLoggingEnabled $true"
        untagged = [t for t in vmk.services if t not in ("VMotion", "faultToleranceLogging")]
        if untagged:
            lines.append(
                ps_comment(
                    f"New-VMHostNetworkAdapter has no switch for {', '.join(untagged)}: tick "
                    f"it on {vmk.name} in the vSphere Client (or use the esxcli script's tag)."
                )
            )
    else:
        # The vMotion stack carries only vMotion, so no -VMotionEnabled (R26).
        lines.append(
            "# -NetworkStack and Get-VMHostNetworkStack are UNVERIFIED (docs/domain.md section 3)."
        )
        key = ps_quote(NETSTACK_KEYS[vmk.netstack])
        stack = f"(Get-VMHostNetworkStack -VMHost $vmhost -Id {key})"
        line += f" -NetworkStack {stack}"
    lines.append(line)
    # ESXi numbers new vmks itself; they match the plan when created in lane order on a host
    # that has no other vmks above vmk0.
    lines += [
        f"if ({var}.Name -ne {ps_quote(vmk.name)}) {{",
        f"    Write-Warning ('Created ' + {var}.Name + ' where the plan says '"
        f" + {ps_quote(vmk.name)} + '; the test plan names the planned vmk.')",
        "}",
    ]
    return lines


def netstack_gateway_lines(scope: HostScope) -> list[str]:
    """The default gateway of each non-default stack (routed vMotion), once the stack exists.

    ``Set-VMHostNetworkStack -NetworkStack <HostNetworkStack[]> -VMKernelGateway <String>`` is
    the PowerCLI reference's syntax (VMware.VimAutomation.Core); -NetworkStack takes the stack
    from the pipeline. The stack exists once the vmks above use it (R26, R27).
    """
    lines = []
    for stack, gateway in sorted(scope.host.netstack_gateways.items()):
        lines += [
            ps_comment(f"Routed vMotion: default gateway of the {stack} TCP/IP stack."),
            "# Get-VMHostNetworkStack -Id is UNVERIFIED (docs/domain.md §3); Set-VMHostNetwork"
            "Stack and -VMKernelGateway are in the PowerCLI reference.",
            f"Get-VMHostNetworkStack -VMHost $vmhost -Id {ps_quote(stack_key(stack))} |"
            f" Set-VMHostNetworkStack -VMKernelGateway {ps_quote(str(gateway))} | Out-Null",
        ]
    return lines


def _advanced_lines(scope: HostScope) -> list[str]:
    lines = []
    for key, value in sorted(scope.advanced.items()):
        lines += [
            "# vMotion shares the management subnet (R9): bind it to its own vmk (S-VHYPER).",
            "# Get-AdvancedSetting | Set-AdvancedSetting is UNVERIFIED (docs/domain.md section 3).",
            f"Get-AdvancedSetting -Entity $vmhost -Name {ps_quote(key)} |"
            f" Set-AdvancedSetting -Value {int(value)} -Confirm:$false",
        ]
    return lines


def _review_lines(scope: HostScope) -> list[str]:
    if not (scope.review_vswitches or scope.review_portgroups):
        return []
    lines = ["# Not applied, for review (management and team networks; see docs/outputs.md):"]
    for vs in scope.review_vswitches:
        lines.append(
            ps_comment(f"  {vs.name}: uplinks {', '.join(vs.uplinks) or 'none'}, MTU {vs.mtu}")
        )
    for pg in scope.review_portgroups:
        text = f"  {pg.name} on {pg.vswitch}, VLAN {pg.vlan}: active {', '.join(pg.active)}"
        if pg.standby:
            text += f"; standby {', '.join(pg.standby)}"
        text += f"; {PS_LOAD_BALANCING[pg.load_balancing]}"
        lines.append(ps_comment(text))
    return lines


def _check_lines(scope: HostScope) -> list[str]:
    if not scope.tests:
        return []
    lines = ["# Check from the ESXi Shell of this host (or run vmkping-checks.sh), R39:"]
    lines += [ps_comment(f"  {test.command}   -> {test.expected}") for test in scope.tests]
    return lines
