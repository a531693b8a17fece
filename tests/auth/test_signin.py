"""Sign-in, sign-out, session cookies and expiry, throttling (issue 10 item 1)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.auth import signin
from app.store import audit
from app.store.tables import AuditRow, AuthSessionRow, utcnow
from tests.auth.conftest import CLIENT_ADDRESS, PASSWORD, MakeClient, MakeUser


def _events(session: Session, action: str) -> list[AuditRow]:
    session.expire_all()
    return list(session.scalars(select(AuditRow).where(AuditRow.action == action)))


def test_sign_in_sets_a_hardened_cookie_and_goes_where_asked(
    make_user: MakeUser, make_client: MakeClient, session: Session
) -> None:
    make_user("olga")
    client = make_client()
    form = client.get("/signin?next=/designs/new")
    assert form.status_code == 200 and 'value="/designs/new"' in form.text
    response = client.post(
        "/signin",
        data={"name": "olga", "password": PASSWORD, "next": "/designs/new"},
        follow_redirects=False,
    )
    assert response.status_code == 303 and response.headers["location"] == "/designs/new"
    cookie = response.headers["set-cookie"]
    assert cookie.startswith("vmp_session=")
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Path=/" in cookie
    assert "Secure" not in cookie  # plain http in development: the browser could not send it
    (event,) = _events(session, "signin")
    assert (event.actor, event.address) == ("olga", CLIENT_ADDRESS[0])
    assert client.get("/account").status_code == 200


def test_cookie_is_secure_over_https(make_user: MakeUser, make_client: MakeClient) -> None:
    make_user("olga")
    client = make_client(base_url="https://testserver")
    response = client.post(
        "/signin", data={"name": "olga", "password": PASSWORD}, follow_redirects=False
    )
    assert "Secure" in response.headers["set-cookie"]


def test_next_cannot_leave_the_app(make_user: MakeUser, make_client: MakeClient) -> None:
    make_user("olga")
    client = make_client()
    for target in ("//evil.example/x", "https://evil.example/", "/\\evil.example", "designs"):
        response = client.post(
            "/signin",
            data={"name": "olga", "password": PASSWORD, "next": target},
            follow_redirects=False,
        )
        assert response.headers["location"] == "/designs", target


def test_wrong_password_and_unknown_name_get_the_same_answer(
    make_user: MakeUser, make_client: MakeClient, session: Session
) -> None:
    make_user("olga")
    client = make_client()
    wrong = client.post("/signin", data={"name": "olga", "password": "not the password"})
    nobody = client.post("/signin", data={"name": "nobody", "password": PASSWORD})
    assert wrong.status_code == nobody.status_code == 422
    assert signin.WRONG in wrong.text and signin.WRONG in nobody.text
    assert "set-cookie" not in wrong.headers
    failures = _events(session, "signin.failed")
    assert [(e.actor, e.address) for e in failures] == [
        ("olga", CLIENT_ADDRESS[0]),
        ("nobody", CLIENT_ADDRESS[0]),
    ]


def test_five_failures_lock_the_account_for_a_while(
    make_user: MakeUser, make_client: MakeClient
) -> None:
    make_user("olga")
    client = make_client()
    for _ in range(signin.PER_ACCOUNT):
        assert client.post("/signin", data={"name": "olga", "password": "guess"}).status_code == 422
    # Even the right password is refused now: the attacker cannot tell when they hit it.
    locked = client.post("/signin", data={"name": "olga", "password": PASSWORD})
    assert locked.status_code == 429 and "Too many failed sign-ins" in locked.text


def test_failures_from_one_address_are_throttled_across_names(
    make_user: MakeUser, make_client: MakeClient, session: Session
) -> None:
    make_user("olga")
    for index in range(signin.PER_ADDRESS):
        actor = audit.Actor(user_id=None, name=f"guess{index}", address=CLIENT_ADDRESS[0])
        audit.record(session, "signin.failed", actor=actor)
    session.commit()
    refused = make_client().post("/signin", data={"name": "olga", "password": PASSWORD})
    assert refused.status_code == 429
    # Another address is not affected.
    elsewhere = make_client(client=("203.0.113.9", 40000))
    assert elsewhere.post("/signin", data={"name": "olga", "password": PASSWORD}).status_code == 200


def test_failures_older_than_the_window_do_not_count(
    make_user: MakeUser, make_client: MakeClient, session: Session
) -> None:
    make_user("olga")
    old = utcnow() - signin.WINDOW - timedelta(minutes=1)
    for _ in range(signin.PER_ACCOUNT):
        session.add(AuditRow(at=old, actor="olga", action="signin.failed", address="192.0.2.1"))
    session.commit()
    assert make_client("olga").get("/account").status_code == 200


def test_sign_out_ends_the_session_on_the_server(
    make_user: MakeUser, make_client: MakeClient, session: Session
) -> None:
    make_user("olga")
    client = make_client("olga")
    cookie = client.cookies["vmp_session"]
    response = client.post("/signout", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/signin"
    assert session.scalars(select(AuthSessionRow)).all() == []
    # A copy of the old cookie is worthless now.
    replay = make_client()
    replay.cookies.set("vmp_session", cookie)
    assert replay.get("/account", follow_redirects=False).status_code == 303
    assert [e.actor for e in _events(session, "signout")] == ["olga"]


def _age_session(session: Session, **changes: object) -> None:
    session.expire_all()
    row = session.scalars(select(AuthSessionRow)).one()
    for key, value in changes.items():
        setattr(row, key, value)
    session.commit()


def test_idle_sessions_expire(
    make_user: MakeUser, make_client: MakeClient, session: Session
) -> None:
    make_user("olga")
    client = make_client("olga")
    # The default idle limit is 480 minutes.
    _age_session(session, last_seen_at=utcnow() - timedelta(minutes=481))
    assert client.get("/account", follow_redirects=False).status_code == 303
    assert session.scalars(select(AuthSessionRow)).all() == []


def test_sessions_end_at_their_absolute_expiry_however_active(
    make_user: MakeUser, make_client: MakeClient, session: Session
) -> None:
    make_user("olga")
    client = make_client("olga")
    _age_session(session, expires_at=utcnow() - timedelta(seconds=1))
    assert client.get("/account", follow_redirects=False).status_code == 303


def test_switching_an_account_off_signs_it_out(
    make_user: MakeUser, make_client: MakeClient
) -> None:
    make_user("ada", "admin")
    olga = make_user("olga")
    admin = make_client("ada")
    victim = make_client("olga")
    assert victim.get("/account").status_code == 200
    response = admin.post(f"/admin/users/{olga.id}", data={"role": "member", "active": ""})
    assert response.status_code == 200  # followed to the accounts page
    assert victim.get("/account", follow_redirects=False).status_code == 303
    again = make_client().post("/signin", data={"name": "olga", "password": PASSWORD})
    assert again.status_code == 422
