"""NetBox 4.4 bulk-import files, for an empty NetBox and for one that is the source of truth.

NetBox's import pages only create (an update needs the object's numeric ID) and reject a whole
file at the first row that conflicts, so the rows are split by what a NetBox may already hold:

1. ``netbox-prereq-*``: site, manufacturer, device roles, device types (YAML, with the vmnics
   as interface templates), virtual chassis and devices. An empty NetBox only.
2. ``netbox-tags.csv``, ``netbox-vlan-groups.csv``: the design's tag and VLAN group, once.
3. ``netbox-existing-*``: what is in place before the plan (management network, vmk0, every
   cable, port and VLAN the plan marks existing), with live statuses. Skip what NetBox holds.
4. ``netbox-*`` (the rest): what the plan adds, ``reserved``/``planned``.

Within 3 and 4: VLANs, switch ports, prefixes, vmk interfaces, IP addresses, cables. With a
host (``--host``), each of those files splits into ``-shared`` (VLANs, shared subnets,
inter-switch links: import once) and ``-<host>`` (rows of that host only, never of another).
``netbox-import-order.txt`` lists the files of the set in the order to import them.
"""

from __future__ import annotations

from app.render.base import Artifact, RenderContext
from app.render.cabling_csv import CSV_MEDIA_TYPE, Cell, write_csv
from app.render.netbox.columns import (
    DEVICE_TYPES,
    IMPORT_ORDER,
    PREREQUISITE_KINDS,
    SWITCH_PORTS,
    TAGS,
    VLAN_GROUPS,
    Kind,
    Row,
    Stage,
    Table,
)
from app.render.netbox.identity import Identity, identity
from app.render.netbox.network import network_tables
from app.render.netbox.prerequisites import device_types_yaml, prerequisite_tables
from app.render.switch_common import one_line

ORDER_FILE = "netbox-import-order.txt"
DESCRIPTION_LIMIT = 200  # NetBox's description fields
TAG_COLOR = "0072b2"
_PREFIX = {
    Stage.PREREQUISITE: "netbox-prereq-",
    Stage.SETUP: "netbox-",
    Stage.EXISTING: "netbox-existing-",
    Stage.PLANNED: "netbox-",
}
_NOTE = {
    Stage.PREREQUISITE: "empty NetBox only",
    Stage.SETUP: "once per design",
    Stage.EXISTING: "in place today: skip if NetBox has it",
    Stage.PLANNED: "what the plan adds",
}


def _setup_tables(ident: Identity) -> list[Table]:
    tag = Row(
        {
            "name": ident.tag_name,
            "slug": ident.tag,
            "color": TAG_COLOR,
            "description": "Objects of a vmotion-planner design",
        }
    )
    group = Row({"name": ident.vlan_group, "slug": ident.vlan_group_slug})
    return [Table(Stage.SETUP, TAGS, [tag]), Table(Stage.SETUP, VLAN_GROUPS, [group])]


def _cell(row: Row, column: str) -> Cell:
    value = row.cells.get(column)
    # Descriptions quote design text (port groups, labels): one line, within NetBox's 200.
    if column == "description" and isinstance(value, str):
        return one_line(value, DESCRIPTION_LIMIT)
    return value


def _csv(name: str, kind: Kind, rows: list[Row]) -> Artifact:
    content = write_csv(kind.header, ([_cell(row, c) for c in kind.header] for row in rows))
    return Artifact(filename=name, media_type=CSV_MEDIA_TYPE, content=content)


def _scoped(table: Table, host: str | None) -> list[tuple[str, list[Row]]]:
    """(file-name suffix, rows): the whole table, or its shared rows and ``host``'s rows."""
    if host is None or table.stage in (Stage.PREREQUISITE, Stage.SETUP):
        return [("", table.rows)]
    return [
        ("-shared", [r for r in table.rows if r.owner is None]),
        (f"-{host}", [r for r in table.rows if r.owner == host]),
    ]


def file_name(stage: Stage, kind: Kind, suffix: str = "") -> str:
    """``netbox-[prereq-N-|existing-]<kind><suffix>.csv`` (device types: ``.yaml``)."""
    prefix = _PREFIX[stage]
    if stage is Stage.PREREQUISITE:
        prefix += f"{PREREQUISITE_KINDS.index(kind) + 1}-"
    return f"{prefix}{kind.stem}{suffix}.{'yaml' if kind is DEVICE_TYPES else 'csv'}"


def canonical_order() -> list[str]:
    """Every design-wide file name a set can have, in import order."""
    return [file_name(stage, kind) for stage, kind in IMPORT_ORDER]


def _files(ctx: RenderContext, host: str | None) -> list[tuple[Table, Artifact]]:
    ident = identity(ctx)
    tables = prerequisite_tables(ctx, ident) + _setup_tables(ident) + network_tables(ctx, ident)
    by_kind = {(t.stage, t.kind): t for t in tables}
    files: list[tuple[Table, Artifact]] = []
    for stage, kind in IMPORT_ORDER:
        if kind is DEVICE_TYPES:
            table = Table(stage, kind)
            yaml_file = Artifact(file_name(stage, kind), "application/yaml", device_types_yaml(ctx))
            files.append((table, yaml_file))
            continue
        table = by_kind[(stage, kind)]
        for suffix, rows in _scoped(table, host):
            if rows:
                files.append((table, _csv(file_name(stage, kind, suffix), kind, rows)))
    return files


def _note(table: Table) -> str:
    # CSV import only creates, and switches that NetBox holds have their ports already.
    if table.kind is SWITCH_PORTS:
        return "creates the ports: where NetBox has them, bulk-edit mode and VLANs instead"
    return _NOTE[table.stage]


def _order_text(ctx: RenderContext, files: list[tuple[Table, Artifact]]) -> str:
    lines = [
        f"NetBox import order for: {identity(ctx).site} (NetBox 4.4.6 or later)",
        "Import each file on the page named, with Import (CSV or YAML), in this order.",
        "",
    ]
    lines += [
        f"{n:2}. {a.filename}  ({t.kind.menu}; {_note(t)})"
        for n, (t, a) in enumerate(files, start=1)
    ]
    return "\n".join(lines) + "\n"


def import_order(ctx: RenderContext, host: str | None = None) -> list[str]:
    """The names of the import files of ``ctx`` (one host's set with ``host``), in order."""
    return [artifact.filename for _, artifact in _files(ctx, host)]


def render(ctx: RenderContext, host: str | None = None) -> list[Artifact]:
    """The NetBox file set in import order, followed by ``netbox-import-order.txt``."""
    files = _files(ctx, host)
    order = Artifact(ORDER_FILE, "text/plain", _order_text(ctx, files))
    return [artifact for _, artifact in files] + [order]
