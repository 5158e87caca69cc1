"""The access version: one row bumped with every change that ends or narrows a credential,
so every server process drops its cached tokens at once (issue 15, item 15).

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    versi_akses = op.create_table(
        "versi_akses",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("versi", sa.Integer(), nullable=False),
        sa.CheckConstraint("id = 1", name="ck_versi_akses_satu_baris"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.bulk_insert(versi_akses, [{"id": 1, "versi": 0}])


def downgrade() -> None:
    op.drop_table("versi_akses")
