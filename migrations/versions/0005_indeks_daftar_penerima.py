"""The indexes of the registry's reading side: the person list filtered by district and PMKS
category pages by (kode_wilayah, kategori_kode, orang_id); the duplicates list starts from the
few records flagged perlu_verifikasi.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("data_pmks", schema=None) as batch_op:
        batch_op.create_index(
            "ix_data_pmks_wilayah_kategori_orang",
            ["kode_wilayah", "kategori_kode", "orang_id"],
            unique=False,
        )
        batch_op.create_index(
            "ix_data_pmks_perlu_verifikasi",
            ["orang_id"],
            unique=False,
            sqlite_where=sa.text("perlu_verifikasi = 1"),
            postgresql_where=sa.text("perlu_verifikasi"),
        )


def downgrade() -> None:
    with op.batch_alter_table("data_pmks", schema=None) as batch_op:
        batch_op.drop_index(
            "ix_data_pmks_perlu_verifikasi",
            sqlite_where=sa.text("perlu_verifikasi = 1"),
            postgresql_where=sa.text("perlu_verifikasi"),
        )
        batch_op.drop_index("ix_data_pmks_wilayah_kategori_orang")
