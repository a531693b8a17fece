"""Accounts, sessions, API tokens, per-design access, audit trail, trash, share-link expiry.

Revision ID: 0002_accounts
Revises: 0001_initial
Create Date: 2026-12-02

Existing designs get no owner (NULL): ``vmotion-planner users create --admin`` gives every
ownerless design to the first administrator (issue 10 item 7), so nothing is lost or orphaned.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002_accounts"
down_revision: str | None = "0001_initial"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _timestamp(name: str, *, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _user_fk(table: str, column: str, ondelete: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], ["users.id"], name=op.f(f"fk_{table}_{column}_users"), ondelete=ondelete
    )


def _design_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["design_id"],
        ["designs.id"],
        name=op.f(f"fk_{table}_design_id_designs"),
        ondelete="CASCADE",
    )


def _create_users() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        _timestamp("created_at"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("name", name=op.f("uq_users_name")),
    )
    op.create_table(
        "auth_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("key_hash", sa.String(length=64), nullable=False),
        _timestamp("created_at"),
        _timestamp("last_seen_at"),
        _timestamp("expires_at"),
        _user_fk("auth_sessions", "user_id", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_auth_sessions")),
        sa.UniqueConstraint("key_hash", name=op.f("uq_auth_sessions_key_hash")),
    )
    op.create_index(op.f("ix_auth_sessions_user_id"), "auth_sessions", ["user_id"])
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("prefix", sa.String(length=16), nullable=False),
        sa.Column("label", sa.String(length=80), nullable=True),
        sa.Column("write", sa.Boolean(), nullable=False),
        _timestamp("created_at"),
        _timestamp("expires_at", nullable=True),
        _timestamp("last_used_at", nullable=True),
        _timestamp("revoked_at", nullable=True),
        _user_fk("api_tokens", "user_id", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_tokens")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_api_tokens_token_hash")),
    )
    op.create_index(op.f("ix_api_tokens_user_id"), "api_tokens", ["user_id"])


def _create_access_and_audit() -> None:
    op.create_table(
        "design_access",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("design_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("level", sa.String(length=8), nullable=False),
        _design_fk("design_access"),
        _user_fk("design_access", "user_id", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_design_access")),
        sa.UniqueConstraint(
            "design_id", "user_id", name=op.f("uq_design_access_design_id_user_id")
        ),
    )
    op.create_index(op.f("ix_design_access_design_id"), "design_access", ["design_id"])
    op.create_index(op.f("ix_design_access_user_id"), "design_access", ["user_id"])
    op.create_table(
        "audit_events",
        sa.Column("id", sa.Integer(), nullable=False),
        _timestamp("at"),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("actor", sa.String(length=80), nullable=True),
        sa.Column("address", sa.String(length=64), nullable=True),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("design_id", sa.Integer(), nullable=True),
        sa.Column("detail", sa.Text(), nullable=True),
        _user_fk("audit_events", "actor_id", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_events")),
    )
    op.create_index(op.f("ix_audit_events_at"), "audit_events", ["at"])
    op.create_index(op.f("ix_audit_events_action"), "audit_events", ["action"])
    op.create_index(op.f("ix_audit_events_design_id"), "audit_events", ["design_id"])


def _alter_designs() -> None:
    with op.batch_alter_table("designs") as batch:
        batch.add_column(sa.Column("owner_id", sa.Integer(), nullable=True))
        # server_default fills the rows that exist today; the ORM sets the value on new rows.
        batch.add_column(
            sa.Column(
                "shared_with_members", sa.Boolean(), nullable=False, server_default=sa.false()
            )
        )
        batch.add_column(_timestamp("deleted_at", nullable=True))
        batch.create_foreign_key(
            op.f("fk_designs_owner_id_users"), "users", ["owner_id"], ["id"], ondelete="SET NULL"
        )
        batch.create_index(op.f("ix_designs_owner_id"), ["owner_id"])
        batch.create_index(op.f("ix_designs_deleted_at"), ["deleted_at"])
    with op.batch_alter_table("designs") as batch:
        batch.alter_column("shared_with_members", server_default=None)
    with op.batch_alter_table("revisions") as batch:
        batch.add_column(sa.Column("author_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            op.f("fk_revisions_author_id_users"),
            "users",
            ["author_id"],
            ["id"],
            ondelete="SET NULL",
        )
    with op.batch_alter_table("share_links") as batch:
        batch.add_column(_timestamp("expires_at", nullable=True))


def upgrade() -> None:
    _create_users()
    _create_access_and_audit()
    _alter_designs()


def downgrade() -> None:
    with op.batch_alter_table("share_links") as batch:
        batch.drop_column("expires_at")
    with op.batch_alter_table("revisions") as batch:
        batch.drop_constraint(op.f("fk_revisions_author_id_users"), type_="foreignkey")
        batch.drop_column("author_id")
    with op.batch_alter_table("designs") as batch:
        batch.drop_index(op.f("ix_designs_deleted_at"))
        batch.drop_index(op.f("ix_designs_owner_id"))
        batch.drop_constraint(op.f("fk_designs_owner_id_users"), type_="foreignkey")
        batch.drop_column("deleted_at")
        batch.drop_column("shared_with_members")
        batch.drop_column("owner_id")
    for table in ("audit_events", "design_access", "api_tokens", "auth_sessions", "users"):
        op.drop_table(table)
