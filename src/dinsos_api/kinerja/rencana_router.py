"""Performance plans over HTTP (thin: the logic is in rencana_service.py and pengukuran.py).

Every role reads; admin, operator_provinsi and operator_kabkota (its own district's perangkat
daerah only) write; closing input windows is for admin and operator_provinsi, reopening for
admin.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Header, Path, Query, Request, Response

from dinsos_api.core import etag
from dinsos_api.core.akses import Izin, Konteks
from dinsos_api.core.db import SessionDep
from dinsos_api.core.errors import PROBLEM_JSON
from dinsos_api.core.paginasi import CursorQuery, Halaman, LimitQuery
from dinsos_api.kinerja import keluaran, pengukuran
from dinsos_api.kinerja import rencana_service as service
from dinsos_api.kinerja.rencana_schemas import (
    TAHUN_MAKS,
    TAHUN_MIN,
    CapaianKeluar,
    IndikatorBuat,
    IndikatorKinerjaKeluar,
    IndikatorUbah,
    PeriodeKeluar,
    PeriodeUbah,
    RealisasiIsi,
    RealisasiKeluar,
    RenstraBuat,
    RenstraKeluar,
    RenstraRingkas,
    RingkasanCapaianKeluar,
    SumberTarget,
    TargetIsi,
    TargetKeluar,
)

router = APIRouter(tags=["rencana kinerja"])

Baca = Annotated[Konteks, Depends(Izin("rencana_kinerja", "baca"))]
Tulis = Annotated[Konteks, Depends(Izin("rencana_kinerja", "tulis"))]
Tutup = Annotated[Konteks, Depends(Izin("periode_kinerja", "tutup"))]
Buka = Annotated[Konteks, Depends(Izin("periode_kinerja", "buka"))]

IdPath = Annotated[str, Path(max_length=32, pattern=r"^[0-9a-f]{1,32}$")]
PdPath = Annotated[str, Path(max_length=64, pattern=r"^[a-z0-9][a-z0-9_]*$")]
TahunPath = Annotated[int, Path(ge=TAHUN_MIN, le=TAHUN_MAKS)]
TahunQuery = Annotated[int, Query(ge=TAHUN_MIN, le=TAHUN_MAKS, description="Tahun kinerja.")]
TriwulanQuery = Annotated[
    int | None, Query(ge=1, le=4, description="Triwulan 1–4; kosong: setahun penuh.")
]
SumberTargetQuery = Annotated[
    SumberTarget,
    Query(description="Dokumen asal target: pk (bawaan), renstra, atau perubahan_pk."),
]
PdQuery = Annotated[
    str | None,
    Query(max_length=64, pattern=r"^[a-z0-9][a-z0-9_]*$", description="Kode perangkat daerah."),
]


def _masalah(deskripsi: str) -> dict[str, Any]:
    return {
        "description": deskripsi,
        "content": {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}},
    }


_DI_LUAR_WILAYAH: dict[int | str, dict[str, Any]] = {
    403: _masalah("Perangkat daerah di luar wilayah Anda")
}
_JAWABAN_TULIS: dict[int | str, dict[str, Any]] = {
    **etag.JAWABAN_UBAH,
    **_DI_LUAR_WILAYAH,
    201: {"description": "Dibuat", "headers": {"Location": {"schema": {"type": "string"}}}},
    423: _masalah("Periode sudah ditutup"),
}


# --- Renstra ---------------------------------------------------------------------------------


@router.get(
    "/renstra",
    summary="Daftar Renstra",
    response_model=Halaman[RenstraRingkas],
    responses=etag.JAWABAN_BACA,
)
def daftar_renstra(
    request: Request,
    session: SessionDep,
    _: Baca,
    perangkat_daerah: PdQuery = None,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
    if_none_match: etag.IfNoneMatch = None,
) -> Response:
    rows, next_cursor = service.daftar_renstra(session, perangkat_daerah, limit, cursor)
    data = [keluaran.renstra_ringkas(r) for r in rows]
    return keluaran.halaman(request, data, next_cursor, if_none_match)


@router.post(
    "/renstra",
    summary="Tambah Renstra beserta tujuan dan sasaran strategisnya",
    status_code=201,
    response_model=RenstraKeluar,
    responses={**etag.JAWABAN_BUAT, **_DI_LUAR_WILAYAH},
)
def buat_renstra(data: RenstraBuat, session: SessionDep, ktx: Tulis) -> Response:
    pohon = service.buat_renstra(session, ktx, data)
    return etag.jawab(
        keluaran.renstra(pohon),
        etag=pohon.renstra.etag(),
        status_code=201,
        headers={"Location": f"/v1/renstra/{pohon.renstra.id}"},
    )


@router.get(
    "/renstra/{renstra_id}",
    summary="Satu Renstra: tujuan dan sasaran strategis",
    response_model=RenstraKeluar,
    responses=etag.JAWABAN_AMBIL,
)
def ambil_renstra(
    renstra_id: IdPath, session: SessionDep, _: Baca, if_none_match: etag.IfNoneMatch = None
) -> Response:
    pohon = service.ambil_renstra(session, renstra_id)
    return etag.jawab(keluaran.renstra(pohon), if_none_match=if_none_match)


# --- indikator -------------------------------------------------------------------------------


@router.get(
    "/indikator",
    summary="Daftar indikator kinerja",
    response_model=Halaman[IndikatorKinerjaKeluar],
    responses=etag.JAWABAN_BACA,
)
def daftar_indikator(
    request: Request,
    session: SessionDep,
    _: Baca,
    perangkat_daerah: PdQuery = None,
    renstra_id: Annotated[str | None, Query(max_length=32)] = None,
    sasaran_id: Annotated[str | None, Query(max_length=32)] = None,
    iku: Annotated[bool | None, Query(description="Hanya IKU (true) atau bukan IKU.")] = None,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
    if_none_match: etag.IfNoneMatch = None,
) -> Response:
    saring = service.SaringIndikator(perangkat_daerah, renstra_id, sasaran_id, iku)
    rows, next_cursor = service.daftar_indikator(session, saring, limit, cursor)
    data = [keluaran.indikator(i) for i in rows]
    return keluaran.halaman(request, data, next_cursor, if_none_match)


@router.post(
    "/indikator",
    summary="Tambah indikator kinerja pada sasaran strategis",
    status_code=201,
    response_model=IndikatorKinerjaKeluar,
    responses={**etag.JAWABAN_BUAT, **_DI_LUAR_WILAYAH},
)
def buat_indikator(data: IndikatorBuat, session: SessionDep, ktx: Tulis) -> Response:
    indikator = service.buat_indikator(session, ktx, data)
    return keluaran.jawab_indikator(indikator, status_code=201)


@router.get(
    "/indikator/{indikator_id}",
    summary="Satu indikator kinerja",
    response_model=IndikatorKinerjaKeluar,
    responses=etag.JAWABAN_AMBIL,
)
def ambil_indikator(
    indikator_id: IdPath, session: SessionDep, _: Baca, if_none_match: etag.IfNoneMatch = None
) -> Response:
    indikator = service.ambil_indikator(session, indikator_id)
    return keluaran.jawab_indikator(indikator, if_none_match=if_none_match)


@router.patch(
    "/indikator/{indikator_id}",
    summary="Ubah indikator kinerja",
    response_model=IndikatorKinerjaKeluar,
    responses={**etag.JAWABAN_UBAH, **_DI_LUAR_WILAYAH},
)
def ubah_indikator(
    indikator_id: IdPath,
    data: IndikatorUbah,
    session: SessionDep,
    ktx: Tulis,
    if_match: etag.IfMatch = None,
) -> Response:
    indikator = service.ubah_indikator(session, ktx, indikator_id, data, if_match)
    return keluaran.jawab_indikator(indikator)


# --- target ----------------------------------------------------------------------------------


@router.get(
    "/indikator/{indikator_id}/target",
    summary="Target indikator per tahun dan dokumen",
    response_model=Halaman[TargetKeluar],
    responses=etag.JAWABAN_AMBIL,
)
def daftar_target(
    request: Request,
    indikator_id: IdPath,
    session: SessionDep,
    _: Baca,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
    if_none_match: etag.IfNoneMatch = None,
) -> Response:
    rows, next_cursor = service.daftar_target(session, indikator_id, limit, cursor)
    data = [TargetKeluar.model_validate(r, from_attributes=True) for r in rows]
    return keluaran.halaman(request, data, next_cursor, if_none_match)


@router.put(
    "/indikator/{indikator_id}/target/{sumber}/{tahun}",
    summary="Isi target indikator untuk satu tahun menurut satu dokumen",
    response_model=TargetKeluar,
    responses=_JAWABAN_TULIS,
)
def simpan_target(
    indikator_id: IdPath,
    sumber: SumberTarget,
    tahun: TahunPath,
    data: TargetIsi,
    session: SessionDep,
    ktx: Tulis,
    if_match: Annotated[
        str | None,
        Header(
            alias="If-Match",
            description="Wajib bila target sudah ada: ETag target itu (dari GET atau PUT "
            "sebelumnya).",
        ),
    ] = None,
) -> Response:
    """Dokumen: renstra, pk (Perjanjian Kinerja) atau perubahan_pk. Target baru: 201."""
    rekaman, baru = service.simpan_target(session, ktx, indikator_id, sumber, tahun, data, if_match)
    lokasi = f"/v1/indikator/{indikator_id}/target/{sumber.value}/{tahun}" if baru else None
    return etag.jawab_rekaman(
        TargetKeluar, rekaman, status_code=201 if baru else 200, lokasi=lokasi
    )


# --- realisasi -------------------------------------------------------------------------------


@router.get(
    "/indikator/{indikator_id}/realisasi",
    summary="Realisasi indikator per tahun dan triwulan",
    response_model=Halaman[RealisasiKeluar],
    responses=etag.JAWABAN_AMBIL,
)
def daftar_realisasi(
    request: Request,
    indikator_id: IdPath,
    session: SessionDep,
    _: Baca,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
    if_none_match: etag.IfNoneMatch = None,
) -> Response:
    rows, next_cursor = service.daftar_realisasi(session, indikator_id, limit, cursor)
    data = [keluaran.realisasi(r) for r in rows]
    return keluaran.halaman(request, data, next_cursor, if_none_match)


@router.put(
    "/indikator/{indikator_id}/realisasi/{tahun}",
    summary="Isi realisasi indikator (nilai atau pasangan pembilang/penyebut) dan uraiannya",
    response_model=RealisasiKeluar,
    responses=_JAWABAN_TULIS,
)
def simpan_realisasi(
    indikator_id: IdPath,
    tahun: TahunPath,
    data: RealisasiIsi,
    session: SessionDep,
    ktx: Tulis,
    triwulan: TriwulanQuery = None,
    if_match: Annotated[
        str | None,
        Header(
            alias="If-Match",
            description="Wajib bila realisasi sudah ada: ETag realisasi itu.",
        ),
    ] = None,
) -> Response:
    """Realisasi setahun (tanpa `triwulan`) atau satu triwulan. Realisasi baru: 201."""
    rekaman, baru = service.simpan_realisasi(
        session, ktx, indikator_id, tahun, triwulan, data, if_match
    )
    lokasi = None
    if baru:
        lokasi = f"/v1/indikator/{indikator_id}/realisasi/{tahun}"
        lokasi += f"?triwulan={triwulan}" if triwulan else ""
    return etag.jawab(
        keluaran.realisasi(rekaman),
        etag=rekaman.etag(),
        status_code=201 if baru else 200,
        headers={"Location": lokasi} if lokasi else None,
    )


# --- capaian ---------------------------------------------------------------------------------


@router.get(
    "/indikator/{indikator_id}/capaian",
    summary="Capaian, kriteria dan warna satu indikator",
    response_model=CapaianKeluar,
    responses=etag.JAWABAN_AMBIL,
)
def capaian_indikator(
    indikator_id: IdPath,
    tahun: TahunQuery,
    session: SessionDep,
    _: Baca,
    triwulan: TriwulanQuery = None,
    sumber_target: SumberTargetQuery = SumberTarget.PK,
    if_none_match: etag.IfNoneMatch = None,
) -> Response:
    """Capaian = realisasi ÷ target × 100 (arah naik), dengan target dari dokumen
    `sumber_target` (bawaan: PK). Realisasi triwulan dibandingkan dengan target tahunan."""
    hasil = pengukuran.capaian_indikator(
        session, indikator_id, tahun=tahun, triwulan=triwulan, sumber_target=sumber_target
    )
    return etag.jawab(keluaran.capaian(hasil), if_none_match=if_none_match)


@router.get(
    "/capaian-kinerja",
    summary="Capaian kinerja satu perangkat daerah: indikator, sasaran dan keseluruhan",
    response_model=RingkasanCapaianKeluar,
    responses=etag.JAWABAN_AMBIL,
)
def capaian_kinerja(
    perangkat_daerah: Annotated[
        str, Query(max_length=64, pattern=r"^[a-z0-9][a-z0-9_]*$", examples=["dinsos_53"])
    ],
    tahun: TahunQuery,
    session: SessionDep,
    _: Baca,
    sumber_target: SumberTargetQuery = SumberTarget.PK,
    hanya_iku: Annotated[bool, Query(description="Hanya IKU (bawaan) atau semua.")] = True,
    batas_atas: Annotated[
        int | None,
        Query(
            ge=1,
            le=1000,
            description="Batas atas capaian (persen, bilangan bulat) saat dirata-rata, mis. "
            "100. Kosong: tanpa batas.",
        ),
    ] = None,
    if_none_match: etag.IfNoneMatch = None,
) -> Response:
    """LKIP Tabel 3.2/3.4: rata-rata sederhana capaian indikator per sasaran strategis, lalu
    rata-rata sederhana antar sasaran. Indikator tanpa nilai tidak ikut dirata-rata."""
    hasil = pengukuran.capaian_iku(
        session,
        perangkat_daerah=perangkat_daerah,
        tahun=tahun,
        sumber_target=sumber_target,
        hanya_iku=hanya_iku,
        batas_atas=None if batas_atas is None else Decimal(batas_atas),
    )
    return etag.jawab(keluaran.ringkasan(hasil), if_none_match=if_none_match)


# --- periode ---------------------------------------------------------------------------------


@router.get(
    "/periode-kinerja",
    summary="Periode pengisian kinerja (terbuka atau ditutup)",
    response_model=Halaman[PeriodeKeluar],
    responses=etag.JAWABAN_BACA,
)
def daftar_periode(
    request: Request,
    session: SessionDep,
    _: Baca,
    perangkat_daerah: PdQuery = None,
    tahun: Annotated[int | None, Query(ge=TAHUN_MIN, le=TAHUN_MAKS)] = None,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
    if_none_match: etag.IfNoneMatch = None,
) -> Response:
    """Periode yang tidak tercantum masih terbuka."""
    rows, next_cursor = service.daftar_periode(session, perangkat_daerah, tahun, limit, cursor)
    data = [keluaran.periode(p) for p in rows]
    return keluaran.halaman(request, data, next_cursor, if_none_match)


_JAWABAN_PERIODE: dict[int | str, dict[str, Any]] = {
    **_DI_LUAR_WILAYAH,
    404: _masalah("Perangkat daerah tidak ditemukan"),
}


@router.post(
    "/periode-kinerja/{perangkat_daerah}/{tahun}/tutup",
    summary="Tutup periode pengisian target dan realisasi",
    response_model=PeriodeKeluar,
    responses=_JAWABAN_PERIODE,
)
def tutup_periode(
    perangkat_daerah: PdPath,
    tahun: TahunPath,
    session: SessionDep,
    ktx: Tutup,
    triwulan: TriwulanQuery = None,
    data: Annotated[PeriodeUbah | None, Body()] = None,
) -> PeriodeKeluar:
    """Tanpa `triwulan`: seluruh tahun (target dan semua realisasinya). Setelah ditutup,
    perubahan ditolak (423) kecuali oleh admin."""
    alasan = data.alasan if data else None
    periode = service.atur_periode(
        session, ktx, perangkat_daerah, tahun, triwulan, ditutup=True, alasan=alasan
    )
    return keluaran.periode(periode)


@router.post(
    "/periode-kinerja/{perangkat_daerah}/{tahun}/buka",
    summary="Buka kembali periode pengisian (admin)",
    response_model=PeriodeKeluar,
    responses=_JAWABAN_PERIODE,
)
def buka_periode(
    perangkat_daerah: PdPath,
    tahun: TahunPath,
    session: SessionDep,
    ktx: Buka,
    triwulan: TriwulanQuery = None,
    data: Annotated[PeriodeUbah | None, Body()] = None,
) -> PeriodeKeluar:
    alasan = data.alasan if data else None
    periode = service.atur_periode(
        session, ktx, perangkat_daerah, tahun, triwulan, ditutup=False, alasan=alasan
    )
    return keluaran.periode(periode)
