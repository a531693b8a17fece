"""FastAPI dependencies: a database session per request, the settings, and the access check.

``require_access`` is the one place where the app decides who may do what (issue 10 item 2):
``app.main`` installs it on every route. It recognises the principal, applies the route's need
from :mod:`app.auth.policy`, and puts the request's access scope and audit actor on the database
session, so lists, search, history and exports only ever see what the principal may see.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated
from urllib.parse import quote, urlsplit

from fastapi import Depends, HTTPException, Request
from fastapi.routing import APIRoute
from fastapi.security import APIKeyCookie, HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session, sessionmaker

from app.auth.authenticate import COOKIE_NAME, BadToken, authenticate, client_address
from app.auth.mode import NO_ADMIN_MESSAGE, one_person_mode_allowed
from app.auth.policy import (
    NEEDED_LEVEL,
    SAFE_METHODS,
    Need,
    design_level,
    need_of,
    trashed_level,
)
from app.auth.principal import LOCAL, Level, Principal
from app.config import Settings
from app.services.pdf_jobs import PdfJobs
from app.store import access, accounts, audit
from app.store.tables import id_in_range
from app.web.deleted import DesignInTrash
from app.web.errors import wants_json
from app.web.public_urls import public_base


def get_session(request: Request) -> Iterator[Session]:
    """A session from the app's factory, closed when the request is done.

    Store functions commit their own short write transactions, so nothing is left to commit here.
    """
    factory: sessionmaker[Session] = request.app.state.session_factory
    session = factory()
    try:
        yield session
    finally:
        session.close()


def get_app_settings(request: Request) -> Settings:
    """The settings the app was created with (tests pass their own to ``create_app``)."""
    settings: Settings = request.app.state.settings
    return settings


SessionDep = Annotated[Session, Depends(get_session)]
SettingsDep = Annotated[Settings, Depends(get_app_settings)]


def get_pdf_jobs(request: Request) -> PdfJobs:
    """The app's PDF renderer (a worker process per web worker, a disk cache shared by all)."""
    jobs: PdfJobs = request.app.state.pdf_jobs
    return jobs


PdfJobsDep = Annotated[PdfJobs, Depends(get_pdf_jobs)]


# Declared so OpenAPI documents both ways in and /docs can authorise; authenticate() reads them.
bearer_scheme = HTTPBearer(
    auto_error=False,
    scheme_name="apiToken",
    description="A personal API token from your account page: `Authorization: Bearer vmp_…`.",
)
cookie_scheme = APIKeyCookie(
    name=COOKIE_NAME,
    auto_error=False,
    scheme_name="browserSession",
    description="The session cookie a browser gets when signing in.",
)


def _has_users(request: Request, session: Session) -> bool:
    # Accounts are never deleted (only switched off), so once seen the answer stays yes.
    if getattr(request.app.state, "has_users", False):
        return True
    found = accounts.count_users(session) > 0
    request.app.state.has_users = found
    return found


def _sign_in_required(request: Request) -> HTTPException:
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    headers = {"WWW-Authenticate": "Bearer"}
    if request.headers.get("hx-request"):
        # An htmx swap (a preview, a tab) after the session expired: send the whole page to
        # the sign-in form, and back to the page, not to the fragment's URL, afterwards.
        page = urlsplit(request.headers.get("hx-current-url", ""))
        target = (page.path or "/designs") + (f"?{page.query}" if page.query else "")
        headers["HX-Redirect"] = f"/signin?next={quote(target, safe='')}"
    if wants_json(request) or request.method not in SAFE_METHODS or "HX-Redirect" in headers:
        return HTTPException(
            401, "Sign in first, or send an API token: 'Authorization: Bearer <token>'.", headers
        )
    return HTTPException(
        303, "Sign in first.", headers={"Location": f"/signin?next={quote(target, safe='')}"}
    )


def _recognise(request: Request, session: Session, settings: Settings) -> Principal | None:
    if not _has_users(request, session):
        if one_person_mode_allowed(settings):
            return LOCAL
        raise HTTPException(503, NO_ADMIN_MESSAGE)
    try:
        return authenticate(request, session, settings)
    except BadToken as exc:
        raise HTTPException(401, str(exc), headers={"WWW-Authenticate": "Bearer"}) from None


def _check(request: Request, session: Session, principal: Principal, need: Need) -> None:
    if need is Need.signed_in or need is Need.public:
        return
    if not principal.can_write and request.method not in SAFE_METHODS:
        raise HTTPException(403, "This API token is read-only; create one with write access.")
    if need is Need.admin and not principal.is_admin:
        raise HTTPException(403, "Only administrators may do this.")
    if need is Need.create and not principal.can_create:
        raise HTTPException(403, "Viewers cannot create designs; ask an administrator.")
    if need in NEEDED_LEVEL:
        raw = str(request.path_params.get("design_id", ""))
        if not raw.isdecimal() or not id_in_range(int(raw)):
            # No stored design has this ID; the route's own validation answers (422 naming
            # the field, or 404), and no design's existence is revealed either way.
            return
        design_id = int(raw)
        level = design_level(session, principal, design_id)
        if level is Level.none and trashed_level(session, principal, design_id) >= Level.view:
            # Only people who could see it learn that it was deleted (and may get their
            # unsaved edit back, app.web.deleted).
            raise DesignInTrash(design_id)
        if level is Level.none:
            # Not 403, which would confirm the design exists: the same answer as for an ID
            # nobody ever used.
            raise HTTPException(404, f"There is no design {design_id}.")
        if level < NEEDED_LEVEL[need]:
            raise HTTPException(403, "You may view this design but not change it.")


def require_access(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    _token: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer_scheme)],
    _cookie: Annotated[str | None, Depends(cookie_scheme)],
) -> Principal | None:
    """Who is asking, after checking they may use this route; None on public routes only."""
    route = request.scope.get("route")
    need = (
        need_of(route.name, route.path, set(route.methods or ()))
        if isinstance(route, APIRoute)
        else Need.signed_in
    )
    principal = _recognise(request, session, settings)
    address = client_address(request)
    if principal is None:
        if need is not Need.public:
            raise _sign_in_required(request)
        audit.set_actor(session, audit.Actor(user_id=None, name=None, address=address))
        access.set_scope(session, access.Scope(user_id=None, everything=False))
        request.state.principal = None
        return None
    everything = principal.is_admin
    access.set_scope(session, access.Scope(user_id=principal.user_id, everything=everything))
    audit.set_actor(
        session,
        audit.Actor(user_id=principal.user_id, name=principal.name or None, address=address),
    )
    request.state.principal = principal
    _check(request, session, principal, need)
    return principal


PrincipalDep = Annotated[Principal | None, Depends(require_access)]


def signed_in(principal: PrincipalDep) -> Principal:
    """The principal on a route that is never public (anonymous requests were refused already)."""
    if principal is None:
        raise HTTPException(401)
    return principal


UserDep = Annotated[Principal, Depends(signed_in)]


def get_public_base(request: Request) -> str:
    """``scheme://host[:port]`` for links that leave the app (see app.web.public_urls)."""
    return public_base(request, get_app_settings(request))


PublicBaseDep = Annotated[str, Depends(get_public_base)]
