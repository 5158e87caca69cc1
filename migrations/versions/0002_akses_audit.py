"""Users, API clients and the audit trail (append-only).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

WAKTU = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "pengguna",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("username", sa.String(64), nullable=False, unique=True),
        sa.Column("nama", sa.String(200), nullable=False),
        sa.Column("peran", sa.String(32), nullable=False),
        sa.Column("kode_wilayah", sa.String(13), sa.ForeignKey("wilayah.kode"), nullable=True),
        sa.Column("sandi_hash", sa.String(255), nullable=False),
        sa.Column("aktif", sa.Boolean, nullable=False),
        sa.Column("versi_token", sa.Integer, nullable=False),
        sa.Column("gagal_login", sa.Integer, nullable=False),
        sa.Column("terkunci_sampai", WAKTU, nullable=True),
        sa.Column("created_at", WAKTU, nullable=False),
        sa.Column("updated_at", WAKTU, nullable=False),
    )
    op.create_table(
        "klien_api",
        sa.Column("id", sa.String(12), primary_key=True),
        sa.Column("nama", sa.String(200), nullable=False),
        sa.Column("peran", sa.String(32), nullable=False),
        sa.Column("kode_wilayah", sa.String(13), sa.ForeignKey("wilayah.kode"), nullable=True),
        sa.Column("rahasia_hash", sa.String(64), nullable=False),
        sa.Column("aktif", sa.Boolean, nullable=False),
        sa.Column("created_at", WAKTU, nullable=False),
        sa.Column("updated_at", WAKTU, nullable=False),
        sa.Column("dicabut_pada", WAKTU, nullable=True),
    )
    op.create_table(
        "audit_log",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("waktu", WAKTU, nullable=False),
        sa.Column("aktor_jenis", sa.String(16), nullable=False),
        sa.Column("aktor_id", sa.String(64), nullable=True),
        sa.Column("aktor_nama", sa.String(200), nullable=True),
        sa.Column("peran", sa.String(32), nullable=True),
        sa.Column("sumber_daya", sa.String(64), nullable=False),
        sa.Column("sumber_daya_id", sa.String(128), nullable=False),
        sa.Column("aksi", sa.String(64), nullable=False),
        sa.Column("perubahan", sa.JSON, nullable=False),
        sa.Column("request_id", sa.String(64), nullable=True),
        sa.Column("ip", sa.String(64), nullable=True),
    )
    op.create_index("ix_audit_log_aktor_id", "audit_log", ["aktor_id"])
    op.create_index("ix_audit_log_sumber_daya", "audit_log", ["sumber_daya"])
    op.create_index("ix_audit_log_waktu_id", "audit_log", ["waktu", "id"])

    # Append-only: the database itself refuses to change or remove audit rows.
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            """
            CREATE FUNCTION audit_log_tetap() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'audit_log tidak dapat diubah atau dihapus';
            END $$;
            """
        )
        op.execute(
            "CREATE TRIGGER audit_log_tetap BEFORE UPDATE OR DELETE ON audit_log "
            "FOR EACH ROW EXECUTE FUNCTION audit_log_tetap()"
        )
    else:
        for event in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER audit_log_tetap_{event.lower()} BEFORE {event} ON audit_log "
                "BEGIN SELECT RAISE(ABORT, 'audit_log tidak dapat diubah atau dihapus'); END"
            )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS audit_log_tetap ON audit_log")
        op.execute("DROP FUNCTION IF EXISTS audit_log_tetap()")
    op.drop_table("audit_log")
    op.drop_table("klien_api")
    op.drop_table("pengguna")
