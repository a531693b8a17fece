"""A readable plain-text summary of a plan, for the terminal (``vmotion-planner plan FILE``)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from app.planner.result import Plan, Severity

_MARK = {Severity.ERROR: "ERROR", Severity.WARNING: "WARN ", Severity.INFO: "INFO "}


def table(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> list[str]:
    """Left-aligned columns, separated by two spaces, with a rule under the header."""
    cells = [[str(c) for c in headers], *([("" if c is None else str(c)) for c in r] for r in rows)]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    lines = [
        "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip() for row in cells
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return lines


def _findings(plan: Plan) -> list[str]:
    if not plan.findings:
        return ["No findings: the design follows every rule the planner checks."]
    lines = []
    for f in plan.findings:
        lines.append(f"{_MARK[f.severity]} {f.rule:<4} {f.message}")
        # A finding grouped by cause (issue 9 §5) lists each affected object on its own line.
        lines += [f"           - {detail}" for detail in f.details]
        if f.remedy:
            lines.append(f"           What to do: {f.remedy}")
    return lines


def _hosts(plan: Plan) -> list[str]:
    lines: list[str] = []
    for host in plan.hosts:
        lines += ["", f"Host {host.name}"]
        lines += table(
            ["vSwitch", "MTU", "Uplinks"],
            [(v.name, v.mtu, ", ".join(v.uplinks) or "(none)") for v in host.vswitches],
        )
        lines.append("")
        lines += table(
            ["Port group", "vSwitch", "VLAN", "Active", "Standby", "Unused"],
            [
                (
                    p.name,
                    p.vswitch,
                    p.vlan,
                    ", ".join(p.active),
                    ", ".join(p.standby),
                    ", ".join(p.unused),
                )
                for p in host.portgroups
            ],
        )
        lines.append("")
        lines += table(
            ["vmk", "Port group", "Address", "MTU", "Stack", "Services"],
            [
                (v.name, v.portgroup, v.address, v.mtu, v.netstack.value, ", ".join(v.services))
                for v in host.vmks
            ],
        )
        for key, value in host.advanced.items():
            lines.append(f"Advanced setting: {key} = {value}")
    return lines


def summary_text(plan: Plan) -> str:
    """Cables, IP plan, per-host layout, findings, test plan and estimate as plain text."""
    s = plan.summary
    lines = [
        f"Plan for {plan.design_name} ({plan.topology.value})",
        f"{s.hosts} hosts, {s.lanes} vMotion lanes, {s.cables} cables, {s.subnets} subnets; "
        f"{s.errors} errors, {s.warnings} warnings, {s.infos} notes",
        "",
        "FINDINGS",
        *_findings(plan),
        "",
        "CABLES",
        *table(
            ["Cable", "Role", "Lane", "A end", "B end", "Subnet"],
            [
                (c.id, (c.role or c.kind).value, c.lane or "", c.a.text, c.b.text, c.subnet or "")
                for c in plan.cables
            ],
        ),
        "",
        "IP PLAN",
        *table(
            ["Subnet", "Purpose", "Members"],
            [
                (
                    n.network,
                    n.purpose,
                    ", ".join(f"{m.host} {m.vmk} {m.address.ip}" for m in n.members),
                )
                for n in plan.subnets
            ],
        ),
        "",
        "HOSTS",
        *_hosts(plan),
        "",
        "TEST PLAN",
        *table(
            ["Lane", "On host", "Command", "Expect"],
            [(t.lane or "", t.source_host, t.command, t.expected) for t in plan.tests],
        ),
    ]
    if plan.estimate is not None:
        e = plan.estimate
        lines += [
            "",
            "ESTIMATE (arithmetic on stated assumptions, not a measurement)",
            f"One migration: {e.effective_bandwidth_gbps:g} Gb/s over {e.lane_summary}, "
            f"{e.memory_gb:g} GB in about {e.seconds_single:g} s.",
            f"{e.concurrent_migrations} at once (limit {e.concurrency_limit} per host): "
            f"{e.per_migration_when_concurrent_gbps:g} Gb/s each, "
            f"about {e.seconds_concurrent:g} s.",
            *table(
                ["Design", "Gb/s for one migration", "Note"],
                [(c.name, c.single_migration_gbps, c.note) for c in e.comparisons],
            ),
            *(f"Assumes: {a}" for a in e.assumptions),
        ]
    return "\n".join(lines) + "\n"
