"""The conflict page: someone saved the design while this user was editing it.

Nothing is lost: the page shows both documents and a diff, and carries the user's unsaved
document in hidden fields so it can be saved over the newer version or taken back into the
editor. Their document is already stored as a revision.
"""

from __future__ import annotations

import yaml
from starlette.requests import Request
from starlette.responses import Response

from app.planner.design import Design
from app.services.history import diff_text
from app.store.tables import DesignRow
from app.web.forms import design_to_data, flatten
from app.web.templating import render


def document_yaml(design: Design) -> str:
    """The design as the YAML people read and paste (same form as the examples)."""
    return yaml.safe_dump(design_to_data(design), sort_keys=False, allow_unicode=True)


def render_conflict(
    request: Request, current: DesignRow, mine: Design, meta: dict[str, str]
) -> Response:
    """The 409 page for a save that lost the race against ``current``."""
    theirs_yaml = document_yaml(current.to_design())
    mine_yaml = document_yaml(mine)
    context = {
        "row": current,
        "theirs_yaml": theirs_yaml,
        "mine_yaml": mine_yaml,
        "diff": diff_text(theirs_yaml, mine_yaml, context=2),
        "hidden": flatten(design_to_data(mine)),
        "author": meta.get("author", ""),
        "message": meta.get("message", ""),
        "expected": meta.get("version", ""),
        "nav": "designs",
    }
    return render(request, "designs/conflict.html", context, status_code=409)
