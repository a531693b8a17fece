"""Administration: accounts, the audit trail (page + JSON twin) and the trash — issue 10."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, HTTPException, Query, Request
from fastapi.responses import JSONResponse, RedirectResponse
from starlette.responses import Response

from app.auth.passwords import hash_password, password_problem
from app.auth.principal import Role
from app.store import accounts, audit, trash
from app.store.tables import AuditRow, DesignRow, UserRow
from app.web.deps import SessionDep, UserDep
from app.web.templating import render

router = APIRouter(include_in_schema=False)

ROLES = [role.value for role in Role]
ActionQuery = Annotated[str, Query(max_length=40, pattern=r"^[a-z.]*$")]


def _user_json(user: UserRow) -> dict[str, Any]:
    return {
        "id": user.id,
        "name": user.name,
        "role": user.role,
        "active": user.active,
        "source": user.source,
        "created_at": user.created_at.isoformat(),
    }


def _users_page(
    request: Request, session: SessionDep, *, error: str = "", status_code: int = 200
) -> Response:
    context: dict[str, Any] = {
        "users": accounts.list_users(session),
        "roles": ROLES,
        "error": error,
        "nav": "admin",
        "admin_tab": "users",
    }
    return render(request, "admin/users.html", context, status_code=status_code)


@router.get("/admin/users", name="admin_users")
def users_page(request: Request, session: SessionDep) -> Response:
    return _users_page(request, session)


@router.get("/admin/users.json", name="admin_users_json")
def users_json(session: SessionDep) -> JSONResponse:
    return JSONResponse({"users": [_user_json(u) for u in accounts.list_users(session)]})


def new_user_problem(name: str, role: str, password: str) -> str | None:
    """Why an account cannot be created with these values (the message names the field)."""
    if not name.strip() or len(name.strip()) > 80 or not name.strip().isprintable():
        return "name: 1 to 80 printable characters."
    if role not in ROLES:
        return f"role: one of {', '.join(ROLES)}."
    problem = password_problem(password)
    return f"password: {problem}" if problem else None


@router.post("/admin/users", name="admin_user_create")
def create_user(
    request: Request,
    session: SessionDep,
    name: Annotated[str, Form(max_length=500)] = "",
    role: Annotated[str, Form(max_length=20)] = "member",
    password: Annotated[str, Form(max_length=4096)] = "",
) -> Response:
    problem = new_user_problem(name, role, password)
    if problem:
        return _users_page(request, session, error=problem, status_code=422)
    try:
        accounts.create_user(session, name.strip(), role, password_hash=hash_password(password))
    except accounts.NameTaken:
        return _users_page(request, session, error="name: already taken.", status_code=422)
    return RedirectResponse("/admin/users", status_code=303)


@router.post("/admin/users/{user_id}", name="admin_user_change")
def change_user(
    session: SessionDep,
    me: UserDep,
    user_id: int,
    role: Annotated[str, Form(max_length=20)] = "member",
    active: Annotated[str, Form(max_length=10)] = "",
) -> Response:
    user = accounts.get_user(session, user_id)
    if user is None:
        raise HTTPException(404, "There is no such account.")
    if role not in ROLES:
        raise HTTPException(422, f"role: one of {', '.join(ROLES)}.")
    if user.id == me.user_id and (role != "admin" or active != "on"):
        raise HTTPException(422, "You cannot take away your own administrator role or account.")
    accounts.set_role(session, user, role, active=active == "on")
    return RedirectResponse("/admin/users", status_code=303)


def _event_json(row: AuditRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "at": row.at.isoformat(),
        "actor": row.actor,
        "actor_id": row.actor_id,
        "address": row.address,
        "action": row.action,
        "design_id": row.design_id,
        "detail": row.detail,
    }


@router.get("/admin/audit", name="admin_audit")
def audit_page(request: Request, session: SessionDep, action: ActionQuery = "") -> Response:
    events = audit.list_events(session, action=action)
    context: dict[str, Any] = {
        "events": events,
        "action": action,
        "nav": "admin",
        "admin_tab": "audit",
    }
    return render(request, "admin/audit.html", context)


@router.get("/admin/audit.json", name="admin_audit_json")
def audit_json(session: SessionDep, action: ActionQuery = "") -> JSONResponse:
    events = audit.list_events(session, action=action)
    return JSONResponse({"events": [_event_json(e) for e in events]})


def _trash_json(row: DesignRow) -> dict[str, Any]:
    deleted = row.deleted_at.isoformat() if row.deleted_at else None
    return {"id": row.id, "name": row.name, "version": row.version, "deleted_at": deleted}


@router.get("/admin/trash", name="admin_trash")
def trash_page(request: Request, session: SessionDep) -> Response:
    context: dict[str, Any] = {
        "designs": trash.list_trash(session),
        "nav": "admin",
        "admin_tab": "trash",
    }
    return render(request, "admin/trash.html", context)


@router.get("/admin/trash.json", name="admin_trash_json")
def trash_json(session: SessionDep) -> JSONResponse:
    return JSONResponse({"designs": [_trash_json(r) for r in trash.list_trash(session)]})


@router.post("/admin/trash/{design_id}/restore", name="admin_trash_restore")
def restore_from_trash(session: SessionDep, design_id: int) -> RedirectResponse:
    if not trash.restore_design(session, design_id):
        raise HTTPException(404, "There is no such design in the trash.")
    return RedirectResponse(f"/designs/{design_id}", status_code=303)


@router.post("/admin/trash/{design_id}/purge", name="admin_trash_purge")
def purge(session: SessionDep, design_id: int) -> RedirectResponse:
    if not trash.purge_design(session, design_id):
        raise HTTPException(404, "There is no such design in the trash.")
    return RedirectResponse("/admin/trash", status_code=303)
