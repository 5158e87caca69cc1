"""Bulk imports: format, failure reason, background jobs (upload, requester, lease, attempts),
and the indexes the import list pages by.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

from dinsos_api.core.db import WaktuUTC

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("impor", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("format", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=True)
        )
        batch_op.add_column(
            sa.Column("keterangan", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True)
        )
        batch_op.add_column(sa.Column("berkas", sa.LargeBinary(), nullable=True))
        batch_op.add_column(sa.Column("pemohon", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("sewa_sampai", WaktuUTC(), nullable=True))
        batch_op.add_column(
            sa.Column("percobaan", sa.Integer(), server_default=sa.text("0"), nullable=False)
        )
        batch_op.create_index("ix_impor_waktu_id", ["created_at", "id"], unique=False)
        batch_op.create_index(
            "ix_impor_wilayah_waktu_id", ["kode_wilayah", "created_at", "id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("impor", schema=None) as batch_op:
        batch_op.drop_index("ix_impor_wilayah_waktu_id")
        batch_op.drop_index("ix_impor_waktu_id")
        batch_op.drop_column("percobaan")
        batch_op.drop_column("sewa_sampai")
        batch_op.drop_column("pemohon")
        batch_op.drop_column("berkas")
        batch_op.drop_column("keterangan")
        batch_op.drop_column("format")
