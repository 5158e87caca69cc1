"""Performance plans: Renstra, goals, indicators, targets per document, realisations.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

from dinsos_api.core.db import WaktuUTC

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "periode_kinerja",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column(
            "perangkat_daerah_kode", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False
        ),
        sa.Column("tahun", sa.Integer(), nullable=False),
        sa.Column("triwulan", sa.Integer(), nullable=False),
        sa.Column("ditutup", sa.Boolean(), nullable=False),
        sa.Column("alasan", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
        sa.Column("diubah_oleh", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
        sa.Column("updated_at", WaktuUTC(), nullable=False),
        sa.ForeignKeyConstraint(
            ["perangkat_daerah_kode"],
            ["perangkat_daerah.kode"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint(
            "perangkat_daerah_kode", "tahun", "triwulan", name="uq_periode_kinerja"
        ),
    )
    op.create_table(
        "renstra",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("versi", sa.Integer(), nullable=False),
        sa.Column("created_at", WaktuUTC(), nullable=False),
        sa.Column("updated_at", WaktuUTC(), nullable=False),
        sa.Column(
            "perangkat_daerah_kode", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False
        ),
        sa.Column("nama", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("tahun_awal", sa.Integer(), nullable=False),
        sa.Column("tahun_akhir", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["perangkat_daerah_kode"],
            ["perangkat_daerah.kode"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("perangkat_daerah_kode", "tahun_awal", name="uq_renstra_pd_tahun"),
    )
    with op.batch_alter_table("renstra", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_renstra_perangkat_daerah_kode"), ["perangkat_daerah_kode"], unique=False
        )

    op.create_table(
        "tujuan_renstra",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("renstra_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("kode", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("nama", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.Column("urutan", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["renstra_id"],
            ["renstra.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("renstra_id", "kode", name="uq_tujuan_renstra_kode"),
    )
    with op.batch_alter_table("tujuan_renstra", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_tujuan_renstra_renstra_id"), ["renstra_id"], unique=False
        )

    op.create_table(
        "sasaran_strategis",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("tujuan_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("renstra_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("kode", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("nama", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.Column("urutan", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["renstra_id"],
            ["renstra.id"],
        ),
        sa.ForeignKeyConstraint(
            ["tujuan_id"],
            ["tujuan_renstra.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("renstra_id", "kode", name="uq_sasaran_strategis_kode"),
    )
    with op.batch_alter_table("sasaran_strategis", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_sasaran_strategis_tujuan_id"), ["tujuan_id"], unique=False
        )

    op.create_table(
        "indikator_kinerja",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("versi", sa.Integer(), nullable=False),
        sa.Column("created_at", WaktuUTC(), nullable=False),
        sa.Column("updated_at", WaktuUTC(), nullable=False),
        sa.Column("sasaran_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("renstra_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column(
            "perangkat_daerah_kode", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False
        ),
        sa.Column("kode", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("nama", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.Column("satuan", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("arah", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
        sa.Column("metode_turun", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
        sa.Column("iku", sa.Boolean(), nullable=False),
        sa.Column(
            "definisi_operasional", sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=True
        ),
        sa.Column("formula", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True),
        sa.Column("pembilang", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True),
        sa.Column("penyebut", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True),
        sa.Column("sumber_data", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
        sa.Column(
            "unit_penanggung_jawab", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True
        ),
        sa.Column("cara_gabung", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("program_anggaran", sa.JSON(), nullable=False),
        sa.Column("sumber_live", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
        sa.Column("pendahulu_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
        sa.Column("urutan", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["pendahulu_id"],
            ["indikator_kinerja.id"],
        ),
        sa.ForeignKeyConstraint(
            ["perangkat_daerah_kode"],
            ["perangkat_daerah.kode"],
        ),
        sa.ForeignKeyConstraint(
            ["renstra_id"],
            ["renstra.id"],
        ),
        sa.ForeignKeyConstraint(
            ["sasaran_id"],
            ["sasaran_strategis.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("renstra_id", "kode", name="uq_indikator_kinerja_kode"),
    )
    with op.batch_alter_table("indikator_kinerja", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_indikator_kinerja_perangkat_daerah_kode"),
            ["perangkat_daerah_kode"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_indikator_kinerja_sasaran_id"), ["sasaran_id"], unique=False
        )

    op.create_table(
        "realisasi_kinerja",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("versi", sa.Integer(), nullable=False),
        sa.Column("created_at", WaktuUTC(), nullable=False),
        sa.Column("updated_at", WaktuUTC(), nullable=False),
        sa.Column("indikator_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("tahun", sa.Integer(), nullable=False),
        sa.Column("triwulan", sa.Integer(), nullable=False),
        sa.Column("nilai", sa.Numeric(precision=18, scale=4), nullable=True),
        sa.Column("komponen", sa.JSON(), nullable=False),
        sa.Column("faktor_pendukung", sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=True),
        sa.Column(
            "faktor_penghambat", sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=True
        ),
        sa.Column("solusi", sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=True),
        sa.Column(
            "rencana_tindak_lanjut", sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=True
        ),
        sa.Column("bukti", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["indikator_id"],
            ["indikator_kinerja.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("indikator_id", "tahun", "triwulan", name="uq_realisasi_kinerja"),
    )
    with op.batch_alter_table("realisasi_kinerja", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_realisasi_kinerja_indikator_id"), ["indikator_id"], unique=False
        )

    op.create_table(
        "target_kinerja",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("versi", sa.Integer(), nullable=False),
        sa.Column("created_at", WaktuUTC(), nullable=False),
        sa.Column("updated_at", WaktuUTC(), nullable=False),
        sa.Column("indikator_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("tahun", sa.Integer(), nullable=False),
        sa.Column("sumber", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("nilai", sa.Numeric(precision=18, scale=4), nullable=False),
        sa.Column("keterangan", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True),
        sa.ForeignKeyConstraint(
            ["indikator_id"],
            ["indikator_kinerja.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("indikator_id", "tahun", "sumber", name="uq_target_kinerja"),
    )
    with op.batch_alter_table("target_kinerja", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_target_kinerja_indikator_id"), ["indikator_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("target_kinerja", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_target_kinerja_indikator_id"))

    op.drop_table("target_kinerja")
    with op.batch_alter_table("realisasi_kinerja", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_realisasi_kinerja_indikator_id"))

    op.drop_table("realisasi_kinerja")
    with op.batch_alter_table("indikator_kinerja", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_indikator_kinerja_sasaran_id"))
        batch_op.drop_index(batch_op.f("ix_indikator_kinerja_perangkat_daerah_kode"))

    op.drop_table("indikator_kinerja")
    with op.batch_alter_table("sasaran_strategis", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sasaran_strategis_tujuan_id"))

    op.drop_table("sasaran_strategis")
    with op.batch_alter_table("tujuan_renstra", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_tujuan_renstra_renstra_id"))

    op.drop_table("tujuan_renstra")
    with op.batch_alter_table("renstra", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_renstra_perangkat_daerah_kode"))

    op.drop_table("renstra")
    op.drop_table("periode_kinerja")
