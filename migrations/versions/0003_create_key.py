"""Idempotency-Key on create: designs remember the key of the request that made them.

Revision ID: 0003_create_key
Revises: 0002_accounts
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003_create_key"
down_revision: str | None = "0002_accounts"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("designs") as batch:
        batch.add_column(sa.Column("create_key", sa.String(length=64), nullable=True))
        batch.create_unique_constraint(op.f("uq_designs_create_key"), ["create_key"])


def downgrade() -> None:
    with op.batch_alter_table("designs") as batch:
        batch.drop_constraint(op.f("uq_designs_create_key"), type_="unique")
        batch.drop_column("create_key")
