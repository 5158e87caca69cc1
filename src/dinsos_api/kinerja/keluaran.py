"""Stored records and computed results as response models (rounded only here, on output)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from fastapi import Request, Response
from pydantic import BaseModel

from dinsos_api.core import etag
from dinsos_api.core.paginasi import pasang_link
from dinsos_api.kinerja.models import (
    IndikatorKinerja,
    PeriodeKinerja,
    RealisasiKinerja,
    Renstra,
)
from dinsos_api.kinerja.pengukuran import (
    CapaianIndikator,
    KomponenHasil,
    RingkasanCapaian,
)
from dinsos_api.kinerja.rencana_schemas import (
    BuktiKeluar,
    CapaianKeluar,
    IndikatorKinerjaKeluar,
    KomponenKeluar,
    PeriodeKeluar,
    RealisasiKeluar,
    RenstraKeluar,
    RenstraRingkas,
    RingkasanCapaianKeluar,
    SasaranCapaianKeluar,
    SasaranKeluar,
    TujuanKeluar,
)
from dinsos_api.kinerja.rencana_service import PohonRenstra
from kinerja_core import Hasil, Kriteria, hitung_rasio


def _penilaian(hasil: Hasil, kriteria: Kriteria | None) -> dict[str, Any]:
    return {
        "capaian": hasil.dibulatkan(),
        "kriteria": kriteria.label if kriteria else None,
        "warna": kriteria.warna if kriteria else None,
    }


def halaman(
    request: Request, data: Sequence[BaseModel], next_cursor: str | None, if_none_match: str | None
) -> Response:
    response = etag.jawab(
        {"data": list(data), "next_cursor": next_cursor}, if_none_match=if_none_match
    )
    pasang_link(request, response, next_cursor)
    return response


def renstra_ringkas(r: Renstra) -> RenstraRingkas:
    return RenstraRingkas(
        id=r.id,
        perangkat_daerah=r.perangkat_daerah_kode,
        nama=r.nama,
        tahun_awal=r.tahun_awal,
        tahun_akhir=r.tahun_akhir,
        created_at=r.created_at,
        updated_at=r.updated_at,
    )


def renstra(pohon: PohonRenstra) -> RenstraKeluar:
    return RenstraKeluar(
        **renstra_ringkas(pohon.renstra).model_dump(),
        tujuan=[
            TujuanKeluar(
                id=t.id,
                kode=t.kode,
                nama=t.nama,
                sasaran=[SasaranKeluar(id=s.id, kode=s.kode, nama=s.nama) for s in sasaran],
            )
            for t, sasaran in pohon.tujuan
        ],
    )


def indikator(i: IndikatorKinerja) -> IndikatorKinerjaKeluar:
    return IndikatorKinerjaKeluar.model_validate(
        i.model_dump() | {"perangkat_daerah": i.perangkat_daerah_kode}
    )


def jawab_indikator(
    i: IndikatorKinerja, *, status_code: int = 200, if_none_match: str | None = None
) -> Response:
    return etag.jawab(
        indikator(i),
        etag=i.etag(),
        status_code=status_code,
        if_none_match=if_none_match,
        headers={"Location": f"/v1/indikator/{i.id}"} if status_code == 201 else None,
    )


def _komponen_tersimpan(k: dict[str, Any]) -> KomponenKeluar:
    pembilang, penyebut = Decimal(k["pembilang"]), Decimal(k["penyebut"])
    persen = hitung_rasio(pembilang, penyebut)
    return KomponenKeluar(
        uraian=k.get("uraian"),
        pembilang_uraian=k.get("pembilang_uraian"),
        penyebut_uraian=k.get("penyebut_uraian"),
        pembilang=pembilang,
        penyebut=penyebut,
        persen=persen.dibulatkan(),
        catatan=persen.alasan,
    )


def realisasi(r: RealisasiKinerja) -> RealisasiKeluar:
    return RealisasiKeluar(
        id=r.id,
        indikator_id=r.indikator_id,
        tahun=r.tahun,
        triwulan=r.triwulan or None,
        nilai=None if r.nilai is None else Decimal(r.nilai),
        komponen=[_komponen_tersimpan(k) for k in r.komponen],
        faktor_pendukung=r.faktor_pendukung,
        faktor_penghambat=r.faktor_penghambat,
        solusi=r.solusi,
        rencana_tindak_lanjut=r.rencana_tindak_lanjut,
        bukti=[BuktiKeluar.model_validate(b) for b in r.bukti],
        versi=r.versi,
        updated_at=r.updated_at,
    )


def periode(p: PeriodeKinerja) -> PeriodeKeluar:
    return PeriodeKeluar(
        id=p.id,
        perangkat_daerah=p.perangkat_daerah_kode,
        tahun=p.tahun,
        triwulan=p.triwulan or None,
        ditutup=p.ditutup,
        alasan=p.alasan,
        diubah_oleh=p.diubah_oleh,
        updated_at=p.updated_at,
    )


def _komponen(k: KomponenHasil) -> KomponenKeluar:
    return KomponenKeluar(
        uraian=k.uraian,
        pembilang_uraian=k.pembilang_uraian,
        penyebut_uraian=k.penyebut_uraian,
        pembilang=k.pembilang,
        penyebut=k.penyebut,
        persen=k.persen.dibulatkan(),
        catatan=k.persen.alasan,
    )


def capaian(c: CapaianIndikator) -> CapaianKeluar:
    return CapaianKeluar(
        indikator_id=c.indikator_id,
        kode=c.kode,
        nama=c.nama,
        satuan=c.satuan,
        arah=c.arah,
        iku=c.iku,
        sasaran_kode=c.sasaran_kode,
        tahun=c.tahun,
        triwulan=c.triwulan,
        sumber_target=c.sumber_target,
        target=c.target,
        realisasi=c.realisasi.dibulatkan(),
        sumber_realisasi=c.sumber_realisasi,
        komponen=[_komponen(k) for k in c.komponen],
        catatan=c.capaian.alasan,
        **_penilaian(c.capaian, c.kriteria),
    )


def ringkasan(r: RingkasanCapaian) -> RingkasanCapaianKeluar:
    return RingkasanCapaianKeluar(
        perangkat_daerah=r.perangkat_daerah,
        tahun=r.tahun,
        sumber_target=r.sumber_target,
        batas_atas=r.batas_atas,
        indikator=[capaian(c) for c in r.indikator],
        sasaran=[
            SasaranCapaianKeluar(
                kode=s.kode,
                nama=s.nama,
                jumlah_indikator=len(s.indikator),
                indikator_tanpa_nilai=list(s.indikator_tanpa_nilai),
                **_penilaian(s.capaian, s.kriteria),
            )
            for s in r.sasaran
        ],
        sasaran_tanpa_nilai=list(r.sasaran_tanpa_nilai),
        **_penilaian(r.capaian, r.kriteria),
    )
