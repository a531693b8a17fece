"""The contract every renderer follows.

A renderer is a function ``render(ctx: RenderContext, host: str | None) -> list[Artifact]``.
``host`` narrows per-host formats to one host (``--host`` on the CLI); formats that cover the whole
design ignore it. Renderers are pure: no I/O, no clock. The date and revision that appear in
headers come from the context, so golden files stay stable.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.planner.design import Design
from app.planner.result import Plan


@dataclass(frozen=True)
class RenderContext:
    design: Design
    plan: Plan
    revision: int | None = None
    generated_at: str | None = None  # ISO date/time text for headers; None leaves it out
    share_url: str | None = None  # read-only link, for QR codes and headers


@dataclass(frozen=True)
class Artifact:
    filename: str
    media_type: str
    content: str | bytes

    @property
    def data(self) -> bytes:
        return self.content.encode() if isinstance(self.content, str) else self.content
