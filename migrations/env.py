"""Alembic environment: the database URL comes from the app settings (``VMP_DATABASE_URL``).

A test or a caller may pass another URL as ``config.attributes["database_url"]`` (the config
lives in pyproject.toml's ``[tool.alembic]``; there is no alembic.ini).
``render_as_batch`` lets ALTER-style migrations run on SQLite (it rebuilds the table).
"""

from __future__ import annotations

from alembic import context

from app.config import get_settings
from app.store.db import make_engine
from app.store.tables import Base

config = context.config
target_metadata = Base.metadata


def _database_url() -> str:
    url = config.attributes.get("database_url")
    return str(url) if url else get_settings().database_url


def run_migrations_offline() -> None:
    """Emit SQL to stdout (``alembic upgrade head --sql``) without a database."""
    context.configure(
        url=_database_url(),
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=True,
        dialect_opts={"paramstyle": "named"},
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    """Migrate the database (SQLite gets its directory and pragmas from make_engine)."""
    engine = make_engine(_database_url())
    try:
        with engine.connect() as connection:
            context.configure(
                connection=connection,
                target_metadata=target_metadata,
                render_as_batch=True,
                compare_type=True,
            )
            with context.begin_transaction():
                context.run_migrations()
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
