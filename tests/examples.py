"""Load the reference designs in examples/ for tests of every layer."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from app.planner.design import Design

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def example_dict(stem: str) -> dict[str, Any]:
    """The raw document of examples/<stem>*.yaml, for tests that change one field."""
    (path,) = EXAMPLES.glob(f"{stem}*.yaml")
    data: dict[str, Any] = yaml.safe_load(path.read_text())
    return data


def example(stem: str, **changes: Any) -> Design:
    """examples/<stem>*.yaml as a Design; keyword arguments replace top-level fields."""
    data = example_dict(stem)
    data.update(changes)
    return Design.model_validate(data)
