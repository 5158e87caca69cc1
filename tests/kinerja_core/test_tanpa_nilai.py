"""One rule for "no value" through the whole public API: ``None`` in, ``None`` out.

Every public function given ``None`` for a value it works on (a number, a number as text, a
collection of numbers, a report) returns ``None``: it neither raises nor reads the gap as 0.
The ``hitung_*`` forms return a ``Hasil`` without a value and with the reason. So a notebook
chains ``bulatkan(capaian(5, 0))`` or ``klasifikasi(rata_rata(...))`` without checks in between.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

import kinerja_core as kc

# For each public function, calls with None in every position that holds a value (options such
# as tempat, lokal, arah or skala are not values and keep their own checks).
PANGGILAN: dict[str, list[Callable[[], Any]]] = {
    "ke_decimal": [lambda: kc.ke_decimal(None)],
    "bulatkan": [lambda: kc.bulatkan(None), lambda: kc.bulatkan(None, 0)],
    "format_angka": [
        lambda: kc.format_angka(None),
        lambda: kc.format_angka(None, None, "en"),
    ],
    "parse_angka": [lambda: kc.parse_angka(None), lambda: kc.parse_angka(None, "en")],
    "parse_angka_atau_kosong": [lambda: kc.parse_angka_atau_kosong(None)],
    "klasifikasi": [
        lambda: kc.klasifikasi(None),
        lambda: kc.SKALA_PERMENDAGRI_86_2017.klasifikasi(None),
    ],
    "capaian": [
        lambda: kc.capaian(None, 90),
        lambda: kc.capaian("88.32", None),
        lambda: kc.capaian(None, None, "turun", "rasio"),
    ],
    "penyerapan": [lambda: kc.penyerapan(None, 100), lambda: kc.penyerapan(90, None)],
    "efisiensi": [lambda: kc.efisiensi(None, 90), lambda: kc.efisiensi(90, None)],
    "rasio": [lambda: kc.rasio(None, 100), lambda: kc.rasio(90, None)],
    "pertumbuhan": [lambda: kc.pertumbuhan(None, 100), lambda: kc.pertumbuhan(90, None)],
    "jumlah": [lambda: kc.jumlah(None), lambda: kc.jumlah([1, None])],
    "rata_rata": [
        lambda: kc.rata_rata(None),
        lambda: kc.rata_rata([None, None]),
        lambda: kc.rata_rata(None, 100),
    ],
    "median": [lambda: kc.median(None), lambda: kc.median([None])],
    "gabung_komponen": [
        lambda: kc.gabung_komponen(None),
        lambda: kc.gabung_komponen([(None, 10)]),
        lambda: kc.gabung_komponen([(5, None)], "gabungan"),
    ],
    "rata_rata_pertumbuhan": [
        lambda: kc.rata_rata_pertumbuhan(None),
        lambda: kc.rata_rata_pertumbuhan([None, None, None]),
    ],
    "cagr": [lambda: kc.cagr(None), lambda: kc.cagr([None, 5]), lambda: kc.cagr([5, None])],
    "laporan_dari_dict": [lambda: kc.laporan_dari_dict(None)],
    "periksa_laporan": [lambda: kc.periksa_laporan(None)],
}
# Every formula has a hitung_* form that also gives the reason: the same calls, made through it
# (see _sebagai_hitung).
for _nama in [n for n in PANGGILAN if f"hitung_{n}" in kc.__all__]:
    PANGGILAN[f"hitung_{_nama}"] = PANGGILAN[_nama]


def _fungsi_publik() -> set[str]:
    return {n for n in kc.__all__ if inspect.isfunction(getattr(kc, n))}


def test_setiap_fungsi_publik_diuji() -> None:
    # A new public function must state what it does with None: add it to PANGGILAN.
    assert set(PANGGILAN) == _fungsi_publik()


def _kasus() -> list[Any]:
    kasus = []
    for nama, daftar in PANGGILAN.items():
        for nomor, panggil in enumerate(daftar, start=1):
            kasus.append(pytest.param(nama, panggil, id=f"{nama}-{nomor}"))
    return kasus


@pytest.mark.parametrize(("nama", "panggil"), _kasus())
def test_none_masuk_none_keluar(nama: str, panggil: Callable[[], Any]) -> None:
    if nama.startswith("hitung_"):
        # Call the hitung_* form with the arguments of the plain call it mirrors.
        hasil = _sebagai_hitung(nama, panggil)
        assert isinstance(hasil, kc.Hasil)
        assert hasil.nilai is None
        assert hasil.alasan
    else:
        assert panggil() is None


def _sebagai_hitung(nama: str, panggil: Callable[[], Any]) -> Any:
    """Run ``panggil`` (a call of the plain function) with the plain function swapped for its
    ``hitung_*`` form, and return what the ``hitung_*`` form returned."""
    polos = nama.removeprefix("hitung_")
    asli = getattr(kc, polos)
    hasil: list[Any] = []

    def ganti(*args: Any, **kwargs: Any) -> Any:
        hasil.append(getattr(kc, nama)(*args, **kwargs))
        return hasil[-1].nilai

    setattr(kc, polos, ganti)
    try:
        panggil()
    finally:
        setattr(kc, polos, asli)
    assert len(hasil) == 1
    return hasil[0]


def test_rantai_tanpa_pemeriksaan() -> None:
    # The case: capaian(5, 0) has no value, and rounding or rating it needs no check.
    assert kc.capaian(5, 0) is None
    assert kc.bulatkan(kc.capaian(5, 0)) is None
    assert kc.klasifikasi(kc.bulatkan(kc.capaian(5, 0))) is None
    assert kc.format_angka(kc.bulatkan(kc.capaian(5, 0))) is None
    assert kc.hitung_capaian(5, 0).alasan == "target bernilai 0: capaian tidak dapat dihitung"
    assert kc.Hasil.kosong("x").dibulatkan() is None


def test_none_tidak_pernah_dibaca_nol() -> None:
    # No value is not 0: a mean skips it, a sum with a gap is unknown, a blank rates nothing.
    assert kc.rata_rata([Decimal("92.13"), None]) == Decimal("92.13")
    assert kc.jumlah([1, None]) is None
    assert kc.jumlah([]) == 0


@pytest.mark.parametrize(
    "panggil",
    [
        lambda: kc.bulatkan(None, -1),
        lambda: kc.format_angka(None, 2, "xx"),
        lambda: kc.capaian(None, 90, "samping"),
        lambda: kc.periksa_laporan(None, toleransi=None),
    ],
)
def test_opsi_yang_salah_tetap_galat(panggil: Callable[[], Any]) -> None:
    # Options are not values: a wrong option is a programming error even without a value.
    with pytest.raises((TypeError, ValueError)):
        panggil()


def test_kolom_wajib_tetap_wajib_di_laporan_dari_dict() -> None:
    # null is a blank cell where a cell may be blank; a required field stays required.
    with pytest.raises(TypeError, match=r"efisiensi\[0\]\.lokasi: harus str"):
        kc.laporan_dari_dict({"efisiensi": [{"lokasi": None, "nama": "a"}]})
