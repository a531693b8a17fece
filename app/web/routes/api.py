"""The JSON API (``/api``) and its OpenAPI documentation page (``/docs``, assets from static/)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, status
from fastapi.responses import HTMLResponse, JSONResponse
from starlette.responses import Response

from app.planner.design import Design
from app.planner.result import Plan
from app.services.designs import DesignTooLarge, check_limits, save_design, save_new_design
from app.services.planning import plan_for
from app.store import designs as store
from app.store.tables import DesignRow
from app.web.deps import SessionDep, SettingsDep
from app.web.errors import field_path
from app.web.routes.designs import list_context
from app.web.schemas import (
    ConflictBody,
    DesignCreate,
    DesignList,
    DesignRecord,
    DesignUpdate,
    MessageBody,
    ValidationErrorBody,
)
from app.web.templating import PRODUCT_NAME

NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"model": MessageBody, "description": "No such design."}
}
INVALID: dict[int | str, dict[str, Any]] = {
    422: {"model": ValidationErrorBody, "description": "Invalid document; nothing was stored."}
}
CONFLICT: dict[int | str, dict[str, Any]] = {
    409: {
        "model": ConflictBody,
        "description": "Someone saved a newer version; nothing was stored.",
    }
}

# Every API route documents the 422 body it really sends (with the dotted field path).
router = APIRouter(prefix="/api", responses=INVALID)
docs_router = APIRouter(include_in_schema=False)


def _row_or_404(session: SessionDep, design_id: int) -> DesignRow:
    row = store.get_design(session, design_id)
    if row is None:
        raise HTTPException(404, f"There is no design {design_id}.")
    return row


def _limit_response(exc: DesignTooLarge, prefix: tuple[str, ...]) -> JSONResponse:
    items = []
    for err in exc.errors:
        loc = ["body", *prefix, *err.loc]
        items.append({"field": field_path(loc), "loc": loc, "msg": err.msg, "type": "limit"})
    return JSONResponse({"detail": items}, status_code=422)


@router.get("/designs", response_model=DesignList, tags=["designs"], summary="List designs")
def api_list(
    session: SessionDep,
    settings: SettingsDep,
    q: Annotated[str, Query(max_length=120, description="Part of the name, any case.")] = "",
    page: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
) -> DesignList:
    return list_context(session, settings, q, page)


@router.post(
    "/designs",
    response_model=DesignRecord,
    status_code=status.HTTP_201_CREATED,
    responses=INVALID,
    tags=["designs"],
    summary="Create a design",
)
def api_create(body: DesignCreate, session: SessionDep, settings: SettingsDep) -> Response:
    try:
        row = save_new_design(
            session, body.document, settings, author=body.author, message=body.message
        )
    except DesignTooLarge as exc:
        return _limit_response(exc, ("document",))
    record = DesignRecord.of(row).model_dump(mode="json")
    return JSONResponse(record, status_code=201, headers={"Location": f"/api/designs/{row.id}"})


@router.get(
    "/designs/{design_id}",
    response_model=DesignRecord,
    responses=NOT_FOUND,
    tags=["designs"],
    summary="Read a design",
)
def api_read(session: SessionDep, design_id: int) -> DesignRecord:
    return DesignRecord.of(_row_or_404(session, design_id))


@router.put(
    "/designs/{design_id}",
    response_model=DesignRecord,
    responses={**NOT_FOUND, **CONFLICT, **INVALID},
    tags=["designs"],
    summary="Save a new version of a design",
    description="`version` must be the version you read; otherwise 409 with the current version.",
)
def api_update(
    design_id: int, body: DesignUpdate, session: SessionDep, settings: SettingsDep
) -> Response:
    try:
        row = save_design(
            session,
            design_id,
            body.document,
            settings,
            expected_version=body.version,
            author=body.author,
            message=body.message,
        )
    except DesignTooLarge as exc:
        return _limit_response(exc, ("document",))
    except store.DesignNotFound:
        raise HTTPException(404, f"There is no design {design_id}.") from None
    return JSONResponse(DesignRecord.of(row).model_dump(mode="json"))


@router.delete(
    "/designs/{design_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=NOT_FOUND,
    tags=["designs"],
    summary="Delete a design with its revisions and share links",
)
def api_delete(session: SessionDep, design_id: int) -> Response:
    if not store.delete_design(session, design_id):
        raise HTTPException(404, f"There is no design {design_id}.")
    return Response(status_code=204)


@router.get(
    "/designs/{design_id}/plan",
    response_model=Plan,
    responses=NOT_FOUND,
    tags=["planning"],
    summary="Plan of a stored design",
)
def api_design_plan(session: SessionDep, design_id: int) -> Plan:
    return plan_for(_row_or_404(session, design_id).to_design())


@router.post(
    "/plan",
    response_model=Plan,
    responses=INVALID,
    tags=["planning"],
    summary="Plan a design without storing it",
)
def api_plan(document: Design, settings: SettingsDep) -> Response:
    try:
        check_limits(document, settings)
    except DesignTooLarge as exc:
        return _limit_response(exc, ())
    return JSONResponse(plan_for(document).model_dump(mode="json"))


DOCS_PAGE = """<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{title} · API</title>
  <link rel="icon" href="/static/img/favicon.svg" type="image/svg+xml">
  <link rel="stylesheet" href="/static/vendor/swagger-ui/swagger-ui.css">
  <link rel="stylesheet" href="/static/css/docs.css">
</head>
<body>
  <p class="docs-back"><a href="/designs">&larr; Back to {title}</a></p>
  <div id="swagger-ui"></div>
  <script src="/static/vendor/swagger-ui/swagger-ui-bundle.js"></script>
  <script src="/static/js/swagger-init.js"></script>
</body>
</html>
"""


@docs_router.get("/docs", response_class=HTMLResponse)
def api_docs() -> HTMLResponse:
    """Swagger UI served from static/ (works offline; the strict CSP holds: no inline script)."""
    return HTMLResponse(DOCS_PAGE.format(title=PRODUCT_NAME))
