"""A shared server with one of each kind of person, for the authorisation tests.

``olga`` (member) owns design D, which has a share link and is in no one else's list unless
shared: ``carl`` (member) may edit it, ``vera`` (viewer) may view it, ``max`` (member) has no
access at all, ``ada`` is an administrator. Design T (also olga's) is in the trash. Everyone has a
browser session and a read-only and a read-write API token. Accounts are made without
passwords here (no argon2 work); the sign-in tests hash real ones.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy.orm import Session

from app.store import access, accounts, audit, shares, tokens
from app.store import designs as store
from app.store.designs import DesignCounts
from app.store.tables import UserRow
from tests.conftest import TEST_SECRET
from tests.examples import example

COUNTS = DesignCounts(hosts=2, lanes=4, errors=0, warnings=0)
PEOPLE = {"ada": "admin", "olga": "member", "carl": "member", "vera": "viewer", "max": "member"}


@dataclass
class Person:
    user_id: int
    name: str
    cookie: str
    read_token: str
    write_token: str
    token_id: int


@dataclass
class World:
    design_id: int
    trashed_id: int
    link_id: int
    share_token: str
    people: dict[str, Person] = field(default_factory=dict)


def _person(session: Session, user: UserRow) -> Person:
    cookie = accounts.start_session(session, user, TEST_SECRET, lifetime=timedelta(hours=1))
    read = tokens.create_token(session, user, label="read", write=False, expires_at=None)
    write = tokens.create_token(session, user, label="write", write=True, expires_at=None)
    return Person(user.id, user.name, cookie.cookie, read.token, write.token, read.row.id)


def build_world(session: Session) -> World:
    users = {
        name: accounts.create_user(session, name, role, password_hash=None)
        for name, role in PEOPLE.items()
    }
    audit.set_actor(session, audit.Actor(users["olga"].id, "olga", "192.0.2.10"))
    design = store.create_design(session, example("e1"), COUNTS, message="first")
    trashed = store.create_design(session, example("e1"), COUNTS, message="doomed")
    store.delete_design(session, trashed.id)
    link = shares.create_share_link(session, design.id, label="floor")
    access.grant(session, design, users["carl"], "edit")
    access.grant(session, design, users["vera"], "view")
    world = World(design.id, trashed.id, link.link.id, link.token)
    for name, user in users.items():
        world.people[name] = _person(session, user)
    return world
