"""The printable cabling sheet of a design: HTML with print CSS, and the same sheet as a PDF.

The sheet's QR code needs a URL. Printed from the owner's pages it carries the design's URL
under ``Settings.public_base_url`` (the app has no login, so whoever can reach the app can open
it); printed from a share link it carries that share link. Share links are never created here:
only their hash is stored, so an existing link's URL cannot be rebuilt, and printing must not
hand out new read-only links behind the owner's back.
"""

from __future__ import annotations

import json
import time
from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from starlette.responses import Response

from app.render.base import RenderContext
from app.render.pdf import Paper
from app.render.sheet import SheetChrome, sheet_html, sheet_pdf_html
from app.services.pdf_jobs import RENDERER_FINGERPRINT, PdfJobs, pdf_key
from app.store.tables import DesignRow
from app.web.deps import PdfJobsDep, PublicBaseDep, SessionDep
from app.web.public_urls import public_url
from app.web.rendering import HostQuery, render_context, safe_filename
from app.web.routes.views import load_row
from app.web.templating import templates

router = APIRouter(include_in_schema=False)

# ``?paper=Letter`` sizes the PDF (and the browser's print) for US Letter (A4 by default).
PaperQuery = Annotated[Literal["A4", "Letter"], Query()]
# ``?switch=sw1`` narrows the sheet to one switch's page (switch names are at most 63 characters).
SwitchQuery = Annotated[str | None, Query(max_length=63)]

# How often the progress page reloads while a PDF is being made.
PROGRESS_REFRESH_S = 1


def pdf_filename(name: str, revision: int | None, narrowed: str | None = None) -> str:
    """``<design>-r<revision>-cabling-sheet[-<host|switch>].pdf``, safe in a Content-Disposition."""
    stem = safe_filename(name)[:60] or "design"
    suffix = f"-{safe_filename(narrowed)}" if narrowed else ""
    return f"{stem}{f'-r{revision}' if revision is not None else ''}-cabling-sheet{suffix}.pdf"


def sheet_chrome(
    base: str, back_url: str, host: str | None, switch: str | None, paper: Paper
) -> SheetChrome:
    """The on-screen controls of the sheet under ``base`` (``/designs/7`` or ``/s/<token>``)."""
    return SheetChrome(
        back_url=back_url,
        sheet_url=f"{base}/sheet",
        pdf_url=f"{base}/sheet.pdf",
        paper=paper,
        host=host or None,
        switch=switch or None,
    )


def narrowing(
    host_names: set[str], switch_names: set[str], host: str | None, switch: str | None
) -> tuple[str | None, str | None]:
    """``host`` and ``switch`` checked against the design (the picker sends "" for every host)."""
    host, switch = host or None, switch or None
    if host is not None and switch is not None:
        raise HTTPException(422, "Pick a host or a switch for the sheet, not both.")
    if host is not None and host not in host_names:
        raise HTTPException(404, f"This design has no host named {host}.")
    if switch is not None and switch not in switch_names:
        raise HTTPException(404, f"This design has no switch named {switch}.")
    return host, switch


def sheet_html_response(
    ctx: RenderContext,
    host: str | None = None,
    switch: str | None = None,
    chrome: SheetChrome | None = None,
) -> HTMLResponse:
    """The sheet page (its print stylesheet is linked from /static, as the CSP wants)."""
    hosts = {h.name for h in ctx.plan.hosts}
    host, switch = narrowing(hosts, {sw.name for sw in ctx.plan.switches}, host, switch)
    return HTMLResponse(sheet_html(ctx, host, switch=switch, chrome=chrome))


def sheet_pdf_response(
    request: Request,
    jobs: PdfJobs,
    row: DesignRow,
    share_url: str,
    host: str | None = None,
    paper: Paper = "A4",
    switch: str | None = None,
) -> Response:
    """The PDF as a download, made in the PDF worker process and cached on disk.

    The cache key is computed from the stored revision (its document, number and date), the
    share link, host or switch, paper and the renderer's own fingerprint, so a cached PDF is
    found without planning or rendering anything. A browser navigating to a PDF that is not made
    yet gets a page that shows the progress and reloads itself; scripts wait for the file.
    """
    document = row.document
    host, switch = narrowing(
        {str(h["name"]) for h in document.get("hosts", [])},
        {str(sw["name"]) for sw in document.get("switches", [])},
        host,
        switch,
    )
    key = pdf_key(
        json.dumps(document, sort_keys=True),
        str(row.version),
        row.updated_at.isoformat(),
        share_url,
        f"host={host or ''}",
        f"switch={switch or ''}",
        paper,
        RENDERER_FINGERPRINT,
    )

    def make_html() -> str:
        return sheet_pdf_html(render_context(row, share_url), host, switch)

    if _wants_page(request):
        jobs.start(key, make_html, paper)
        state = jobs.state(key)
        if state.status != "ready":
            return _progress_page(request, row, host or switch, paper, state.started_at)
        data = jobs.read(key)
    else:
        data = jobs.pdf(key, make_html, paper)
    filename = pdf_filename(row.name, row.version, host or switch)
    return Response(
        data,
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def _wants_page(request: Request) -> bool:
    """A browser navigation (it accepts HTML), not a script asking for the file."""
    return "text/html" in request.headers.get("accept", "")


def _progress_page(
    request: Request, row: DesignRow, narrowed: str | None, paper: str, started_at: float | None
) -> Response:
    elapsed = max(0, round(time.time() - started_at)) if started_at is not None else 0
    pages = 1 if narrowed else len(row.document.get("hosts", [])) + 1
    context = {
        "title": f"Preparing the PDF of {row.name}",
        "design_name": row.name,
        "host": narrowed,
        "paper": paper,
        "elapsed": elapsed,
        "pages": pages,
        "refresh_seconds": PROGRESS_REFRESH_S,
    }
    response = templates.TemplateResponse(request, "pdf/progress.html", context, status_code=202)
    response.headers["Cache-Control"] = "no-store"
    return response


@router.get("/designs/{design_id:int}/sheet", name="design_sheet")
def design_sheet(
    session: SessionDep,
    public: PublicBaseDep,
    design_id: int,
    host: HostQuery = None,
    switch: SwitchQuery = None,
    paper: PaperQuery = "A4",
) -> HTMLResponse:
    """The printable cabling sheet (print it, or save it as PDF from the browser)."""
    row = load_row(session, design_id)
    base = f"/designs/{row.id}"
    url = public_url(public, base)
    chrome = sheet_chrome(base, base, host, switch, paper)
    return sheet_html_response(render_context(row, url), host, switch, chrome)


@router.get("/designs/{design_id:int}/sheet.pdf", name="design_sheet_pdf")
def design_sheet_pdf(
    request: Request,
    session: SessionDep,
    public: PublicBaseDep,
    jobs: PdfJobsDep,
    design_id: int,
    host: HostQuery = None,
    switch: SwitchQuery = None,
    paper: PaperQuery = "A4",
) -> Response:
    """The cabling sheet rendered server-side as a PDF download."""
    row = load_row(session, design_id)
    url = public_url(public, f"/designs/{row.id}")
    return sheet_pdf_response(request, jobs, row, url, host, paper, switch)
