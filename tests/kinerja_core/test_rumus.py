"""kinerja_core.rumus: the LKIP 2024 oracle (sections a and b) and the formulas' properties.

Case numbers (A1, T1, P1, S1, B1, …) are those of the oracle for LKIP 2024.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from itertools import pairwise
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from kinerja_core import (
    SKALA_PERMENDAGRI_86_2017,
    Arah,
    CaraGabung,
    Hasil,
    MetodeTurun,
    bulatkan,
    cagr,
    capaian,
    efisiensi,
    gabung_komponen,
    hitung_cagr,
    hitung_capaian,
    hitung_efisiensi,
    hitung_gabung_komponen,
    hitung_jumlah,
    hitung_median,
    hitung_penyerapan,
    hitung_pertumbuhan,
    hitung_rasio,
    hitung_rata_rata,
    hitung_rata_rata_pertumbuhan,
    jumlah,
    klasifikasi,
    median,
    parse_angka,
    parse_angka_atau_kosong,
    penyerapan,
    pertumbuhan,
    rasio,
    rata_rata,
    rata_rata_pertumbuhan,
)
from tests.kinerja_core.lkip2024 import BARIS, BARIS_P, CEK_JUMLAH, CEK_S, Baris, CekJumlah

D = Decimal


def dua(nilai: Decimal | None) -> Decimal:
    """Rounded for comparison with a printed value; the value must exist."""
    assert nilai is not None
    return bulatkan(nilai)


# Tabel 3.5: the ten numerator/denominator pairs of IKU1 (oracle A6–A15).
TABEL_3_5 = [
    (220, 220),
    (30667, 30667),
    (22, 22),
    (21, 21),
    (40, 40),
    (270, 270),
    (137, 137),
    (50, 50),
    (2729, 2729),
    (42, 42),
]


# --- (a) A.1: indicators, aggregation, classification, sub-measures, efficiency, totals ------


def test_A1_rata_rata_capaian_tercetak() -> None:
    assert dua(rata_rata([100, D("88.32")])) == D("94.16")


def test_A2_rata_rata_keseluruhan_satu_sasaran() -> None:
    assert dua(rata_rata([D("94.16")])) == D("94.16")


@pytest.mark.parametrize(
    ("kasus", "nilai", "label"),
    [("A3", "100", "Sangat Baik"), ("A4", "88.32", "Baik"), ("A5", "94.16", "Sangat Baik")],
)
def test_A3_A5_klasifikasi(kasus: str, nilai: str, label: str) -> None:
    assert klasifikasi(nilai).label == label


@pytest.mark.parametrize(("pembilang", "penyebut"), TABEL_3_5, ids=[f"A{n}" for n in range(6, 16)])
def test_A6_A15_rasio_tabel_3_5(pembilang: int, penyebut: int) -> None:
    assert dua(rasio(pembilang, penyebut)) == D("100.00")


def test_A16_gabungan_tabel_3_5() -> None:
    assert dua(rata_rata([rasio(a, b) for a, b in TABEL_3_5])) == D("100.00")
    assert dua(gabung_komponen(TABEL_3_5, CaraGabung.RATA_RATA)) == D("100.00")
    assert dua(gabung_komponen(TABEL_3_5, CaraGabung.GABUNGAN)) == D("100.00")
    assert jumlah(a for a, _ in TABEL_3_5) == jumlah(b for _, b in TABEL_3_5) == 34198


@pytest.mark.parametrize(
    ("kasus", "capaian_", "penyerapan_", "diharapkan"),
    [
        ("A17", "100", "93.03", "6.97"),  # float would give 6.969999999999999
        ("A18", "100", "89.04", "10.96"),
        ("A19", "100", "62.06", "37.94"),
        ("A20", "100", "91.43", "8.57"),
        ("A21", "94.16", "88.32", "5.84"),
    ],
)
def test_A17_A21_efisiensi(kasus: str, capaian_: str, penyerapan_: str, diharapkan: str) -> None:
    # exact, no rounding needed
    assert efisiensi(capaian_, penyerapan_) == D(diharapkan)


def test_A22_penyerapan_total() -> None:
    hasil = penyerapan(realisasi=parse_angka("54.237.655.066"), pagu=parse_angka("69.778.653.677"))
    assert dua(hasil) == D("77.73")


def test_A23_jumlah_pagu_tujuh_program() -> None:
    program = [b for b in BARIS if b.level == "program" and b.source.startswith("sec 3.7")]
    assert len(program) == 7
    assert jumlah(b.pagu for b in program) == parse_angka("69.778.653.677")


def test_A24_jumlah_anggaran_program_tabel_2_3() -> None:
    tabel_2_3 = [
        "34.704.270.672",
        "1.542.150.000",
        "299.400.000",
        "15.337.979.830",
        "17.359.347.000",
        "331.506.175",
        "204.000.000",
    ]
    assert jumlah(parse_angka(x) for x in tabel_2_3) == parse_angka("Rp. 69.778.653.677,-")


def test_A25_belanja_ditambah_pendapatan() -> None:
    assert jumlah([parse_angka("69.778.653.677"), parse_angka("100.000.000")]) == parse_angka(
        "69.878.653.677"
    )


# --- (a) A.2: rounding ties and edge rows (only Decimal half-up reproduces all three ties) ----


@pytest.mark.parametrize(
    ("kasus", "pagu", "realisasi", "diharapkan"),
    [
        ("T1", "2.000.000", "1.941.900", "97.10"),  # exact 97.095
        ("T2", "90.000.000", "85.252.500", "94.73"),  # exact 94.725
        ("T3", "40.000.000", "35.778.000", "89.45"),  # exact 89.445
        ("T4", "8.810.000", "8.809.762", "100.00"),
        ("T5", "3.033.850.000", "3.033.759.750", "100.00"),
        ("T6", "250.000", "0", "0.00"),
    ],
)
def test_T1_T6_pembulatan_anggaran(kasus: str, pagu: str, realisasi: str, diharapkan: str) -> None:
    hasil = dua(penyerapan(realisasi=parse_angka(realisasi), pagu=parse_angka(pagu)))
    assert str(hasil) == diharapkan


def test_T1_T3_adalah_seri_tepat() -> None:
    assert penyerapan(realisasi=1941900, pagu=2000000) == D("97.095")
    assert penyerapan(realisasi=85252500, pagu=90000000) == D("94.725")
    assert penyerapan(realisasi=35778000, pagu=40000000) == D("89.445")


# --- (a) A.3: the 135 budget-absorption rows that match (P1–P135) ----------------------------


def test_P_jumlah_baris() -> None:
    assert len(BARIS_P) == 135
    assert BARIS_P[0].name == "Program Penunjang Urusan Pemerintahan Daerah Provinsi"  # P1
    assert BARIS_P[9].pagu == "2000000"  # P10 = T1
    assert BARIS_P[111].source.startswith("sec 3.8")  # P112: first summary-table row
    assert BARIS_P[134].name == "Pengelolaan Taman Makam Pahlawanan Nasional Provinsi"  # P135


@pytest.mark.parametrize("baris", BARIS_P, ids=[f"P{n}" for n in range(1, len(BARIS_P) + 1)])
def test_P_penyerapan_sesuai_cetakan(baris: Baris) -> None:
    hasil = dua(penyerapan(realisasi=baris.realisasi, pagu=baris.pagu))
    tercetak = D(baris.printed_percent)
    assert hasil == D(baris.recomputed_percent_2dp_half_up)
    if tercetak.as_tuple().exponent == -2:
        assert hasil == tercetak
    else:  # printed as an integer ('100', '0'): agrees to the printed precision
        assert bulatkan(hasil, 0) == tercetak
        assert abs(hasil - tercetak) <= D("0.01")


# --- (a) A.4: parent = sum of children, where it holds (S1–S52) ------------------------------


def test_S_jumlah_cek() -> None:
    assert len(CEK_S) == 52
    assert (CEK_S[0].parent, CEK_S[0].field) == (
        "Perencanaan, Pengganggaran dan Evaluasi Kinerja Perangkat Daerah",
        "pagu",
    )  # S1
    assert (CEK_S[9].parent, CEK_S[9].field) == ("Program Pemberdayaan Sosial", "pagu")  # S10
    assert CEK_S[40].check.startswith("summary table")  # S41
    assert (CEK_S[51].parent, CEK_S[51].field) == (
        "Program Pengelolaan Taman Makam Pahlawan",
        "realisasi",
    )  # S52


@pytest.mark.parametrize("cek", CEK_S, ids=[f"S{n}" for n in range(1, len(CEK_S) + 1)])
def test_S_induk_sama_dengan_jumlah_anak(cek: CekJumlah) -> None:
    assert cek.anak and cek.children_sum is not None
    assert jumlah(cek.anak) == D(cek.parent_value) == D(cek.children_sum)


def test_jumlah_anak_yang_tidak_cocok_atau_kosong() -> None:
    """The other ten checks: eight real mismatches (B12–B17), two not checkable (B23)."""
    lain = [c for c in CEK_JUMLAH if c.ok is not True]
    selisih = [c for c in lain if c.ok is False]
    assert len(selisih) == 8
    for c in selisih:
        assert c.children_sum is not None
        total = jumlah(c.anak)
        assert total == D(c.children_sum)
        assert total != D(c.parent_value)
    kosong = [c for c in lain if c.ok is None]
    assert len(kosong) == 2
    for c in kosong:
        # a blank cell is missing, not 0: the sum is unknown
        nilai = [parse_angka_atau_kosong(x, "en") for x in c.anak]
        hasil = hitung_jumlah(nilai)
        assert hasil.nilai is None
        assert hasil.alasan is not None and "belum diisi" in hasil.alasan


# --- (b) what a correct program outputs where the report contradicts itself ------------------


def test_B1_capaian_iku1_tidak_dibatasi_dan_dibatasi() -> None:
    nilai = capaian(realisasi=100, target=90)
    assert dua(nilai) == D("111.11")
    assert dua(rata_rata([nilai], batas_atas=100)) == D("100.00")


def test_B2_capaian_iku2_dan_pembulatan_antara() -> None:
    assert dua(capaian(realisasi=D("88.32"), target=90)) == D("98.13")
    # from the unrounded measurement 227/257 = 88.3268…: rounding intermediates changes results
    assert dua(capaian(realisasi=rasio(227, 257), target=90)) == D("98.14")


def test_B3_kriteria_iku2_dari_capaian() -> None:
    assert klasifikasi("98.13").label == "Sangat Baik"
    nilai = capaian(realisasi=D("88.32"), target=90)
    assert nilai is not None
    assert klasifikasi(nilai).label == "Sangat Baik"
    assert klasifikasi("88.32").label == "Baik"  # the report classified the realisation


def test_B4_rata_rata_sasaran() -> None:
    iku1 = capaian(realisasi=100, target=90)
    iku2 = capaian(realisasi=D("88.32"), target=90)
    assert dua(rata_rata([iku1, iku2])) == D("104.62")
    assert dua(rata_rata([iku1, iku2], batas_atas=100)) == D("99.07")
    # averaging the rounded 98.13 gives the tie 99.065: half-up 99.07
    assert rata_rata([100, D("98.13")]) == D("99.065")
    assert dua(rata_rata([100, D("98.13")])) == D("99.07")


def test_B5_rasio_iku2_dibulatkan_bukan_dipotong() -> None:
    assert dua(rasio(227, 257)) == D("88.33")


def test_B6_efisiensi_bertanda() -> None:
    assert efisiensi(capaian=D("88.32"), penyerapan=D("91.18")) == D("-2.86")
    # under the ratio definition of capaian it is positive: 98.13 − 91.18
    assert dua(efisiensi(capaian(D("88.32"), 90), D("91.18"))) == D("6.95")


def test_B7_efisiensi_keseluruhan() -> None:
    total = penyerapan(realisasi=54237655066, pagu=69778653677)
    assert dua(efisiensi(D("94.16"), dua(total))) == D("16.43")
    assert efisiensi(D("94.16"), D("77.73")) == D("16.43")


@pytest.mark.parametrize(
    ("kasus", "pagu", "realisasi", "diharapkan", "tercetak"),
    [
        ("B9", "37.900.000", "19.687.000", "51.94", "52"),
        ("B10", "74.515.000", "58.100.000", "77.97", "77.76"),
        ("B11", "52.164.000", "39.681.820", "76.07", "75.78"),
    ],
)
def test_B9_B11_persen_dihitung_ulang(
    kasus: str, pagu: str, realisasi: str, diharapkan: str, tercetak: str
) -> None:
    hasil = dua(penyerapan(realisasi=parse_angka(realisasi), pagu=parse_angka(pagu)))
    assert hasil == D(diharapkan)
    assert abs(hasil - D(tercetak)) > D("0.01")


def test_B10_B11_pagu_yang_kehilangan_200_ribu() -> None:
    assert dua(penyerapan(realisasi=58100000, pagu=74715000)) == D("77.76")
    assert dua(penyerapan(realisasi=39681820, pagu=52364000)) == D("75.78")


def test_B18_jumlah_realisasi_tujuh_program() -> None:
    program = [b for b in BARIS if b.level == "program" and b.source.startswith("sec 3.7")]
    total = jumlah(b.realisasi for b in program)
    assert total == parse_angka("54.237.655.006")
    assert dua(penyerapan(total, 69778653677)) == D("77.73")


def test_B20_tanda_strip_berarti_kosong_bukan_nol() -> None:
    assert dua(rata_rata([D("92.13"), 100])) == D("96.07")  # 96.065, half-up
    kondisi_2023 = [parse_angka("92,13"), parse_angka_atau_kosong("-")]
    assert kondisi_2023[1] is None
    assert rata_rata(kondisi_2023) == D("92.13")
    assert dua(rata_rata([D("92.13"), 0])) == D("46.07")  # what reading '-' as 0 would do


@pytest.mark.parametrize("pagu", ["250.000", "9.140.000", "99.055.282", "5.000.000", "3.500.000"])
def test_B22_realisasi_nol_berarti_penyerapan_nol(pagu: str) -> None:
    hasil = penyerapan(realisasi=0, pagu=parse_angka(pagu))
    assert str(dua(hasil)) == "0.00"
    assert hasil is not None
    assert klasifikasi(hasil).label == "Sangat Kurang"


def test_B23_sel_kosong_tidak_dihitung() -> None:
    hasil = hitung_penyerapan(realisasi=parse_angka_atau_kosong(""), pagu=15775896000)
    assert hasil == Hasil(None, "realisasi belum diisi")
    assert penyerapan(realisasi=None, pagu=15775896000) is None
    assert dua(penyerapan(realisasi=14718926599, pagu=15775896000)) == D("93.30")
    # with the summary value the Penunjang program's realisasi adds up (A.4 note)
    kegiatan = [24127039, 14718926599, 656043469, 4178233170, 3768994556, 313873601]
    assert jumlah(kegiatan) == 23660198434
    assert jumlah([24127039, None, 656043469]) is None


def test_B24_pembilang_dan_penyebut_sejenis() -> None:
    sejenis = rasio(55 + 72, 149 + 108)
    assert dua(sejenis) == D("49.42")
    assert sejenis is not None
    assert klasifikasi(sejenis).label == "Sangat Kurang"
    nilai = capaian(sejenis, 90)
    assert dua(nilai) == D("54.91")
    assert nilai is not None
    assert klasifikasi(nilai).label == "Kurang"
    assert dua(rasio(227, 257)) == D("88.33")


def test_B25_penyebut_kube() -> None:
    nilai = rasio(220, 335)
    assert dua(nilai) == D("65.67")
    assert nilai is not None
    assert klasifikasi(nilai).label == "Kurang"  # 65.67 < 66 under the half-open bands


def test_B27_target_yang_bertentangan() -> None:
    assert dua(capaian(D("88.32"), 80)) == D("110.40")
    assert dua(capaian(D("88.32"), 90)) == D("98.13")


def test_B29_pembulatan_satu_tempat() -> None:
    assert bulatkan(rasio(84, 158) or 0, 1) == D("53.2")  # the report truncates: 53,1
    assert bulatkan(rasio(50, 158) or 0, 1) == D("31.6")
    # the printed 31,7 only comes out of double rounding
    assert bulatkan(bulatkan(rasio(50, 158) or 0, 2), 1) == D("31.7")


# --- capaian --------------------------------------------------------------------------------


def test_capaian_naik() -> None:
    assert capaian(90, 90) == 100
    assert capaian(45, 90) == 50
    assert capaian(0, 90) == 0
    assert capaian(D("326"), 100) == D("326")  # not capped
    assert capaian(100, 90, Arah.NAIK) == capaian(100, 90, "naik")


def test_capaian_turun_selisih() -> None:
    # lower is better: target 10 %, realisation 8 % → (20 − 8) / 10 = 120 %
    assert capaian(8, 10, Arah.TURUN) == 120
    assert capaian(12, 10, "turun") == 80
    assert capaian(10, 10, "turun") == 100
    assert capaian(0, 10, "turun") == 200
    assert capaian(25, 10, "turun") == -50  # not floored either
    assert capaian(8, 10, "turun", MetodeTurun.SELISIH) == capaian(8, 10, "turun", "selisih")
    assert capaian(8, 10, "turun", None) == 120


def test_capaian_turun_rasio() -> None:
    assert capaian(8, 10, "turun", MetodeTurun.RASIO) == 125
    assert capaian(20, 10, "turun", "rasio") == 50
    hasil = hitung_capaian(0, 10, "turun", "rasio")
    assert hasil.nilai is None
    assert hasil.alasan is not None and "realisasi bernilai 0" in hasil.alasan


def test_capaian_target_nol() -> None:
    assert hitung_capaian(5, 0) == Hasil(None, "target bernilai 0: capaian tidak dapat dihitung")
    assert capaian(0, 0) is None
    assert capaian(5, 0, "turun") is None
    assert capaian(5, 0, "turun", "rasio") is None
    # lower is better, target 0 reached: fully achieved
    assert capaian(0, 0, "turun") == 100
    assert capaian(0, 0, "turun", "rasio") == 100
    assert capaian(D("0.00"), D("0"), "turun") == 100


@pytest.mark.parametrize(
    ("realisasi", "target", "alasan"),
    [
        (None, 90, "realisasi belum diisi"),
        (90, None, "target belum diisi"),
        (None, None, "realisasi dan target belum diisi"),
    ],
)
def test_capaian_masukan_kosong(realisasi: Any, target: Any, alasan: str) -> None:
    assert hitung_capaian(realisasi, target) == Hasil(None, alasan)
    assert capaian(realisasi, target) is None
    assert capaian(realisasi, target, "turun") is None


def test_capaian_arah_dan_metode_tidak_sah() -> None:
    with pytest.raises(ValueError, match="arah"):
        capaian(1, 2, "atas")
    with pytest.raises(ValueError, match="metode"):
        capaian(1, 2, "turun", "kuadrat")
    with pytest.raises(ValueError, match="turun"):
        capaian(1, 2, "naik", "rasio")  # the naik formula is never swapped silently


def test_capaian_menerima_str_angka_polos() -> None:
    assert capaian("88.32", "90") == capaian(D("88.32"), 90)
    with pytest.raises(ValueError):
        capaian("88,32", 90)  # printed numbers go through parse_angka first


# --- penyerapan, efisiensi, rasio, jumlah ---------------------------------------------------


def test_penyerapan_kasus_tepi() -> None:
    assert penyerapan(0, 100) == 0
    assert penyerapan(150, 100) == 150  # over-absorption is reported as it is
    assert hitung_penyerapan(5, 0) == Hasil(
        None, "pagu bernilai 0: penyerapan tidak dapat dihitung"
    )
    assert hitung_penyerapan(5, None) == Hasil(None, "pagu belum diisi")
    assert hitung_penyerapan(None, None) == Hasil(None, "realisasi dan pagu belum diisi")
    assert penyerapan(5, -10) is None


def test_efisiensi_kosong() -> None:
    assert hitung_efisiensi(None, 5) == Hasil(None, "capaian belum diisi")
    assert efisiensi(5, None) is None


def test_rasio_kasus_tepi() -> None:
    assert hitung_rasio(5, 0) == Hasil(None, "penyebut bernilai 0: rasio tidak dapat dihitung")
    assert rasio(None, 5) is None
    assert rasio(0, 5) == 0
    assert rasio(1, 3) == D("33.33333333333333333333333333")


def test_jumlah() -> None:
    assert jumlah([]) == 0
    assert jumlah(["1.5", 2, D("0.25")]) == D("3.75")
    assert hitung_jumlah([1, None, 2, None]) == Hasil(
        None, "nilai ke-2, 4 belum diisi: jumlah tidak dapat dihitung"
    )


# --- rata-rata ------------------------------------------------------------------------------


def test_rata_rata() -> None:
    assert rata_rata([1, 2]) == D("1.5")
    assert rata_rata([None, 4, None, 6]) == 5  # missing values are left out, not read as 0
    assert rata_rata(x for x in [D("1"), D("2"), D("4")]) == D("2.333333333333333333333333333")
    assert rata_rata([]) is None
    assert rata_rata([None, None]) is None
    assert hitung_rata_rata([]) == Hasil(None, "tidak ada nilai untuk dirata-ratakan")


def test_rata_rata_batas_atas() -> None:
    assert rata_rata([D("111.11"), 90], batas_atas=100) == 95
    assert rata_rata([D("111.11"), 90]) == D("100.555")
    assert rata_rata([80, 90], batas_atas=100) == 85  # values under the cap are unchanged
    assert rata_rata([D("111.11")], batas_atas=None) == D("111.11")


# --- gabung_komponen ------------------------------------------------------------------------


def test_gabung_komponen_dua_cara_berbeda() -> None:
    pasangan = [(1, 2), (3, 4)]  # 50 % and 75 %
    assert gabung_komponen(pasangan) == D("62.5")
    assert gabung_komponen(pasangan, CaraGabung.RATA_RATA) == D("62.5")
    assert gabung_komponen(pasangan, "gabungan") == D("4") * 100 / 6


def test_gabung_komponen_kasus_tepi() -> None:
    assert hitung_gabung_komponen([]) == Hasil(None, "tidak ada komponen untuk digabung")
    hasil = hitung_gabung_komponen([(1, 2), (1, 0)])
    assert hasil.nilai is None
    assert hasil.alasan is not None and hasil.alasan.startswith("komponen ke-2")
    # pooled: a zero denominator in one pair does not matter, the pooled one does
    assert gabung_komponen([(1, 2), (1, 0)], "gabungan") == 100
    assert gabung_komponen([(0, 0)], "gabungan") is None
    assert gabung_komponen([(1, None)], "gabungan") is None
    assert gabung_komponen([(None, 2)]) is None
    with pytest.raises(ValueError, match="cara"):
        gabung_komponen([(1, 2)], "median")


# --- pertumbuhan ----------------------------------------------------------------------------

# Tabel 3.7 (five-year): realisations 2019–2023 of IKU1's predecessor, then 2024.
DERET_IKU1 = [parse_angka(x) for x in ["100", "100", "96,48", "76,28", "92,13", "100"]]


def test_pertumbuhan() -> None:
    assert pertumbuhan(100, 110) == 10
    assert pertumbuhan(D("92.13"), D("94.16")) == D("2.03") * 100 / D("92.13")
    assert dua(pertumbuhan(D("92.13"), D("94.16"))) == D("2.20")
    assert pertumbuhan(100, 50) == -50
    assert hitung_pertumbuhan(0, 5) == Hasil(
        None, "nilai sebelumnya 0: pertumbuhan tidak dapat dihitung"
    )
    assert pertumbuhan(None, 5) is None


def test_rata_rata_pertumbuhan() -> None:
    assert rata_rata_pertumbuhan([100, 110, 121]) == 10
    assert rata_rata_pertumbuhan([100, 200, 100]) == 25  # +100 % then −50 %
    assert rata_rata_pertumbuhan([100, None, 121, D("133.1")]) == 10  # undefined rates skipped
    assert rata_rata_pertumbuhan([0, 5, 10]) == 100  # 0 → 5 has no rate
    assert rata_rata_pertumbuhan([100]) is None
    assert rata_rata_pertumbuhan([]) is None
    assert hitung_rata_rata_pertumbuhan([0, None, 5]).alasan == (
        "tidak ada laju pertumbuhan tahunan yang dapat dihitung"
    )
    laju = [pertumbuhan(a, b) for a, b in pairwise(DERET_IKU1)]
    assert rata_rata_pertumbuhan(DERET_IKU1) == rata_rata(laju)


def test_cagr() -> None:
    assert cagr([100, 121]) == 21  # one year
    assert dua(cagr([100, 110, 121])) == D("10.00")
    assert dua(cagr([100, None, None, D("133.1")])) == D("10.00")
    assert dua(cagr([100, 50])) == D("-50.00")
    assert cagr([5, 0]) == -100
    assert cagr([100, 100, 100]) == 0
    hasil = cagr(DERET_IKU1)
    assert hasil == 0  # 2019 and 2024 are both 100
    # (1.21) ** (1/2) to 28 significant digits
    assert str(cagr([100, 110, 121])) == "10.00000000000000000000000000"
    assert dua(cagr([1, 2])) == D("100.00")
    assert dua(cagr([1, 1, 2])) == D("41.42")  # √2 − 1


@pytest.mark.parametrize("deret", [[], [100], [0, 5], [-5, 5], [5, -1], [None, 5], [5, None]])
def test_cagr_tidak_terdefinisi(deret: list[Any]) -> None:
    hasil = hitung_cagr(deret)
    assert hasil.nilai is None
    assert hasil.alasan


# --- Hasil ----------------------------------------------------------------------------------


def test_hasil() -> None:
    ada = Hasil.ada(D("98.1333"))
    assert ada.berhasil and ada.alasan is None
    assert ada.dibulatkan() == D("98.13")
    assert ada.dibulatkan(1) == D("98.1")
    kosong = Hasil.kosong("target bernilai 0: capaian tidak dapat dihitung")
    assert not kosong.berhasil
    assert kosong.dibulatkan() is None
    with pytest.raises(ValueError):
        Hasil(None, None)
    with pytest.raises(ValueError):
        Hasil(D(1), "alasan")


def test_fungsi_ringkas_sama_dengan_hitung() -> None:
    assert capaian(100, 90) == hitung_capaian(100, 90).nilai
    assert efisiensi(1, 2) == hitung_efisiensi(1, 2).nilai


# --- float is refused everywhere ------------------------------------------------------------

_FUNGSI_DENGAN_FLOAT: list[tuple[str, Callable[[], object]]] = [
    ("capaian", lambda: capaian(88.32, 90)),  # type: ignore[arg-type]
    ("capaian target", lambda: capaian(88, 90.0)),  # type: ignore[arg-type]
    ("penyerapan", lambda: penyerapan(1.0, 2)),  # type: ignore[arg-type]
    ("efisiensi", lambda: efisiensi(100, 93.03)),  # type: ignore[arg-type]
    ("rata_rata", lambda: rata_rata([1, 2.5])),  # type: ignore[list-item]
    ("rata_rata batas", lambda: rata_rata([1], batas_atas=100.0)),  # type: ignore[arg-type]
    ("rasio", lambda: rasio(1.0, 3)),  # type: ignore[arg-type]
    ("gabung_komponen", lambda: gabung_komponen([(1.0, 2)])),  # type: ignore[list-item]
    ("jumlah", lambda: jumlah([1, 0.5])),  # type: ignore[list-item]
    ("jumlah with a gap", lambda: jumlah([None, 0.5])),  # type: ignore[list-item]
    ("pertumbuhan", lambda: pertumbuhan(1.5, 2)),  # type: ignore[arg-type]
    ("rata_rata_pertumbuhan", lambda: rata_rata_pertumbuhan([1, 2.0])),  # type: ignore[list-item]
    ("cagr", lambda: cagr([1.0, 2])),  # type: ignore[list-item]
    ("bulatkan", lambda: bulatkan(97.095)),  # type: ignore[arg-type]
    ("klasifikasi", lambda: klasifikasi(90.5)),  # type: ignore[arg-type]
]


@pytest.mark.parametrize(
    "panggil", [f for _, f in _FUNGSI_DENGAN_FLOAT], ids=[n for n, _ in _FUNGSI_DENGAN_FLOAT]
)
def test_float_ditolak(panggil: Callable[[], object]) -> None:
    with pytest.raises(TypeError, match="float"):
        panggil()


@pytest.mark.parametrize(
    "panggil",
    [
        lambda: rata_rata("123"),
        lambda: jumlah("123"),
        lambda: cagr("15"),
        lambda: rata_rata_pertumbuhan("15"),
        lambda: gabung_komponen("12"),  # type: ignore[arg-type]
    ],
    ids=["rata_rata", "jumlah", "cagr", "rata_rata_pertumbuhan", "gabung_komponen"],
)
def test_teks_bukan_kumpulan_angka(panggil: Callable[[], object]) -> None:
    with pytest.raises(TypeError, match="kumpulan"):
        panggil()


def test_bool_ditolak() -> None:
    with pytest.raises(TypeError):
        capaian(True, 1)


# --- properties -----------------------------------------------------------------------------

_ANGKA = st.decimals(
    min_value=-(10**12), max_value=10**12, places=4, allow_nan=False, allow_infinity=False
)
_POSITIF = st.decimals(
    min_value=D("0.0001"), max_value=10**12, places=4, allow_nan=False, allow_infinity=False
)


@given(nilai=_ANGKA)
def test_realisasi_sama_dengan_target_tepat_100(nilai: Decimal) -> None:
    assume(not nilai.is_zero())
    assert capaian(nilai, nilai, Arah.NAIK) == 100
    assert capaian(nilai, nilai, Arah.TURUN, MetodeTurun.SELISIH) == 100
    assert capaian(nilai, nilai, Arah.TURUN, MetodeTurun.RASIO) == 100


@given(target=_POSITIF, a=_ANGKA, b=_ANGKA)
def test_kriteria_tidak_membaik_saat_capaian_turun(target: Decimal, a: Decimal, b: Decimal) -> None:
    rendah, tinggi = sorted([a, b])
    skala = SKALA_PERMENDAGRI_86_2017
    for arah, kecil, besar in ((Arah.NAIK, rendah, tinggi), (Arah.TURUN, tinggi, rendah)):
        # naik: less realisation is worse; turun: more realisation is worse
        buruk, baik = capaian(kecil, target, arah), capaian(besar, target, arah)
        assert buruk is not None and baik is not None
        assert buruk <= baik
        assert skala.peringkat(klasifikasi(buruk)) >= skala.peringkat(klasifikasi(baik))


@given(nilai=_POSITIF)
def test_penyerapan_penuh(nilai: Decimal) -> None:
    assert penyerapan(nilai, nilai) == 100


@given(a=_ANGKA, b=_ANGKA)
def test_efisiensi_antisimetris(a: Decimal, b: Decimal) -> None:
    ab, ba = efisiensi(a, b), efisiensi(b, a)
    assert ab is not None and ba is not None
    assert ab == -ba


@given(nilai=_ANGKA, n=st.integers(min_value=1, max_value=30))
def test_rata_rata_nilai_tetap(nilai: Decimal, n: int) -> None:
    assert rata_rata([nilai] * n) == nilai


@given(nilai=st.lists(st.one_of(st.none(), _ANGKA), max_size=20), batas=_ANGKA)
def test_rata_rata_tidak_melebihi_batas_atas(nilai: list[Decimal | None], batas: Decimal) -> None:
    hasil = rata_rata(nilai, batas_atas=batas)
    if all(x is None for x in nilai):
        assert hasil is None
    else:
        assert hasil is not None and hasil <= batas


@given(
    pasangan=st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=10**9), st.integers(min_value=1, max_value=10**9)
        ),
        min_size=1,
        max_size=15,
    )
)
def test_gabungan_sama_dengan_rasio_jumlah(pasangan: list[tuple[int, int]]) -> None:
    total_pembilang = sum(a for a, _ in pasangan)
    total_penyebut = sum(b for _, b in pasangan)
    assert gabung_komponen(pasangan, CaraGabung.GABUNGAN) == rasio(total_pembilang, total_penyebut)
    rata = gabung_komponen(pasangan, CaraGabung.RATA_RATA)
    assert rata == rata_rata([rasio(a, b) for a, b in pasangan])


@given(awal=_POSITIF, laju=st.integers(min_value=-50, max_value=200), tahun=st.integers(1, 6))
def test_cagr_dari_pertumbuhan_tetap(awal: Decimal, laju: int, tahun: int) -> None:
    faktor = 1 + D(laju) / 100
    deret = [awal * faktor**k for k in range(tahun + 1)]
    hasil = cagr(deret)
    assert hasil is not None
    assert abs(hasil - laju) < D("1e-15")
    assert dua(rata_rata_pertumbuhan(deret)) == dua(D(laju))


# --- median ----------------------------------------------------------------------------------


def test_median_odd_even_and_missing() -> None:
    # Durations in hours: the middle one; for an even count the mean of the two middle ones.
    assert median([D("5"), D("1"), D("40")]) == D("5")
    assert median([D("4"), D("1"), D("3"), D("2")]) == D("2.5")
    assert median([None, D("7"), None]) == D("7")  # missing values are left out, not 0
    assert median([]) is None and median([None]) is None
    assert hitung_median([None]).alasan == "tidak ada nilai untuk dicari mediannya"


@given(st.lists(st.decimals(min_value=-(10**6), max_value=10**6, places=2), min_size=1))
def test_median_splits_the_values_in_half(nilai: list[Decimal]) -> None:
    m = median(nilai)
    assert m is not None
    assert sum(x < m for x in nilai) <= len(nilai) // 2
    assert sum(x > m for x in nilai) <= len(nilai) // 2
