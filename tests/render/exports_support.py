"""Contexts and golden files for the OUTPUTS-B renderer tests (switch, CSV, NetBox, draw.io, …).

Golden files live in tests/render/golden/<format>/<example>/<artifact name>. They change only on
purpose: run the tests with ``UPDATE_GOLDEN=1`` to rewrite them, then read the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

from app.planner.plan import plan
from app.render.base import Artifact, RenderContext
from tests.examples import example

GOLDEN = Path(__file__).resolve().parent / "golden"
GOLDEN_EXAMPLES = ("e1", "e4", "e5", "e6")
REVISION = 3
GENERATED_AT = "2026-01-15T09:30:00Z"


def context(stem: str, **changes: object) -> RenderContext:
    """The render context of examples/<stem>*.yaml with a fixed revision and date."""
    design = example(stem, **changes)
    return RenderContext(
        design=design, plan=plan(design), revision=REVISION, generated_at=GENERATED_AT
    )


def check_golden(fmt: str, stem: str, artifacts: list[Artifact]) -> None:
    """Compare ``artifacts`` with the stored files (or rewrite them with UPDATE_GOLDEN=1)."""
    folder = GOLDEN / fmt / stem
    if os.environ.get("UPDATE_GOLDEN") == "1":
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.iterdir():
            old.unlink()
        for artifact in artifacts:
            (folder / artifact.filename).write_bytes(artifact.data)
        return
    stored = sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []
    assert sorted(a.filename for a in artifacts) == stored, (
        f"{fmt}/{stem}: files differ from the golden set; rerun with UPDATE_GOLDEN=1 if intended"
    )
    for artifact in artifacts:
        expected = (folder / artifact.filename).read_bytes()
        assert artifact.data == expected, (
            f"{fmt}/{stem}/{artifact.filename} differs from its golden file; "
            "rerun with UPDATE_GOLDEN=1 if the change is intended"
        )
