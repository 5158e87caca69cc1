"""Public services: catalogue versions, requests, transitions, documents, SLA clocks.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

from dinsos_api.core.db import WaktuUTC

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "layanan_versi",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("kode", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("nomor", sa.Integer(), nullable=False),
        sa.Column("nama", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("berlaku_mulai", sa.Date(), nullable=False),
        sa.Column("nomor_keputusan", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("isi", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("kode", "berlaku_mulai", name="uq_layanan_versi"),
    )
    with op.batch_alter_table("layanan_versi", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_layanan_versi_kode"), ["kode"], unique=False)

    op.create_table(
        "permohonan_nomor_urut",
        sa.Column("awalan", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
        sa.Column("tahun", sa.Integer(), nullable=False),
        sa.Column("terakhir", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("awalan", "tahun"),
    )
    op.create_table(
        "permohonan",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("nomor", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("layanan_kode", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("layanan_versi_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("kanal", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("kode_wilayah", sqlmodel.sql.sqltypes.AutoString(length=13), nullable=True),
        sa.Column("pemohon_nama", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("pemohon_kontak", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("token_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("diajukan_pada", WaktuUTC(), nullable=False),
        sa.Column("jam_mulai", WaktuUTC(), nullable=True),
        sa.Column("jatuh_tempo", WaktuUTC(), nullable=True),
        sa.Column("jeda_sejak", WaktuUTC(), nullable=True),
        sa.Column("total_jeda_detik", sa.Integer(), nullable=False),
        sa.Column("selesai_pada", WaktuUTC(), nullable=True),
        sa.Column("dibuat_oleh", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column("updated_at", WaktuUTC(), nullable=False),
        sa.ForeignKeyConstraint(
            ["kode_wilayah"],
            ["wilayah.kode"],
        ),
        sa.ForeignKeyConstraint(
            ["layanan_versi_id"],
            ["layanan_versi.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("nomor"),
    )
    with op.batch_alter_table("permohonan", schema=None) as batch_op:
        batch_op.create_index("ix_permohonan_diajukan", ["diajukan_pada", "id"], unique=False)
        batch_op.create_index("ix_permohonan_jatuh_tempo", ["jatuh_tempo"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_permohonan_layanan_kode"), ["layanan_kode"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_permohonan_status"), ["status"], unique=False)

    op.create_table(
        "permohonan_lampiran",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("permohonan_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("jenis", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("nama_berkas", sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
        sa.Column("tipe_mime", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("ukuran", sa.Integer(), nullable=False),
        sa.Column("sha256", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("kunci_simpan", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("diunggah_oleh", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column("diunggah_pada", WaktuUTC(), nullable=False),
        sa.ForeignKeyConstraint(
            ["permohonan_id"],
            ["permohonan.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("permohonan_lampiran", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_permohonan_lampiran_permohonan_id"), ["permohonan_id"], unique=False
        )

    op.create_table(
        "permohonan_riwayat",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("permohonan_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("urutan", sa.Integer(), nullable=False),
        sa.Column("aksi", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("dari_status", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column("ke_status", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("catatan", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=True),
        sa.Column("lampiran", sa.JSON(), nullable=False),
        sa.Column("aktor_jenis", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("aktor_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column("aktor_nama", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
        sa.Column("peran", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
        sa.Column("waktu", WaktuUTC(), nullable=False),
        sa.ForeignKeyConstraint(
            ["permohonan_id"],
            ["permohonan.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("permohonan_id", "urutan", name="uq_riwayat_urutan"),
    )
    with op.batch_alter_table("permohonan_riwayat", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_permohonan_riwayat_permohonan_id"), ["permohonan_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("permohonan_riwayat", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_permohonan_riwayat_permohonan_id"))

    op.drop_table("permohonan_riwayat")
    with op.batch_alter_table("permohonan_lampiran", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_permohonan_lampiran_permohonan_id"))

    op.drop_table("permohonan_lampiran")
    with op.batch_alter_table("permohonan", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_permohonan_status"))
        batch_op.drop_index(batch_op.f("ix_permohonan_layanan_kode"))
        batch_op.drop_index("ix_permohonan_jatuh_tempo")
        batch_op.drop_index("ix_permohonan_diajukan")

    op.drop_table("permohonan")
    op.drop_table("permohonan_nomor_urut")
    with op.batch_alter_table("layanan_versi", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_layanan_versi_kode"))

    op.drop_table("layanan_versi")
