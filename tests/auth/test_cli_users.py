"""``vmotion-planner users create``: the first administrator inherits today's designs (item 7)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, text

from app.auth.passwords import verify_password
from app.cli import EXIT_INVALID, main
from app.config import get_settings
from tests.auth.conftest import PASSWORD

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A database at revision 0001 (before accounts) holding two designs, as deployed today."""
    url = f"sqlite:///{tmp_path / 'planner.db'}"
    config = Config(toml_file=str(ROOT / "pyproject.toml"))
    config.attributes["database_url"] = url
    command.upgrade(config, "0001_initial")
    engine = create_engine(url)
    with engine.begin() as connection:
        for design_id, name in ((1, "Cluster A"), (2, "Cluster B")):
            connection.execute(
                text(
                    "INSERT INTO designs (id, name, topology, document, version, host_count, "
                    "lane_count, error_count, warning_count, created_at, updated_at) VALUES "
                    "(:id, :name, 'direct', '{}', 1, 2, 4, 0, 0, '2026-11-01', '2026-11-01')"
                ),
                {"id": design_id, "name": name},
            )
    command.upgrade(config, "head")
    monkeypatch.setenv("VMP_DATABASE_URL", url)
    get_settings.cache_clear()
    yield url
    engine.dispose()
    get_settings.cache_clear()


def _create(monkeypatch: pytest.MonkeyPatch, *args: str, password: str = PASSWORD) -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))
    return main(["users", "create", *args, "--password-stdin"])


def test_first_administrator_owns_every_design_that_had_no_owner(
    database: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _create(monkeypatch, "--admin", "alice") == 0
    assert "created admin alice (it now owns every design" in capsys.readouterr().err
    engine = create_engine(database)
    with engine.connect() as connection:
        admin_id, role, stored = connection.execute(
            text("SELECT id, role, password_hash FROM users WHERE name = 'alice'")
        ).one()
        owners = connection.execute(text("SELECT owner_id FROM designs ORDER BY id")).scalars()
        assert list(owners) == [admin_id, admin_id]
    engine.dispose()
    assert role == "admin" and stored.startswith("$argon2id$")
    assert verify_password(stored, PASSWORD) and PASSWORD not in stored
    assert _create(monkeypatch, "--role", "viewer", "vera") == 0
    assert main(["users", "list"]) == 0
    assert capsys.readouterr().out.splitlines() == ["alice\tadmin\tlocal", "vera\tviewer\tlocal"]


@pytest.mark.parametrize(
    ("args", "password", "message"),
    [
        (["--admin", "alice"], "short", "password: The password must be at least 12"),
        (["--admin", ""], PASSWORD, "NAME: 1 to 80 printable characters"),
        (["--role", "root", "bob"], PASSWORD, None),  # argparse refuses the choice
    ],
)
def test_bad_input_is_exit_2_and_creates_nothing(
    database: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    password: str,
    message: str | None,
) -> None:
    if message is None:
        with pytest.raises(SystemExit) as exited:
            _create(monkeypatch, *args, password=password)
        assert exited.value.code == EXIT_INVALID
    else:
        assert _create(monkeypatch, *args, password=password) == EXIT_INVALID
        assert message in capsys.readouterr().err
    engine = create_engine(database)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM users")).scalar() == 0
    engine.dispose()


def test_a_name_is_taken_once(
    database: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _create(monkeypatch, "--admin", "alice") == 0
    assert _create(monkeypatch, "alice") == EXIT_INVALID
    assert "an account called 'alice' exists already" in capsys.readouterr().err


def test_set_password_from_the_console(
    database: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """An administrator resets a forgotten password; NAME must exist; the rules still hold."""
    assert _create(monkeypatch, "--admin", "alice") == 0
    fresh = "another long passphrase"
    monkeypatch.setattr("sys.stdin", io.StringIO(fresh + "\n"))
    assert main(["users", "set-password", "alice", "--password-stdin"]) == 0
    assert "new password for alice; 0 session(s) signed out" in capsys.readouterr().err
    engine = create_engine(database)
    with engine.connect() as connection:
        stored = connection.execute(
            text("SELECT password_hash FROM users WHERE name = 'alice'")
        ).scalar_one()
    engine.dispose()
    assert verify_password(stored, fresh) and not verify_password(stored, PASSWORD)
    monkeypatch.setattr("sys.stdin", io.StringIO(fresh + "\n"))
    assert main(["users", "set-password", "nobody", "--password-stdin"]) == EXIT_INVALID
    assert "there is no account called 'nobody'" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    assert main(["users", "set-password", "alice", "--password-stdin"]) == EXIT_INVALID
