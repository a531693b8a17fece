"""The cabling sheet as CSV: one row per cable, for spreadsheets and label printers.

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

CSV_MEDIA_TYPE = "text/csv"

# OWASP "CSV injection": spreadsheets evaluate cells starting with these characters.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

HEADER = (
    "Cable ID",
    "Label",
    "Role",
    "Lane",
    "A device",
    "A port",
    "A card",
    "A card port",
    "B device",
    "B port",
    "B card",
    "B card port",
    "Speed (Gbit/s)",
    "Subnet",
    "Colour",
)

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
    return [end.device, end.port, end.card, end.card_port]


def _row(cable: Cable) -> list[Cell]:
    return [
        cable.id,
        cable.label,
        role_label(cable.role),
        cable.lane,
        *_end(cable.a),
        *_end(cable.b),
        cable.speed_gbps,
        str(cable.subnet) if cable.subnet else None,
        cable.color,
    ]


def render(ctx: RenderContext, host: str | None = None) -> list[Artifact]:
    """``cabling.csv`` (or ``cabling-<host>.csv`` with the cables of one host)."""
    name = "cabling.csv" if host is None else f"cabling-{host}.csv"
    rows = [_row(cable) for cable in cables_for(ctx, host)]
    return [Artifact(filename=name, media_type=CSV_MEDIA_TYPE, content=write_csv(HEADER, rows))]
