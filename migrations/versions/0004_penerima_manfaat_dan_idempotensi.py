"""The beneficiary registry (orang, keluarga, data PMKS, kepesertaan), bulk imports and
Idempotency-Key records.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 06:17:00.229904
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

from dinsos_api.core.db import WaktuUTC

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "idempotensi",
        sa.Column("aktor_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("kunci", sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
        sa.Column("operasi", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("sidik_body", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("status_code", sa.Integer(), nullable=False),
        sa.Column("body", sa.JSON(), nullable=False),
        sa.Column("lokasi", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
        sa.Column("created_at", WaktuUTC(), nullable=False),
        sa.PrimaryKeyConstraint("aktor_id", "kunci"),
    )
    op.create_table(
        "impor",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("jenis", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("kode_wilayah", sqlmodel.sql.sqltypes.AutoString(length=13), nullable=False),
        sa.Column("tahun", sa.Integer(), nullable=False),
        sa.Column("mode", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("baris_total", sa.Integer(), nullable=False),
        sa.Column("baris_selesai", sa.Integer(), nullable=False),
        sa.Column("baru", sa.Integer(), nullable=False),
        sa.Column("diperbarui", sa.Integer(), nullable=False),
        sa.Column("tidak_berubah", sa.Integer(), nullable=False),
        sa.Column("perlu_verifikasi", sa.Integer(), nullable=False),
        sa.Column("ditolak", sa.Integer(), nullable=False),
        sa.Column("kesalahan", sa.JSON(), nullable=False),
        sa.Column("aktor_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column("created_at", WaktuUTC(), nullable=False),
        sa.Column("selesai_pada", WaktuUTC(), nullable=True),
        sa.ForeignKeyConstraint(
            ["kode_wilayah"],
            ["wilayah.kode"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "keluarga",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("nomor_kk", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("kode_wilayah", sqlmodel.sql.sqltypes.AutoString(length=13), nullable=False),
        sa.Column("alamat", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
        sa.Column("created_at", WaktuUTC(), nullable=False),
        sa.Column("updated_at", WaktuUTC(), nullable=False),
        sa.ForeignKeyConstraint(
            ["kode_wilayah"],
            ["wilayah.kode"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("kode_wilayah", "nomor_kk", name="uq_keluarga_kk"),
    )
    with op.batch_alter_table("keluarga", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_keluarga_nomor_kk"), ["nomor_kk"], unique=False)

    op.create_table(
        "orang",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("nik", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
        sa.Column("nama", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("jenis_kelamin", sqlmodel.sql.sqltypes.AutoString(length=1), nullable=True),
        sa.Column("tanggal_lahir", sa.Date(), nullable=True),
        sa.Column("tempat_lahir", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True),
        sa.Column("alamat", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
        sa.Column("kode_wilayah", sqlmodel.sql.sqltypes.AutoString(length=13), nullable=False),
        sa.Column("kode_kecamatan", sqlmodel.sql.sqltypes.AutoString(length=13), nullable=True),
        sa.Column("kode_desa", sqlmodel.sql.sqltypes.AutoString(length=13), nullable=True),
        sa.Column("nomor_kk", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
        sa.Column("status_hidup", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("sumber", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column("versi", sa.Integer(), nullable=False),
        sa.Column("created_at", WaktuUTC(), nullable=False),
        sa.Column("updated_at", WaktuUTC(), nullable=False),
        sa.Column("dihapus_pada", WaktuUTC(), nullable=True),
        sa.Column("alasan_hapus", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
        sa.ForeignKeyConstraint(
            ["kode_desa"],
            ["wilayah.kode"],
        ),
        sa.ForeignKeyConstraint(
            ["kode_kecamatan"],
            ["wilayah.kode"],
        ),
        sa.ForeignKeyConstraint(
            ["kode_wilayah"],
            ["wilayah.kode"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("orang", schema=None) as batch_op:
        batch_op.create_index("ix_orang_nik", ["nik"], unique=False)
        batch_op.create_index("ix_orang_nomor_kk", ["nomor_kk"], unique=False)
        batch_op.create_index("ix_orang_wilayah_id", ["kode_wilayah", "id"], unique=False)
        batch_op.create_index(
            "uq_orang_wilayah_nik",
            ["kode_wilayah", "nik"],
            unique=True,
            sqlite_where=sa.text("nik IS NOT NULL"),
            postgresql_where=sa.text("nik IS NOT NULL"),
        )

    op.create_table(
        "anggota_keluarga",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("keluarga_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("orang_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("hubungan", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("mulai", sa.Date(), nullable=True),
        sa.Column("sampai", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["keluarga_id"],
            ["keluarga.id"],
        ),
        sa.ForeignKeyConstraint(
            ["orang_id"],
            ["orang.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("anggota_keluarga", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_anggota_keluarga_keluarga_id"), ["keluarga_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_anggota_keluarga_orang_id"), ["orang_id"], unique=False
        )
        batch_op.create_index(
            "uq_kepala_keluarga_aktif",
            ["keluarga_id"],
            unique=True,
            sqlite_where=sa.text("hubungan = 'kepala_keluarga' AND sampai IS NULL"),
            postgresql_where=sa.text("hubungan = 'kepala_keluarga' AND sampai IS NULL"),
        )

    op.create_table(
        "data_pmks",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("orang_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
        sa.Column("keluarga_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
        sa.Column("kategori_kode", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("tahun", sa.Integer(), nullable=False),
        sa.Column("kode_wilayah", sqlmodel.sql.sqltypes.AutoString(length=13), nullable=False),
        sa.Column("status_verifikasi", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("perlu_verifikasi", sa.Boolean(), nullable=False),
        sa.Column("catatan", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True),
        sa.Column("impor_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
        sa.Column("created_at", WaktuUTC(), nullable=False),
        sa.Column("updated_at", WaktuUTC(), nullable=False),
        sa.ForeignKeyConstraint(
            ["kategori_kode"],
            ["kategori_pmks.kode"],
        ),
        sa.ForeignKeyConstraint(
            ["keluarga_id"],
            ["keluarga.id"],
        ),
        sa.ForeignKeyConstraint(
            ["kode_wilayah"],
            ["wilayah.kode"],
        ),
        sa.ForeignKeyConstraint(
            ["orang_id"],
            ["orang.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("keluarga_id", "kategori_kode", "tahun", name="uq_data_pmks_keluarga"),
        sa.UniqueConstraint("orang_id", "kategori_kode", "tahun", name="uq_data_pmks_orang"),
    )
    with op.batch_alter_table("data_pmks", schema=None) as batch_op:
        batch_op.create_index(
            "ix_data_pmks_wilayah_kategori",
            ["kode_wilayah", "kategori_kode", "tahun"],
            unique=False,
        )

    op.create_table(
        "kepesertaan",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("orang_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
        sa.Column("keluarga_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
        sa.Column("program_kode", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("mulai", sa.Date(), nullable=True),
        sa.Column("sampai", sa.Date(), nullable=True),
        sa.Column("kode_alasan", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column("keterangan", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True),
        sa.Column("created_at", WaktuUTC(), nullable=False),
        sa.Column("updated_at", WaktuUTC(), nullable=False),
        sa.ForeignKeyConstraint(
            ["keluarga_id"],
            ["keluarga.id"],
        ),
        sa.ForeignKeyConstraint(
            ["orang_id"],
            ["orang.id"],
        ),
        sa.ForeignKeyConstraint(
            ["program_kode"],
            ["program_bantuan.kode"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("kepesertaan", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_kepesertaan_keluarga_id"), ["keluarga_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_kepesertaan_orang_id"), ["orang_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("kepesertaan", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_kepesertaan_orang_id"))
        batch_op.drop_index(batch_op.f("ix_kepesertaan_keluarga_id"))

    op.drop_table("kepesertaan")
    with op.batch_alter_table("data_pmks", schema=None) as batch_op:
        batch_op.drop_index("ix_data_pmks_wilayah_kategori")

    op.drop_table("data_pmks")
    with op.batch_alter_table("anggota_keluarga", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_kepala_keluarga_aktif",
            sqlite_where=sa.text("hubungan = 'kepala_keluarga' AND sampai IS NULL"),
            postgresql_where=sa.text("hubungan = 'kepala_keluarga' AND sampai IS NULL"),
        )
        batch_op.drop_index(batch_op.f("ix_anggota_keluarga_orang_id"))
        batch_op.drop_index(batch_op.f("ix_anggota_keluarga_keluarga_id"))

    op.drop_table("anggota_keluarga")
    with op.batch_alter_table("orang", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_orang_wilayah_nik",
            sqlite_where=sa.text("nik IS NOT NULL"),
            postgresql_where=sa.text("nik IS NOT NULL"),
        )
        batch_op.drop_index("ix_orang_wilayah_id")
        batch_op.drop_index("ix_orang_nomor_kk")
        batch_op.drop_index("ix_orang_nik")

    op.drop_table("orang")
    with op.batch_alter_table("keluarga", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_keluarga_nomor_kk"))

    op.drop_table("keluarga")
    op.drop_table("impor")
    op.drop_table("idempotensi")
