"""Alembic: upgrade from an empty database gives the ORM's schema; downgrade removes it."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, inspect

ROOT = Path(__file__).resolve().parents[2]


def _config(url: str) -> Config:
    config = Config(toml_file=str(ROOT / "pyproject.toml"))
    config.attributes["database_url"] = url
    return config


def test_upgrade_from_empty_creates_all_tables(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'fresh' / 'planner.db'}"  # the directory does not exist yet
    command.upgrade(_config(url), "head")
    inspector = inspect(create_engine(url))
    assert {"designs", "revisions", "share_links", "alembic_version"} <= set(
        inspector.get_table_names()
    )
    columns = {c["name"] for c in inspector.get_columns("designs")}
    assert {"document", "version", "host_count", "lane_count", "updated_at"} <= columns
    fks = inspector.get_foreign_keys("revisions")
    assert fks[0]["referred_table"] == "designs"
    assert fks[0]["options"].get("ondelete") == "CASCADE"


def test_migrations_match_the_orm_models(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'planner.db'}"
    config = _config(url)
    command.upgrade(config, "head")
    command.check(config)  # raises when the models have changes no migration covers


def test_downgrade_to_base_and_up_again(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'planner.db'}"
    config = _config(url)
    command.upgrade(config, "head")
    command.downgrade(config, "base")
    assert set(inspect(create_engine(url)).get_table_names()) == {"alembic_version"}
    command.upgrade(config, "head")
