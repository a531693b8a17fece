"""The legend under a diagram: swatches that flow left to right and wrap."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from app.render.diagrams.geometry import Point, Rect, text_width
from app.render.diagrams.svg import INK, MUTED, PAPER, SvgWriter

LEGEND_TITLE_H = 18
LEGEND_ROW_H = 20
SWATCH_W = 34
SWATCH_GAP = 8
ITEM_GAP = 22
LEGEND_FONT = 11


@dataclass(frozen=True)
class LegendItem:
    text: str
    kind: Literal["line", "box", "cross"]
    colour: str
    dash: str | None = None
    width: float = 2.5
    badge: str = ""  # short text drawn on the swatch (lane number), readable in greyscale


@dataclass(frozen=True)
class PlacedLegendItem:
    item: LegendItem
    at: Point  # left end of the swatch, on the text's middle line


@dataclass(frozen=True)
class LegendLayout:
    box: Rect
    items: tuple[PlacedLegendItem, ...]


def layout_legend(items: list[LegendItem], x: float, y: float, max_width: float) -> LegendLayout:
    """Place ``items`` in rows inside ``max_width`` starting at (x, y)."""
    placed: list[PlacedLegendItem] = []
    cursor_x, row_y = x, y + LEGEND_TITLE_H + LEGEND_ROW_H / 2
    for item in items:
        width = SWATCH_W + SWATCH_GAP + text_width(item.text, LEGEND_FONT)
        if cursor_x > x and cursor_x + width > x + max_width:
            cursor_x, row_y = x, row_y + LEGEND_ROW_H
        placed.append(PlacedLegendItem(item, Point(cursor_x, row_y)))
        cursor_x += width + ITEM_GAP
    height = row_y + LEGEND_ROW_H / 2 - y if items else 0
    return LegendLayout(Rect(x, y, max_width, height), tuple(placed))


def draw_legend(svg: SvgWriter, legend: LegendLayout) -> None:
    """Serialise a legend laid out by :func:`layout_legend`."""
    if not legend.items:
        return
    svg.open_group("Legend")
    svg.text(Point(legend.box.x, legend.box.y + 12), "Legend", size=11, bold=True, fill=MUTED)
    for placed in legend.items:
        _draw_swatch(svg, placed)
        text_at = Point(placed.at.x + SWATCH_W + SWATCH_GAP, placed.at.y + 4)
        svg.text(text_at, placed.item.text, size=LEGEND_FONT, fill=INK)
    svg.close_group()


def _draw_swatch(svg: SvgWriter, placed: PlacedLegendItem) -> None:
    item, at = placed.item, placed.at
    end = Point(at.x + SWATCH_W, at.y)
    if item.kind == "box":
        box = Rect(at.x + 4, at.y - 7, SWATCH_W - 8, 14)
        svg.rect(box, fill="none", stroke=item.colour, stroke_width=1.2, rx=3, dash=item.dash)
        return
    if item.kind == "cross":
        stub_end = Point(at.x + SWATCH_W - 10, at.y)
        svg.line(at, stub_end, stroke=item.colour, width=item.width, dash=item.dash)
        draw_cross(svg, Point(stub_end.x + 4, at.y), item.colour)
        return
    svg.line(at, end, stroke=item.colour, width=item.width, dash=item.dash)
    if item.badge:
        draw_badge(svg, Point(at.x + SWATCH_W / 2, at.y), item.badge, item.colour)


def draw_badge(svg: SvgWriter, centre: Point, text: str, colour: str) -> None:
    """A lane number in a small ring: tells lanes apart where colours do not (greyscale)."""
    radius = 7.0 if len(text) < 3 else 9.0
    svg.circle(centre, radius, fill=PAPER, stroke=colour)
    svg.text(Point(centre.x, centre.y + 3.5), text, size=9, anchor="middle", bold=True, fill=INK)


def draw_cross(svg: SvgWriter, centre: Point, colour: str, size: float = 3.5) -> None:
    """A small '×' that marks a link as not connected."""
    svg.line(
        Point(centre.x - size, centre.y - size),
        Point(centre.x + size, centre.y + size),
        stroke=colour,
        width=1.4,
    )
    svg.line(
        Point(centre.x - size, centre.y + size),
        Point(centre.x + size, centre.y - size),
        stroke=colour,
        width=1.4,
    )
