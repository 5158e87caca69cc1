"""Reference data: regions and PMKS/PSKS categories.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "wilayah",
        sa.Column("kode", sa.String(13), primary_key=True),
        sa.Column("kode_kemendagri", sa.String(16), nullable=False, unique=True),
        sa.Column("jenis", sa.String(16), nullable=False),
        sa.Column("nama", sa.String(200), nullable=False),
        sa.Column("induk_kode", sa.String(13), sa.ForeignKey("wilayah.kode"), nullable=True),
    )
    op.create_table(
        "kategori_pmks",
        sa.Column("kode", sa.String(64), primary_key=True),
        sa.Column("nomor", sa.Integer, nullable=False, unique=True),
        sa.Column("nama", sa.String(200), nullable=False),
        sa.Column("singkatan", sa.String(32), nullable=True),
        sa.Column("sasaran", sa.String(16), nullable=False),
    )
    op.create_table(
        "kategori_psks",
        sa.Column("kode", sa.String(64), primary_key=True),
        sa.Column("nama", sa.String(200), nullable=False),
        sa.Column("singkatan", sa.String(32), nullable=True),
    )


def downgrade() -> None:
    op.drop_table("kategori_psks")
    op.drop_table("kategori_pmks")
    op.drop_table("wilayah")
