"""The cabling sheet as CSV: one row per cable, for spreadsheets and label printers.

Every cable of the plan is a row: back-to-back (kind ``direct``), host to switch (``uplink``) and
switch to switch (``inter_switch``, both ends switch ports). Rows with Status ``existing`` are
patched today and only need checking; they follow the ``planned`` rows.

Cells that come from the design pass through :func:`csv_cell`, which defuses spreadsheet
formulas (a card slot typed as ``=HYPERLINK(...)`` must stay text when the file is opened in a
spreadsheet); the csv module does the quoting.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from app.planner.naming import role_label
from app.planner.result import Cable, CableEnd
from app.render.base import Artifact, RenderContext
from app.render.diagrams.topology_model import port_sort_key

CSV_MEDIA_TYPE = "text/csv"

# OWASP "CSV injection": spreadsheets evaluate cells starting with these characters.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

HEADER = (
    "Cable ID",
    "Status",
    "Kind",
    "Label",
    "Role",
    "Lane",
    "A device",
    "A port",
    "A card",
    "A card port",
    "A port label",
    "B device",
    "B port",
    "B card",
    "B card port",
    "B port label",
    "Speed (Gbit/s)",
    "Subnet",
    "VLANs",
    "MTU",
    "Port-channel",
    "Colour",
)

# Issue 7: cables patched today are kept apart from the ones to patch. Every row says which in
# "Status", and the planned cables come first, then the existing ones (each group in ID order).
PLANNED, EXISTING = "planned", "existing"

Cell = str | int | None


def csv_cell(value: Cell) -> str:
    """``value`` as a CSV cell; text that a spreadsheet would run as a formula gets a ``'``."""
    if value is None:
        return ""
    text = str(value)
    if isinstance(value, str) and text.startswith(_FORMULA_START):
        return "'" + text
    return text


def write_csv(header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> str:
    """RFC 4180 CSV text (CRLF line ends, quoting where needed) with guarded cells."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    writer.writerows([csv_cell(cell) for cell in row] for row in rows)
    return buffer.getvalue()


def cables_for(ctx: RenderContext, host: str | None) -> list[Cable]:
    """All cables, or those with one end on ``host``."""
    if host is None:
        return list(ctx.plan.cables)
    return [c for c in ctx.plan.cables if host in (c.a.device, c.b.device)]


def _end(end: CableEnd) -> list[Cell]:
    return [end.device, end.port, end.card, end.card_port, end.label]


def _row(cable: Cable) -> list[Cell]:
    return [
        cable.id,
        EXISTING if cable.existing else PLANNED,
        cable.kind.value,
        cable.label,
        role_label(cable.role),
        cable.lane,
        *_end(cable.a),
        *_end(cable.b),
        cable.speed_gbps,
        str(cable.subnet) if cable.subnet else None,
        " ".join(str(v) for v in cable.vlans),
        cable.mtu,
        cable.channel_group,
        cable.color,
    ]


def _planned_first(cables: list[Cable]) -> list[Cable]:
    return sorted(cables, key=lambda c: (c.existing, port_sort_key(c.id)))


def render(ctx: RenderContext, host: str | None = None) -> list[Artifact]:
    """``cabling.csv`` (or ``cabling-<host>.csv`` with the cables of one host)."""
    name = "cabling.csv" if host is None else f"cabling-{host}.csv"
    rows = [_row(cable) for cable in _planned_first(cables_for(ctx, host))]
    return [Artifact(filename=name, media_type=CSV_MEDIA_TYPE, content=write_csv(HEADER, rows))]
