"""Master data: versions on the reference tables; units, assistance programmes, regional offices.

Every reference table gets `versi` (bumped on each change, part of the record's ETag) and
`updated_at`. New tables: `unit_kerja`, `program_bantuan`, `perangkat_daerah`.
`kategori_psks` gets `sasaran` (orang, lembaga, kelompok); rows that exist get "orang" until
`dinsos demo muat` sets the real value.

SQLite cannot add a column whose default is CURRENT_TIMESTAMP, and rebuilding `wilayah` (which
other tables reference) fails while foreign keys are enforced; so on SQLite the three existing
tables get the migration's own time as a constant default for `updated_at`: the same value
CURRENT_TIMESTAMP would have given the rows that exist, and the application always sets it
on later writes.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

WAKTU = sa.DateTime(timezone=True)
TABEL_LAMA = ("wilayah", "kategori_pmks", "kategori_psks")


def _versi() -> sa.Column:  # type: ignore[type-arg]
    return sa.Column("versi", sa.Integer, nullable=False, server_default=sa.text("1"))


def _updated_at(server_default: sa.TextClause | str) -> sa.Column:  # type: ignore[type-arg]
    return sa.Column("updated_at", WAKTU, nullable=False, server_default=server_default)


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        sekarang: sa.TextClause | str = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    else:
        sekarang = sa.text("CURRENT_TIMESTAMP")
    for tabel in TABEL_LAMA:
        op.add_column(tabel, _versi())
        op.add_column(tabel, _updated_at(sekarang))
    op.add_column(
        "kategori_psks",
        sa.Column("sasaran", sa.String(16), nullable=False, server_default="orang"),
    )
    op.create_index("ix_wilayah_induk_kode", "wilayah", ["induk_kode"])

    op.create_table(
        "unit_kerja",
        sa.Column("kode", sa.String(64), primary_key=True),
        sa.Column("nama", sa.String(200), nullable=False),
        sa.Column("jenis", sa.String(16), nullable=False),
        sa.Column("induk_kode", sa.String(64), sa.ForeignKey("unit_kerja.kode"), nullable=True),
        sa.Column("aktif", sa.Boolean, nullable=False),
        sa.Column("keterangan", sa.String(1000), nullable=True),
        _versi(),
        _updated_at(sa.text("CURRENT_TIMESTAMP")),
    )
    op.create_index("ix_unit_kerja_induk_kode", "unit_kerja", ["induk_kode"])
    op.create_table(
        "program_bantuan",
        sa.Column("kode", sa.String(64), primary_key=True),
        sa.Column("nama", sa.String(200), nullable=False),
        sa.Column("singkatan", sa.String(32), nullable=True),
        sa.Column("sumber_dana", sa.JSON, nullable=False),
        sa.Column("sasaran", sa.String(16), nullable=False),
        sa.Column("keterangan", sa.String(1000), nullable=True),
        _versi(),
        _updated_at(sa.text("CURRENT_TIMESTAMP")),
    )
    op.create_table(
        "perangkat_daerah",
        sa.Column("kode", sa.String(64), primary_key=True),
        sa.Column("nama", sa.String(200), nullable=False),
        sa.Column("tingkat", sa.String(16), nullable=False),
        sa.Column(
            "kode_wilayah",
            sa.String(13),
            sa.ForeignKey("wilayah.kode"),
            nullable=True,
            unique=True,
        ),
        _versi(),
        _updated_at(sa.text("CURRENT_TIMESTAMP")),
    )


def downgrade() -> None:
    op.drop_table("perangkat_daerah")
    op.drop_table("program_bantuan")
    op.drop_index("ix_unit_kerja_induk_kode", table_name="unit_kerja")
    op.drop_table("unit_kerja")
    op.drop_index("ix_wilayah_induk_kode", table_name="wilayah")
    # SQLite (3.35+) drops a column in place when nothing refers to it.
    op.drop_column("kategori_psks", "sasaran")
    for tabel in reversed(TABEL_LAMA):
        op.drop_column(tabel, "updated_at")
        op.drop_column(tabel, "versi")
