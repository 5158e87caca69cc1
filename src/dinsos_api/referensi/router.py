"""GET, POST and PATCH of the reference data (thin: the logic is in service.py and
core.data_induk). Every caller with a token reads; only admin writes."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request, Response

from dinsos_api.core import data_induk, etag
from dinsos_api.core.akses import Izin, Konteks
from dinsos_api.core.db import SessionDep
from dinsos_api.core.paginasi import CursorQuery, Halaman, LimitQuery
from dinsos_api.referensi import service
from dinsos_api.referensi.models import (
    KategoriPmks,
    KategoriPsks,
    PerangkatDaerah,
    ProgramBantuan,
    UnitKerja,
)
from dinsos_api.referensi.schemas import (
    JenisUnitKerja,
    KategoriPmksBuat,
    KategoriPmksKeluar,
    KategoriPmksUbah,
    KategoriPsksBuat,
    KategoriPsksKeluar,
    KategoriPsksUbah,
    PerangkatDaerahBuat,
    PerangkatDaerahKeluar,
    PerangkatDaerahUbah,
    ProgramBantuanBuat,
    ProgramBantuanKeluar,
    ProgramBantuanUbah,
    SasaranPmks,
    SasaranProgram,
    SasaranPsks,
    TingkatPerangkatDaerah,
    UnitKerjaBuat,
    UnitKerjaKeluar,
    UnitKerjaUbah,
)

router = APIRouter(tags=["referensi"])

Baca = Annotated[Konteks, Depends(Izin("referensi", "baca"))]
Tulis = Annotated[Konteks, Depends(Izin("referensi", "tulis"))]
Kode = Annotated[str, Path(max_length=64, pattern=data_induk.POLA_KODE)]


# --- kategori PMKS ---------------------------------------------------------------------------


@router.get(
    "/kategori-pmks",
    summary="Daftar 26 kategori PMKS",
    response_model=Halaman[KategoriPmksKeluar],
    responses=etag.JAWABAN_BACA,
)
def daftar_kategori_pmks(
    request: Request,
    session: SessionDep,
    _: Baca,
    if_none_match: etag.IfNoneMatch = None,
    sasaran: Annotated[SasaranPmks | None, Query(description="Hanya sasaran ini.")] = None,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
) -> Response:
    """Penyandang Masalah Kesejahteraan Sosial (Renstra 2019–2023 Tabel 2.7; Permensos
    08/2012), urut menurut kode; `nomor` adalah urutan dalam tabel itu."""
    saring = {"sasaran": sasaran}
    rows, next_cursor = data_induk.daftar(session, KategoriPmks, saring, limit, cursor)
    return etag.jawab_halaman(request, KategoriPmksKeluar, rows, next_cursor, if_none_match)


@router.get(
    "/kategori-pmks/{kode}",
    summary="Satu kategori PMKS",
    response_model=KategoriPmksKeluar,
    responses=etag.JAWABAN_AMBIL,
)
def ambil_kategori_pmks(
    kode: Kode, session: SessionDep, _: Baca, if_none_match: etag.IfNoneMatch = None
) -> Response:
    kategori = data_induk.ambil(session, KategoriPmks, kode)
    return etag.jawab_rekaman(KategoriPmksKeluar, kategori, if_none_match=if_none_match)


@router.post(
    "/kategori-pmks",
    summary="Tambah kategori PMKS",
    status_code=201,
    response_model=KategoriPmksKeluar,
    responses=etag.JAWABAN_BUAT,
)
def buat_kategori_pmks(data: KategoriPmksBuat, session: SessionDep, ktx: Tulis) -> Response:
    kategori = service.buat_kategori_pmks(session, ktx, data)
    lokasi = f"/v1/kategori-pmks/{kategori.kode}"
    return etag.jawab_rekaman(KategoriPmksKeluar, kategori, status_code=201, lokasi=lokasi)


@router.patch(
    "/kategori-pmks/{kode}",
    summary="Ubah kategori PMKS",
    response_model=KategoriPmksKeluar,
    responses=etag.JAWABAN_UBAH,
)
def ubah_kategori_pmks(
    kode: Kode,
    data: KategoriPmksUbah,
    session: SessionDep,
    ktx: Tulis,
    if_match: etag.IfMatch = None,
) -> Response:
    kategori = service.ubah_kategori_pmks(session, ktx, kode, data, if_match)
    return etag.jawab_rekaman(KategoriPmksKeluar, kategori)


# --- kategori PSKS ---------------------------------------------------------------------------


@router.get(
    "/kategori-psks",
    summary="Daftar kategori PSKS",
    response_model=Halaman[KategoriPsksKeluar],
    responses=etag.JAWABAN_BACA,
)
def daftar_kategori_psks(
    request: Request,
    session: SessionDep,
    _: Baca,
    if_none_match: etag.IfNoneMatch = None,
    sasaran: Annotated[SasaranPsks | None, Query(description="Hanya sasaran ini.")] = None,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
) -> Response:
    """Potensi dan Sumber Kesejahteraan Sosial: orang (TKSK, pekerja sosial, TAGANA, ...),
    lembaga (LKS, LKSA, Karang Taruna, ...) dan kelompok (Kampung Siaga Bencana)."""
    saring = {"sasaran": sasaran}
    rows, next_cursor = data_induk.daftar(session, KategoriPsks, saring, limit, cursor)
    return etag.jawab_halaman(request, KategoriPsksKeluar, rows, next_cursor, if_none_match)


@router.get(
    "/kategori-psks/{kode}",
    summary="Satu kategori PSKS",
    response_model=KategoriPsksKeluar,
    responses=etag.JAWABAN_AMBIL,
)
def ambil_kategori_psks(
    kode: Kode, session: SessionDep, _: Baca, if_none_match: etag.IfNoneMatch = None
) -> Response:
    kategori = data_induk.ambil(session, KategoriPsks, kode)
    return etag.jawab_rekaman(KategoriPsksKeluar, kategori, if_none_match=if_none_match)


@router.post(
    "/kategori-psks",
    summary="Tambah kategori PSKS",
    status_code=201,
    response_model=KategoriPsksKeluar,
    responses=etag.JAWABAN_BUAT,
)
def buat_kategori_psks(data: KategoriPsksBuat, session: SessionDep, ktx: Tulis) -> Response:
    kategori = service.buat_kategori_psks(session, ktx, data)
    lokasi = f"/v1/kategori-psks/{kategori.kode}"
    return etag.jawab_rekaman(KategoriPsksKeluar, kategori, status_code=201, lokasi=lokasi)


@router.patch(
    "/kategori-psks/{kode}",
    summary="Ubah kategori PSKS",
    response_model=KategoriPsksKeluar,
    responses=etag.JAWABAN_UBAH,
)
def ubah_kategori_psks(
    kode: Kode,
    data: KategoriPsksUbah,
    session: SessionDep,
    ktx: Tulis,
    if_match: etag.IfMatch = None,
) -> Response:
    kategori = service.ubah_kategori_psks(session, ktx, kode, data, if_match)
    return etag.jawab_rekaman(KategoriPsksKeluar, kategori)


# --- unit kerja ------------------------------------------------------------------------------


@router.get(
    "/unit-kerja",
    summary="Daftar unit kerja Dinas Sosial Provinsi",
    response_model=Halaman[UnitKerjaKeluar],
    responses=etag.JAWABAN_BACA,
)
def daftar_unit_kerja(
    request: Request,
    session: SessionDep,
    _: Baca,
    if_none_match: etag.IfNoneMatch = None,
    jenis: Annotated[JenisUnitKerja | None, Query(description="Hanya jenis ini.")] = None,
    induk: Annotated[
        str | None,
        Query(max_length=64, pattern=data_induk.POLA_KODE, description="Hanya unit di bawah ini."),
    ] = None,
    aktif: Annotated[bool | None, Query(description="Hanya unit yang (tidak) aktif.")] = None,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
) -> Response:
    """Dinas (akar), Sekretariat, bidang, UPTD, panti dan unit layanan, masing-masing dengan
    `induk_kode`. Unit yang dihapus oleh penataan organisasi tetap ada dengan `aktif` false."""
    saring = {"jenis": jenis, "induk_kode": induk, "aktif": aktif}
    rows, next_cursor = data_induk.daftar(session, UnitKerja, saring, limit, cursor)
    return etag.jawab_halaman(request, UnitKerjaKeluar, rows, next_cursor, if_none_match)


@router.get(
    "/unit-kerja/{kode}",
    summary="Satu unit kerja",
    response_model=UnitKerjaKeluar,
    responses=etag.JAWABAN_AMBIL,
)
def ambil_unit_kerja(
    kode: Kode, session: SessionDep, _: Baca, if_none_match: etag.IfNoneMatch = None
) -> Response:
    unit = data_induk.ambil(session, UnitKerja, kode)
    return etag.jawab_rekaman(UnitKerjaKeluar, unit, if_none_match=if_none_match)


@router.post(
    "/unit-kerja",
    summary="Tambah unit kerja",
    status_code=201,
    response_model=UnitKerjaKeluar,
    responses=etag.JAWABAN_BUAT,
)
def buat_unit_kerja(data: UnitKerjaBuat, session: SessionDep, ktx: Tulis) -> Response:
    unit = service.buat_unit_kerja(session, ktx, data)
    lokasi = f"/v1/unit-kerja/{unit.kode}"
    return etag.jawab_rekaman(UnitKerjaKeluar, unit, status_code=201, lokasi=lokasi)


@router.patch(
    "/unit-kerja/{kode}",
    summary="Ubah unit kerja",
    response_model=UnitKerjaKeluar,
    responses=etag.JAWABAN_UBAH,
)
def ubah_unit_kerja(
    kode: Kode,
    data: UnitKerjaUbah,
    session: SessionDep,
    ktx: Tulis,
    if_match: etag.IfMatch = None,
) -> Response:
    unit = service.ubah_unit_kerja(session, ktx, kode, data, if_match)
    return etag.jawab_rekaman(UnitKerjaKeluar, unit)


# --- program bantuan -------------------------------------------------------------------------


@router.get(
    "/program-bantuan",
    summary="Daftar program bantuan sosial",
    response_model=Halaman[ProgramBantuanKeluar],
    responses=etag.JAWABAN_BACA,
)
def daftar_program_bantuan(
    request: Request,
    session: SessionDep,
    _: Baca,
    if_none_match: etag.IfNoneMatch = None,
    sasaran: Annotated[SasaranProgram | None, Query(description="Hanya sasaran ini.")] = None,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
) -> Response:
    """PKH, BPNT, KUBE, RTLH, permakanan panti, ASPD, alat bantu disabilitas, bantuan korban
    bencana, pemulangan migran, ...: sumber dana (APBN, APBD provinsi, APBD kabupaten/kota)
    dan sasaran (orang, keluarga, kelompok)."""
    saring = {"sasaran": sasaran}
    rows, next_cursor = data_induk.daftar(session, ProgramBantuan, saring, limit, cursor)
    return etag.jawab_halaman(request, ProgramBantuanKeluar, rows, next_cursor, if_none_match)


@router.get(
    "/program-bantuan/{kode}",
    summary="Satu program bantuan",
    response_model=ProgramBantuanKeluar,
    responses=etag.JAWABAN_AMBIL,
)
def ambil_program_bantuan(
    kode: Kode, session: SessionDep, _: Baca, if_none_match: etag.IfNoneMatch = None
) -> Response:
    program = data_induk.ambil(session, ProgramBantuan, kode)
    return etag.jawab_rekaman(ProgramBantuanKeluar, program, if_none_match=if_none_match)


@router.post(
    "/program-bantuan",
    summary="Tambah program bantuan",
    status_code=201,
    response_model=ProgramBantuanKeluar,
    responses=etag.JAWABAN_BUAT,
)
def buat_program_bantuan(data: ProgramBantuanBuat, session: SessionDep, ktx: Tulis) -> Response:
    program = service.buat_program_bantuan(session, ktx, data)
    lokasi = f"/v1/program-bantuan/{program.kode}"
    return etag.jawab_rekaman(ProgramBantuanKeluar, program, status_code=201, lokasi=lokasi)


@router.patch(
    "/program-bantuan/{kode}",
    summary="Ubah program bantuan",
    response_model=ProgramBantuanKeluar,
    responses=etag.JAWABAN_UBAH,
)
def ubah_program_bantuan(
    kode: Kode,
    data: ProgramBantuanUbah,
    session: SessionDep,
    ktx: Tulis,
    if_match: etag.IfMatch = None,
) -> Response:
    program = service.ubah_program_bantuan(session, ktx, kode, data, if_match)
    return etag.jawab_rekaman(ProgramBantuanKeluar, program)


# --- perangkat daerah ------------------------------------------------------------------------


@router.get(
    "/perangkat-daerah",
    summary="Daftar perangkat daerah (Dinas Sosial provinsi dan kabupaten/kota)",
    response_model=Halaman[PerangkatDaerahKeluar],
    responses=etag.JAWABAN_BACA,
)
def daftar_perangkat_daerah(
    request: Request,
    session: SessionDep,
    _: Baca,
    if_none_match: etag.IfNoneMatch = None,
    tingkat: Annotated[
        TingkatPerangkatDaerah | None, Query(description="Hanya tingkat ini.")
    ] = None,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
) -> Response:
    """Dinas Sosial Provinsi NTT (`kode_wilayah` null: seluruh provinsi) dan Dinas Sosial
    di 22 kabupaten/kota, yang rencana dan anggarannya dikelola sistem ini."""
    saring = {"tingkat": tingkat}
    rows, next_cursor = data_induk.daftar(session, PerangkatDaerah, saring, limit, cursor)
    return etag.jawab_halaman(request, PerangkatDaerahKeluar, rows, next_cursor, if_none_match)


@router.get(
    "/perangkat-daerah/{kode}",
    summary="Satu perangkat daerah",
    response_model=PerangkatDaerahKeluar,
    responses=etag.JAWABAN_AMBIL,
)
def ambil_perangkat_daerah(
    kode: Kode, session: SessionDep, _: Baca, if_none_match: etag.IfNoneMatch = None
) -> Response:
    perangkat = data_induk.ambil(session, PerangkatDaerah, kode)
    return etag.jawab_rekaman(PerangkatDaerahKeluar, perangkat, if_none_match=if_none_match)


@router.post(
    "/perangkat-daerah",
    summary="Tambah perangkat daerah",
    status_code=201,
    response_model=PerangkatDaerahKeluar,
    responses=etag.JAWABAN_BUAT,
)
def buat_perangkat_daerah(data: PerangkatDaerahBuat, session: SessionDep, ktx: Tulis) -> Response:
    perangkat = service.buat_perangkat_daerah(session, ktx, data)
    lokasi = f"/v1/perangkat-daerah/{perangkat.kode}"
    return etag.jawab_rekaman(PerangkatDaerahKeluar, perangkat, status_code=201, lokasi=lokasi)


@router.patch(
    "/perangkat-daerah/{kode}",
    summary="Ubah perangkat daerah",
    response_model=PerangkatDaerahKeluar,
    responses=etag.JAWABAN_UBAH,
)
def ubah_perangkat_daerah(
    kode: Kode,
    data: PerangkatDaerahUbah,
    session: SessionDep,
    ktx: Tulis,
    if_match: etag.IfMatch = None,
) -> Response:
    perangkat = service.ubah_perangkat_daerah(session, ktx, kode, data, if_match)
    return etag.jawab_rekaman(PerangkatDaerahKeluar, perangkat)
