"""Live bindings: an indicator's realisation counted from the registry (or the public
services' clocks) when it is asked for.

A small, named set of read-only counts (`SumberLive`); users pick one by name, never send SQL.
Counts follow the registry's statistics: rejected records (`ditolak`) and records of deleted
people are left out.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, func, or_, select
from sqlmodel import Session, col

from dinsos_api.kinerja.rencana_schemas import SumberLive
from dinsos_api.layanan import service as layanan_service
from dinsos_api.penerima.models import DataPmks, Orang, StatusVerifikasi
from dinsos_api.wilayah.models import Wilayah


@dataclass(frozen=True)
class HitunganLive:
    pembilang: Decimal
    penyebut: Decimal
    pembilang_uraian: str
    penyebut_uraian: str


URAIAN: dict[SumberLive, tuple[str, str]] = {
    SumberLive.DESA_DATA_PMKS: (
        "jumlah desa/kelurahan yang memiliki data PMKS (registri)",
        "jumlah seluruh desa/kelurahan (referensi wilayah)",
    ),
    SumberLive.PMKS_TERVERIFIKASI: (
        "jumlah data PMKS yang terverifikasi (registri)",
        "jumlah seluruh data PMKS yang diajukan (registri)",
    ),
    SumberLive.LAYANAN_TEPAT_WAKTU: (
        "jumlah permohonan layanan yang selesai tepat waktu (kepatuhan layanan)",
        "jumlah permohonan layanan yang selesai (kepatuhan layanan)",
    ),
}


def _dalam_wilayah(kolom: Any, kode_wilayah: str | None) -> ColumnElement[bool]:
    # kode_wilayah None is the whole province: every code starts with "53".
    hasil: ColumnElement[bool] = col(kolom).startswith(kode_wilayah or "53")
    return hasil


def hitung(
    session: Session, sumber: SumberLive, kode_wilayah: str | None, tahun: int
) -> HitunganLive:
    """The numerator and denominator of a live indicator for a district (None: province)."""
    d = DataPmks
    aktif = [
        col(d.tahun) == tahun,
        _dalam_wilayah(d.kode_wilayah, kode_wilayah),
        col(d.status_verifikasi) != StatusVerifikasi.DITOLAK.value,
    ]
    if sumber is SumberLive.LAYANAN_TEPAT_WAKTU:
        # The decree's own measure (GET /v1/layanan/kepatuhan), from the services' clocks.
        per_layanan = layanan_service.kepatuhan(session, tahun, None, kode_wilayah).layanan
        pembilang = sum(k.selesai_tepat_waktu for k in per_layanan)
        penyebut = sum(k.selesai for k in per_layanan)
    elif sumber is SumberLive.DESA_DATA_PMKS:
        pembilang = session.execute(
            select(func.count(func.distinct(Orang.kode_desa)))
            .select_from(d)
            .join(Orang, col(Orang.id) == col(d.orang_id))
            .where(*aktif, col(Orang.kode_desa).is_not(None), col(Orang.dihapus_pada).is_(None))
        ).scalar_one()
        penyebut = session.execute(
            select(func.count())
            .select_from(Wilayah)
            .where(
                col(Wilayah.jenis).in_(["desa", "kelurahan"]),
                _dalam_wilayah(Wilayah.kode, kode_wilayah),
            )
        ).scalar_one()
    else:
        dasar = (
            select(func.count())
            .select_from(d)
            .outerjoin(Orang, col(Orang.id) == col(d.orang_id))
            .where(*aktif, or_(col(d.orang_id).is_(None), col(Orang.dihapus_pada).is_(None)))
        )
        penyebut = session.execute(dasar).scalar_one()
        pembilang = session.execute(
            dasar.where(col(d.status_verifikasi) == StatusVerifikasi.TERVERIFIKASI.value)
        ).scalar_one()
    pembilang_uraian, penyebut_uraian = URAIAN[sumber]
    return HitunganLive(
        pembilang=Decimal(pembilang or 0),
        penyebut=Decimal(penyebut or 0),
        pembilang_uraian=pembilang_uraian,
        penyebut_uraian=penyebut_uraian,
    )
