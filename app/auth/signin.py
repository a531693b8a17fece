"""Signing in with a name and password, with throttling of failed attempts (issue 10 item 1).

Failed attempts are audit entries, so the throttle needs no state of its own and survives
restarts and several workers: at most ``PER_ACCOUNT`` failures per account name and
``PER_ADDRESS`` per client address within ``WINDOW``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy.orm import Session

from app.auth.passwords import hash_password, needs_rehash, verify_password
from app.store import accounts, audit
from app.store.tables import UserRow

WINDOW = timedelta(minutes=15)
PER_ACCOUNT = 5
PER_ADDRESS = 20
MAX_NAME_LENGTH = 80


@dataclass(frozen=True)
class SignInResult:
    """``user`` on success; otherwise ``status`` and a message for the form: 422 (the form is
    re-shown, as for any rejected input) or 429 (throttled)."""

    user: UserRow | None
    status: int = 200
    message: str = ""


WRONG = "The name or the password is wrong."
THROTTLED = (
    "Too many failed sign-ins for this account or from this address. "
    f"Wait {WINDOW.seconds // 60} minutes, or ask an administrator."
)


def sign_in(session: Session, name: str, password: str, address: str | None) -> SignInResult:
    """Check a name and password; records the attempt in the audit trail either way."""
    name = name.strip()[:MAX_NAME_LENGTH]
    per_name, per_address = audit.recent_failures(
        session, name=name, address=address, window=WINDOW
    )
    if per_name >= PER_ACCOUNT or per_address >= PER_ADDRESS:
        return SignInResult(None, 429, THROTTLED)
    user = accounts.user_by_name(session, name) if name else None
    # verify_password spends the same work for unknown names (no timing oracle).
    ok = verify_password(user.password_hash if user else None, password)
    if user is None or not ok or not user.active:
        failed = audit.Actor(user_id=None, name=name or None, address=address)
        audit.record(session, "signin.failed", actor=failed)
        session.commit()
        return SignInResult(None, 422, WRONG)
    if user.password_hash and needs_rehash(user.password_hash):
        accounts.set_password_hash(session, user, hash_password(password))
    audit.record(
        session, "signin", actor=audit.Actor(user_id=user.id, name=user.name, address=address)
    )
    session.commit()
    return SignInResult(user)
