"""What the design view shows, built once per request for the HTML page and its JSON twin.

The HTML templates and the ``.json`` twin read the same :class:`DesignView`; :func:`view_json`
is the JSON-safe part of it (the SVG strings stay out of the JSON: they have their own routes in
the export formats).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from app.planner.design import Design
from app.planner.result import (
    CableEnd,
    EndKind,
    Finding,
    HostPlan,
    Plan,
    Severity,
    SubnetPlan,
    plan_json,
)
from app.render.checkgroups import HostChecks, by_source_host
from app.render.diagrams.finding_marks import marked_vmks
from app.render.diagrams.topology_units import ALL, OVERVIEW, Unit, units

TABS: tuple[tuple[str, str], ...] = (
    ("overview", "Overview"),
    ("wiring", "Wiring"),
    ("vswitches", "vSwitches"),
    ("ip", "IP plan"),
    ("tests", "Test plan"),
)
TAB_KEYS = frozenset(key for key, _ in TABS)
# The partial each tab renders (``ip`` is the IP plan; the others share the tab's name).
TAB_TEMPLATES = {key: f"designs/_{'ip_plan' if key == 'ip' else key}.html" for key in TAB_KEYS}

SEVERITY_ORDER = (Severity.ERROR, Severity.WARNING, Severity.INFO)
SEVERITY_TITLES = {
    Severity.ERROR: "Errors",
    Severity.WARNING: "Warnings",
    Severity.INFO: "Notes",
}


def pick_tab(requested: str | None) -> str:
    """The tab to show: the requested one when it exists, else the overview."""
    return requested if requested in TAB_KEYS else "overview"


@dataclass(frozen=True)
class FindingGroup:
    severity: Severity
    title: str
    findings: list[Finding]


@dataclass(frozen=True)
class Links:
    """Where the view's links go; the shared view points them at the token's URLs."""

    base: str  # the view itself, e.g. /designs/7 or /s/<token>
    sheet: str | None  # None for an old revision (the sheet prints the current one)
    sheet_pdf: str | None
    json: str
    edit: str | None = None
    history: str | None = None
    share: str | None = None
    export: str | None = None

    def tab(self, key: str) -> str:
        return f"{self.base}?tab={key}"

    def drawing(self, key: str) -> str:
        return f"{self.base}?tab=overview&drawing={key}"


@dataclass
class DesignView:
    """Everything the design view renders (any tab)."""

    design: Design
    plan: Plan
    links: Links
    tab: str = "overview"
    read_only: bool = False
    design_id: int | None = None
    version: int | None = None
    updated_at: str | None = None
    updated_label: str | None = None
    saved: bool = False  # just saved from the editor: the page says so once
    requested_drawing: str | None = None  # ?drawing=: which topology drawing to show
    revision_of: int | None = None  # an old revision shown read-only: the current version
    _svg_cache: dict[str, str] = field(default_factory=dict)
    _far_ends: dict[tuple[str, str], CableEnd] = field(default_factory=dict)
    _port_labels: dict[tuple[str, str], str] = field(default_factory=dict)

    @property
    def tabs(self) -> tuple[tuple[str, str], ...]:
        return TABS

    @property
    def tab_template(self) -> str:
        return TAB_TEMPLATES[self.tab]

    @property
    def finding_groups(self) -> list[FindingGroup]:
        return group_findings(self.plan.findings)

    @property
    def has_vmotion(self) -> bool:
        return self.plan.summary.lanes > 0

    @property
    def vmotion_subnets(self) -> list[SubnetPlan]:
        return self.plan.subnets

    @property
    def test_hosts(self) -> list[HostChecks]:
        return by_source_host(self.plan.tests)

    @property
    def drawings(self) -> list[Unit]:
        """The topology's drawings besides the overview: one per switch or host pair."""
        return units(self.plan)

    @property
    def drawing(self) -> str:
        """The drawing to show: the requested one if the plan has it, else a default.

        Up to four hosts one drawing of every cable still reads; beyond that the first switch
        (or host pair) is shown and the picker offers the others (issue 9 §2).
        """
        keys = [ALL, *(u.key for u in self.drawings)]
        if self.requested_drawing in keys:
            return self.requested_drawing
        if len(self.plan.hosts) <= 4 or len(keys) == 1:
            return ALL
        return keys[1]

    def far_end(self, host: str, vmnic: str) -> CableEnd | None:
        """The other end of the cable on ``host`` ``vmnic`` (None when it has no cable)."""
        if not self._far_ends:
            for cable in self.plan.cables:
                for near, far in ((cable.a, cable.b), (cable.b, cable.a)):
                    if near.kind is EndKind.HOST:
                        self._far_ends[(near.device, near.port)] = far
        return self._far_ends.get((host, vmnic))

    def port_label(self, host: str, vmnic: str) -> str:
        """The printed label of a host port, as the design gives it ("" when none)."""
        if not self._port_labels:
            for h in self.design.hosts:
                for card in self.design.cards_of(h):
                    for port in card.ports:
                        self._port_labels[(h.name, port.vmnic)] = port.label
        return self._port_labels.get((host, vmnic), "")

    def overview_svg(self) -> str:
        """The grouped overview drawing (trusted, server-generated SVG markup)."""
        from app.render.diagrams.topology import drawing_svg  # drawn on demand: lazy import

        return self._cached("drawing:" + OVERVIEW, lambda: drawing_svg(self.plan, OVERVIEW))

    def topology_svg(self) -> str:
        """The picked topology drawing (trusted, server-generated SVG markup)."""
        key = self.drawing
        from app.render.diagrams.topology import drawing_svg

        return self._cached(f"drawing:{key}", lambda: drawing_svg(self.plan, key))

    def vswitch_svg(self, host: HostPlan) -> str:
        """The vSwitch diagram of one host (trusted, server-generated SVG markup)."""
        marks = marked_vmks(self.plan, host.name)  # vmks a finding concerns (issue 9 §5)
        from app.render.diagrams.vswitch import vswitch_svg

        return self._cached(f"vswitch:{host.name}", lambda: vswitch_svg(host, marks))

    def _cached(self, key: str, build: Callable[[], str]) -> str:
        if key not in self._svg_cache:
            self._svg_cache[key] = build()
        return self._svg_cache[key]


