"""Complaints and the outbox: cases, their steps, webhook deliveries in, events out.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

from dinsos_api.core.db import WaktuUTC

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "outbox_event",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("topic", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("destination", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("subject_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", WaktuUTC(), nullable=False),
        sa.Column("lease_owner", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column("lease_until", WaktuUTC(), nullable=True),
        sa.Column("last_status_code", sa.Integer(), nullable=True),
        sa.Column("last_error", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
        sa.Column("created_at", WaktuUTC(), nullable=False),
        sa.Column("sent_at", WaktuUTC(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("outbox_event", schema=None) as batch_op:
        batch_op.create_index("ix_outbox_event_created", ["created_at", "id"], unique=False)
        batch_op.create_index("ix_outbox_event_due", ["status", "next_attempt_at"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_outbox_event_subject_id"), ["subject_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_outbox_event_topic"), ["topic"], unique=False)

    op.create_table(
        "webhook_masuk",
        sa.Column("sumber", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("webhook_id", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("jenis", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("sidik_body", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("status_code", sa.Integer(), nullable=False),
        sa.Column("jawaban", sa.JSON(), nullable=False),
        sa.Column("pengaduan_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
        sa.Column("diterima_pada", WaktuUTC(), nullable=False),
        sa.PrimaryKeyConstraint("sumber", "webhook_id"),
    )
    op.create_table(
        "outbox_attempt",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("event_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("started_at", WaktuUTC(), nullable=False),
        sa.Column("duration_ms", sa.Integer(), nullable=False),
        sa.Column("status_code", sa.Integer(), nullable=True),
        sa.Column("error", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
        sa.Column("response_excerpt", sa.Text(), nullable=True),
        sa.Column("outcome", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["outbox_event.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("outbox_attempt", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_outbox_attempt_event_id"), ["event_id"], unique=False)

    op.create_table(
        "pengaduan",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("kanal", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("klasifikasi", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("kategori", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
        sa.Column("tracking_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column("judul", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("isi", sa.Text(), nullable=False),
        sa.Column("anonim", sa.Boolean(), nullable=False),
        sa.Column("rahasia", sa.Boolean(), nullable=False),
        sa.Column("pelapor_nama", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
        sa.Column("pelapor_email", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
        sa.Column("pelapor_telepon", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
        sa.Column("pelapor_alamat", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
        sa.Column("lampiran", sa.JSON(), nullable=False),
        sa.Column("layanan_kode", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column("unit_kerja_kode", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column("tanggal_lapor", sa.Date(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("jawaban", sa.Text(), nullable=True),
        sa.Column("diterima_pada", WaktuUTC(), nullable=False),
        sa.Column("jatuh_tempo", WaktuUTC(), nullable=True),
        sa.Column("jeda_sejak", WaktuUTC(), nullable=True),
        sa.Column("selesai_pada", WaktuUTC(), nullable=True),
        sa.Column("dibuat_oleh", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column("updated_at", WaktuUTC(), nullable=False),
        sa.ForeignKeyConstraint(
            ["unit_kerja_kode"],
            ["unit_kerja.kode"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("tracking_id"),
    )
    with op.batch_alter_table("pengaduan", schema=None) as batch_op:
        batch_op.create_index("ix_pengaduan_diterima", ["diterima_pada", "id"], unique=False)
        batch_op.create_index("ix_pengaduan_jatuh_tempo", ["jatuh_tempo"], unique=False)
        batch_op.create_index(batch_op.f("ix_pengaduan_kanal"), ["kanal"], unique=False)
        batch_op.create_index(batch_op.f("ix_pengaduan_status"), ["status"], unique=False)

    op.create_table(
        "pengaduan_riwayat",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("pengaduan_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("urutan", sa.Integer(), nullable=False),
        sa.Column("aksi", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("dari_status", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
        sa.Column("ke_status", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("catatan", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=True),
        sa.Column("aktor_jenis", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("aktor_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column("aktor_nama", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
        sa.Column("peran", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
        sa.Column("waktu", WaktuUTC(), nullable=False),
        sa.ForeignKeyConstraint(
            ["pengaduan_id"],
            ["pengaduan.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("pengaduan_id", "urutan", name="uq_pengaduan_riwayat_urutan"),
    )
    with op.batch_alter_table("pengaduan_riwayat", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_pengaduan_riwayat_pengaduan_id"), ["pengaduan_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("pengaduan_riwayat", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pengaduan_riwayat_pengaduan_id"))

    op.drop_table("pengaduan_riwayat")
    with op.batch_alter_table("pengaduan", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pengaduan_status"))
        batch_op.drop_index(batch_op.f("ix_pengaduan_kanal"))
        batch_op.drop_index("ix_pengaduan_jatuh_tempo")
        batch_op.drop_index("ix_pengaduan_diterima")

    op.drop_table("pengaduan")
    with op.batch_alter_table("outbox_attempt", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_outbox_attempt_event_id"))

    op.drop_table("outbox_attempt")
    op.drop_table("webhook_masuk")
    with op.batch_alter_table("outbox_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_outbox_event_topic"))
        batch_op.drop_index(batch_op.f("ix_outbox_event_subject_id"))
        batch_op.drop_index("ix_outbox_event_due")
        batch_op.drop_index("ix_outbox_event_created")

    op.drop_table("outbox_event")
