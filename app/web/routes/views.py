"""The design view (``/designs/{id}``): overview, wiring, vSwitches, IP plan and test plan tabs.

Each tab is a URL (``?tab=wiring``); clicking a tab swaps only the tab block (htmx), and the
``.json`` twin carries the design, its plan and the same view context.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse
from markupsafe import Markup
from starlette.responses import Response

from app.planner.naming import ROLE_LABELS
from app.services.planning import plan_for
from app.store import designs as store
from app.store.tables import DesignRow
from app.web.deps import SessionDep
from app.web.htmx import is_htmx
from app.web.pagecache import page_bodies
from app.web.templating import format_iso, format_when, render, render_standalone
from app.web.viewmodels import DesignView, Links, pick_tab, view_json

router = APIRouter(include_in_schema=False)


def design_links(design_id: int) -> Links:
    """Where the owner's view of a design links to (edit, history, share, outputs)."""
    base = f"/designs/{design_id}"
    return Links(
        base=base,
        sheet=f"{base}/sheet",
        sheet_pdf=f"{base}/sheet.pdf",
        json=f"{base}.json",
        edit=f"{base}/edit",
        history=f"{base}/history",
        share=f"{base}/share",
        export=f"{base}/export",
    )


def build_view(
    row: DesignRow,
    links: Links,
    *,
    tab: str | None,
    read_only: bool,
    drawing: str | None = None,
) -> DesignView:
    """The view of a stored design (plans it through the shared, cached planning service)."""
    design = row.to_design()
    return DesignView(
        design=design,
        plan=plan_for(design),
        links=links,
        tab=pick_tab(tab),
        read_only=read_only,
        design_id=None if read_only else row.id,
        version=row.version,
        updated_at=format_iso(row.updated_at),
        updated_label=format_when(row.updated_at),
        requested_drawing=drawing,
    )


def view_context(view: DesignView) -> dict[str, Any]:
    """Template context shared by every design-view template (page and tab partials)."""
    return {"view": view, "role_labels": ROLE_LABELS, "nav": "designs"}


def render_view(
    request: Request, row: DesignRow, page: str, make_view: Callable[[], DesignView]
) -> Response:
    """The full page, or only the tab block when htmx switches tabs.

    The body comes from :data:`app.web.pagecache.page_bodies` when this revision was shown with
    this query before; ``make_view`` (which plans the design) runs only when it was not.
    """
    partial = is_htmx(request)
    template = "designs/_tabs.html" if partial else "designs/_detail_body.html"
    key = (request.url.path, request.url.query, row.version, partial)
    html = page_bodies(request).get_or_render(
        key, lambda: render_standalone(template, view_context(make_view()))
    )
    if partial:
        return HTMLResponse(html, headers={"Vary": "HX-Request"})
    context = {"title": row.name, "body_html": Markup(html), "nav": "designs"}
    return render(request, page, context)


def load_row(session: SessionDep, design_id: int) -> DesignRow:
    row = store.get_design(session, design_id)
    if row is None:
        raise HTTPException(404)
    return row


@router.get("/designs/{design_id:int}.json", name="design_view_json")
def design_view_json(session: SessionDep, design_id: int, tab: str | None = None) -> JSONResponse:
    """JSON twin of the design view: design, plan and the view context."""
    row = load_row(session, design_id)
    view = build_view(row, design_links(row.id), tab=tab, read_only=False)
    return JSONResponse(view_json(view))


@router.get("/designs/{design_id:int}", name="design_view")
def design_view(
    request: Request,
    session: SessionDep,
    design_id: int,
    tab: str | None = None,
    saved: int | None = None,
    drawing: str | None = None,
) -> Response:
    """The design view; ``?tab=`` picks overview, wiring, vswitches, ip or tests.

    ``?drawing=`` picks the topology drawing on the overview (``all``, ``switch-<name>``,
    ``pair-<host>-<host>``); an unknown one falls back to the default.

    ``?saved=<version>`` is where the editor lands after a save; the page confirms it while
    that version is still the current one.
    """
    row = load_row(session, design_id)

    def make_view() -> DesignView:
        view = build_view(row, design_links(row.id), tab=tab, read_only=False, drawing=drawing)
        view.saved = saved is not None and saved == row.version
        return view

    return render_view(request, row, "designs/detail.html", make_view)
