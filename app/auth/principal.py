"""Who is asking: server roles, per-design access levels and the principal of a request."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum, StrEnum


class Role(StrEnum):
    """Server roles, NetBox-like: administrators see and manage everything, members create
    designs, viewers only read what is shared with them."""

    admin = "admin"
    member = "member"
    viewer = "viewer"


class Level(IntEnum):
    """What someone may do with one design; each level includes the ones below it."""

    none = 0
    view = 1  # read the design, its history and exports
    edit = 2  # save, restore revisions, manage share links
    own = 3  # delete, choose collaborators and visibility


@dataclass(frozen=True)
class Principal:
    """The person (or script) behind a request.

    ``via`` is how they were recognised: "local" (one-person mode, no accounts), "session"
    (browser cookie), "token" (API token) or "proxy" (trusted SSO header). ``can_write`` is False
    for read-only API tokens, whatever the role.
    """

    user_id: int | None
    name: str
    role: Role
    via: str
    can_write: bool = True

    @property
    def is_admin(self) -> bool:
        return self.role is Role.admin

    @property
    def is_local(self) -> bool:
        return self.via == "local"

    @property
    def can_create(self) -> bool:
        return self.role in (Role.admin, Role.member) and self.can_write


LOCAL = Principal(user_id=None, name="", role=Role.admin, via="local")
