"""Performance computations for the API. Every number comes from `kinerja_core`.

Values stay exact until output: a goal's mean uses the indicators' unrounded capaian, and a
program's efisiensi subtracts the unrounded penyerapan; only the response is rounded.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass
from decimal import Decimal
from typing import Any

from dinsos_api.core.errors import Masalah
from dinsos_api.kinerja.schemas import (
    HasilPeriksa,
    HitungRequest,
    HitungResponse,
    IndikatorKeluar,
    IndikatorMasuk,
    KeseluruhanKeluar,
    PitaKeluar,
    ProgramKeluar,
    SasaranKeluar,
    SkalaKeluar,
    TemuanKeluar,
)
from kinerja_core import (
    SKALA_PERMENDAGRI_86_2017,
    Hasil,
    Laporan,
    Skala,
    bulatkan,
    hitung_capaian,
    hitung_efisiensi,
    hitung_gabung_komponen,
    hitung_penyerapan,
    hitung_rata_rata,
    klasifikasi,
    periksa_laporan,
)

SKALA = {"permendagri-86-2017": SKALA_PERMENDAGRI_86_2017}


def _bulat(nilai: Decimal | None) -> Decimal | None:
    return None if nilai is None else bulatkan(nilai)


def _penilaian(nilai: Decimal | None) -> dict[str, Any]:
    if nilai is None:
        return {"capaian": None, "kriteria": None, "warna": None}
    kriteria = klasifikasi(nilai)
    return {"capaian": bulatkan(nilai), "kriteria": kriteria.label, "warna": kriteria.warna}


@dataclass(frozen=True)
class _Indikator:
    masuk: IndikatorMasuk
    realisasi: Hasil
    capaian: Hasil


def _hitung_indikator(masuk: IndikatorMasuk) -> _Indikator:
    if masuk.komponen:
        realisasi = hitung_gabung_komponen(
            ((k.pembilang, k.penyebut) for k in masuk.komponen), masuk.cara_gabung
        )
    elif masuk.realisasi is None:
        realisasi = Hasil.kosong("realisasi belum diisi")
    else:
        realisasi = Hasil.ada(masuk.realisasi)
    if realisasi.nilai is None:
        capaian = realisasi
    else:
        capaian = hitung_capaian(realisasi.nilai, masuk.target, masuk.arah, masuk.metode_turun)
    return _Indikator(masuk, realisasi, capaian)


def _periksa_rujukan(req: HitungRequest) -> None:
    """Rules across fields that a JSON schema cannot state: unique codes, known references."""
    errors: list[dict[str, str]] = []
    seen: set[str] = set()
    for n, item in enumerate(req.indikator):
        if item.kode in seen:
            errors.append(
                {"field": f"indikator[{n}].kode", "message": f"kode '{item.kode}' sudah dipakai"}
            )
        seen.add(item.kode)
    for n, program in enumerate(req.program):
        for m, kode in enumerate(program.indikator):
            if kode not in seen:
                errors.append(
                    {
                        "field": f"program[{n}].indikator[{m}]",
                        "message": f"indikator '{kode}' tidak ada dalam daftar indikator",
                    }
                )
    if errors:
        raise Masalah(
            422,
            "Periksa kembali kode indikator: " + "; ".join(e["message"] for e in errors[:3]) + ".",
            jenis="validasi",
            errors=errors,
        )


def hitung(req: HitungRequest) -> HitungResponse:
    """Capaian per indicator, goal means, the overall mean and program efficiency."""
    _periksa_rujukan(req)
    indikator = [_hitung_indikator(i) for i in req.indikator]

    per_sasaran: dict[str | None, list[_Indikator]] = defaultdict(list)
    for item in indikator:
        per_sasaran[item.masuk.sasaran].append(item)
    sasaran_keluar: list[SasaranKeluar] = []
    rata_sasaran: list[tuple[str | None, Decimal | None]] = []
    for kode, anggota in per_sasaran.items():
        rata = hitung_rata_rata((i.capaian.nilai for i in anggota), req.batas_atas).nilai
        rata_sasaran.append((kode, rata))
        sasaran_keluar.append(
            SasaranKeluar(
                kode=kode,
                jumlah_indikator=len(anggota),
                indikator_tanpa_nilai=[i.masuk.kode for i in anggota if i.capaian.nilai is None],
                **_penilaian(rata),
            )
        )
    # Goal means are already capped; the overall mean is a plain mean of goals.
    keseluruhan = hitung_rata_rata(nilai for _, nilai in rata_sasaran).nilai

    by_kode = {i.masuk.kode: i for i in indikator}
    program_keluar = []
    for program in req.program:
        penyerapan = hitung_penyerapan(program.realisasi, program.pagu)
        capaian = hitung_rata_rata(
            (by_kode[k].capaian.nilai for k in program.indikator), req.batas_atas
        )
        if not program.indikator:
            capaian = Hasil.kosong("program tidak dikaitkan dengan indikator")
        efisiensi = hitung_efisiensi(capaian.nilai, penyerapan.nilai)
        catatan = [h.alasan for h in (penyerapan, capaian) if h.alasan]
        program_keluar.append(
            ProgramKeluar(
                kode=program.kode,
                nama=program.nama,
                pagu=program.pagu,
                realisasi=program.realisasi,
                penyerapan=_bulat(penyerapan.nilai),
                capaian=_bulat(capaian.nilai),
                efisiensi=_bulat(efisiensi.nilai),
                catatan="; ".join(catatan) or None,
            )
        )

    return HitungResponse(
        indikator=[
            IndikatorKeluar(
                kode=i.masuk.kode,
                nama=i.masuk.nama,
                sasaran=i.masuk.sasaran,
                target=i.masuk.target,
                realisasi=_bulat(i.realisasi.nilai),
                catatan=i.capaian.alasan,
                **_penilaian(i.capaian.nilai),
            )
            for i in indikator
        ],
        sasaran=sasaran_keluar,
        keseluruhan=KeseluruhanKeluar(
            jumlah_sasaran=len(rata_sasaran),
            sasaran_tanpa_nilai=[kode for kode, nilai in rata_sasaran if nilai is None],
            **_penilaian(keseluruhan),
        ),
        program=program_keluar,
    )


def periksa(laporan: Laporan) -> HasilPeriksa:
    """Every discrepancy of a printed report, as found by `kinerja_core.periksa_laporan`."""
    try:
        hasil = periksa_laporan(laporan)
    except ValueError as exc:  # the library's word for input it cannot check
        raise Masalah(422, f"Laporan tidak dapat diperiksa: {exc}.", jenis="validasi") from exc
    temuan = [TemuanKeluar.model_validate(asdict(t) | {"jenis": t.jenis.value}) for t in hasil]
    return HasilPeriksa(jumlah=len(temuan), temuan=temuan)


def daftar_skala() -> list[SkalaKeluar]:
    return [_skala_keluar(kode, skala) for kode, skala in SKALA.items()]


def _skala_keluar(kode: str, skala: Skala) -> SkalaKeluar:
    pita = []
    batas_atas: Decimal | None = None
    for kriteria in skala.pita:
        pita.append(
            PitaKeluar(
                label=kriteria.label,
                warna=kriteria.warna,
                batas_bawah=kriteria.batas_bawah,
                batas_atas=batas_atas,
            )
        )
        batas_atas = kriteria.batas_bawah
    return SkalaKeluar(
        kode=kode,
        nama=skala.nama,
        sumber=skala.sumber,
        aturan=(
            "Nilai dibulatkan 2 angka di belakang koma (half-up), lalu masuk ke pita pertama "
            "yang batas bawahnya ≤ nilai. Pita setengah terbuka tanpa celah; di atas 100 "
            "tetap pita teratas, nilai negatif pita terbawah."
        ),
        pita=pita,
    )
