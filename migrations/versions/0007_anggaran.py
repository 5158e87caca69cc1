"""Budgets: the DPA tree per perangkat daerah and year, versions, pagu, realisations.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

from dinsos_api.anggaran.models import Uang
from dinsos_api.core.db import WaktuUTC

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _teks(n: int) -> sqlmodel.sql.sqltypes.AutoString:
    return sqlmodel.sql.sqltypes.AutoString(length=n)


def upgrade() -> None:
    op.create_table(
        "anggaran_nomenklatur",
        sa.Column("id", _teks(32), nullable=False),
        sa.Column("perangkat_daerah_kode", _teks(64), nullable=False),
        sa.Column("tahun", sa.Integer(), nullable=False),
        sa.Column("tingkat", _teks(16), nullable=False),
        sa.Column("kode", _teks(32), nullable=False),
        sa.Column("nama", _teks(300), nullable=False),
        sa.Column("induk_id", _teks(32), nullable=True),
        sa.Column("created_at", WaktuUTC(), nullable=False),
        sa.ForeignKeyConstraint(["induk_id"], ["anggaran_nomenklatur.id"]),
        sa.ForeignKeyConstraint(["perangkat_daerah_kode"], ["perangkat_daerah.kode"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint(
            "perangkat_daerah_kode", "tahun", "kode", name="uq_anggaran_nomenklatur"
        ),
    )
    op.create_index(
        "ix_anggaran_nomenklatur_induk_id", "anggaran_nomenklatur", ["induk_id"], unique=False
    )
    op.create_table(
        "anggaran_dpa",
        sa.Column("id", _teks(32), nullable=False),
        sa.Column("perangkat_daerah_kode", _teks(64), nullable=False),
        sa.Column("tahun", sa.Integer(), nullable=False),
        sa.Column("nomor", sa.Integer(), nullable=False),
        sa.Column("tanggal", sa.Date(), nullable=True),
        sa.Column("keterangan", _teks(1000), nullable=True),
        sa.Column("created_at", WaktuUTC(), nullable=False),
        sa.ForeignKeyConstraint(["perangkat_daerah_kode"], ["perangkat_daerah.kode"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("perangkat_daerah_kode", "tahun", "nomor", name="uq_anggaran_dpa"),
    )
    op.create_table(
        "anggaran_pagu",
        sa.Column("id", _teks(32), nullable=False),
        sa.Column("dpa_id", _teks(32), nullable=False),
        sa.Column("sub_kegiatan_id", _teks(32), nullable=False),
        sa.Column("pagu", Uang(), nullable=False),
        sa.ForeignKeyConstraint(["dpa_id"], ["anggaran_dpa.id"]),
        sa.ForeignKeyConstraint(["sub_kegiatan_id"], ["anggaran_nomenklatur.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("dpa_id", "sub_kegiatan_id", name="uq_anggaran_pagu"),
    )
    op.create_index(
        "ix_anggaran_pagu_sub_kegiatan_id", "anggaran_pagu", ["sub_kegiatan_id"], unique=False
    )
    op.create_table(
        "anggaran_realisasi",
        sa.Column("id", _teks(32), nullable=False),
        sa.Column("sub_kegiatan_id", _teks(32), nullable=False),
        sa.Column("tanggal", sa.Date(), nullable=False),
        sa.Column("jumlah", Uang(), nullable=False),
        sa.Column("keterangan", _teks(1000), nullable=True),
        sa.Column("bukti", _teks(500), nullable=True),
        sa.Column("created_at", WaktuUTC(), nullable=False),
        sa.ForeignKeyConstraint(["sub_kegiatan_id"], ["anggaran_nomenklatur.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_anggaran_realisasi_sub_tanggal",
        "anggaran_realisasi",
        ["sub_kegiatan_id", "tanggal"],
        unique=False,
    )
    op.create_table(
        "anggaran_realisasi_fisik",
        sa.Column("id", _teks(32), nullable=False),
        sa.Column("sub_kegiatan_id", _teks(32), nullable=False),
        sa.Column("tanggal", sa.Date(), nullable=False),
        sa.Column("persen", Uang(), nullable=False),
        sa.Column("keterangan", _teks(1000), nullable=True),
        sa.Column("created_at", WaktuUTC(), nullable=False),
        sa.ForeignKeyConstraint(["sub_kegiatan_id"], ["anggaran_nomenklatur.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_anggaran_realisasi_fisik_sub_tanggal",
        "anggaran_realisasi_fisik",
        ["sub_kegiatan_id", "tanggal"],
        unique=False,
    )
    op.create_table(
        "anggaran_pendapatan",
        sa.Column("id", _teks(32), nullable=False),
        sa.Column("perangkat_daerah_kode", _teks(64), nullable=False),
        sa.Column("tahun", sa.Integer(), nullable=False),
        sa.Column("target", Uang(), nullable=False),
        sa.Column("realisasi", Uang(), nullable=True),
        sa.Column("keterangan", _teks(1000), nullable=True),
        sa.Column("versi", sa.Integer(), nullable=False),
        sa.Column("updated_at", WaktuUTC(), nullable=False),
        sa.ForeignKeyConstraint(["perangkat_daerah_kode"], ["perangkat_daerah.kode"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("perangkat_daerah_kode", "tahun", name="uq_anggaran_pendapatan"),
    )


def downgrade() -> None:
    op.drop_table("anggaran_pendapatan")
    op.drop_index("ix_anggaran_realisasi_fisik_sub_tanggal", table_name="anggaran_realisasi_fisik")
    op.drop_table("anggaran_realisasi_fisik")
    op.drop_index("ix_anggaran_realisasi_sub_tanggal", table_name="anggaran_realisasi")
    op.drop_table("anggaran_realisasi")
    op.drop_index("ix_anggaran_pagu_sub_kegiatan_id", table_name="anggaran_pagu")
    op.drop_table("anggaran_pagu")
    op.drop_table("anggaran_dpa")
    op.drop_index("ix_anggaran_nomenklatur_induk_id", table_name="anggaran_nomenklatur")
    op.drop_table("anggaran_nomenklatur")
