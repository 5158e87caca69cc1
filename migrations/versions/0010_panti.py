"""Care units: residents of the panti and the trauma centre, admissions and discharges.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

from dinsos_api.core.db import WaktuUTC

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _teks(panjang: int) -> sqlmodel.sql.sqltypes.AutoString:
    return sqlmodel.sql.sqltypes.AutoString(length=panjang)


def upgrade() -> None:
    op.create_table(
        "kapasitas_panti",
        sa.Column("id", _teks(32), nullable=False),
        sa.Column("panti_kode", _teks(64), nullable=False),
        sa.Column("berlaku_mulai", sa.Date(), nullable=False),
        sa.Column("kapasitas", sa.Integer(), nullable=False),
        sa.Column("keterangan", _teks(500), nullable=True),
        sa.Column("created_at", WaktuUTC(), nullable=False),
        sa.ForeignKeyConstraint(["panti_kode"], ["unit_kerja.kode"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("panti_kode", "berlaku_mulai", name="uq_kapasitas_panti_tanggal"),
    )
    op.create_table(
        "penghuni_panti",
        sa.Column("id", _teks(32), nullable=False),
        sa.Column("panti_kode", _teks(64), nullable=False),
        sa.Column("orang_id", _teks(32), nullable=False),
        sa.Column("kelompok_sasaran", _teks(64), nullable=False),
        sa.Column("tanggal_masuk", sa.Date(), nullable=False),
        sa.Column("asal_rujukan", _teks(32), nullable=False),
        sa.Column("keterangan_masuk", _teks(500), nullable=True),
        sa.Column("tanggal_keluar", sa.Date(), nullable=True),
        sa.Column("alasan_keluar", _teks(16), nullable=True),
        sa.Column("tujuan_rujukan", _teks(200), nullable=True),
        sa.Column("keterangan_keluar", _teks(500), nullable=True),
        sa.Column("sumber", _teks(64), nullable=True),
        sa.Column("versi", sa.Integer(), nullable=False),
        sa.Column("created_at", WaktuUTC(), nullable=False),
        sa.Column("updated_at", WaktuUTC(), nullable=False),
        sa.ForeignKeyConstraint(["kelompok_sasaran"], ["kategori_pmks.kode"]),
        sa.ForeignKeyConstraint(["orang_id"], ["orang.id"]),
        sa.ForeignKeyConstraint(["panti_kode"], ["unit_kerja.kode"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("penghuni_panti", schema=None) as batch_op:
        batch_op.create_index("ix_penghuni_panti_orang", ["orang_id"], unique=False)
        batch_op.create_index(
            "ix_penghuni_panti_unit_waktu_id", ["panti_kode", "created_at", "id"], unique=False
        )
        batch_op.create_index(
            "uq_penghuni_panti_orang_aktif",
            ["orang_id"],
            unique=True,
            sqlite_where=sa.text("tanggal_keluar IS NULL"),
            postgresql_where=sa.text("tanggal_keluar IS NULL"),
        )


def downgrade() -> None:
    with op.batch_alter_table("penghuni_panti", schema=None) as batch_op:
        batch_op.drop_index("uq_penghuni_panti_orang_aktif")
        batch_op.drop_index("ix_penghuni_panti_unit_waktu_id")
        batch_op.drop_index("ix_penghuni_panti_orang")
    op.drop_table("penghuni_panti")
    op.drop_table("kapasitas_panti")
