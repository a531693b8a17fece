"""What every route that renders a stored design's outputs shares: its render context, the
``?host=`` parameter, public URLs and download file names."""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from typing import Annotated

from fastapi import Query

from app.render.base import RenderContext
from app.services.planning import plan_for
from app.store.tables import DesignRow
from app.web.templating import format_when

# ``?host=esx01`` narrows per-host outputs to one host (host names are at most 63 characters).
HostQuery = Annotated[str | None, Query(max_length=63)]

_UNSAFE_FILENAME = re.compile(r"[^A-Za-z0-9._-]+")


def render_context(row: DesignRow, share_url: str) -> RenderContext:
    """A stored design's render context; the date is the revision's, so a reprint is identical."""
    design = row.to_design()
    return RenderContext(
        design=design,
        plan=plan_for(design),
        revision=row.version,
        generated_at=format_when(row.updated_at),
        share_url=share_url,
    )


def safe_filename(text: str) -> str:
    """A file name safe in a Content-Disposition header: [A-Za-z0-9._-] only, no leading dots."""
    return _UNSAFE_FILENAME.sub("-", PurePosixPath(text).name).strip("-.")
