"""The test plan: a printable commissioning checklist and the same checks as a shell script.

Each vmkping of the plan (every lane, both directions, jumbo payload MTU − 28 with do-not-fragment,
R39) becomes one numbered line with its exact command, the expected result and pass/fail boxes.
Three artefacts: ``test-plan.html`` (standalone, printable, every value HTML-escaped),
``test-plan.md`` (Markdown that also reads as plain text) and ``vmkping-checks.sh`` (POSIX sh:
``sh vmkping-checks.sh <host> [standby]`` runs the checks that start on that host). Checks are
grouped by source host, then host pair and path (app.render.checkgroups), so a 64-host plan
reads as one short section per host. Where the plan sets Migrate.BindToVmknic (E5, R9), all three
also read it back on each host (app.render.advanced_checks).
"""

from __future__ import annotations

from html import escape

from app.planner.result import VmkPing
from app.render import advanced_checks
from app.render.base import Artifact, RenderContext
from app.render.checkgroups import CheckGroup, HostChecks, NumberedCheck, by_source_host
from app.render.esxcli import CHECK_FUNCTION, CHECK_SUMMARY, vmkping_lines
from app.render.hostscope import header_facts
from app.render.quoting import md_text, one_line, sh_comment, sh_quote

HOW_TO = (
    "Run each command in the ESXi Shell of the source host once both hosts of the check are "
    "configured. Tick Pass when the output matches the expected result, Fail otherwise."
)
IF_FAILED = [
    "Run the same vmkping without -d -s: if that answers, the path drops jumbo frames; check the "
    "MTU of both vmks, both vSwitches and every switch port on the way (R10-R12).",
    "No answer at all: check the cable against the cabling sheet, the port group VLAN and the "
    "failover order of the port group (one active vmnic per vMotion vmk).",
]
CSS = """\
body { font: 11pt/1.4 system-ui, sans-serif; margin: 1.5cm; color: #111; }
h1 { font-size: 16pt; margin: 0 0 .3em; }
h2 { font-size: 13pt; margin: 1.2em 0 .4em; page-break-after: avoid; }
h3 { font-size: 11pt; margin: 1em 0 .3em; page-break-after: avoid; }
.meta { color: #444; margin: 0 0 1em; }
table { border-collapse: collapse; width: 100%; page-break-inside: auto; }
tr { page-break-inside: avoid; }
th, td { border: 1px solid #888; padding: 4px 6px; text-align: left; vertical-align: top; }
th { background: #eee; }
code { font: 9.5pt ui-monospace, monospace; }
.box { display: inline-block; width: 1em; height: 1em; border: 1.5px solid #111; }
.signoff td { height: 2em; }
@media print { body { margin: 0; } }
"""


def render(ctx: RenderContext, host: str | None) -> list[Artifact]:
    """The checklist as HTML and Markdown, and the checks as a shell script (all hosts, or one)."""
    tests = [t for t in ctx.plan.tests if host is None or t.source_host == host]
    return [
        Artifact("test-plan.html", "text/html", html(ctx, tests)),
        Artifact("test-plan.md", "text/markdown", markdown(ctx, tests)),
        Artifact("vmkping-checks.sh", "text/x-shellscript", shell(ctx, tests)),
    ]


def _advanced(
    ctx: RenderContext, tests: list[VmkPing], host: str | None = None
) -> list[advanced_checks.AdvancedCheck]:
    """BindToVmknic read-backs (R9) for the hosts these tests start on, or for ``host``."""
    hosts = [host] if host is not None else [h.host for h in by_source_host(tests)]
    return [c for c in advanced_checks.advanced_checks(ctx.plan) if c.host in hosts]


def _lane(test: VmkPing) -> str:
    return str(test.lane) if test.lane is not None else "-"


def _failover_note(group: CheckGroup) -> str:
    return (
        f"First run {group.down_command} on the source host (its vmks fail over to their "
        f"standby uplink), then these checks, then {group.up_command}."
    )


# --- HTML -----------------------------------------------------------------------------------


def html(ctx: RenderContext, tests: list[VmkPing]) -> str:
    """A standalone printable page; every value from the design or plan is escaped."""
    facts = header_facts(ctx.design.name, ctx.revision, ctx.generated_at)
    meta = [escape(one_line(fact)) for fact in facts[1:]]
    if ctx.share_url:
        meta.append(f"Link: {escape(ctx.share_url)}")
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>vMotion test plan: {escape(one_line(ctx.design.name))}</title>",
        f"<style>\n{CSS}</style>",
        "</head>",
        "<body>",
        f"<h1>vMotion commissioning checklist: {escape(one_line(ctx.design.name))}</h1>",
        f'<p class="meta">{" · ".join(meta)}</p>',
        f"<p>{escape(HOW_TO)}</p>",
    ]
    hosts = by_source_host(tests)
    if not hosts:
        parts.append("<p>This plan has no vmkping checks (no vMotion vmks were planned).</p>")
    for host in hosts:
        parts += _html_host(host)
    parts += advanced_checks.html_section(_advanced(ctx, tests))
    parts += _html_footer()
    return "\n".join(parts) + "\n"


def _html_host(host: HostChecks) -> list[str]:
    parts = [f"<h2>On {escape(host.host)} ({host.count} checks)</h2>"]
    for group in host.groups:
        parts.append(f"<h3>{escape(group.title)}</h3>")
        if group.failed_uplink:
            parts.append(f"<p>{escape(_failover_note(group))}</p>")
        parts += [
            "<table>",
            "<thead><tr><th>#</th><th>Lane</th><th>From</th><th>To</th><th>Command</th>"
            "<th>Expected</th><th>Pass</th><th>Fail</th><th>Notes</th></tr></thead>",
            "<tbody>",
            *(_html_row(row) for row in group.checks),
            "</tbody>",
            "</table>",
        ]
    return parts