def group_findings(findings: list[Finding]) -> list[FindingGroup]:
    """Findings by severity, errors first; empty severities are left out."""
    groups = []
    for severity in SEVERITY_ORDER:
        members = [f for f in findings if f.severity is severity]
        if members:
            groups.append(FindingGroup(severity, SEVERITY_TITLES[severity], members))
    return groups


def view_json(view: DesignView) -> dict[str, Any]:
    """The JSON twin: the design, its plan and the view's own context (same data as the page)."""
    return {
        "id": view.design_id,
        "version": view.version,
        "updated_at": view.updated_at,
        "read_only": view.read_only,
        "tab": view.tab,
        "tabs": [{"key": key, "title": title, "url": view.links.tab(key)} for key, title in TABS],
        "links": {
            name: value
            for name, value in vars(view.links).items()
            if value is not None and name != "base"
        }
        | {"html": view.links.base},
        "has_vmotion": view.has_vmotion,
        "drawing": view.drawing,
        "drawings": [
            {"key": key, "title": title, "url": view.links.drawing(key)}
            for key, title in [(ALL, "Every cable in one drawing")]
            + [(u.key, u.title) for u in view.drawings]
        ],
        "findings_by_severity": {
            g.severity.value: [plan_json(f) for f in g.findings] for g in view.finding_groups
        },
        "test_groups": [
            {
                "host": h.host,
                "title": g.title,
                "path": g.path,
                "failed_uplink": g.failed_uplink,
                "commands": [row.check.command for row in g.checks],
            }
            for h in view.test_hosts
            for g in h.groups
        ],
        "design": view.design.model_dump(mode="json"),
        "plan": plan_json(view.plan),
    }
