"""Helpers for the design-view and editor tests: store a design, post it as the editor would."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy.orm import Session

from app.config import Settings
from app.planner.design import Design
from app.services.designs import save_new_design
from app.web.forms import design_to_data, flatten

EXAMPLE_STEMS = ("e1", "e2", "e3", "e4", "e5", "e6", "e7")
HTMX = {"HX-Request": "true"}


def store(session: Session, settings: Settings, design: Design) -> int:
    """Save ``design`` as a new stored design and return its ID."""
    return save_new_design(session, design, settings).id


def form_of(design: Design | dict[str, Any], **meta: str) -> dict[str, str]:
    """The fields the editor posts for ``design`` (plus version/author/message)."""
    data = design_to_data(design) if isinstance(design, Design) else design
    return dict(flatten(data)) | meta


def field_block(html: str, path: str) -> str:
    """The markup of the editor field ``path`` (its div.field), for 'message next to field'."""
    match = re.search(
        rf'<div class="field[^"]*" data-field="{re.escape(path)}">(.*?)</div>', html, re.S
    )
    assert match, f"no field {path} in the page"
    return match.group(1)
