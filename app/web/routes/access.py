"""Who may see and change a design: collaborators and "visible to every member" (issue 10 item 2).

Only the owner and administrators reach these routes (``app.auth.policy``: need ``own``).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import JSONResponse, RedirectResponse
from sqlalchemy.orm import Session
from starlette.responses import Response

from app.store import access, accounts
from app.store.designs import get_design
from app.store.tables import DesignRow
from app.web.deps import SessionDep
from app.web.templating import render

router = APIRouter(include_in_schema=False)


def _design(session: Session, design_id: int) -> DesignRow:
    row = get_design(session, design_id)
    if row is None:
        raise HTTPException(404)
    return row


def access_context(session: Session, design: DesignRow) -> dict[str, Any]:
    owner = accounts.get_user(session, design.owner_id) if design.owner_id else None
    return {
        "design_id": design.id,
        "owner": owner.name if owner else None,
        "visible_to_members": design.shared_with_members,
        "collaborators": [
            {"user_id": row.user_id, "name": row.user.name, "level": row.level}
            for row in access.list_collaborators(session, design.id)
        ],
    }


def _page(
    request: Request, session: Session, design: DesignRow, *, error: str = "", status: int = 200
) -> Response:
    context: dict[str, Any] = {
        "design": design,
        "access": access_context(session, design),
        "error": error,
        "nav": "designs",
    }
    return render(request, "designs/access.html", context, status_code=status)


@router.get("/designs/{design_id}/access", name="design_access")
def access_page(request: Request, session: SessionDep, design_id: int) -> Response:
    return _page(request, session, _design(session, design_id))


@router.get("/designs/{design_id}/access.json", name="design_access_json")
def access_json(session: SessionDep, design_id: int) -> JSONResponse:
    return JSONResponse(access_context(session, _design(session, design_id)))


@router.post("/designs/{design_id}/access", name="design_access_grant")
def grant(
    request: Request,
    session: SessionDep,
    design_id: int,
    name: Annotated[str, Form(max_length=500)] = "",
    level: Annotated[str, Form(max_length=10)] = "view",
) -> Response:
    design = _design(session, design_id)
    user = accounts.user_by_name(session, name.strip()) if name.strip() else None
    if user is None:
        return _page(request, session, design, error="name: there is no such account.", status=422)
    if level not in access.LEVELS:
        return _page(request, session, design, error="level: view or edit.", status=422)
    if user.id == design.owner_id:
        return _page(request, session, design, error="name: that is the owner.", status=422)
    access.grant(session, design, user, level)
    return RedirectResponse(f"/designs/{design_id}/access", status_code=303)


@router.post("/designs/{design_id}/access/{user_id}/revoke", name="design_access_revoke")
def revoke(session: SessionDep, design_id: int, user_id: int) -> RedirectResponse:
    if not access.revoke(session, _design(session, design_id), user_id):
        raise HTTPException(404, "That account is not a collaborator on this design.")
    return RedirectResponse(f"/designs/{design_id}/access", status_code=303)


@router.post("/designs/{design_id}/access/members", name="design_access_members")
def members(
    session: SessionDep,
    design_id: int,
    visible: Annotated[str, Form(max_length=10)] = "",
) -> RedirectResponse:
    access.set_members_visibility(session, _design(session, design_id), visible == "on")
    return RedirectResponse(f"/designs/{design_id}/access", status_code=303)
