"""Tables of this domain (imported by dinsos_api.models so Alembic sees them).

Performance plans: a Renstra period of one perangkat daerah -> tujuan -> sasaran strategis ->
indikator; targets per indicator, year and source document; realisations per indicator and
period; and the input windows (periods that can be closed).

Values are NUMERIC(18,4): indicator values are percentages and counts, never more precise than
that (the API refuses more than 4 decimal places). Sub-measure pairs live in a JSON list with
their numbers as decimal strings, so they stay exact on SQLite too.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, Column, Numeric, UniqueConstraint
from sqlmodel import Field, SQLModel

from dinsos_api.core.db import WaktuUTC, kolom_waktu
from dinsos_api.core.etag import etag_rekaman
from dinsos_api.core.waktu import sekarang

# Triwulan 0 is the whole year: a real value (not NULL) so the unique keys hold on both engines.
SETAHUN = 0


def _id() -> str:
    return uuid.uuid4().hex


def _nilai(nullable: bool) -> Any:
    return Field(default=None, sa_column=Column(Numeric(18, 4), nullable=nullable))


class _Berversi(SQLModel):
    """Records edited with If-Match: `versi` is bumped on each change and feeds the ETag."""

    id: str = Field(default_factory=_id, primary_key=True, max_length=32)
    versi: int = 1
    # sa_type, not sa_column: a base class's Column object would be shared by every table.
    created_at: datetime = Field(default_factory=sekarang, sa_type=WaktuUTC)
    updated_at: datetime = Field(default_factory=sekarang, sa_type=WaktuUTC)

    def etag(self) -> str:
        return etag_rekaman(str(self.__tablename__), self.id, self.versi)


class Renstra(_Berversi, table=True):
    """A strategic plan (Renstra) period of one perangkat daerah, e.g. 2024–2026."""

    __tablename__ = "renstra"
    __table_args__ = (
        UniqueConstraint("perangkat_daerah_kode", "tahun_awal", name="uq_renstra_pd_tahun"),
    )

    perangkat_daerah_kode: str = Field(
        foreign_key="perangkat_daerah.kode", max_length=64, index=True
    )
    nama: str = Field(max_length=300)
    tahun_awal: int
    tahun_akhir: int


class TujuanRenstra(SQLModel, table=True):
    __tablename__ = "tujuan_renstra"
    __table_args__ = (UniqueConstraint("renstra_id", "kode", name="uq_tujuan_renstra_kode"),)

    id: str = Field(default_factory=_id, primary_key=True, max_length=32)
    renstra_id: str = Field(foreign_key="renstra.id", max_length=32, index=True)
    kode: str = Field(max_length=32)
    nama: str = Field(max_length=500)
    urutan: int = 0


class SasaranStrategis(SQLModel, table=True):
    __tablename__ = "sasaran_strategis"
    __table_args__ = (UniqueConstraint("renstra_id", "kode", name="uq_sasaran_strategis_kode"),)

    id: str = Field(default_factory=_id, primary_key=True, max_length=32)
    tujuan_id: str = Field(foreign_key="tujuan_renstra.id", max_length=32, index=True)
    renstra_id: str = Field(foreign_key="renstra.id", max_length=32)
    kode: str = Field(max_length=32)
    nama: str = Field(max_length=500)
    urutan: int = 0


class IndikatorKinerja(_Berversi, table=True):
    """A performance indicator of a sasaran strategis (IKU when `iku`)."""

    __tablename__ = "indikator_kinerja"
    __table_args__ = (UniqueConstraint("renstra_id", "kode", name="uq_indikator_kinerja_kode"),)

    sasaran_id: str = Field(foreign_key="sasaran_strategis.id", max_length=32, index=True)
    renstra_id: str = Field(foreign_key="renstra.id", max_length=32)
    # Copied from the Renstra: the district checks and the report's filter read it directly.
    perangkat_daerah_kode: str = Field(
        foreign_key="perangkat_daerah.kode", max_length=64, index=True
    )
    kode: str = Field(max_length=64)
    nama: str = Field(max_length=500)
    satuan: str = Field(max_length=32)
    arah: str = Field(max_length=8)  # kinerja_core.Arah
    metode_turun: str | None = Field(default=None, max_length=16)  # kinerja_core.MetodeTurun
    iku: bool = False
    definisi_operasional: str | None = Field(default=None, max_length=4000)
    formula: str | None = Field(default=None, max_length=1000)
    pembilang: str | None = Field(default=None, max_length=1000)
    penyebut: str | None = Field(default=None, max_length=1000)
    sumber_data: str | None = Field(default=None, max_length=500)
    unit_penanggung_jawab: str | None = Field(default=None, max_length=500)
    cara_gabung: str = Field(max_length=16)  # kinerja_core.CaraGabung
    # Budget program codes ("1.06.04") for efficiency; plain codes, no FK into anggaran.
    program_anggaran: list[str] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False)
    )
    sumber_live: str | None = Field(default=None, max_length=32)  # live.SumberLive
    # The indicator of the previous Renstra this one continues (LKIP Tabel 3.7 history).
    pendahulu_id: str | None = Field(
        default=None, foreign_key="indikator_kinerja.id", max_length=32
    )
    urutan: int = 0


class TargetKinerja(_Berversi, table=True):
    """The target of an indicator for a year, as one document (Renstra, PK, perubahan PK)
    states it."""

    __tablename__ = "target_kinerja"
    __table_args__ = (
        UniqueConstraint("indikator_id", "tahun", "sumber", name="uq_target_kinerja"),
    )

    indikator_id: str = Field(foreign_key="indikator_kinerja.id", max_length=32, index=True)
    tahun: int
    sumber: str = Field(max_length=16)  # renstra, pk, perubahan_pk
    nilai: Decimal = _nilai(nullable=False)
    keterangan: str | None = Field(default=None, max_length=1000)


class RealisasiKinerja(_Berversi, table=True):
    """What an indicator reached in a year (triwulan 0) or a quarter (1–4)."""

    __tablename__ = "realisasi_kinerja"
    __table_args__ = (
        UniqueConstraint("indikator_id", "tahun", "triwulan", name="uq_realisasi_kinerja"),
    )

    indikator_id: str = Field(foreign_key="indikator_kinerja.id", max_length=32, index=True)
    tahun: int
    triwulan: int = SETAHUN
    nilai: Decimal | None = _nilai(nullable=True)
    # [{uraian, pembilang_uraian, penyebut_uraian, pembilang: "220", penyebut: "220"}, ...]
    komponen: list[dict[str, Any]] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False)
    )
    faktor_pendukung: str | None = Field(default=None, max_length=4000)
    faktor_penghambat: str | None = Field(default=None, max_length=4000)
    solusi: str | None = Field(default=None, max_length=4000)
    rencana_tindak_lanjut: str | None = Field(default=None, max_length=4000)
    bukti: list[dict[str, Any]] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False)
    )


class PeriodeKinerja(SQLModel, table=True):
    """An input window of one perangkat daerah: a year (triwulan 0) or a quarter. A closed
    period refuses edits of its targets and realisations, except by admin."""

    __tablename__ = "periode_kinerja"
    __table_args__ = (
        UniqueConstraint("perangkat_daerah_kode", "tahun", "triwulan", name="uq_periode_kinerja"),
    )

    id: str = Field(default_factory=_id, primary_key=True, max_length=32)
    perangkat_daerah_kode: str = Field(foreign_key="perangkat_daerah.kode", max_length=64)
    tahun: int
    triwulan: int = SETAHUN
    ditutup: bool = False
    alasan: str | None = Field(default=None, max_length=500)
    diubah_oleh: str | None = Field(default=None, max_length=200)
    updated_at: datetime = Field(default_factory=sekarang, sa_column=kolom_waktu())