def _html_row(row: NumberedCheck) -> str:
    test = row.check
    return (
        "<tr>"
        f"<td>{row.number}</td><td>{_lane(test)}</td>"
        f"<td>{escape(test.source_vmk)} {test.source_ip}</td>"
        f"<td>{escape(test.target_host)} {escape(test.target_vmk)} {test.target_ip}</td>"
        f"<td><code>{escape(test.command)}</code></td>"
        f"<td>{escape(test.expected)}</td>"
        '<td><span class="box" aria-label="pass"></span></td>'
        '<td><span class="box" aria-label="fail"></span></td>'
        "<td></td></tr>"
    )


def _html_footer() -> list[str]:
    return [
        "<h2>If a check fails</h2>",
        "<ul>",
        *(f"<li>{escape(hint)}</li>" for hint in IF_FAILED),
        "</ul>",
        "<h2>Sign-off</h2>",
        '<table class="signoff"><tbody>',
        "<tr><th>Checked by</th><td></td><th>Date</th><td></td></tr>",
        '<tr><th>Signature</th><td colspan="3"></td></tr>',
        "</tbody></table>",
        "</body>",
        "</html>",
    ]


# --- Markdown -------------------------------------------------------------------------------


def markdown(ctx: RenderContext, tests: list[VmkPing]) -> str:
    """The same checklist in Markdown, with ``[ ]`` boxes that also read well as plain text."""
    facts = header_facts(ctx.design.name, ctx.revision, ctx.generated_at)
    lines = [f"# vMotion commissioning checklist: {md_text(ctx.design.name)}", ""]
    lines += [f"{md_text(fact)}  " for fact in facts[1:]]
    if ctx.share_url:
        lines.append(f"Link: <{ctx.share_url.replace('>', '%3E')}>  ")
    lines += ["", HOW_TO, ""]
    hosts = by_source_host(tests)
    if not hosts:
        lines += ["This plan has no vmkping checks (no vMotion vmks were planned).", ""]
    for host in hosts:
        lines += [f"## On {md_text(host.host)} ({host.count} checks)", ""]
        for group in host.groups:
            lines += [f"### {md_text(group.title)}", ""]
            if group.failed_uplink:
                lines += [md_text(_failover_note(group)), ""]
            lines += [line for row in group.checks for line in _md_check(row)]
            lines.append("")
    lines += advanced_checks.markdown_section(_advanced(ctx, tests))
    lines += ["## If a check fails", "", *(f"- {hint}" for hint in IF_FAILED), ""]
    lines += ["## Sign-off", "", "Checked by: ____________________  Date: ____________", ""]
    return "\n".join(lines)


def _md_check(row: NumberedCheck) -> list[str]:
    test = row.check
    return [
        f"- **{row.number}** lane {_lane(test)}: {md_text(test.source_vmk)} "
        f"{test.source_ip} → {md_text(test.target_host)} {md_text(test.target_vmk)} "
        f"{test.target_ip}",
        f"  - Command: `{test.command}`",
        f"  - Expected: {md_text(test.expected)}",
        "  - [ ] Pass   [ ] Fail   Notes: ______________________",
    ]


# --- shell ----------------------------------------------------------------------------------


FAILOVER_FUNCTIONS = """\
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
"""


def shell(ctx: RenderContext, tests: list[VmkPing]) -> str:
    """POSIX sh: ``sh vmkping-checks.sh HOST [standby]`` runs one host's checks, sums them up.

    Without ``standby`` it runs the active-path checks; with it, the standby-path checks, each
    group after taking its failed uplink down (and back up afterwards).
    """
    facts = header_facts(ctx.design.name, ctx.revision, ctx.generated_at)
    hosts = by_source_host(tests)
    names = " ".join(host.host for host in hosts) or "none planned"
    usage = f"usage: sh vmkping-checks.sh HOST [standby]   (HOST: {names})"
    lines = [
        "#!/bin/sh",
        sh_comment("vmkping checks of the vMotion test plan (R39)"),
        *(sh_comment(fact) for fact in facts),
        "# Run in the ESXi Shell of the host you name; both ends of each check must be configured.",
        "set -eu",
        "",
        CHECK_FUNCTION,
        FAILOVER_FUNCTIONS,
        *([advanced_checks.SHELL_FUNCTION] if _advanced(ctx, tests) else []),
        'if [ "$#" -lt 1 ] || [ "$#" -gt 2 ]; then',
        f"    echo {sh_quote(usage)} >&2",
        "    exit 2",
        "fi",
        'case "$1:${2:-active}" in',
    ]
    for host in hosts:
        for path in ("active", "standby"):
            groups = [group for group in host.groups if group.path == path]
            if groups:
                lines.append(f"    {sh_quote(f'{host.host}:{path}')})")
                body = _shell_groups(groups)
                if path == "active":
                    body += advanced_checks.shell_lines(_advanced(ctx, tests, host.host))
                lines += [f"        {line}" for line in body]
                lines.append("        ;;")
    lines += [
        "    *)",
        f"        echo {sh_quote('No such checks start on that host. ' + usage)} >&2",
        "        exit 2",
        "        ;;",
        "esac",
        "",
        CHECK_SUMMARY,
    ]
    return "\n".join(lines)


def _shell_groups(groups: list[CheckGroup]) -> list[str]:
    lines = []
    for group in groups:
        lines.append(sh_comment(f"{group.title}"))
        if group.failed_uplink:
            lines.append(f"uplink_down {sh_quote(group.failed_uplink)}")
        lines += vmkping_lines([row.check for row in group.checks])
        if group.failed_uplink:
            lines.append(f"uplink_up {sh_quote(group.failed_uplink)}")
    return lines
