"""The rule table: every finding the planner can emit, with its default severity and sources.

R1-R46 are the VMware rules of docs/domain.md (section 10, with each rule's reason): R1-R40
from VMware guidance, R41-R43 added for issue 8; R44-R46 are the inter-switch link rules of
issue 7. P1-P13 are the planner's own checks (the design cannot be planned as written, or the
planner filled a gap the design left). Rule IDs are stable:
outputs, tests and docs/rules.md cite them. ``docs/rules.md`` is generated from this table
(``python -m app.planner.catalog > docs/rules.md``) and a test fails when it is stale.

Rules marked UNVERIFIED in docs/domain.md never default to ``error``.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.planner.result import Finding, Severity

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO


@dataclass(frozen=True)
class RuleInfo:
    """One rule: what it checks, how bad it is by default, and what to do about it."""

    id: str
    severity: Severity
    title: str
    message: str
    remedy: str
    sources: tuple[str, ...]
    checkable: bool = True
    note: str = ""


_TABLE: tuple[RuleInfo, ...] = (
    # --- the planner's own structural checks -------------------------------------------------
    RuleInfo(
        "P1",
        ERROR,
        "Address pool too small",
        "An address pool (vMotion, iSCSI, NFS or a service vmk's) is too small for the planned "
        "cables or vmks; the vmks without an address are not planned.",
        "Enlarge the pool (e.g. a /24 holds 64 cables as /30s, or 253 vmks) or plan fewer lanes "
        "or vmks.",
        ("DERIVED",),
    ),
    RuleInfo(
        "P2",
        ERROR,
        "vMotion vmnics differ between hosts",
        "A host has fewer vMotion vmnics than the others; the finding names the host and the "
        "vMotion vmnics it lacks.",
        "Give every host the same vMotion vmnics (same names, same count), or correct the host's "
        "NIC roles.",
        ("DERIVED",),
    ),
    RuleInfo(
        "P3",
        ERROR,
        "Back-to-back mesh without enough vMotion ports",
        "A back-to-back full mesh needs (N-1)*k vMotion ports per host: k cables to every peer.",
        "Add vMotion ports so every host has at least one per peer, or use a switch.",
        ("DERIVED",),
    ),
    RuleInfo(
        "P4",
        ERROR,
        "No vMotion vmnics",
        "A host has no vmnic with the vMotion role.",
        "Set the role of the NIC ports that carry vMotion to 'vmotion'.",
        ("DERIVED",),
    ),
    RuleInfo(
        "P5",
        ERROR,
        "Switched design without (enough) switches",
        "A switched design needs physical switches with enough free ports for the hosts' vmnics.",
        "Add the switches the hosts connect to, or raise their port counts.",
        ("DERIVED",),
    ),
    RuleInfo(
        "P6",
        WARNING,
        "Leftover vMotion ports in a back-to-back mesh",
        "Some vMotion ports cannot be cabled evenly to every peer and stay unused.",
        "Use a multiple of (hosts - 1) vMotion ports per host, or set the leftovers to 'unused'.",
        ("DERIVED",),
    ),
    RuleInfo(
        "P7",
        ERROR,
        "Gateway outside the subnet of its vmks",
        "A stack's gateway (the vMotion gateway, or a service vmk's on the vmotion or "
        "provisioning stack) is not a usable address in the subnet of every vmk that would use "
        "it (per-lane subnets, per-cable /30s), so those vmks cannot reach it and routed traffic "
        "fails.",
        "Routed vMotion needs one vMotion subnet that holds the gateway (Addressing: "
        '"One shared subnet"); back-to-back /30s need no gateway, so leave it empty.',
        ("S-VMSTACK65", "S-DOC67-126", "DERIVED"),
    ),
    RuleInfo(
        "P8",
        WARNING,
        "Host without a management vmnic",
        "A host has no vmnic with the management role, so vmk0 has no uplink in this plan.",
        "Give each host at least one management vmnic (two, on different cards, for redundancy).",
        ("DERIVED",),
    ),
    RuleInfo(
        "P9",
        ERROR,
        "vMotion pool unusable for the addressing mode",
        "The vMotion pool cannot be used with the chosen addressing mode (e.g. a /31 pool for a "
        "shared subnet).",
        "Choose a larger pool or a different addressing mode.",
        ("DERIVED",),
    ),
    RuleInfo(
        "P10",
        WARNING,
        "Only one host",
        "The design has one host: vMotion needs at least two, so nothing is cabled or tested.",
        "Add the other hosts of the cluster.",
        ("DERIVED",),
    ),
    RuleInfo(
        "P11",
        WARNING,
        "vmnics without a far end",
        "Vmnics with a role (management, VM traffic, IP storage) have no far end: the design "
        "names no switch for their role, so they are not cabled, configured on a switch or "
        "tested.",
        "Add the switches these vmnics connect to (and list them in uplinks.<role>.switches), "
        "or set the vmnics' role to 'unused'.",
        ("DERIVED",),
    ),
    RuleInfo(
        "P12",
        WARNING,
        "Team with a single point of failure",
        "Every uplink of a team (management, VM traffic, IP storage, or switched vMotion) is on "
        "one switch or on one card, so that switch or card failing cuts the host off that "
        "network.",
        "Give the team vmnics on a second card and let its uplinks use a second switch "
        "(uplinks.<role>.switches).",
        ("S-KENDRICK", "S-DENNEMAN-FO", "DERIVED"),
    ),
    RuleInfo(
        "P13",
        INFO,
        "Inter-switch link proposed",
        "The design lists no inter-switch links, but switches that are not one stack carry the "
        "same VLAN; the plan proposes a link (two cables in a port-channel on the last ports of "
        "each switch's range).",
        "Check the proposed ports and cable them, or describe the real links in interconnects.",
        ("DERIVED",),
    ),
    # --- docs/domain.md R1-R40 ------------------------------------------------------------------
    RuleInfo(
        "R1",
        ERROR,
        "Direct vMotion port group needs exactly one active vmnic",
        "Each directly-cabled vMotion vmk must have exactly one active vmnic.",
        "Make the lane's cabled vmnic the only active uplink; set the others to Unused.",
        ("S-TZLEE", "FIELD"),
    ),
    RuleInfo(
        "R2",
        ERROR,
        "Standby uplink on a point-to-point vMotion cable",
        "Standby is wrong on point-to-point cables: failover would send vMotion to a different "
        "peer.",
        "Set every uplink except the lane's own vmnic to Unused.",
        ("FIELD", "S-DENNEMAN-FO"),
    ),
    RuleInfo(
        "R3",
        WARNING,
        "Switched vMotion port group uses Unused instead of Standby",
        "VMware guidance for switched vMotion is one active and the others standby (mirror image "
        "per port group); unused loses failover.",
        "Set the other vMotion vmnics to Standby (failover: standby or auto).",
        ("S-DENNEMAN-FO", "S-EPPING", "S-WAHL13"),
    ),
    RuleInfo(
        "R4",
        ERROR,
        "Switched vMotion vmks not in one subnet",
        "Switched vMotion vmks must share one L2 subnet, or use the vMotion TCP/IP stack with a "
        "gateway for routed vMotion.",
        'Set Addressing to "One shared subnet", or put vMotion on the "vMotion TCP/IP stack" '
        "with a gateway.",
        ("S-4SYSOPS", "S-DOC67-126", "S-VMSTACK65"),
    ),
    RuleInfo(
        "R5",
        ERROR,
        "Direct vMotion cables share a subnet",
        "Direct cables need one subnet per cable (e.g. /30). A shared subnet makes vMotion stall "
        "('stuck at 9%', 'failed to connect over the vMotion network').",
        'Set Addressing to "One /30 per cable".',
        ("FIELD", "S-KB2010877"),
    ),
    RuleInfo(
        "R6",
        ERROR,
        "Cable endpoints not in one dedicated subnet",
        "The two ends of a direct cable must be the two usable addresses of one dedicated subnet.",
        'Set Addressing to "One /30 per cable" so each cable gets its own /30.',
        ("FIELD",),
    ),
    RuleInfo(
        "R7",
        ERROR,
        "Multihoming: several vmks in one subnet and stack",
        "Multihoming: one routing table per stack; one vmk would carry all egress for that subnet "
        "(KB 2010877).",
        "Put each vmk of a host in its own subnet, or move vMotion to the vmotion netstack.",
        ("S-KB2010877", "S-NET80"),
    ),
    RuleInfo(
        "R8",
        ERROR,
        "Management shares a subnet with another vmk",
        "Management in the same subnet as vMotion/IP storage can cause failed vMotion, storage "
        "latency and host disconnects.",
        "Give vMotion its own subnet (or the vmotion netstack). If it truly must share the "
        "management subnet, set allow_management_subnet (R9).",
        ("S-KB2010877",),
    ),
    RuleInfo(
        "R9",
        WARNING,
        "vMotion in the management subnet (override)",
        "vMotion shares the management subnet by explicit override. Not recommended.",
        "Keep Migrate.BindToVmknic=1 on every host (esxcfg-advcfg -s 1 /Migrate/BindToVmknic); "
        "move vMotion to its own subnet when you can.",
        ("S-VHYPER",),
    ),
    RuleInfo(
        "R10",
        ERROR,
        "vmk MTU larger than its vSwitch MTU",
        "The vSwitch MTU must be at least the vmk MTU.",
        "Set both the vSwitch and the vmk to 9000 for jumbo frames, or both to 1500.",
        ("S-NDK", "FIELD"),
    ),
    RuleInfo(
        "R11",
        WARNING,
        "Jumbo frames not end-to-end",
        "Jumbo must be end-to-end: vSwitch, vmk, peer vmk and every switch hop.",
        "Use one MTU for every vMotion vSwitch and vmk on all hosts.",
        ("S-JUMBO2010", "FIELD"),
        note="Warning when one host's vSwitch and vmk differ; error when the two ends of one link "
        "or subnet differ.",
    ),
    RuleInfo(
        "R12",
        ERROR,
        "Physical switch MTU too small",
        "Physical switch MTU too small: L2 switches drop oversize frames.",
        "Use 9216 (Nexus) / system mtu jumbo (Catalyst, reload required) on ESXi-facing ports.",
        ("S-JUMBO2010", "S-BRKDCN", "S-C3750M"),
    ),
    RuleInfo(
        "R13",
        ERROR,
        "MTU above 9000",
        "ESXi supports jumbo frames up to 9000 bytes on vSwitches and vmks.",
        "Set the MTU to 9000 (the switch ports may stay at 9216).",
        ("S-VCP5JUMBO",),
    ),
    RuleInfo(
        "R14",
        WARNING,
        "MTU below 1280",
        "An MTU below 1280 is probably rejected by ESXi (lower bound unverified).",
        "Use 1500 (standard) or 9000 (jumbo).",
        ("UNVERIFIED",),
    ),
    RuleInfo(
        "R15",
        WARNING,
        "vMotion NICs differ between hosts",
        "Inconsistent vMotion NICs (speed, duplex or MTU): vCenter may cap concurrent vMotions "
        "at 2.",
        "Use vMotion NICs of the same speed and the same MTU on every host.",
        ("S-VMWORD",),
    ),
    RuleInfo(
        "R16",
        ERROR,
        "Not enough dedicated vMotion bandwidth",
        "Provide at least 250 Mbps dedicated per concurrent vMotion.",
        "Add vMotion NICs or lower the planned concurrency.",
        ("S-DOC60-122", "S-TEIMOURI"),
    ),
    RuleInfo(
        "R17",
        INFO,
        "Concurrent vMotion limit",
        "Concurrent vMotions per host: 4 on 1GbE, 8 on 10GbE+, host cap 8 (vSphere 7 slots 16/2).",
        "More vMotion NICs make each migration faster but do not raise this limit.",
        ("S-LIMITS67", "S-PERF2021"),
    ),
    RuleInfo(
        "R18",
        WARNING,
        "Round-trip time above 5 ms",
        "> 5 ms RTT needs Enterprise Plus (Metro vMotion <= 10 ms in 5.x; long-distance <= 150 ms "
        "in 6.0+).",
        "Check the vSphere licence covers long-distance vMotion.",
        ("S-METRO-KB", "S-LDVM"),
    ),
    RuleInfo(
        "R19",
        ERROR,
        "Round-trip time above 150 ms",
        "Beyond the 150 ms maximum supported vMotion RTT.",
        "Bring the hosts closer (network-wise) or use another migration method.",
        ("S-DOC67-126",),
    ),
    RuleInfo(
        "R20",
        ERROR,
        "IP hash without a static EtherChannel",
        "IP hash needs a static EtherChannel ('mode on') whose port count equals the uplink count.",
        "Set etherchannel: static for this team, so the switch side bundles exactly its ports.",
        ("S-IPHASH67", "S-KB1001938"),
    ),
    RuleInfo(
        "R21",
        ERROR,
        "IP hash with standby adapters or beacon probing",
        "IP hash: all uplinks active, link-status-only failure detection.",
        'Set Uplinks to "All active" and Failure detection to "Link status only" for this team.',
        ("S-IPHASH67", "S-STANDBY60"),
    ),
    RuleInfo(
        "R22",
        ERROR,
        "IP-hash team spans unstacked switches",
        "Link aggregation is never supported on disparate switches; use a stack or multi-chassis "
        "EtherChannel.",
        "Put the switches in one stack (same 'stack' value) or use originating port ID teaming.",
        ("S-KB1001938", "S-KENDRICK"),
    ),
    RuleInfo(
        "R23",
        ERROR,
        "LACP on a standard vSwitch",
        "A standard vSwitch supports only static EtherChannel; LACP needs a vDS (5.1+).",
        "Use etherchannel: static with IP hash, or no EtherChannel with port ID teaming.",
        ("S-IPHASH67", "S-KB1004048"),
    ),
    RuleInfo(
        "R24",
        WARNING,
        "vMotion port group uses IP hash",
        "One IP pair uses one NIC under IP hash; use multi-NIC vMotion (one vmk per vmnic) "
        "instead.",
        "Use explicit failover with one active vmnic per vMotion port group.",
        ("S-KB1004048",),
    ),
    RuleInfo(
        "R25",
        WARNING,
        "Switch ports without PortFast",
        "Enable PortFast (trunk) on ESXi-facing ports to avoid 30-50 s outages on failover.",
        "Set portfast: true and configure PortFast (edge trunk) plus BPDU guard on the ports.",
        ("S-KB1003804", "S-FAILBACK60"),
    ),
    RuleInfo(
        "R26",
        ERROR,
        "vmotion-netstack vmk tagged for another service",
        "The vMotion TCP/IP stack carries only vMotion.",
        "Remove the other service tags, or move that service to a default-stack vmk.",
        ("S-VMSTACK65",),
    ),
    RuleInfo(
        "R27",
        WARNING,
        "vMotion vmks on both TCP/IP stacks",
        "Once a vmk is on the vMotion stack, vMotion on default-stack vmks is disabled.",
        "Put all vMotion vmks of the host on one stack (preferably vmotion).",
        ("S-VMSTACK80",),
    ),
    RuleInfo(
        "R28",
        INFO,
        "Netstack change recreates a vmk",
        "A TCP/IP stack cannot be changed after creation: the script deletes and recreates "
        "the vmk.",
        "Plan a maintenance window for hosts whose existing vMotion vmks move to another stack.",
        ("S-VMKOPT65", "S-WAHL16"),
        checkable=False,
        note="Needs the host's existing state; a design document describes only the target, so "
        "the planner cannot tell whether a vmk already exists on another stack.",
    ),
    RuleInfo(
        "R29",
        ERROR,
        "More than one FT-logging vmk",
        "Only one VMkernel adapter per host can carry FT traffic.",
        "Tag faultToleranceLogging on a single vmk per host.",
        ("S-VMKOPT65",),
    ),
    RuleInfo(
        "R30",
        WARNING,
        "Several direct vMotion vmks on one vSwitch",
        "Multiple vMotion vmks on one vSwitch were unreliable (failed after reboot); use one "
        "vSwitch per vMotion cable.",
        'Set the vSwitch layout to "One vSwitch per vMotion port group".',
        ("S-YURI", "FIELD"),
    ),
    RuleInfo(
        "R31",
        WARNING,
        "Back-to-back full mesh with more than 2 hosts",
        "Each host pair needs its own cables and /30s (N*(N-1)/2 * k cables; (N-1)*k ports per "
        "host). vMotion assumes all vmk pairs connect; mesh behaviour is untested.",
        "Prefer a switched vMotion network for three or more hosts; test every lane with vmkping.",
        ("S-DENNEMAN-FO", "DERIVED"),
    ),
    RuleInfo(
        "R32",
        ERROR,
        "VM port group missing on some hosts",
        "VM network labels must match on all hosts or vMotion fails.",
        "Give every host a VM-traffic vmnic and the same VM port group.",
        ("S-DOC67-126",),
    ),
    RuleInfo(
        "R33",
        WARNING,
        "VM port group on a vSwitch without uplinks",
        "vMotion of VMs on uplink-less standard switches is blocked by default (KB 1003832).",
        "Give the VM-traffic vSwitch an uplink, or set "
        "config.migrate.test.CompatibleNetworks.VMOnVirtualIntranet=false in vCenter.",
        ("S-DOC67-126",),
    ),
    RuleInfo(
        "R34",
        INFO,
        "Single vmk on a fast vMotion NIC before 7.0 U2",
        "A single vmk tops out around 15-18 Gb/s; add 2-3 vMotion vmks per fast NIC, or upgrade "
        "to 7.0 U2+.",
        "Upgrade to ESXi 7.0 U2 or later, or plan several vmks per 25/40/100 GbE NIC.",
        ("S-KB323379", "S-BP70", "S-HAGOORT"),
    ),
    RuleInfo(
        "R35",
        ERROR,
        "Standard vSwitch maximums exceeded",
        "Exceeds vSS maximums (512 port groups per standard switch; 32 uplinks per vSwitch, "
        "unverified).",
        "Split the port groups or uplinks over more vSwitches.",
        ("S-ALTARO", "S-VIRTXPERT"),
        note="Error above 512 port groups; warning above 32 uplinks (UNVERIFIED).",
    ),
    RuleInfo(
        "R36",
        ERROR,
        "Too many hosts in the cluster",
        "Exceeds the hosts-per-cluster maximum (64 on 6.x; 96 on 7.0 U1+/8.0, unverified).",
        "Split the hosts into several clusters.",
        ("S-NTPRO", "S-VVD", "UNVERIFIED"),
        note="Error above 64 hosts on 6.7; warning above 96 on 7.0/8.0 (the 96 is UNVERIFIED).",
    ),
    RuleInfo(
        "R37",
        WARNING,
        "/31 point-to-point subnets",
        "ESXi /31 support is unverified; /30 is the proven default.",
        'Set Addressing to "One /30 per cable" unless you have tested /31 on your ESXi build.',
        ("UNVERIFIED",),
    ),
    RuleInfo(
        "R38",
        INFO,
        "Estimate input is active memory",
        "Estimate from active/consumed memory, not configured RAM (the field report's 16 GB in "
        "21 s over 4 Gb/s implies less than 16 GB was sent).",
        "Enter the VM's active memory from vCenter performance charts, not its configured RAM.",
        ("FIELD", "DERIVED"),
    ),
    RuleInfo(
        "R39",
        INFO,
        "Generated scripts",
        "Scripts use long esxcli options (-v and -N change meaning between namespaces), express "
        "Unused by omission and always pass the full active (and standby) lists.",
        "Test every lane after applying: vmkping [-S vmotion] -I vmkX -d -s <MTU-28> both ways.",
        ("S-UNUSED-BLOG", "S-NICORDER", "S-COMM1268"),
    ),
    RuleInfo(
        "R40",
        WARNING,
        "Aggregation does not speed up one migration",
        "A single live migration is one TCP stream, so it uses one team member. Several "
        "concurrent migrations, even all between the same two hosts, spread over a "
        "switch-dependent (static or LACP) team with Address Hash; a switch-independent team "
        "receives on one member; Hyper-V Port mode sends on one NIC.",
        "Use multi-NIC vMotion (one vmk per vmnic) to speed up a single migration.",
        ("S-WHI", "S-MVE"),
        checkable=False,
        note="The condition concerns a Hyper-V design; a design document here describes an ESXi "
        "cluster, so there is nothing to check. The estimate's comparisons (IP-hash team, Hyper-V "
        "switch-dependent and switch-independent Address Hash, Hyper-V Port) show the effect and "
        "cite R40 instead.",
    ),
    # --- rules added for issue 8, with their reasons in docs/domain.md ------------------------
    RuleInfo(
        "R41",
        WARNING,
        "vMotion gateway ignored on the default stack",
        "A vMotion gateway is set while vMotion is on the default TCP/IP stack. That stack has "
        "one routing table and one default gateway, the management one, so the vMotion gateway "
        "is ignored and no output sets it.",
        "For routed vMotion put vMotion on the vmotion netstack (netstack: vmotion); otherwise "
        "remove the vMotion gateway.",
        ("S-VMSTACK65", "S-KB2010877"),
    ),
    RuleInfo(
        "R42",
        INFO,
        "vMotion lanes of different speeds on identical hosts",
        "The hosts match, but each host's vMotion lanes differ in speed. The slowest lane sets "
        "the pace: the estimate counts every lane at the slowest lane's speed and the concurrency "
        "limit is the slowest NIC's.",
        "Use vMotion NICs of one speed, or accept the estimate's lower bound.",
        ("S-VMWORD", "S-LIMITS67", "DERIVED"),
    ),
    RuleInfo(
        "R43",
        WARNING,
        "Hardware beyond VMware's maximums (unverified)",
        "A host has more NICs of one speed than VMware's maximums list (vMotion NICs: 16 x 1GbE "
        "or 4 x 10GbE and faster; physical NICs: 32 x 1GbE, 16 x 10GbE, 4 x 40GbE). These "
        "figures come from 5.x/6.0 lists and are unverified.",
        "Check the configuration maximums of your ESXi release and NIC driver; plan fewer "
        "vMotion lanes or faster NICs.",
        ("S-VIRTXPERT", "UNVERIFIED"),
    ),
    # --- inter-switch links (issue 7) ---------------------------------------------------------
    RuleInfo(
        "R44",
        ERROR,
        "Inter-switch link does not carry a shared VLAN",
        "Two switches both carry a VLAN that the link between them does not allow: a vmk or VM "
        "whose team fails over to the other switch, or a vMotion peer behind it, is cut off.",
        "Add the VLAN to the link's allowed VLANs (interconnects.<n>.vlans), or omit `vlans` to "
        "carry every VLAN both switches use.",
        ("S-JUMBO2010", "S-KENDRICK", "DERIVED"),
    ),
    RuleInfo(
        "R45",
        ERROR,
        "Inter-switch link MTU below the vMotion MTU",
        "An inter-switch link that carries the vMotion VLAN has a smaller MTU than the vMotion "
        "vmks (error: L2 switches drop the larger frames), or less than 22 bytes above it "
        "(warning: platforms that count the Ethernet header and 802.1Q tag in the MTU drop them).",
        "Raise the link MTU to the switch maximum (9216 on Nexus) on both ends.",
        ("S-JUMBO2010", "S-BRKDCN"),
    ),
    RuleInfo(
        "R46",
        ERROR,
        "Switches of one vMotion subnet are not linked",
        "Hosts in one vMotion subnet have vMotion uplinks on switches that no inter-switch link "
        "(or stack) joins: vMotion pairs any vmk with any peer vmk of the subnet, so half the "
        "pairs, and every failover to the other switch, cannot reach each other.",
        "Describe the link between these switches in interconnects (or make them one stack).",
        ("S-DENNEMAN-FO", "DERIVED"),
    ),
)

RULES: dict[str, RuleInfo] = {rule.id: rule for rule in _TABLE}


def finding(
    rule_id: str,
    message: str | None = None,
    *,
    severity: Severity | None = None,
    objects: list[str],
    remedy: str | None = None,
    cause: str = "",
    detail: str = "",
) -> Finding:
    """A finding for ``rule_id``, with severity, remedy and sources filled from the catalog.

    Args:
        rule_id: a key of :data:`RULES` ('R5', 'P1', ...).
        message: the concrete message (objects, addresses); defaults to the rule's plain message.
        severity: overrides the default (R11 and R35/R36 have two levels).
        objects: what the finding concerns, e.g. ['host:esx01', 'cable:C01'].
        remedy: overrides the rule's remedy.
        cause: the root object (e.g. 'host:esx01'); with ``detail``, ``message`` is the text of
            the whole group and :func:`app.planner.grouping.group_by_cause` merges the findings
            of one rule, severity, cause and message into one (issue 9 §5).
        detail: this object's own line (shown as the message when it stays alone).

    Raises:
        KeyError: ``rule_id`` is not in the catalog (a programming error, never user input).
    """
    rule = RULES[rule_id]
    return Finding(
        rule=rule.id,
        severity=severity if severity is not None else rule.severity,
        message=message if message is not None else rule.message,
        remedy=remedy if remedy is not None else rule.remedy,
        objects=list(objects),
        sources=list(rule.sources),
        cause=cause,
        details=[detail] if detail else [],
    )


def rules_markdown() -> str:
    """docs/rules.md: the rule reference, generated from :data:`RULES` so it never drifts."""
    lines = [
        "# Rules reference",
        "",
        "Generated from `app/planner/catalog.py` by",
        "`python -m app.planner.catalog > docs/rules.md`; do not edit by hand (a test fails when",
        "this file is stale).",
        "",
        "Every finding of a plan carries one of these rule IDs. `R1`-`R46` are the VMware rules",
        "(`R44`-`R46`: inter-switch links); `P1`-`P13` are the planner's own checks (the design",
        "cannot be planned as written, or the planner filled a gap the design left). The",
        "[domain reference](domain.md) gives each rule's reason. Severity: **error** means the",
        "plan must not be applied as is; **warning** means it works with a caveat; **info** is",
        "advice. Source keys refer to the [sources table](domain.md#sources) of the domain",
        "reference; UNVERIFIED rules are never errors.",
        "",
        "| Rule | Severity | Checked from the design | Title | Message | What to do | Sources |",
        "|---|---|---|---|---|---|---|",
    ]
    for rule in _TABLE:
        checked = "yes" if rule.checkable else "no"
        message = rule.message + (f" *{rule.note}*" if rule.note else "")
        cells = [
            rule.id,
            rule.severity.value,
            checked,
            rule.title,
            message,
            rule.remedy,
            ", ".join(rule.sources),
        ]
        lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    # A pipe would end the Markdown table cell early.
    return text.replace("|", "\\|")


if __name__ == "__main__":
    print(rules_markdown(), end="")
