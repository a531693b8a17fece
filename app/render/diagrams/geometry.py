"""Plane geometry and text metrics shared by the diagram layouts.

Layouts never ask a font for metrics (there is no font at layout time): they estimate text widths
from character counts. The estimates are deliberately generous for DejaVu Sans, the widest of the
fonts the SVGs name, so that labels never overrun their boxes in any of them.
"""

from __future__ import annotations

from dataclasses import dataclass

# Average advance per character as a fraction of the font size.
_SANS_ADVANCE = 0.62
_SANS_BOLD_ADVANCE = 0.68
_MONO_ADVANCE = 0.61  # DejaVu Sans Mono: 0.602 em per glyph


@dataclass(frozen=True)
class Point:
    x: float
    y: float


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        return self.y + self.h / 2

    def overlaps(self, other: Rect) -> bool:
        """True when the interiors intersect (touching edges do not count)."""
        return (
            self.x < other.right
            and other.x < self.right
            and self.y < other.bottom
            and other.y < self.bottom
        )

    def on_edge(self, p: Point, tol: float = 0.01) -> bool:
        """True when ``p`` lies on the outline of the rectangle."""
        inside_x = self.x - tol <= p.x <= self.right + tol
        inside_y = self.y - tol <= p.y <= self.bottom + tol
        on_vertical = abs(p.x - self.x) <= tol or abs(p.x - self.right) <= tol
        on_horizontal = abs(p.y - self.y) <= tol or abs(p.y - self.bottom) <= tol
        return (on_vertical and inside_y) or (on_horizontal and inside_x)


def text_width(text: str, size: float, *, mono: bool = False, bold: bool = False) -> float:
    """Estimated rendered width of ``text`` at font ``size`` (px)."""
    advance = _MONO_ADVANCE if mono else _SANS_BOLD_ADVANCE if bold else _SANS_ADVANCE
    return len(text) * size * advance


def fit_text(
    text: str, max_width: float, size: float, *, mono: bool = False, bold: bool = False
) -> str:
    """``text`` shortened with an ellipsis so that it fits ``max_width``."""
    if text_width(text, size, mono=mono, bold=bold) <= max_width:
        return text
    keep = int(max_width // (size * (_MONO_ADVANCE if mono else _SANS_BOLD_ADVANCE))) - 1
    return text[: max(keep, 1)] + "…"


def wrap_words(
    words: list[str], max_width: float, size: float, *, mono: bool = False, sep: str = ", "
) -> list[str]:
    """Join ``words`` with ``sep`` into as few lines as fit ``max_width``."""
    lines: list[str] = []
    current = ""
    for word in words:
        candidate = f"{current}{sep}{word}" if current else word
        if current and text_width(candidate + sep.strip(), size, mono=mono) > max_width:
            lines.append(current + sep.strip())
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines


def assign_tracks(intervals: list[tuple[float, float]], gap: float) -> list[int]:
    """Give each vertical interval a track so that intervals on one track never overlap.

    Short intervals are placed first and take the innermost free track, so nested connections
    draw as nested brackets (the fewest crossings for the common case of neighbours).

    Returns the track index (0 = innermost) of each interval, in input order.
    """
    order = sorted(range(len(intervals)), key=lambda i: (_span(intervals[i]), min(intervals[i])))
    tracks: list[list[tuple[float, float]]] = []
    result = [0] * len(intervals)
    for index in order:
        low, high = sorted(intervals[index])
        for number, used in enumerate(tracks):
            if all(high + gap < u_low or low - gap > u_high for u_low, u_high in used):
                used.append((low, high))
                result[index] = number
                break
        else:
            tracks.append([(low, high)])
            result[index] = len(tracks) - 1
    return result


def _span(interval: tuple[float, float]) -> float:
    return abs(interval[1] - interval[0])
