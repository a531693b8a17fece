"""Golden SVGs of E1 and E4 (reviewed by eye once; they change only on purpose).

Rewrite with ``UPDATE_GOLDEN=1 pytest tests/render/test_diagrams_golden.py`` and read the diff.
"""

from __future__ import annotations

import pytest

from app.render.diagrams.topology import render_topology
from app.render.diagrams.vswitch import render_vswitches
from tests.render.diagrams_support import context
from tests.render.exports_support import check_golden


@pytest.mark.parametrize("stem", ["e1", "e4"])
def test_diagrams_match_golden_files(stem: str) -> None:
    ctx = context(stem)
    artifacts = render_topology(ctx, None) + render_vswitches(ctx, None)
    check_golden("diagrams", stem, artifacts)
