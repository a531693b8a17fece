"""A tiny SVG writer: presentation attributes only, every text escaped.

The diagrams are embedded inline in pages served with a strict Content-Security-Policy, which
blocks ``<style>`` elements and ``style=""`` attributes; presentation attributes (``fill``,
``stroke``, ``font-size``) are not styles and always apply. The writer emits no ids either, so two
diagrams on one page can never clash.
"""

from __future__ import annotations

from collections.abc import Iterable
from xml.sax.saxutils import escape, quoteattr

from app.render.diagrams.geometry import Point, Rect
from app.render.quoting import xml_safe

FONT_SANS = "DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif"
FONT_MONO = "DejaVu Sans Mono, Liberation Mono, Consolas, Menlo, monospace"

INK = "#1F2937"
MUTED = "#6B7280"
FAINT = "#9CA3AF"
RULE = "#D1D5DB"
PAPER = "#FFFFFF"
PANEL = "#F9FAFB"


def num(value: float) -> str:
    """A coordinate with at most one decimal, without a trailing '.0'."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _attrs(pairs: dict[str, str | float | None]) -> str:
    out = []
    for key, value in pairs.items():
        if value is None:
            continue
        text = num(value) if isinstance(value, float | int) else value
        out.append(f" {key.replace('_', '-')}={quoteattr(text)}")
    return "".join(out)


class SvgWriter:
    """Collects SVG elements and serialises them into one standalone document."""

    def __init__(self, width: float, height: float, title: str, description: str = "") -> None:
        self.width = width
        self.height = height
        self.title = title
        self.description = description
        self._parts: list[str] = []

    def comment(self, text: str) -> None:
        # "--" is not allowed inside XML comments.
        self._parts.append(f"<!-- {escape(text).replace('--', '- -')} -->")

    def open_group(self, label: str = "", *, cls: str = "") -> None:
        self._parts.append(f"<g{_attrs({'aria-label': label or None, 'class': cls or None})}>")

    def close_group(self) -> None:
        self._parts.append("</g>")

    def rect(
        self,
        r: Rect,
        *,
        fill: str = "none",
        stroke: str | None = None,
        stroke_width: float = 1,
        rx: float = 0,
        dash: str | None = None,
    ) -> None:
        attrs: dict[str, str | float | None] = {"x": r.x, "y": r.y, "width": r.w, "height": r.h}
        attrs |= {"rx": rx or None, "fill": fill, "stroke": stroke}
        if stroke:
            attrs |= {"stroke_width": stroke_width, "stroke_dasharray": dash}
        self._parts.append(f"<rect{_attrs(attrs)}/>")

    def circle(self, centre: Point, radius: float, *, fill: str, stroke: str | None = None) -> None:
        attrs: dict[str, str | float | None] = {"cx": centre.x, "cy": centre.y, "r": radius}
        attrs |= {"fill": fill, "stroke": stroke}
        self._parts.append(f"<circle{_attrs(attrs)}/>")

    def polyline(
        self,
        points: Iterable[Point],
        *,
        stroke: str,
        width: float = 1.5,
        dash: str | None = None,
        tooltip: str = "",
    ) -> None:
        coords = " ".join(f"{num(p.x)},{num(p.y)}" for p in points)
        attrs: dict[str, str | float | None] = {"points": coords, "fill": "none", "stroke": stroke}
        attrs |= {"stroke_width": width, "stroke_dasharray": dash}
        attrs |= {"stroke_linejoin": "round", "stroke_linecap": "butt"}
        body = f"<title>{escape(tooltip)}</title>" if tooltip else ""
        if body:
            self._parts.append(f"<polyline{_attrs(attrs)}>{body}</polyline>")
        else:
            self._parts.append(f"<polyline{_attrs(attrs)}/>")

    def line(
        self, a: Point, b: Point, *, stroke: str, width: float = 1, dash: str | None = None
    ) -> None:
        self.polyline((a, b), stroke=stroke, width=width, dash=dash)

    def text(
        self,
        at: Point,
        text: str,
        *,
        size: float = 11,
        anchor: str = "start",
        bold: bool = False,
        mono: bool = False,
        fill: str = INK,
        italic: bool = False,
    ) -> None:
        attrs: dict[str, str | float | None] = {"x": at.x, "y": at.y, "font_size": size}
        attrs |= {"font_family": FONT_MONO if mono else FONT_SANS, "fill": fill}
        attrs |= {"text_anchor": None if anchor == "start" else anchor}
        attrs |= {"font_weight": "bold" if bold else None}
        attrs |= {"font_style": "italic" if italic else None}
        self._parts.append(f"<text{_attrs(attrs)}>{escape(text)}</text>")

    def to_string(self) -> str:
        """The complete document: xmlns, size, viewBox, role and an accessible title."""
        head = _attrs(
            {
                "xmlns": "http://www.w3.org/2000/svg",
                "width": self.width,
                "height": self.height,
                "viewBox": f"0 0 {num(self.width)} {num(self.height)}",
                "role": "img",
                "font-family": FONT_SANS,
            }
        )
        parts = [f"<svg{head}>", f"<title>{escape(self.title)}</title>"]
        if self.description:
            parts.append(f"<desc>{escape(self.description)}</desc>")
        parts.append(f'<rect width="100%" height="100%" fill="{PAPER}"/>')
        parts.extend(self._parts)
        parts.append("</svg>")
        return xml_safe("\n".join(parts)) + "\n"
