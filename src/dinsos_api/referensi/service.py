"""Reference data: reads, and admin writes with their cross-record rules.

Lists, ETags, versions and audit rows are `core.data_induk`'s; what is here is what each
resource adds: unique numbers, a unit's place in the organisation, an office's district.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlmodel import Session

from dinsos_api.core import data_induk
from dinsos_api.core.akses import Konteks
from dinsos_api.referensi.models import (
    KategoriPmks,
    KategoriPsks,
    PerangkatDaerah,
    ProgramBantuan,
    UnitKerja,
)
from dinsos_api.referensi.schemas import (
    KategoriPmksBuat,
    KategoriPmksUbah,
    KategoriPsksBuat,
    KategoriPsksUbah,
    PerangkatDaerahBuat,
    PerangkatDaerahUbah,
    ProgramBantuanBuat,
    ProgramBantuanUbah,
    TingkatPerangkatDaerah,
    UnitKerjaBuat,
    UnitKerjaUbah,
)
from dinsos_api.wilayah import service as wilayah_service


def _isian(data: Any, *, semua: bool = True) -> dict[str, Any]:
    """A request body as column values (enums as their strings); PATCH: only fields sent."""
    hasil: dict[str, Any] = data.model_dump(mode="json", exclude_unset=not semua)
    return hasil


# --- kategori PMKS ---------------------------------------------------------------------------


def buat_kategori_pmks(session: Session, ktx: Konteks, data: KategoriPmksBuat) -> KategoriPmks:
    data_induk.pastikan_unik(session, KategoriPmks, "nomor", data.nomor)
    return data_induk.buat(session, ktx, KategoriPmks(**_isian(data)))


def ubah_kategori_pmks(
    session: Session, ktx: Konteks, kode: str, data: KategoriPmksUbah, if_match: str | None
) -> KategoriPmks:
    kategori = data_induk.ambil_untuk_diubah(session, KategoriPmks, kode, if_match)
    perubahan = _isian(data, semua=False)
    data_induk.pastikan_unik(session, KategoriPmks, "nomor", perubahan.get("nomor"), kode)
    return data_induk.ubah(session, ktx, kategori, perubahan)


# --- kategori PSKS ---------------------------------------------------------------------------


def buat_kategori_psks(session: Session, ktx: Konteks, data: KategoriPsksBuat) -> KategoriPsks:
    return data_induk.buat(session, ktx, KategoriPsks(**_isian(data)))


def ubah_kategori_psks(
    session: Session, ktx: Konteks, kode: str, data: KategoriPsksUbah, if_match: str | None
) -> KategoriPsks:
    kategori = data_induk.ambil_untuk_diubah(session, KategoriPsks, kode, if_match)
    return data_induk.ubah(session, ktx, kategori, _isian(data, semua=False))


# --- unit kerja ------------------------------------------------------------------------------


def _pastikan_induk_unit(session: Session, kode: str, induk_kode: str | None) -> None:
    """The parent exists, and is not the unit itself or one of the units below it."""
    induk = induk_kode
    while induk is not None:
        if induk == kode:
            raise data_induk.rujukan_salah(
                "induk_kode", f"unit {kode} tidak dapat berada di bawah dirinya sendiri"
            )
        unit = session.get(UnitKerja, induk)
        if unit is None:
            raise data_induk.rujukan_salah("induk_kode", f"unit kerja {induk} tidak dikenal")
        induk = unit.induk_kode


def buat_unit_kerja(session: Session, ktx: Konteks, data: UnitKerjaBuat) -> UnitKerja:
    _pastikan_induk_unit(session, data.kode, data.induk_kode)
    return data_induk.buat(session, ktx, UnitKerja(**_isian(data)))


def ubah_unit_kerja(
    session: Session, ktx: Konteks, kode: str, data: UnitKerjaUbah, if_match: str | None
) -> UnitKerja:
    unit = data_induk.ambil_untuk_diubah(session, UnitKerja, kode, if_match)
    perubahan = _isian(data, semua=False)
    if "induk_kode" in perubahan:
        _pastikan_induk_unit(session, kode, perubahan["induk_kode"])
    return data_induk.ubah(session, ktx, unit, perubahan)


# --- program bantuan -------------------------------------------------------------------------


def buat_program_bantuan(
    session: Session, ktx: Konteks, data: ProgramBantuanBuat
) -> ProgramBantuan:
    return data_induk.buat(session, ktx, ProgramBantuan(**_isian(data)))


def ubah_program_bantuan(
    session: Session, ktx: Konteks, kode: str, data: ProgramBantuanUbah, if_match: str | None
) -> ProgramBantuan:
    program = data_induk.ambil_untuk_diubah(session, ProgramBantuan, kode, if_match)
    return data_induk.ubah(session, ktx, program, _isian(data, semua=False))


# --- perangkat daerah ------------------------------------------------------------------------


def _pastikan_wilayah_perangkat(session: Session, isian: Mapping[str, Any], kode: str) -> None:
    """The provincial office has no district; a district office names one of its own tingkat,
    and no other office holds that district."""
    tingkat, kode_wilayah = isian["tingkat"], isian["kode_wilayah"]
    if tingkat == TingkatPerangkatDaerah.PROVINSI:
        if kode_wilayah is not None:
            raise data_induk.rujukan_salah(
                "kode_wilayah", "perangkat daerah tingkat provinsi tidak terikat pada kode_wilayah"
            )
        return
    if kode_wilayah is None:
        raise data_induk.rujukan_salah(
            "kode_wilayah", f"wajib diisi untuk perangkat daerah tingkat {tingkat}"
        )
    wilayah = wilayah_service.cari(session, kode_wilayah)
    if wilayah is None:
        raise data_induk.rujukan_salah("kode_wilayah", f"wilayah {kode_wilayah} tidak dikenal")
    if wilayah.jenis != tingkat:
        raise data_induk.rujukan_salah(
            "tingkat", f"{wilayah.nama} adalah {wilayah.jenis}, bukan {tingkat}"
        )
    data_induk.pastikan_unik(session, PerangkatDaerah, "kode_wilayah", kode_wilayah, kode)


def buat_perangkat_daerah(
    session: Session, ktx: Konteks, data: PerangkatDaerahBuat
) -> PerangkatDaerah:
    isian = _isian(data)
    _pastikan_wilayah_perangkat(session, isian, data.kode)
    return data_induk.buat(session, ktx, PerangkatDaerah(**isian))


def ubah_perangkat_daerah(
    session: Session, ktx: Konteks, kode: str, data: PerangkatDaerahUbah, if_match: str | None
) -> PerangkatDaerah:
    perangkat = data_induk.ambil_untuk_diubah(session, PerangkatDaerah, kode, if_match)
    perubahan = _isian(data, semua=False)
    _pastikan_wilayah_perangkat(session, {**perangkat.isi(), **perubahan}, kode)
    return data_induk.ubah(session, ktx, perangkat, perubahan)
