"""Read-only shared views: ``/s/{token}`` shows the design view and the printable sheet.

Nothing under ``/s/`` changes anything: there are only GET routes here, the page carries no
edit controls and no forms, and the design's ID is not shown. An unknown or revoked token gets
the same plain 404 as any missing page, so a token cannot be probed.
"""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse
from starlette.responses import Response

from app.store.shares import resolve_token
from app.store.tables import DesignRow
from app.web.deps import PdfJobsDep, PublicBaseDep, SessionDep
from app.web.public_urls import public_url
from app.web.rendering import HostQuery, render_context
from app.web.routes.sheet import (
    PaperQuery,
    SwitchQuery,
    sheet_chrome,
    sheet_html_response,
    sheet_pdf_response,
)
from app.web.routes.views import build_view, render_view
from app.web.viewmodels import Links, view_json

router = APIRouter(include_in_schema=False)


def shared_links(token: str) -> Links:
    base = f"/s/{token}"
    return Links(
        base=base, sheet=f"{base}/sheet", sheet_pdf=f"{base}/sheet.pdf", json=f"{base}.json"
    )


def shared_row(session: SessionDep, token: str) -> DesignRow:
    row = resolve_token(session, token)
    if row is None:
        raise HTTPException(404)
    return row


# The .json route comes first: "/s/{token}" would otherwise also match "<token>.json".
@router.get("/s/{token}.json", name="shared_view_json")
def shared_view_json(session: SessionDep, token: str, tab: str | None = None) -> JSONResponse:
    """JSON twin of the shared view."""
    row = shared_row(session, token)
    view = build_view(row, shared_links(token), tab=tab, read_only=True)
    return JSONResponse(view_json(view))


@router.get("/s/{token}/sheet", name="shared_sheet")
def shared_sheet(
    session: SessionDep,
    public: PublicBaseDep,
    token: str,
    host: HostQuery = None,
    switch: SwitchQuery = None,
    paper: PaperQuery = "A4",
) -> HTMLResponse:
    """The printable sheet; its QR code opens this share link."""
    row = shared_row(session, token)
    base = f"/s/{token}"
    url = public_url(public, base)
    chrome = sheet_chrome(base, base, host, switch, paper)
    return sheet_html_response(render_context(row, url), host, switch, chrome)


@router.get("/s/{token}/sheet.pdf", name="shared_sheet_pdf")
def shared_sheet_pdf(
    request: Request,
    session: SessionDep,
    public: PublicBaseDep,
    jobs: PdfJobsDep,
    token: str,
    host: HostQuery = None,
    switch: SwitchQuery = None,
    paper: PaperQuery = "A4",
) -> Response:
    """The sheet as a PDF download."""
    row = shared_row(session, token)
    url = public_url(public, f"/s/{token}")
    return sheet_pdf_response(request, jobs, row, url, host, paper, switch)


@router.get("/s/{token}", name="shared_view")
def shared_view(
    request: Request,
    session: SessionDep,
    token: str,
    tab: str | None = None,
    drawing: str | None = None,
) -> Response:
    """The read-only design view (``?drawing=`` as on the owner's view)."""
    row = shared_row(session, token)
    return render_view(
        request,
        row,
        "shared/view.html",
        lambda: build_view(row, shared_links(token), tab=tab, read_only=True, drawing=drawing),
    )
