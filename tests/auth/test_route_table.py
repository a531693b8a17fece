"""Every route of the app, for every kind of person, HTML and JSON alike (issue 10, Must hold).

The routes come from the app's own route table, and ``EXPECTED`` must name each of them: a new
route fails here until someone writes down who may use it. Each (route, person) call runs on a
fresh copy of the same database, so a delete or purge by one person does not hide the route from
the next.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.routing import iter_route_contexts
from fastapi.testclient import TestClient
from sqlalchemy import text

from app.config import Settings
from app.main import create_app
from app.store.db import make_engine, make_session_factory
from app.store.tables import Base
from tests.auth.world import World, build_world
from tests.conftest import TEST_SECRET

# Who may use each route: public (no account), signed_in, create (member/admin), admin, or the
# level needed on the design in the path: view, edit, own. Written by hand on purpose.
EXPECTED: dict[str, str] = {
    "openapi": "public", "api_docs": "public", "static": "public",
    "signin_form": "public", "signin": "public", "signout": "public",
    "shared_view": "public", "shared_view_json": "public",
    "shared_sheet": "public", "shared_sheet_pdf": "public",
    "rules_page": "public", "rules_json": "public",
    "home": "signed_in", "designs_list": "signed_in", "designs_list_json": "signed_in",
    "api_list": "signed_in", "api_plan": "signed_in",
    "account": "signed_in", "account_json": "signed_in",
    "token_create": "signed_in", "token_revoke": "signed_in", "password_change": "signed_in",
    "design_new": "create", "design_create": "create", "api_create": "create",
    "design_import_form": "create", "design_import": "create",
    "admin_users": "admin", "admin_users_json": "admin", "admin_user_create": "admin",
    "admin_user_change": "admin", "admin_audit": "admin", "admin_audit_json": "admin",
    "admin_trash": "admin", "admin_trash_json": "admin",
    "admin_trash_restore": "admin", "admin_trash_purge": "admin",
    "design_view": "view", "design_view_json": "view", "api_read": "view",
    "api_design_plan": "view", "design_history": "view", "design_history_json": "view",
    "design_diff": "view", "design_diff_json": "view", "design_sheet": "view",
    "design_revision": "view", "design_revision_json": "view",
    "design_sheet_pdf": "view", "design_exports": "view", "design_exports_json": "view",
    "design_export": "view", "design_export_zip": "view",
    "design_edit": "edit", "design_save": "edit", "design_preview": "edit",
    "design_edit_rows": "edit", "design_edit_resume": "edit", "api_update": "edit",
    "design_restore": "edit", "design_share": "edit", "design_share_json": "edit",
    "design_share_create": "edit", "design_share_revoke": "edit",
    "design_delete": "own", "api_delete": "own", "design_access": "own",
    "design_access_json": "own", "design_access_grant": "own",
    "design_access_revoke": "own", "design_access_members": "own",
}  # fmt: skip

# What each person may do with design D (see tests/auth/world.py).
LEVEL_ON_D = {"ada": 3, "olga": 3, "carl": 2, "vera": 1, "max": 0, "anonymous": -1}
LEVELS = {"view": 1, "edit": 2, "own": 3}
ROLE = {"ada": "admin", "olga": "member", "carl": "member", "vera": "viewer", "max": "member"}
PERSONS = ["anonymous", "vera", "max", "carl", "olga", "ada"]


def _routes(app: FastAPI) -> list[tuple[str, str, str]]:
    found = []
    for route in iter_route_contexts(app.routes):
        for method in sorted((route.methods or {"GET"}) - {"HEAD"}):
            found.append((route.name, method, route.path))
    return found


def _is_json(path: str) -> bool:
    return path.startswith("/api/") or path.endswith(".json") or path == "/openapi.json"


def expected_outcome(need: str, person: str, method: str, path: str) -> str:
    """ "ok", or the refusal: "signin" (303 to the sign-in page), "401", "403" or "404"."""
    if need == "public":
        return "ok"
    if person == "anonymous":
        return "401" if _is_json(path) or method != "GET" else "signin"
    role = ROLE[person]
    if need == "signed_in":
        return "ok"
    if need == "create":
        return "ok" if role in ("admin", "member") else "403"
    if need == "admin":
        return "ok" if role == "admin" else "403"
    level = LEVEL_ON_D[person]
    if level == 0:
        return "404"  # D is invisible to max: as if it did not exist
    return "ok" if level >= LEVELS[need] else "403"


def _url(name: str, path: str, world: World, person: str) -> str:
    design = world.trashed_id if name.startswith("admin_trash") else world.design_id
    token_id = world.people[person].token_id if person in world.people else 1
    user_id = world.people["carl" if name.startswith("design_access") else "max"].user_id
    values: dict[str, Any] = {
        "design_id": design,
        "design_id:int": design,
        "number": 1,
        "link_id": world.link_id,
        "token": world.share_token,
        "fmt": "esxcli",
        "user_id": user_id,
        "token_id": token_id,
    }
    url = path
    for key, value in values.items():
        url = url.replace("{" + key + "}", str(value))
    if name == "static":
        url = "/static/css/app.css"
    return url


@pytest.fixture(scope="module")
def arena(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[FastAPI, World, Path]]:
    """The app on a database file, plus a pristine copy of the world to restore before each call."""
    folder = tmp_path_factory.mktemp("route-table")
    template = folder / "template.db"
    engine = make_engine(f"sqlite:///{template}")
    Base.metadata.create_all(engine)
    with make_session_factory(engine)() as session:
        world = build_world(session)
    with engine.connect() as connection:
        connection.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
    engine.dispose()
    live = folder / "live.db"
    settings = Settings(
        environment="test",
        database_url=f"sqlite:///{live}",
        secret_key=TEST_SECRET,
        public_base_url="https://planner.example.net",
        cache_dir=str(folder / "cache"),
        _env_file=None,
    )
    shutil.copyfile(template, live)
    app = create_app(settings)
    yield app, world, template
    app.state.engine.dispose()


def _restore(app: FastAPI, template: Path) -> None:
    app.state.engine.dispose()
    live = Path(app.state.engine.url.database)
    for suffix in ("-wal", "-shm"):
        Path(f"{live}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(template, live)


def _call(client: TestClient, method: str, url: str, person: str, world: World) -> Any:
    headers = {"Sec-Fetch-Site": "same-origin"}
    if person in world.people:
        headers["Cookie"] = f"vmp_session={world.people[person].cookie}"
    return client.request(method, url, headers=headers, follow_redirects=False)


def test_every_route_is_in_the_table(arena: tuple[FastAPI, World, Path]) -> None:
    app, _, _ = arena
    names = {name for name, _, _ in _routes(app)}
    assert names - EXPECTED.keys() == set(), "new route: say who may use it in EXPECTED"
    assert EXPECTED.keys() - names == set(), "EXPECTED names a route the app no longer has"


def _route_ids() -> list[tuple[str, str, str]]:
    probe = create_app(
        Settings(environment="test", database_url="sqlite://", secret_key=TEST_SECRET)
    )
    return _routes(probe)


@pytest.mark.parametrize(("name", "method", "path"), _route_ids(), ids=lambda v: str(v))
def test_route_for_every_person(
    arena: tuple[FastAPI, World, Path], name: str, method: str, path: str
) -> None:
    app, world, template = arena
    need = EXPECTED[name]
    with TestClient(app, base_url="http://testserver") as client:
        for person in PERSONS:
            _restore(app, template)
            url = _url(name, path, world, person)
            response = _call(client, method, url, person, world)
            outcome = expected_outcome(need, person, method, path)
            status, where = response.status_code, response.headers.get("location", "")
            label = f"{method} {url} as {person} (needs {need})"
            assert status < 500, f"{label}: {status}"
            if outcome == "ok":
                assert status not in (401, 403), f"{label}: refused with {status}"
                assert not where.startswith("/signin?next="), f"{label}: sent to sign in"
                if "{design_id" in path:
                    assert not (status == 404 and "There is no design" in response.text), label
            elif outcome == "signin":
                assert status == 303 and where.startswith("/signin?next="), f"{label}: {status}"
            else:
                assert status == int(outcome), f"{label}: {status} instead of {outcome}"
