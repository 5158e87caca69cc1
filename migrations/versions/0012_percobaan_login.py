"""Failed logins counted per submitted user name, known or not (issue 15, item 11).

The counts and locks leave the user table: a lock running at the upgrade ends with it.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

from dinsos_api.core.db import WaktuUTC

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "percobaan_login",
        sa.Column("kunci", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("gagal", sa.Integer(), nullable=False),
        sa.Column("terkunci_sampai", WaktuUTC(), nullable=True),
        sa.Column("updated_at", WaktuUTC(), nullable=False),
        sa.PrimaryKeyConstraint("kunci"),
    )
    with op.batch_alter_table("percobaan_login", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_percobaan_login_updated_at"), ["updated_at"], unique=False
        )

    with op.batch_alter_table("pengguna", schema=None) as batch_op:
        batch_op.drop_column("terkunci_sampai")
        batch_op.drop_column("gagal_login")


def downgrade() -> None:
    with op.batch_alter_table("pengguna", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("gagal_login", sa.Integer(), nullable=False, server_default="0")
        )
        batch_op.add_column(sa.Column("terkunci_sampai", WaktuUTC(), nullable=True))
    with op.batch_alter_table("pengguna", schema=None) as batch_op:
        batch_op.alter_column("gagal_login", server_default=None)

    with op.batch_alter_table("percobaan_login", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_percobaan_login_updated_at"))
    op.drop_table("percobaan_login")
