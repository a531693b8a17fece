"""Commissioning checks of the host advanced settings the plan sets (E5: Migrate.BindToVmknic, R9).

When vMotion is forced into the management subnet, ``Migrate.BindToVmknic=1`` is what keeps
vMotion on its own vmk (docs/domain.md, problem 4 and R9). A host where it did not stick looks
healthy to vmkping, so the checklist and ``vmkping-checks.sh`` read the option back on each host
with ``esxcli system settings advanced list --option=/Migrate/BindToVmknic``, whose output has a
line ``   Int Value: 1`` (docs/domain.md section 3, S-CODE).
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from app.planner.result import Plan
from app.render.hostscope import advanced_path
from app.render.quoting import md_text, sh_comment, sh_quote

# POSIX sh for the ESXi Shell (busybox): the option's current integer value must equal $2.
# "Default Int Value: 0" is another line of the same output, hence the anchored pattern.
SHELL_FUNCTION = """\
# advanced_is: an advanced option reads the planned value (esxcli prints '   Int Value: N').
advanced_is() {
    esxcli system settings advanced list --option="$1" | grep -q "^ *Int Value: $2\\$"
}
"""


@dataclass(frozen=True)
class AdvancedCheck:
    """One advanced option to read back on one host."""

    host: str
    key: str
    value: int

    @property
    def option(self) -> str:
        return advanced_path(self.key)

    @property
    def command(self) -> str:
        return f"esxcli system settings advanced list --option={self.option}"

    @property
    def expected(self) -> str:
        return f"Int Value: {self.value}"


def advanced_checks(plan: Plan, host: str | None = None) -> list[AdvancedCheck]:
    """Every advanced setting of the plan, per host in plan order (or only ``host``'s)."""
    return [
        AdvancedCheck(h.name, key, int(value))
        for h in plan.hosts
        if host is None or h.name == host
        for key, value in sorted(h.advanced.items())
    ]


def _numbered(checks: list[AdvancedCheck]) -> list[tuple[str, AdvancedCheck]]:
    return [(f"A{index:02d}", check) for index, check in enumerate(checks, start=1)]


def html_section(checks: list[AdvancedCheck]) -> list[str]:
    """A table of read-back checks with pass/fail boxes; empty when the plan sets none."""
    if not checks:
        return []
    parts = [
        "<h2>Advanced settings (R9)</h2>",
        "<p>vMotion shares the management subnet, so each host must bind vMotion to its own "
        "vmk. Run on each host:</p>",
        "<table>",
        "<thead><tr><th>#</th><th>Host</th><th>Command</th><th>Expected</th><th>Pass</th>"
        "<th>Fail</th><th>Notes</th></tr></thead>",
        "<tbody>",
    ]
    for number, check in _numbered(checks):
        parts.append(
            f"<tr><td>{number}</td><td>{escape(check.host)}</td>"
            f"<td><code>{escape(check.command)}</code></td>"
            f"<td>a line <code>{escape(check.expected)}</code></td>"
            '<td><span class="box" aria-label="pass"></span></td>'
            '<td><span class="box" aria-label="fail"></span></td>'
            "<td></td></tr>"
        )
    return [*parts, "</tbody>", "</table>"]


def markdown_section(checks: list[AdvancedCheck]) -> list[str]:
    """The same checks in Markdown, one item per host and option."""
    if not checks:
        return []
    lines = [
        "## Advanced settings (R9)",
        "",
        "vMotion shares the management subnet, so each host must bind vMotion to its own vmk.",
        "",
    ]
    for number, check in _numbered(checks):
        lines += [
            f"- **{number}** on {md_text(check.host)}: {check.key} = {check.value}",
            f"  - Command: `{check.command}`",
            f"  - Expected: a line `{check.expected}`",
            "  - [ ] Pass   [ ] Fail   Notes: ______________________",
        ]
    return [*lines, ""]


def shell_lines(checks: list[AdvancedCheck]) -> list[str]:
    """``check advanced_is …`` lines for one host's checks (needs :data:`SHELL_FUNCTION`)."""
    lines = []
    for check in checks:
        lines.append(sh_comment(f"{check.command}; expected: {check.expected} (R9)"))
        lines.append(f"check advanced_is {sh_quote(check.option)} {check.value}")
    return lines
