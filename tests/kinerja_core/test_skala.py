"""kinerja_core.skala: the Permendagri 86/2017 scale (LKIP Tabel 3.1) and scales as data."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kinerja_core import SKALA_PERMENDAGRI_86_2017, Kriteria, Skala, bulatkan, klasifikasi

D = Decimal
SKALA = SKALA_PERMENDAGRI_86_2017


def test_skala_permendagri_seperti_tabel_3_1() -> None:
    assert [(k.label, k.warna, k.batas_bawah) for k in SKALA.pita] == [
        ("Sangat Baik", "Hijau Tua", D(91)),
        ("Baik", "Hijau Muda", D(76)),
        ("Cukup", "Kuning Tua", D(66)),
        ("Kurang", "Kuning Muda", D(51)),
        ("Sangat Kurang", "Merah", None),
    ]
    assert "Permendagri 86/2017" in SKALA.sumber
    assert "Tabel 3.1" in SKALA.sumber
    assert SKALA.tempat == 2


# Oracle section (c), under OUR policy: round to 2 places half-up, then half-open bands
# ≥ 91 / ≥ 76 / ≥ 66 / ≥ 51 / below. On these values it coincides with the oracle's G1
# ("lower bounds inclusive, gaps go down"), because none of them rounds up to a bound.
TABEL_C = [
    ("90.5", "Baik"),
    ("90.4", "Baik"),
    ("90.6", "Baik"),
    ("90.72", "Baik"),  # Lansia kegiatan, Tabel 3.12
    ("90.81", "Baik"),  # Bimbingan Aktifitas Sehari hari, Lansia
    ("90.78", "Baik"),  # Pengangkatan Anak oleh Orang Tua Tunggal, Tabel 3.13
    ("75.5", "Cukup"),
    ("75.35", "Cukup"),  # Perbekalan Kesehatan, PMKS
    ("75.78", "Cukup"),  # printed Pelayanan Dukungan Psikososial (recomputed 76.07: Baik)
    ("75.81", "Cukup"),  # PMKS kegiatan, Tabel 3.12
    ("65.44", "Kurang"),  # Program Penunjang
    ("65.5", "Kurang"),
    ("65.76", "Kurang"),  # Penyediaan Asrama, Anak
    ("65.67", "Kurang"),  # KUBE 220/335 (B25)
    ("50.5", "Sangat Kurang"),
    ("91", "Sangat Baik"),
    ("90", "Baik"),
    ("76", "Baik"),
    ("75", "Cukup"),
    ("66", "Cukup"),
    ("65", "Kurang"),
    ("51", "Kurang"),
    ("50", "Sangat Kurang"),
    ("100", "Sangat Baik"),  # Tabel 3.4
    ("111.11", "Sangat Baik"),  # IKU1 capaian
    ("110.40", "Sangat Baik"),  # 88.32 vs target 80
    ("76.07", "Baik"),  # B11 recomputed
]


@pytest.mark.parametrize(("nilai", "label"), TABEL_C, ids=[v for v, _ in TABEL_C])
def test_tabel_c(nilai: str, label: str) -> None:
    assert klasifikasi(nilai).label == label


# The gap policy: the value is rounded to 2 places first, so it is rated as it is printed.
CELAH = [
    ("90.995", "Sangat Baik"),  # → 91.00
    ("90.994", "Baik"),  # → 90.99
    ("90.999999", "Sangat Baik"),
    ("90.99", "Baik"),
    ("75.995", "Baik"),  # → 76.00
    ("75.994", "Cukup"),
    ("75.5", "Cukup"),
    ("65.999", "Cukup"),  # → 66.00
    ("65.994", "Kurang"),
    ("50.995", "Kurang"),  # → 51.00
    ("50.994", "Sangat Kurang"),
    ("50.5", "Sangat Kurang"),
]


@pytest.mark.parametrize(("nilai", "label"), CELAH, ids=[v for v, _ in CELAH])
def test_nilai_di_celah_skala(nilai: str, label: str) -> None:
    assert klasifikasi(nilai).label == label
    # the same as looking the printed (rounded) value up
    assert klasifikasi(bulatkan(nilai)).label == label


@pytest.mark.parametrize(
    ("nilai", "label"),
    [
        (D("326"), "Sangat Baik"),
        (1000, "Sangat Baik"),
        ("100.01", "Sangat Baik"),
        (0, "Sangat Kurang"),
        ("-0.001", "Sangat Kurang"),
        (-5, "Sangat Kurang"),
        ("-2.86", "Sangat Kurang"),
        ("-1000000", "Sangat Kurang"),
    ],
)
def test_di_atas_100_dan_di_bawah_0(nilai: Any, label: str) -> None:
    assert klasifikasi(nilai).label == label


def test_B21_skor_akip_bukan_skala_ini() -> None:
    # 76.40 is 'BB' on the AKIP evaluation scale; on Tabel 3.1 it is simply Baik
    assert klasifikasi("76.40").label == "Baik"


def test_kriteria_membawa_warna() -> None:
    assert klasifikasi("98.13").warna == "Hijau Tua"
    assert klasifikasi("40").warna == "Merah"


def test_klasifikasi_menolak_float() -> None:
    # A missing capaian has no rating: klasifikasi(None) is None (test_tanpa_nilai.py).
    with pytest.raises(TypeError, match="float"):
        klasifikasi(90.5)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        klasifikasi("90,5")


def test_peringkat_dan_cari() -> None:
    assert [SKALA.peringkat(k) for k in SKALA.pita] == [1, 2, 3, 4, 5]
    assert SKALA.peringkat(klasifikasi("98.13")) == 1
    assert SKALA.cari("sangat  baik") == SKALA.pita[0]
    assert SKALA.cari(" Kurang ") == SKALA.pita[3]
    assert SKALA.cari("BB") is None
    with pytest.raises(ValueError):
        SKALA.peringkat(Kriteria("Lain", "Biru", None))


def test_skala_tidak_dapat_diubah() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        SKALA.nama = "lain"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        SKALA.pita[0].label = "lain"  # type: ignore[misc]
    assert hash(SKALA) == hash(SKALA)


@given(
    a=st.decimals(min_value=-200, max_value=400, allow_nan=False, allow_infinity=False),
    b=st.decimals(min_value=-200, max_value=400, allow_nan=False, allow_infinity=False),
)
def test_kriteria_monoton(a: Decimal, b: Decimal) -> None:
    rendah, tinggi = sorted([a, b])
    assert SKALA.peringkat(klasifikasi(rendah)) >= SKALA.peringkat(klasifikasi(tinggi))


@given(nilai=st.decimals(min_value=-200, max_value=400, allow_nan=False, allow_infinity=False))
def test_pita_setengah_terbuka(nilai: Decimal) -> None:
    kriteria = klasifikasi(nilai)
    dibulatkan = bulatkan(nilai)
    nomor = SKALA.peringkat(kriteria) - 1
    if kriteria.batas_bawah is not None:
        assert kriteria.batas_bawah <= dibulatkan
    if nomor > 0:
        atas = SKALA.pita[nomor - 1].batas_bawah
        assert atas is not None and dibulatkan < atas


# --- scales as data ---------------------------------------------------------------------------


def test_skala_sendiri() -> None:
    skala = Skala.dari_batas(
        "Skala SPM",
        "contoh",
        [("Tuntas", "Biru", 100), ("Hampir tuntas", "Hijau", "80.5"), ("Belum", "Abu-abu", None)],
    )
    assert klasifikasi(100, skala).label == "Tuntas"
    assert klasifikasi("99.999", skala).label == "Tuntas"  # → 100.00
    assert klasifikasi("99.99", skala).label == "Hampir tuntas"
    assert klasifikasi("80.5", skala).label == "Hampir tuntas"
    assert klasifikasi("80.49", skala).label == "Belum"
    assert skala.klasifikasi("80.5").warna == "Hijau"
    assert skala.peringkat(skala.cari("belum") or skala.pita[0]) == 3


def test_skala_tanpa_pembulatan_dan_bilangan_bulat() -> None:
    pita = [("Lulus", "Hijau", 60), ("Tidak lulus", "Merah", None)]
    tepat = Skala.dari_batas("Ujian", "contoh", pita, tempat=None)
    assert klasifikasi("59.999", tepat).label == "Tidak lulus"
    bulat = Skala.dari_batas("Ujian", "contoh", pita, tempat=0)
    assert klasifikasi("59.5", bulat).label == "Lulus"
    assert klasifikasi("59.49", bulat).label == "Tidak lulus"


def test_skala_satu_pita() -> None:
    skala = Skala("Semua", "contoh", (Kriteria("Semua", "Putih", None),))
    assert klasifikasi(-(10**9), skala).label == "Semua"


def test_skala_langsung_dari_kriteria() -> None:
    skala = Skala(
        nama="Dua",
        sumber="contoh",
        pita=(Kriteria("Atas", "Hijau", D("0")), Kriteria("Bawah", "Merah", None)),
    )
    assert klasifikasi(0, skala).label == "Atas"
    assert klasifikasi("-0.001", skala).label == "Atas"  # rounds to 0.00
    assert klasifikasi("-0.005", skala).label == "Bawah"  # rounds to -0.01


@pytest.mark.parametrize(
    "pita",
    [
        [],  # no band
        [("A", "x", 50)],  # nothing catches the values below 50
        [("A", "x", 50), ("B", "y", 40)],  # lowest band bounded
        [("A", "x", None), ("B", "y", None)],  # two open-ended bands
        [("A", "x", None), ("B", "y", 50), ("C", "z", None)],  # open band in the middle
        [("A", "x", 50), ("B", "y", 60), ("C", "z", None)],  # ascending
        [("A", "x", 50), ("B", "y", 50), ("C", "z", None)],  # equal bounds
        [("A", "x", 50), ("a", "y", 40), ("C", "z", None)],  # duplicate label (case)
        [("Baik", "x", 50), (" Baik ", "y", None)],  # duplicate label (spacing)
        [("", "x", 50), ("B", "y", None)],  # empty label
        [("A", "x", "NaN"), ("B", "y", None)],  # not a finite number
        [("A", "x", "50,5"), ("B", "y", None)],  # not a plain decimal
    ],
)
def test_skala_tidak_sah(pita: list[tuple[str, str, Any]]) -> None:
    with pytest.raises(ValueError):
        Skala.dari_batas("salah", "uji", pita)


def test_kriteria_tidak_sah() -> None:
    with pytest.raises(TypeError):
        Kriteria("A", "x", 50)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="float"):
        Skala.dari_batas("salah", "uji", [("A", "x", 50.5), ("B", "y", None)])  # type: ignore[list-item]
    with pytest.raises(ValueError):
        Kriteria("A", "x", D("Infinity"))
    with pytest.raises(TypeError):
        Skala("salah", "uji", ("bukan kriteria",))  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        Skala("salah", "uji", (Kriteria("A", "x", None),), tempat=-1)
