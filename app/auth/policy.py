"""What each route needs (issue 10 item 2): one table, one check, applied to every route.

The need of a route comes from its shape, so a new route is covered the day it is written:
a route with ``{design_id}`` needs ``view`` for reading and ``edit`` for changing that design;
any other route needs a signed-in person to read and a member to change. ``OVERRIDES`` lists the
routes that need something else, by route name. ``tests/auth/test_route_table.py`` walks the
app's route table with every role and fails on a route this module does not explain.
"""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy.orm import Session

from app.auth.principal import Level, Principal, Role
from app.store import access
from app.store.designs import get_design
from app.store.tables import DesignRow
from app.store.trash import trashed_design

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class Need(StrEnum):
    public = "public"  # anyone, no account (share links, sign-in page)
    signed_in = "signed_in"  # any account, any role
    create = "create"  # members and administrators (new designs, imports)
    admin = "admin"  # administrators
    view = "view"  # may see the design in the path
    edit = "edit"  # may change it
    own = "own"  # owner or administrator


OVERRIDES: dict[str, Need] = {
    # Without an account.
    "signin_form": Need.public,
    "signin": Need.public,
    "signout": Need.public,
    "api_docs": Need.public,
    # The rule reference holds no design; findings on shared views link to it (issue 9 §5).
    "rules_page": Need.public,
    "rules_json": Need.public,
    "shared_view": Need.public,
    "shared_view_json": Need.public,
    "shared_sheet": Need.public,
    "shared_sheet_pdf": Need.public,
    # Planning a document stores nothing: viewers and read-only tokens may do it.
    "api_plan": Need.signed_in,
    "design_new": Need.create,
    "design_import_form": Need.create,
    # The editor page only reads, but a viewer has no business there (item 2, browser test).
    "design_edit": Need.edit,
    # Share links: only people who may edit the design see and manage them (item 6).
    "design_share": Need.edit,
    "design_share_json": Need.edit,
    # Deleting and choosing who may see a design belong to its owner.
    "design_delete": Need.own,
    "api_delete": Need.own,
    "design_access": Need.own,
    "design_access_json": Need.own,
    "design_access_grant": Need.own,
    "design_access_revoke": Need.own,
    "design_access_members": Need.own,
    # Every account manages its own tokens and password.
    "account": Need.signed_in,
    "account_json": Need.signed_in,
    "token_create": Need.signed_in,
    "token_revoke": Need.signed_in,
    "password_change": Need.signed_in,
}
ADMIN_PREFIX = "admin_"  # every route named admin_* is for administrators only

NEEDED_LEVEL = {Need.view: Level.view, Need.edit: Level.edit, Need.own: Level.own}


def need_of(name: str, path: str, methods: set[str]) -> Need:
    """What a route needs, from its name, path and methods."""
    if name in OVERRIDES:
        return OVERRIDES[name]
    if name.startswith(ADMIN_PREFIX):
        return Need.admin
    changes = bool(methods - SAFE_METHODS)
    if "{design_id" in path:
        return Need.edit if changes else Need.view
    return Need.create if changes else Need.signed_in


def design_level(session: Session, principal: Principal, design_id: int) -> Level:
    """What ``principal`` may do with a design; ``Level.none`` when they may not even see it.

    Owner and administrators: ``own``. Named collaborators: their level. Designs visible to every
    member: ``view``. A viewer never gets more than ``view``, whatever else applies.
    """
    row = get_design(session, design_id)  # already filtered by the session's scope
    if row is None:
        return Level.none
    return level_on(session, principal, row)


def trashed_level(session: Session, principal: Principal, design_id: int) -> Level:
    """What ``principal`` could do with the design if it were not in the trash (``none`` when
    it is not there or they could not see it anyway)."""
    row = trashed_design(session, design_id)
    return Level.none if row is None else level_on(session, principal, row)


def level_on(session: Session, principal: Principal, row: DesignRow) -> Level:
    """The level on a design row the principal can see (see :func:`design_level`)."""
    design_id = row.id
    if principal.is_admin or (principal.user_id is not None and row.owner_id == principal.user_id):
        level = Level.own
    elif principal.user_id is not None and (
        access.collaborator_level(session, design_id, principal.user_id) == "edit"
    ):
        level = Level.edit
    else:
        level = Level.view
    return min(level, Level.view) if principal.role is Role.viewer else level
