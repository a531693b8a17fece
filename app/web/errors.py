"""Error responses: friendly pages for people, precise JSON for programs.

A 500 is always a bug; everything a user can cause (bad input, a missing design, a conflict) has
its own status and a message that says what to do.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import ValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response
from starlette.routing import Match

from app.planner.design import Design
from app.planner.doc_problems import document_problems
from app.services.designs import DesignTooLarge
from app.store.designs import DesignNotFound, VersionConflict
from app.web.security import SECURITY_HEADERS
from app.web.templating import render

log = logging.getLogger("app.web")

TITLES = {
    400: "Bad request",
    403: "Request refused",
    404: "Not found",
    405: "Method not allowed",
    409: "Conflict",
    413: "Request too large",
    422: "Invalid input",
    500: "Something went wrong",
}
# Top-level fields of a design document: a body error at ("body", one of these) is inside a design.
DOCUMENT_FIELDS = frozenset(Design.model_fields)
NOT_FOUND_MESSAGE = (
    "There is no such page or design. It may have been deleted, or the link is wrong."
)


def wants_json(request: Request) -> bool:
    """API paths, ``.json`` twins and clients that ask for JSON get JSON errors."""
    path = request.url.path
    accept = request.headers.get("accept", "")
    return (
        path.startswith("/api/")
        or path.endswith(".json")
        or ("application/json" in accept and "text/html" not in accept)
    )


def field_path(loc: Sequence[str | int]) -> str:
    """``("body", "document", "hosts", 0, "name")`` → ``document.hosts.0.name``."""
    parts = [str(p) for p in loc]
    if parts and parts[0] in ("body", "query", "path", "header"):
        parts = parts[1:]
    return ".".join(parts)


def error_items(errors: Sequence[Any]) -> list[dict[str, Any]]:
    """pydantic/FastAPI errors as JSON-safe items with a dotted ``field`` path."""
    items = []
    for err in errors:
        loc = tuple(err.get("loc", ()))
        items.append(
            {
                "field": field_path(loc),
                "loc": list(loc),
                "msg": err.get("msg", ""),
                "type": err.get("type", ""),
            }
        )
    return items


def error_page(
    request: Request, status: int, message: str, *, title: str | None = None
) -> Response:
    """The error as JSON ``{"detail": message}`` or as the friendly HTML page."""
    if wants_json(request):
        return JSONResponse({"detail": message}, status_code=status)
    return render(
        request,
        "errors/error.html",
        {"status_code": status, "title": title or TITLES.get(status, "Error"), "message": message},
        status_code=status,
    )


HTTP_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")


def allowed_methods(request: Request) -> str:
    """Every method some route of this path accepts, for the ``Allow`` header of a 405.

    Starlette's own 405 names only the first route that matched the path; ``/api/designs`` has a
    GET and a POST route, and RFC 9110 wants both listed. Each method is tried against the
    routes (FastAPI nests included routers, so the routes cannot simply be listed).
    """
    routes = request.app.router.routes
    allowed = [
        method
        for method in HTTP_METHODS
        if any(
            route.matches({**request.scope, "method": method})[0] is Match.FULL for route in routes
        )
    ]
    return ", ".join(allowed)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    detail = exc.detail if isinstance(exc.detail, str) else TITLES.get(exc.status_code, "Error")
    if exc.status_code == 404 and detail == "Not Found":
        detail = NOT_FOUND_MESSAGE
    response = error_page(request, exc.status_code, detail)
    for name, value in (exc.headers or {}).items():
        response.headers[name] = value
    if exc.status_code == 405:
        response.headers["Allow"] = allowed_methods(request) or response.headers.get("Allow", "")
    return response


def request_error_items(errors: Sequence[Any], body: Any) -> list[dict[str, Any]]:
    """Request errors as items; those inside a design document in the one mapper's words.

    A design is the whole body (``POST /api/plan``) or its ``document`` field (create and
    update). Its errors go through :func:`app.planner.doc_problems.document_problems` with the
    raw body, so the API answers exactly what the editor and the import page answer (issue 9 §8).
    """
    other: list[Any] = []
    in_document: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for err in errors:
        loc = tuple(err.get("loc", ()))
        prefix = _document_prefix(loc)
        if prefix is None:
            other.append(err)
        else:
            in_document.setdefault(prefix, []).append({**err, "loc": loc[len(prefix) :]})
    items = error_items(other)
    for prefix, doc_errors in in_document.items():
        data = _at(body, prefix[1:])
        for problem in document_problems(doc_errors, data):
            where = [*prefix, *(int(p) if p.isdigit() else p for p in problem.path.split(".") if p)]
            items.append(
                {
                    "field": field_path(where),
                    "loc": where,
                    "msg": problem.message,
                    "type": problem.kind,
                }
            )
    return items


def _document_prefix(loc: tuple[Any, ...]) -> tuple[str, ...] | None:
    if loc[:2] == ("body", "document"):
        return ("body", "document")
    if len(loc) >= 2 and loc[0] == "body" and loc[1] in DOCUMENT_FIELDS:
        return ("body",)
    return None


def _at(body: Any, keys: tuple[str, ...]) -> Any:
    for key in keys:
        body = body.get(key) if isinstance(body, dict) else None
    return body


async def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError | ValidationError)
    body = getattr(exc, "body", None)
    items = request_error_items(exc.errors(), body)
    if wants_json(request):
        return JSONResponse({"detail": items}, status_code=422)
    lines = "; ".join(f"{i['field'] or 'request'}: {i['msg']}" for i in items)
    return error_page(request, 422, f"The input is not valid — {lines}")


async def _too_large(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, DesignTooLarge)
    items = [
        {"field": field_path(e.loc), "loc": list(e.loc), "msg": e.msg, "type": "limit"}
        for e in exc.errors
    ]
    if wants_json(request):
        return JSONResponse({"detail": items}, status_code=422)
    return error_page(request, 422, str(exc))


async def _not_found(request: Request, exc: Exception) -> Response:
    return error_page(request, 404, NOT_FOUND_MESSAGE)


async def _conflict(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, VersionConflict)
    message = (
        f"Someone else saved this design in the meantime (it is now at version "
        f"{exc.current.version}, you edited version {exc.expected_version})."
    )
    if wants_json(request):
        body = {"detail": message, "current_version": exc.current.version, "id": exc.current.id}
        return JSONResponse(body, status_code=409)
    return error_page(request, 409, message)


async def _server_error(request: Request, exc: Exception) -> Response:
    log.exception("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    response = error_page(
        request,
        500,
        "This is a bug in vMotion Planner, not something you did. Nothing was changed. "
        "Please report the time and what you clicked.",
    )
    # Starlette answers a 500 from its outermost middleware, outside SecurityHeadersMiddleware,
    # so the error page would go out without CSP, frame and nosniff headers (issue 10 item 8).
    for name, value in SECURITY_HEADERS:
        response.headers[name.decode()] = value.decode()
    return response


def install_error_handlers(app: FastAPI) -> None:
    """Register every handler above on ``app``."""
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(ValidationError, _validation_error)
    app.add_exception_handler(DesignTooLarge, _too_large)
    app.add_exception_handler(DesignNotFound, _not_found)
    app.add_exception_handler(VersionConflict, _conflict)
    app.add_exception_handler(Exception, _server_error)
