"""Share-link management: create a read-only link (shown once), list, revoke."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import JSONResponse, RedirectResponse
from sqlalchemy.orm import Session
from starlette.responses import Response

from app.services.sharing import share_url
from app.services.text import NUL, NUL_MESSAGE
from app.store import shares
from app.store.designs import get_design
from app.store.tables import DesignRow, utcnow
from app.web.deps import PublicBaseDep, SessionDep
from app.web.schemas import ShareLinkSummary
from app.web.templating import render

router = APIRouter(include_in_schema=False)


def _design_or_404(session: Session, design_id: int) -> DesignRow:
    row = get_design(session, design_id)
    if row is None:
        raise HTTPException(404)
    return row


def _page(
    request: Request,
    session: Session,
    design: DesignRow,
    *,
    new_url: str | None = None,
    error: str | None = None,
    status_code: int = 200,
) -> Response:
    links = [ShareLinkSummary.of(link) for link in shares.list_share_links(session, design.id)]
    context: dict[str, Any] = {
        "design": design,
        "links": links,
        "new_url": new_url,
        "error": error,
        "nav": "designs",
    }
    return render(request, "designs/share.html", context, status_code=status_code)


MAX_LINK_DAYS = 365


def link_expiry(days: str) -> tuple[datetime | None, str | None]:
    """``""`` → never; ``"7"`` → seven days from now (issue 10 item 6); or the problem."""
    if not days.strip():
        return None, None
    if not days.strip().isdecimal() or not 1 <= int(days) <= MAX_LINK_DAYS:
        return None, f"Expires after: a whole number of days from 1 to {MAX_LINK_DAYS}, or empty."
    return utcnow() + timedelta(days=int(days)), None


@router.get("/designs/{design_id}/share", name="design_share")
def share_page(request: Request, session: SessionDep, design_id: int) -> Response:
    return _page(request, session, _design_or_404(session, design_id))


@router.get("/designs/{design_id}/share.json", name="design_share_json")
def share_json(session: SessionDep, design_id: int) -> JSONResponse:
    _design_or_404(session, design_id)
    links = [ShareLinkSummary.of(link) for link in shares.list_share_links(session, design_id)]
    return JSONResponse(
        {"design_id": design_id, "links": [link.model_dump(mode="json") for link in links]}
    )


@router.post("/designs/{design_id}/share", name="design_share_create")
def create_link(
    request: Request,
    session: SessionDep,
    public: PublicBaseDep,
    design_id: int,
    label: Annotated[str, Form(max_length=500)] = "",
    days: Annotated[str, Form(max_length=10)] = "",
) -> Response:
    """Create a link and show its URL this one time (only its hash is stored)."""
    design = _design_or_404(session, design_id)
    problem = (
        "The label can be at most 80 characters long."
        if len(label.strip()) > 80
        else (NUL_MESSAGE if NUL in label else None)
    )
    expires_at, days_problem = link_expiry(days)
    problem = problem or days_problem
    if problem:
        return _page(request, session, design, error=problem, status_code=422)
    created = shares.create_share_link(session, design_id, label=label, expires_at=expires_at)
    response = _page(
        request, session, design, new_url=share_url(public, created.token), status_code=201
    )
    # The clear token is in this page only: keep it out of every cache.
    response.headers["Cache-Control"] = "no-store"
    return response


@router.post("/designs/{design_id}/share/{link_id}/revoke", name="design_share_revoke")
def revoke_link(session: SessionDep, design_id: int, link_id: int) -> RedirectResponse:
    _design_or_404(session, design_id)
    if not shares.revoke_share_link(session, design_id, link_id):
        raise HTTPException(404, "This design has no such share link.")
    return RedirectResponse(f"/designs/{design_id}/share", status_code=303)
