"""Stateless performance computation over HTTP (thin: the logic is in service.py)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends

from dinsos_api.core.akses import Izin, Konteks
from dinsos_api.kinerja import service
from dinsos_api.kinerja.schemas import HitungRequest, HitungResponse, SkalaKeluar

router = APIRouter(tags=["kinerja"])


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


@router.get("/skala", summary="Skala penilaian kinerja", response_model=list[SkalaKeluar])
def skala(_: Annotated[Konteks, Depends(Izin("skala", "baca"))]) -> list[SkalaKeluar]:
    """Pita kriteria (label, warna, batas) yang dipakai untuk menilai capaian."""
    return service.daftar_skala()
