"""``vmotion-planner users …``: accounts from the server's console (issue 10 item 1).

The first administrator is made here, never by a default password. The password is asked for
twice on a terminal, or read as one line from standard input (``--password-stdin``) for scripts;
it is never taken as an argument, where ``ps`` and shell history would see it.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session

from app.auth.passwords import hash_password, password_problem
from app.auth.principal import Role
from app.cli import CliError
from app.config import get_settings
from app.store import accounts
from app.store.db import make_engine, make_session_factory, session_scope


class UsersError(CliError):
    """A problem the operator can fix (exit status 2, no traceback)."""


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Password: ")
    if getpass.getpass("Repeat the password: ") != first:
        raise UsersError("the two passwords differ; nothing was created")
    return first


def _new_password(from_stdin: bool) -> str:
    """A password read as ``_read_password`` does and checked against the account rules."""
    password = _read_password(from_stdin)
    problem = password_problem(password)
    if problem:
        raise UsersError(f"password: {problem}")
    return password


@contextmanager
def _database() -> Iterator[Session]:
    """One committed session on the configured database, its engine disposed afterwards."""
    engine = make_engine(get_settings().database_url)
    try:
        with session_scope(make_session_factory(engine)) as session:
            yield session
    finally:
        engine.dispose()


def _cmd_create(args: argparse.Namespace) -> int:
    name = args.name.strip()
    if not name or len(name) > 80 or not name.isprintable():
        raise UsersError("NAME: 1 to 80 printable characters")
    role = Role.admin.value if args.admin else args.role
    password = _new_password(args.password_stdin)
    try:
        with _database() as session:
            first_admin = role == "admin" and not any(
                u.role == "admin" for u in accounts.list_users(session)
            )
            accounts.create_user(session, name, role, password_hash=hash_password(password))
    except accounts.NameTaken:
        raise UsersError(f"NAME: an account called {name!r} exists already") from None
    note = " (it now owns every design that had no owner)" if first_admin else ""
    print(f"created {role} {name}{note}", file=sys.stderr)
    return 0


def _cmd_set_password(args: argparse.Namespace) -> int:
    """An administrator's reset from the console: a new password, every session of NAME ends."""
    password = _new_password(args.password_stdin)
    with _database() as session:
        user = accounts.user_by_name(session, args.name)
        if user is None:
            raise UsersError(f"NAME: there is no account called {args.name!r}")
        ended = accounts.change_password(session, user, hash_password(password))
    print(f"new password for {args.name}; {ended} session(s) signed out", file=sys.stderr)
    return 0


def _cmd_list(args: argparse.Namespace) -> int:
    with _database() as session:
        for user in accounts.list_users(session):
            state = "" if user.active else " (switched off)"
            print(f"{user.name}\t{user.role}\t{user.source}{state}")
    return 0


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``users create``, ``users set-password`` and ``users list`` on the main parser."""
    p_users = sub.add_parser("users", help="manage accounts (create the first administrator)")
    users_sub = p_users.add_subparsers(dest="users_command", required=True)
    p_create = users_sub.add_parser("create", help="create an account")
    p_create.add_argument("name", metavar="NAME", help="account name (what people sign in with)")
    p_create.add_argument("--admin", action="store_true", help="make it an administrator")
    p_create.add_argument(
        "--role", choices=[r.value for r in Role], default=Role.member.value, help="server role"
    )
    p_create.add_argument(
        "--password-stdin", action="store_true", help="read the password from standard input"
    )
    p_create.set_defaults(func=_cmd_create)
    p_password = users_sub.add_parser(
        "set-password", help="give an account a new password (signs out its sessions)"
    )
    p_password.add_argument("name", metavar="NAME", help="account name")
    p_password.add_argument(
        "--password-stdin", action="store_true", help="read the password from standard input"
    )
    p_password.set_defaults(func=_cmd_set_password)
    p_list = users_sub.add_parser("list", help="list the accounts")
    p_list.set_defaults(func=_cmd_list)
