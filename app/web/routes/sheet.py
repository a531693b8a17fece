"""The printable cabling sheet of a design: HTML with print CSS, and the same sheet as a PDF.

The sheet's QR code needs a URL. Printed from the owner's pages it carries the design's URL
under ``Settings.public_base_url`` (the app has no login, so whoever can reach the app can open
it); printed from a share link it carries that share link. Share links are never created here:
only their hash is stored, so an existing link's URL cannot be rebuilt, and printing must not
hand out new read-only links behind the owner's back.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import HTMLResponse
from starlette.responses import Response

from app.render.base import RenderContext
from app.render.sheet import sheet_html, sheet_pdf
from app.web.deps import SessionDep, SettingsDep
from app.web.rendering import HostQuery, public_url, render_context, safe_filename
from app.web.routes.views import load_row

router = APIRouter(include_in_schema=False)

# ``?paper=Letter`` sizes the PDF for US Letter (A4 by default).
PaperQuery = Annotated[Literal["A4", "Letter"], Query()]


def pdf_filename(ctx: RenderContext, host: str | None = None) -> str:
    """``<design>-r<revision>-cabling-sheet[-<host>].pdf``, safe in a Content-Disposition."""
    stem = safe_filename(ctx.design.name)[:60] or "design"
    revision = f"-r{ctx.revision}" if ctx.revision is not None else ""
    suffix = f"-{safe_filename(host)}" if host else ""
    return f"{stem}{revision}-cabling-sheet{suffix}.pdf"


def _check_host(ctx: RenderContext, host: str | None) -> None:
    if host is not None and host not in {h.name for h in ctx.plan.hosts}:
        raise HTTPException(404, f"This design has no host named {host}.")


def sheet_html_response(ctx: RenderContext, host: str | None = None) -> HTMLResponse:
    """The sheet page (its print stylesheet is linked from /static, as the CSP wants)."""
    _check_host(ctx, host)
    return HTMLResponse(sheet_html(ctx, host))


def sheet_pdf_response(
    ctx: RenderContext, host: str | None = None, paper: Literal["A4", "Letter"] = "A4"
) -> Response:
    """The PDF as a download (WeasyPrint, in the worker thread of this sync route)."""
    _check_host(ctx, host)
    disposition = f'attachment; filename="{pdf_filename(ctx, host)}"'
    return Response(
        sheet_pdf(ctx, host, paper=paper),
        media_type="application/pdf",
        headers={"Content-Disposition": disposition},
    )


@router.get("/designs/{design_id:int}/sheet", name="design_sheet")
def design_sheet(
    session: SessionDep, settings: SettingsDep, design_id: int, host: HostQuery = None
) -> HTMLResponse:
    """The printable cabling sheet (print it, or save it as PDF from the browser)."""
    row = load_row(session, design_id)
    url = public_url(settings.public_base_url, f"/designs/{row.id}")
    return sheet_html_response(render_context(row, url), host)


@router.get("/designs/{design_id:int}/sheet.pdf", name="design_sheet_pdf")
def design_sheet_pdf(
    session: SessionDep,
    settings: SettingsDep,
    design_id: int,
    host: HostQuery = None,
    paper: PaperQuery = "A4",
) -> Response:
    """The cabling sheet rendered server-side as a PDF download."""
    row = load_row(session, design_id)
    url = public_url(settings.public_base_url, f"/designs/{row.id}")
    return sheet_pdf_response(render_context(row, url), host, paper)
