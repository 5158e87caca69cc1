"""Stateless performance computation over HTTP (thin: the logic is in service.py)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body, Depends

from dinsos_api.core.akses import Izin, Konteks
from dinsos_api.core.paginasi import Halaman
from dinsos_api.demo import laporan_lkip_2024
from dinsos_api.kinerja import rencana_router, service
from dinsos_api.kinerja.schemas import HasilPeriksa, HitungRequest, HitungResponse, SkalaKeluar
from kinerja_core import Laporan

router = APIRouter(tags=["kinerja"])
# Renstra, indicators, targets, realisations and input windows (rencana_router.py).
router.include_router(rencana_router.router)

CONTOH_PERIKSA = {
    "lkip-2024": {
        "summary": "LKIP 2024 Dinas Sosial Provinsi NTT, seperti tercetak",
        "value": laporan_lkip_2024(),
    }
}


@router.post(
    "/kinerja/hitung",
    summary="Hitung capaian, kriteria, rata-rata sasaran dan efisiensi program",
    response_model=HitungResponse,
    responses={422: {"description": "Data tidak valid"}},
)
def hitung(
    req: HitungRequest, _: Annotated[Konteks, Depends(Izin("kinerja", "hitung"))]
) -> HitungResponse:
    """Capaian = realisasi ÷ target × 100 (arah naik) atau (2 × target − realisasi) ÷ target ×
    100 (arah turun), kriteria menurut Permendagri 86/2017, rata-rata sederhana per sasaran dan
    keseluruhan, penyerapan dan efisiensi (bertanda) per program. Angka boleh dikirim sebagai
    angka JSON atau teks desimal ("88.32")."""
    return service.hitung(req)


@router.post(
    "/kinerja/periksa",
    summary="Periksa laporan kinerja (LKIP) yang tercetak: semua angka yang tidak konsisten",
    response_model=HasilPeriksa,
    responses={422: {"description": "Data tidak valid"}},
)
def periksa(
    laporan: Annotated[Laporan, Body(openapi_examples=CONTOH_PERIKSA)],
    _: Annotated[Konteks, Depends(Izin("kinerja", "hitung"))],
) -> HasilPeriksa:
    """Laporan dikirim seperti tercetak (nilai kosong atau '-' ditulis null, bukan 0):
    tabel IKU, tabel pengukuran, perbandingan antar tahun, efisiensi, pohon anggaran, target
    di berbagai tabel, dan pernyataan naratif yang memuat angka. Jawaban: setiap persentase
    yang tidak mengikuti dari masukannya, anak yang tidak berjumlah sama dengan induknya,
    kriteria yang tidak sesuai skala, efisiensi dengan tanda yang salah, dan sebagainya,
    masing-masing dengan nilai yang seharusnya dan penjelasannya."""
    return service.periksa(laporan)


@router.get("/skala", summary="Skala penilaian kinerja", response_model=Halaman[SkalaKeluar])
def skala(_: Annotated[Konteks, Depends(Izin("skala", "baca"))]) -> Halaman[SkalaKeluar]:
    """Pita kriteria (label, warna, batas) yang dipakai untuk menilai capaian, dalam amplop
    daftar yang sama dengan daftar lain (`next_cursor` selalu null)."""
    return Halaman(data=service.daftar_skala(), next_cursor=None)
