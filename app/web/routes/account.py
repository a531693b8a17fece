"""Sign-in, sign-out and the account page (API tokens) — issue 10 items 1 and 3."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Form, HTTPException, Query, Request
from fastapi.responses import JSONResponse, RedirectResponse
from starlette.responses import Response

from app.auth.authenticate import COOKIE_NAME, client_address
from app.auth.passwords import hash_password, password_problem, verify_password
from app.auth.signin import MAX_NAME_LENGTH, sign_in
from app.store import accounts, audit, tokens
from app.store.tables import ApiTokenRow
from app.web.deps import PrincipalDep, SessionDep, SettingsDep, UserDep
from app.web.templating import render

router = APIRouter(include_in_schema=False)

MAX_TOKEN_DAYS = 3650


def safe_next(target: str | None) -> str:
    """Only paths of this app: ``//evil.example`` or ``https://…`` would leave it (open
    redirect)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/designs"
    return target


def _signin_page(
    request: Request, *, next_url: str, name: str = "", error: str = "", status_code: int = 200
) -> Response:
    context: dict[str, Any] = {"next_url": next_url, "name": name, "error": error, "nav": ""}
    response = render(request, "auth/signin.html", context, status_code=status_code)
    response.headers["Cache-Control"] = "no-store"
    return response


@router.get("/signin", name="signin_form")
def signin_form(
    request: Request,
    principal: PrincipalDep,
    next_url: Annotated[str, Query(alias="next", max_length=2000)] = "/designs",
) -> Response:
    if principal is not None:
        return RedirectResponse(safe_next(next_url), status_code=303)
    return _signin_page(request, next_url=safe_next(next_url))


@router.post("/signin", name="signin")
def signin(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    name: Annotated[str, Form(max_length=MAX_NAME_LENGTH * 4)] = "",
    password: Annotated[str, Form(max_length=4096)] = "",
    next_url: Annotated[str, Form(alias="next", max_length=2000)] = "/designs",
) -> Response:
    result = sign_in(session, name, password, client_address(request))
    if result.user is None:
        return _signin_page(
            request,
            next_url=safe_next(next_url),
            name=name[:MAX_NAME_LENGTH],
            error=result.message,
            status_code=result.status,
        )
    started = accounts.start_session(
        session,
        result.user,
        settings.secret_key,
        lifetime=timedelta(hours=settings.session_max_hours),
    )
    response = RedirectResponse(safe_next(next_url), status_code=303)
    response.set_cookie(
        COOKIE_NAME,
        started.cookie,
        max_age=settings.session_max_hours * 3600,
        httponly=True,
        samesite="lax",
        # Behind HTTPS (or always in production) the browser only sends it over HTTPS.
        secure=request.url.scheme == "https" or settings.environment == "production",
        path="/",
    )
    return response


@router.post("/signout", name="signout")
def signout(request: Request, session: SessionDep, settings: SettingsDep) -> Response:
    cookie = request.cookies.get(COOKIE_NAME, "")
    principal = getattr(request.state, "principal", None)
    if cookie:
        if principal is not None and principal.via == "session":
            audit.record(session, "signout")
        accounts.end_session(session, cookie, settings.secret_key)
    response = RedirectResponse("/signin", status_code=303)
    response.delete_cookie(COOKIE_NAME, path="/")
    return response


def _token_json(row: ApiTokenRow) -> dict[str, Any]:
    """What the account page shows of a token: never the token itself, only its first characters."""
    return {
        "id": row.id,
        "prefix": row.prefix,
        "label": row.label,
        "write": row.write,
        "created_at": row.created_at.isoformat(),
        "expires_at": row.expires_at.isoformat() if row.expires_at else None,
        "last_used_at": row.last_used_at.isoformat() if row.last_used_at else None,
        "revoked": row.revoked_at is not None,
    }


def _account_page(
    request: Request,
    session: SessionDep,
    user: UserDep,
    *,
    new_token: str = "",
    error: str = "",
    notice: str = "",
    status_code: int = 200,
) -> Response:
    rows = tokens.list_tokens(session, user.user_id) if user.user_id is not None else []
    context: dict[str, Any] = {
        "user": user,
        "tokens": [_token_json(row) for row in rows],
        "new_token": new_token,
        "error": error,
        "notice": notice,
        "has_password": _has_password(session, user.user_id),
        "nav": "account",
    }
    response = render(request, "auth/account.html", context, status_code=status_code)
    response.headers["Cache-Control"] = "no-store"
    return response


