"""A design deleted while someone was editing it (issue 10 item 8).

Saving after someone else deleted the design used to answer "not found" and lose the edit. Now
the access check raises :class:`DesignInTrash` for people who could see the design, and a save
from the editor gets a page that keeps the document, says what happened, and offers to store it
as a new design (through the import form), as the conflict page does for a newer version.
"""

from __future__ import annotations

from typing import Any

import yaml
from fastapi import FastAPI, HTTPException, Request
from starlette.responses import Response

from app.web.errors import error_page
from app.web.forms import parse_form
from app.web.templating import render

# The editor's own limit (app.web.routes.editor.MAX_FORM_FIELDS): the same form comes here.
MAX_FORM_FIELDS = 20_000
GONE_MESSAGE = (
    "This design was deleted and is in the trash; an administrator can restore it (Admin → Trash)."
)


class DesignInTrash(HTTPException):
    """The design in the path is in the trash, and the person asking could see it."""

    def __init__(self, design_id: int) -> None:
        super().__init__(404, GONE_MESSAGE)
        self.design_id = design_id


def _is_editor_save(request: Request) -> bool:
    route = request.scope.get("route")
    return request.method == "POST" and getattr(route, "name", "") == "design_save"


async def _deleted(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, DesignInTrash)
    if not _is_editor_save(request):
        return error_page(request, 404, GONE_MESSAGE, title="Design deleted")
    form = await request.form(max_fields=MAX_FORM_FIELDS, max_files=0)
    items = [(k, v) for k, v in form.multi_items() if isinstance(v, str)]
    document = yaml.safe_dump(parse_form(items), sort_keys=False, allow_unicode=True)
    context: dict[str, Any] = {"design_id": exc.design_id, "document": document, "nav": "designs"}
    # 409: the save conflicts with a deletion; nothing was stored.
    return render(request, "designs/deleted.html", context, status_code=409)


def install(app: FastAPI) -> None:
    app.add_exception_handler(DesignInTrash, _deleted)
