"""Password hashing with argon2id (argon2-cffi; RFC 9106 parameters, the library's defaults)."""

from __future__ import annotations

from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_HASHER = PasswordHasher()  # argon2id, t=3, m=64 MiB, p=4
MIN_LENGTH = 12
MAX_LENGTH = 1024  # argon2 takes any length; this bounds the work one request can ask for


@cache
def _dummy_hash() -> str:
    """Verifying against this when the account does not exist takes as long as a real check, so
    the answer time does not tell an attacker which names exist. Made on first use, not at
    import: one argon2id hash costs ~0.25 s and 64 MiB, which every worker's start-up paid."""
    return _HASHER.hash("not-a-real-password-for-timing")


def hash_password(password: str) -> str:
    """The argon2id PHC string of ``password`` (salted; never the password itself)."""
    return _HASHER.hash(password)


def verify_password(stored_hash: str | None, password: str) -> bool:
    """True when ``password`` matches ``stored_hash``; always spends the same work."""
    if len(password) > MAX_LENGTH:
        return False
    try:
        return _HASHER.verify(stored_hash or _dummy_hash(), password) and stored_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    """True when the hash was made with weaker parameters than today's."""
    return _HASHER.check_needs_rehash(stored_hash)


def password_problem(password: str) -> str | None:
    """Why ``password`` is not acceptable for a new account, or None."""
    if len(password) < MIN_LENGTH:
        return f"The password must be at least {MIN_LENGTH} characters long."
    if len(password) > MAX_LENGTH:
        return f"The password can be at most {MAX_LENGTH} characters long."
    if "\x00" in password:
        return "The password cannot contain a NUL character."
    return None