def _has_password(session: SessionDep, user_id: int | None) -> bool:
    account = accounts.get_user(session, user_id) if user_id is not None else None
    return account is not None and account.password_hash is not None


@router.get("/account", name="account")
def account_page(request: Request, session: SessionDep, user: UserDep) -> Response:
    return _account_page(request, session, user)


@router.get("/account.json", name="account_json")
def account_json(session: SessionDep, user: UserDep) -> JSONResponse:
    rows = tokens.list_tokens(session, user.user_id) if user.user_id is not None else []
    return JSONResponse(
        {
            "name": user.name,
            "role": user.role.value,
            "signed_in_via": user.via,
            "tokens": [_token_json(row) for row in rows],
        }
    )


def _expiry(days: str) -> datetime | None:
    """``""`` → never; ``30`` → the end of the day 30 days from now (UTC)."""
    if not days.strip():
        return None
    count = int(days)
    if not 1 <= count <= MAX_TOKEN_DAYS:
        raise ValueError(count)
    end = date.today() + timedelta(days=count)
    return datetime.combine(end, time(23, 59, 59), tzinfo=UTC)


@router.post("/account/tokens", name="token_create")
def create_token(
    request: Request,
    session: SessionDep,
    user: UserDep,
    label: Annotated[str, Form(max_length=500)] = "",
    days: Annotated[str, Form(max_length=10)] = "",
    write: Annotated[str, Form(max_length=10)] = "",
) -> Response:
    """Create a token and show it this one time (only its SHA-256 is stored)."""
    if user.user_id is None:
        raise HTTPException(404, "One-person mode has no accounts, so no API tokens.")
    if len(label.strip()) > 80 or "\x00" in label:
        return _account_page(
            request, session, user, error="label: at most 80 characters.", status_code=422
        )
    try:
        expires_at = _expiry(days)
    except ValueError:
        message = f"days: a whole number of days from 1 to {MAX_TOKEN_DAYS}, or empty for never."
        return _account_page(request, session, user, error=message, status_code=422)
    owner = accounts.get_user(session, user.user_id)
    assert owner is not None
    created = tokens.create_token(
        session, owner, label=label, write=write == "on", expires_at=expires_at
    )
    return _account_page(request, session, user, new_token=created.token, status_code=201)


@router.post("/account/tokens/{token_id}/revoke", name="token_revoke")
def revoke_token(session: SessionDep, user: UserDep, token_id: int) -> RedirectResponse:
    if user.user_id is None or not tokens.revoke_token(session, user.user_id, token_id):
        raise HTTPException(404, "You have no such token.")
    return RedirectResponse("/account", status_code=303)


@router.post("/account/password", name="password_change")
def change_password(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    user: UserDep,
    current: Annotated[str, Form(max_length=4096)] = "",
    new: Annotated[str, Form(max_length=4096)] = "",
    repeat: Annotated[str, Form(max_length=4096)] = "",
) -> Response:
    """Change one's own password: the current one is checked, every other session ends."""
    account = accounts.get_user(session, user.user_id) if user.user_id is not None else None
    if account is None or account.password_hash is None:
        raise HTTPException(404, "This account signs in through the proxy; it has no password.")

    def refused(message: str) -> Response:
        return _account_page(request, session, user, error=message, status_code=422)

    if not verify_password(account.password_hash, current):
        return refused("current: that is not your current password.")
    problem = password_problem(new)
    if problem:
        return refused(f"new: {problem}")
    if new != repeat:
        return refused("repeat: the two new passwords differ.")
    cookie = request.cookies.get(COOKIE_NAME, "")
    keep = accounts.session_key(settings.secret_key, cookie) if cookie else None
    ended = accounts.change_password(session, account, hash_password(new), keep_session=keep)
    return _account_page(
        request, session, user, notice=f"Password changed; {ended} other session(s) signed out."
    )
