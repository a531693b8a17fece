"""The JSON API (``/api``) and its OpenAPI documentation page (``/docs``, assets from static/)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Header, HTTPException, Path, Query, status
from fastapi.responses import HTMLResponse, JSONResponse
from starlette.responses import Response

from app.planner.design import Design
from app.planner.result import Plan, plan_json
from app.services.designs import (
    DesignTooLarge,
    check_limits,
    save_design,
    save_new_design,
    save_new_design_once,
)
from app.services.planning import plan_for
from app.services.text import NoNul
from app.store import designs as store
from app.store.tables import MAX_ID, DesignRow
from app.web.api_examples import CREATE_EXAMPLES, PLAN_EXAMPLES, UPDATE_EXAMPLES
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
from app.web.strict import strict_json
from app.web.templating import PRODUCT_NAME

# Issue 10 item 8: a create that committed just before a crash must not be duplicated by the
# client's retry. Printable ASCII without spaces, so it survives every proxy unchanged.
IdempotencyKey = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        min_length=1,
        max_length=255,
        pattern=r"^[!-~]+$",
        description="Any unique string (a UUID): retrying a create with the same key returns "
        "the design the first request made (header `Idempotent-Replayed: true`) instead of a "
        "second one.",
    ),
]
DesignId = Annotated[int, Path(ge=1, le=MAX_ID, description="The design's ID.", examples=[1])]

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

# Answered before a route runs (body parsing, CSRF and size middleware); documented on the routes
# that can get them so clients and schemathesis know every status code.
UNREADABLE: dict[int | str, dict[str, Any]] = {
    400: {"model": MessageBody, "description": "The body could not be read (not UTF-8 text)."}
}
REFUSED: dict[int | str, dict[str, Any]] = {
    403: {
        "model": MessageBody,
        "description": "Cross-site request refused: its Origin or Sec-Fetch-Site names another "
        "site. Scripts that send neither header are not affected.",
    }
}
TOO_LARGE: dict[int | str, dict[str, Any]] = {
    413: {"model": MessageBody, "description": "The body is larger than the server accepts."}
}
UNSAFE = {**REFUSED, **TOO_LARGE}
# Issue 10: every API call needs a signed-in browser or an API token once accounts exist.
UNAUTHORIZED: dict[int | str, dict[str, Any]] = {
    401: {
        "model": MessageBody,
        "description": "No valid API token (send `Authorization: Bearer <token>`) or session.",
    }
}


def _link(operation_id: str, **extra: Any) -> dict[str, Any]:
    return {"operationId": operation_id, "parameters": {"design_id": "$response.body#/id"}, **extra}


# OpenAPI links: what a client (and the stateful fuzz test) can do with the design it got back.
NEXT_STEPS: dict[str, Any] = {
    "links": {
        "ReadDesign": _link("readDesign"),
        "PlanDesign": _link("planDesign"),
        "UpdateDesign": _link(
            "updateDesign",
            requestBody={
                "document": "$response.body#/document",
                "version": "$response.body#/version",
            },
        ),
        "DeleteDesign": _link("deleteDesign"),
    }
}
WITH_BODY = {**UNREADABLE, **UNSAFE, **INVALID}

# Every API route documents the 422 body it really sends (with the dotted field path).
router = APIRouter(prefix="/api", responses={**INVALID, **UNAUTHORIZED})
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


@router.get(
    "/designs",
    response_model=DesignList,
    tags=["designs"],
    summary="List designs",
    operation_id="listDesigns",
)
def api_list(
    session: SessionDep,
    settings: SettingsDep,
    q: Annotated[
        str,
        # NoNul states its rule in the schema too (a pattern), issue 10 item 8.
        Query(max_length=120, description="Part of the name, any case; no NUL character."),
        NoNul,
    ] = "",
    page: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
) -> DesignList:
    return list_context(session, settings, q, page)


@router.post(
    "/designs",
    response_model=DesignRecord,
    status_code=status.HTTP_201_CREATED,
    responses={201: {"description": "The stored design, version 1.", **NEXT_STEPS}, **WITH_BODY},
    tags=["designs"],
    summary="Create a design",
    operation_id="createDesign",
    dependencies=[strict_json(DesignCreate)],
)
def api_create(
    body: Annotated[DesignCreate, Body(openapi_examples=CREATE_EXAMPLES)],
    session: SessionDep,
    settings: SettingsDep,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    headers: dict[str, str] = {}
    try:
        if idempotency_key is None:
            row = save_new_design(
                session, body.document, settings, author=body.author, message=body.message
            )
        else:
            row, created = save_new_design_once(
                session,
                body.document,
                settings,
                idempotency_key=idempotency_key,
                author=body.author,
                message=body.message,
            )
            if not created:
                headers["Idempotent-Replayed"] = "true"
    except DesignTooLarge as exc:
        return _limit_response(exc, ("document",))
    record = DesignRecord.of(row).model_dump(mode="json")
    headers["Location"] = f"/api/designs/{row.id}"
    return JSONResponse(record, status_code=201, headers=headers)


@router.get(
    "/designs/{design_id}",
    response_model=DesignRecord,
    responses=NOT_FOUND,
    tags=["designs"],
    summary="Read a design",
    operation_id="readDesign",
)
def api_read(session: SessionDep, design_id: DesignId) -> DesignRecord:
    return DesignRecord.of(_row_or_404(session, design_id))


@router.put(
    "/designs/{design_id}",
    response_model=DesignRecord,
    responses={
        200: {"description": "The design as saved.", **NEXT_STEPS},
        **NOT_FOUND,
        **CONFLICT,
        **WITH_BODY,
    },
    tags=["designs"],
    operation_id="updateDesign",
    summary="Save a new version of a design",
    dependencies=[strict_json(DesignUpdate)],
    description="`version` must be the version you read; otherwise 409 with the current version.",
)
def api_update(
    design_id: DesignId,
    body: Annotated[DesignUpdate, Body(openapi_examples=UPDATE_EXAMPLES)],
    session: SessionDep,
    settings: SettingsDep,
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
    responses={**NOT_FOUND, **UNSAFE},
    tags=["designs"],
    summary="Delete a design with its revisions and share links",
    operation_id="deleteDesign",
)
def api_delete(session: SessionDep, design_id: DesignId) -> Response:
    if not store.delete_design(session, design_id):
        raise HTTPException(404, f"There is no design {design_id}.")
    return Response(status_code=204)


@router.get(
    "/designs/{design_id}/plan",
    response_model=Plan,
    responses=NOT_FOUND,
    tags=["planning"],
    summary="Plan of a stored design",
    operation_id="planDesign",
)
def api_design_plan(session: SessionDep, design_id: DesignId) -> Plan:
    return plan_for(_row_or_404(session, design_id).to_design())


@router.post(
    "/plan",
    response_model=Plan,
    responses=WITH_BODY,
    tags=["planning"],
    summary="Plan a design without storing it",
    operation_id="planDocument",
    dependencies=[strict_json(Design)],
)
def api_plan(
    document: Annotated[Design, Body(openapi_examples=PLAN_EXAMPLES)], settings: SettingsDep
) -> Response:
    try:
        check_limits(document, settings)
    except DesignTooLarge as exc:
        return _limit_response(exc, ())
    return JSONResponse(plan_json(plan_for(document, cached=False)))


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
