"""Changing a password (account page) and resetting one (console): issue 10 item 1."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.store.tables import AuditRow, AuthSessionRow, UserRow
from tests.auth.conftest import PASSWORD, MakeClient, MakeUser

NEW = "a much longer new passphrase"


def test_change_password_checks_the_current_one_and_signs_out_other_browsers(
    make_user: MakeUser, make_client: MakeClient, session: Session
) -> None:
    user = make_user("ana")
    laptop = make_client("ana")
    phone = make_client("ana")
    assert phone.get("/account").status_code == 200
    page = laptop.get("/account").text
    assert 'action="/account/password"' in page

    wrong = laptop.post("/account/password", data={"current": "nope", "new": NEW, "repeat": NEW})
    assert wrong.status_code == 422 and "current: that is not your current password" in wrong.text
    short = laptop.post(
        "/account/password", data={"current": PASSWORD, "new": "short", "repeat": "short"}
    )
    assert short.status_code == 422 and "new: The password must be at least 12" in short.text
    differ = laptop.post(
        "/account/password", data={"current": PASSWORD, "new": NEW, "repeat": NEW + "x"}
    )
    assert differ.status_code == 422 and "repeat: the two new passwords differ" in differ.text

    done = laptop.post("/account/password", data={"current": PASSWORD, "new": NEW, "repeat": NEW})
    assert done.status_code == 200 and "1 other session(s) signed out" in done.text
    assert laptop.get("/account").status_code == 200  # this browser stays signed in
    assert phone.get("/account", follow_redirects=False).status_code in (303, 401)
    session.expire_all()
    assert session.scalars(select(AuthSessionRow).where(AuthSessionRow.user_id == user.id)).all()
    assert (
        make_client()
        .post("/signin", data={"name": "ana", "password": PASSWORD}, follow_redirects=False)
        .status_code
        != 303
    )
    make_client("ana", password=NEW)  # signs in with the new one (asserts 303)
    actions = [row.action for row in session.scalars(select(AuditRow)).all()]
    assert "user.password" in actions
    stored = session.scalars(select(UserRow).where(UserRow.name == "ana")).one()
    assert NEW not in (stored.password_hash or "") and stored.password_hash.startswith("$argon2id$")
