"""kinerja_core.angka: exact decimals, half-up rounding, locale-explicit parsing."""

from __future__ import annotations

import doctest
from decimal import ROUND_HALF_EVEN, Decimal, localcontext
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import kinerja_core
from kinerja_core import bulatkan, format_angka, ke_decimal, parse_angka, parse_angka_atau_kosong
from tests.kinerja_core.lkip2024 import BARIS

D = Decimal

# --- ke_decimal -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("nilai", "diharapkan"),
    [
        (D("88.32"), D("88.32")),
        (52, D(52)),
        (-3, D(-3)),
        ("88.32", D("88.32")),
        ("-2.86", D("-2.86")),
        (" 100 ", D(100)),
        ("+7", D(7)),
        ("1E+3", D(1000)),
        (".5", D("0.5")),
        ("0", D(0)),
    ],
)
def test_ke_decimal_menerima_angka_eksak(nilai: Any, diharapkan: Decimal) -> None:
    hasil = ke_decimal(nilai)
    assert isinstance(hasil, Decimal)
    assert hasil == diharapkan


def test_ke_decimal_menjaga_skala() -> None:
    assert str(ke_decimal("100.00")) == "100.00"


def test_ke_decimal_jangkauan() -> None:
    assert ke_decimal(10**100) == D(10) ** 100
    assert ke_decimal(D("1E-100")) == D("1E-100")
    assert ke_decimal(D("0E-1000")) == 0  # zero has no magnitude


# None is no value, not a wrong type: ke_decimal(None) is None (test_tanpa_nilai.py).
@pytest.mark.parametrize("nilai", [1.5, 0.0, float("nan"), True, False, [1], object()])
def test_ke_decimal_menolak_tipe_lain(nilai: Any) -> None:
    with pytest.raises(TypeError):
        ke_decimal(nilai)


def test_float_ditolak_dengan_pesan_jelas() -> None:
    with pytest.raises(TypeError, match="float"):
        ke_decimal(93.03)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "nilai",
    [
        "",
        "   ",
        "abc",
        "NaN",
        "nan",
        "Infinity",
        "-inf",
        "sNaN",
        "1_000",
        "96,51",
        "1.000.000",
        "١٢",  # Arabic-Indic digits: Decimal() would accept them
        "1e",
        "--1",
        D("NaN"),
        D("Infinity"),
        D("-Infinity"),
        "1E+999999999",  # out of range: a ValueError, not an overflow deep inside
        D("1E-101"),
        10**101,
    ],
)
def test_ke_decimal_menolak_yang_bukan_angka(nilai: Any) -> None:
    with pytest.raises(ValueError):
        ke_decimal(nilai)


# --- bulatkan ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("nilai", "tempat", "diharapkan"),
    [
        # oracle T1–T3: the three exact ties of the budget tables; half-up on the exact value
        ("97.095", 2, "97.10"),
        ("94.725", 2, "94.73"),
        ("89.445", 2, "89.45"),
        # half away from zero for negatives
        ("-2.865", 2, "-2.87"),
        ("-2.864", 2, "-2.86"),
        # oracle B20 and B4 ties (half-even would give 96.06 and 99.06)
        ("96.065", 2, "96.07"),
        ("99.065", 2, "99.07"),
        # oracle B5: 227/257 × 100 = 88.3268…, half-up 88.33 (the report truncates to 88,32)
        ("88.32684824902723735408560311", 2, "88.33"),
        # oracle T4/T5: near 100
        ("99.99729852440408626560726447", 2, "100.00"),
        ("100", 2, "100.00"),
        ("0", 2, "0.00"),
        ("31.6455696", 1, "31.6"),
        ("53.164557", 1, "53.2"),
        ("2.5", 0, "3"),
        ("-2.5", 0, "-3"),
        ("69778653677", 2, "69778653677.00"),
        ("123456789012345678901234567890.125", 2, "123456789012345678901234567890.13"),
    ],
)
def test_bulatkan_half_up(nilai: str, tempat: int, diharapkan: str) -> None:
    hasil = bulatkan(nilai, tempat)
    assert hasil == D(diharapkan)
    assert str(hasil) == diharapkan  # the scale is exactly `tempat` places


def test_bulatkan_tidak_menghasilkan_nol_negatif() -> None:
    assert str(bulatkan("-0.001")) == "0.00"
    assert str(bulatkan(D("-0"))) == "0.00"


def test_bulatkan_tidak_terpengaruh_konteks_global() -> None:
    with localcontext() as ctx:
        ctx.prec = 3
        ctx.rounding = ROUND_HALF_EVEN
        assert bulatkan("97.095") == D("97.10")
        assert bulatkan("69778653677.005") == D("69778653677.01")


def test_bulatkan_tempat_tidak_sah() -> None:
    with pytest.raises(ValueError):
        bulatkan("1.5", -1)
    with pytest.raises(TypeError):
        bulatkan("1.5", 1.0)  # type: ignore[arg-type]


def _half_up_referensi(nilai: Decimal, tempat: int) -> Decimal:
    """Half-up rounding on scaled integers: no Decimal rounding involved."""
    tanda, digit, eksponen = nilai.as_tuple()
    assert isinstance(eksponen, int)
    koefisien = int("".join(map(str, digit)))
    geser = eksponen + tempat  # nilai × 10^tempat = koefisien × 10^geser
    if geser >= 0:
        hasil = koefisien * 10**geser
    else:
        pembagi = 10**-geser
        hasil, sisa = divmod(koefisien, pembagi)
        if 2 * sisa >= pembagi:
            hasil += 1
    return D(-hasil if tanda else hasil).scaleb(-tempat)


@given(
    koefisien=st.integers(min_value=-(10**20), max_value=10**20),
    eksponen=st.integers(min_value=-12, max_value=4),
    tempat=st.integers(min_value=0, max_value=6),
)
def test_bulatkan_sama_dengan_aritmetika_bilangan_bulat(
    koefisien: int, eksponen: int, tempat: int
) -> None:
    nilai = D(koefisien).scaleb(eksponen)
    assert bulatkan(nilai, tempat) == _half_up_referensi(nilai, tempat)


# --- parse_angka ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("teks", "diharapkan"),
    [
        ("69.778.653.677,00", "69778653677.00"),
        ("96,51", "96.51"),
        ("93,03%", "93.03"),
        ("93,03 %", "93.03"),
        (" 88,32 % ", "88.32"),
        ("52", "52"),
        ("100", "100"),
        ("0", "0"),
        ("-2,86", "-2.86"),
        ("−2,86", "-2.86"),  # U+2212 MINUS SIGN
        ("+2,86", "2.86"),
        ("1.000", "1000"),
        ("999", "999"),
        ("54000", "54000"),  # an integer part may be written without grouping
        ("54000,5", "54000.5"),
        ("0,5", "0.5"),
        ("1.234.567,891", "1234567.891"),
        ("Rp 1.500.000", "1500000"),
        ("Rp. 1.500.000,-", "1500000"),
        ("Rp.69.778.653.677,-", "69778653677"),
        ("RP 2.000", "2000"),
        ("IDR 2.000,50", "2000.50"),
        ("Rp\xa01.500", "1500"),  # non-breaking space
        ("Rp -1.000", "-1000"),
        ("-Rp 1.000", "-1000"),
        ("1.500.000,-", "1500000"),
        ("-0", "0"),
    ],
)
def test_parse_angka_id(teks: str, diharapkan: str) -> None:
    hasil = parse_angka(teks, "id")
    assert hasil == D(diharapkan)
    assert str(hasil) == diharapkan  # scale kept ("…,00" stays two places)


def test_parse_angka_lokal_bawaan_adalah_id() -> None:
    assert parse_angka("96,51") == D("96.51")


@pytest.mark.parametrize(
    ("teks", "lokal", "diharapkan"),
    [
        ("98.09", "en", "98.09"),
        ("1.000", "en", "1.000"),
        ("1,000", "en", "1000"),
        ("69,778,653,677.00", "en", "69778653677.00"),
        ("-2.86", "en", "-2.86"),
        ("93.03%", "en", "93.03"),
        ("Rp 1,500,000", "en", "1500000"),
        ("1,500,000.-", "en", "1500000"),
        ("98.09", "c", "98.09"),
        ("1,000", "C", "1000"),
        ("1.000", "ID", "1000"),
        ("1.000", "EN", "1.000"),
    ],
)
def test_parse_angka_lokal_lain(teks: str, lokal: str, diharapkan: str) -> None:
    hasil = parse_angka(teks, lokal)
    assert hasil == D(diharapkan)
    assert str(hasil) == diharapkan


@pytest.mark.parametrize(
    "teks",
    [
        "98.09",  # one dot and two digits is not a thousands group: never 9809 (oracle Q10)
        "97.10",
        "1.5",
        "1.0000",
        "54000.000",  # first group of five digits (Tabel 3.15, oracle notes)
        "1.2.3",
        "1,2,3",
        "1,000.50",  # en-style under id
        "0.500",  # a grouped number does not start with 0
        "",
        " ",
        "-",
        "–",
        "abc",
        "12a",
        "1 000",
        "1..000",
        ".000",
        "1.000,",
        ",5",
        "1,5,",
        "Rp",
        "Rp 5%",
        "5%%",
        "%",
        "--5",
        "(1.000)",
        "1e3",
        "NaN",
        "١٢",
    ],
)
def test_parse_angka_id_menolak_yang_ambigu_atau_rusak(teks: str) -> None:
    with pytest.raises(ValueError):
        parse_angka(teks, "id")


@pytest.mark.parametrize("teks", ["96,51", "1,0000", "1.2.3", "1,000,00", "0,500", ""])
def test_parse_angka_en_menolak_yang_rusak(teks: str) -> None:
    with pytest.raises(ValueError):
        parse_angka(teks, "en")


def test_parse_angka_pesan_galat_menyebut_masalahnya() -> None:
    with pytest.raises(ValueError, match="ribuan"):
        parse_angka("98.09", "id")
    with pytest.raises(ValueError, match="parse_angka_atau_kosong"):
        parse_angka("-", "id")
    with pytest.raises(ValueError, match="lokal"):
        parse_angka("1", "fr")


@pytest.mark.parametrize("teks", [1000, D(1), b"1.000"])  # None: test_tanpa_nilai.py
def test_parse_angka_hanya_menerima_str(teks: Any) -> None:
    with pytest.raises(TypeError):
        parse_angka(teks)


@pytest.mark.parametrize("teks", [None, "", "  ", "-", " - ", "–", "—"])
def test_parse_angka_atau_kosong_untuk_sel_kosong(teks: str | None) -> None:
    assert parse_angka_atau_kosong(teks) is None


def test_parse_angka_atau_kosong_tetap_ketat() -> None:
    assert parse_angka_atau_kosong("96,51") == D("96.51")
    assert parse_angka_atau_kosong("98.09", "en") == D("98.09")
    with pytest.raises(ValueError):
        parse_angka_atau_kosong("98.09", "id")


# --- the cells of the 2024 report -------------------------------------------------------------

_SEL_UANG = [
    (b.name, kolom, getattr(b, f"{kolom}_raw"), getattr(b, kolom))
    for b in BARIS
    for kolom in ("pagu", "realisasi")
]


@pytest.mark.parametrize(("nama", "kolom", "mentah", "normal"), _SEL_UANG)
def test_sel_uang_lkip2024(nama: str, kolom: str, mentah: str, normal: str) -> None:
    """Every money cell of the budget tables parses under 'id', except the malformed one."""
    if mentah == "54000.000":  # Tabel 3.15, Pengamanan TMP: malformed grouping, never a guess
        with pytest.raises(ValueError):
            parse_angka(mentah, "id")
    elif not mentah:  # blank realisasi (Tabel 3.9, oracle B23): missing, not 0
        assert parse_angka_atau_kosong(mentah, "id") is None
        assert normal == ""
    else:
        assert parse_angka(mentah, "id") == D(normal)


def test_sel_uang_lkip2024_lengkap() -> None:
    assert len(_SEL_UANG) == 280
    assert sum(1 for *_, mentah, _ in _SEL_UANG if mentah == "54000.000") == 1


_SEL_PERSEN = [
    (b.name, b.printed_percent_raw, b.printed_percent) for b in BARIS if b.printed_percent
]


@pytest.mark.parametrize(("nama", "mentah", "normal"), _SEL_PERSEN)
def test_sel_persen_lkip2024(nama: str, mentah: str, normal: str) -> None:
    """Percent cells mix decimal marks ('96,51' and '98.09', oracle Q10).

    Parsed as Indonesian, a cell with a comma, or without any separator, gives its value; a cell
    with a dot decimal raises instead of turning into 9809, and parses under 'en'.
    """
    if "." in mentah:
        with pytest.raises(ValueError):
            parse_angka(mentah, "id")
        assert parse_angka(mentah, "en") == D(normal)
    else:
        assert parse_angka(mentah, "id") == D(normal)


def test_sel_persen_lkip2024_lengkap() -> None:
    assert len(_SEL_PERSEN) == 138
    assert {m for _, m, _ in _SEL_PERSEN} >= {"65,44%", "96,51", "98.09", "52", "100", "0"}


# --- format_angka and round trips -------------------------------------------------------------


@pytest.mark.parametrize(
    ("nilai", "tempat", "lokal", "diharapkan"),
    [
        (D("69778653677"), 2, "id", "69.778.653.677,00"),
        (D("69778653677"), 2, "en", "69,778,653,677.00"),
        ("-2.86", 2, "id", "-2,86"),
        ("97.095", 2, "id", "97,10"),
        ("-0.001", 2, "id", "0,00"),
        (1000, None, "id", "1.000"),
        (D("1E+3"), None, "id", "1.000"),
        (D("0.5"), None, "id", "0,5"),
        (999, 0, "id", "999"),
        (D("1234.5"), None, "en", "1,234.5"),
    ],
)
def test_format_angka(nilai: Any, tempat: int | None, lokal: str, diharapkan: str) -> None:
    assert format_angka(nilai, tempat, lokal) == diharapkan


def _format_referensi(nilai: Decimal, ribuan: str, desimal: str) -> str:
    """Group the integer digits in threes from the right, by hand."""
    teks = f"{nilai:f}"
    tanda = "-" if teks.startswith("-") else ""
    bulat, _, pecahan = teks.lstrip("-").partition(".")
    kelompok: list[str] = []
    while len(bulat) > 3:
        bulat, kelompok = bulat[:-3], [bulat[-3:], *kelompok]
    hasil = ribuan.join([bulat, *kelompok])
    return f"{tanda}{hasil}{desimal}{pecahan}" if pecahan else f"{tanda}{hasil}"


_DESIMAL = st.builds(
    lambda k, e: D(k).scaleb(e),
    st.integers(min_value=-(10**18), max_value=10**18),
    st.integers(min_value=-6, max_value=3),
)


@given(nilai=_DESIMAL)
def test_parse_angka_bolak_balik_id(nilai: Decimal) -> None:
    teks = _format_referensi(nilai, ".", ",")
    assert parse_angka(teks, "id") == nilai
    assert parse_angka(f"Rp {teks}", "id") == nilai
    assert format_angka(nilai, None, "id") == teks


@given(nilai=_DESIMAL)
def test_parse_angka_bolak_balik_en(nilai: Decimal) -> None:
    teks = _format_referensi(nilai, ",", ".")
    assert parse_angka(teks, "en") == nilai
    assert parse_angka(format_angka(nilai, None, "en"), "en") == nilai


@given(nilai=_DESIMAL, tempat=st.integers(min_value=0, max_value=4))
def test_format_angka_membulatkan_lalu_bolak_balik(nilai: Decimal, tempat: int) -> None:
    assert parse_angka(format_angka(nilai, tempat, "id"), "id") == bulatkan(nilai, tempat)


@given(
    depan=st.integers(min_value=1, max_value=999),
    belakang=st.text(alphabet="0123456789", min_size=1, max_size=6).filter(lambda s: len(s) != 3),
)
def test_titik_tunggal_yang_bukan_kelompok_ribuan_ditolak(depan: int, belakang: str) -> None:
    """'98.09' and its kin never become 9809 under 'id'."""
    with pytest.raises(ValueError):
        parse_angka(f"{depan}.{belakang}", "id")
    assert parse_angka(f"{depan}.{belakang}", "en") == D(f"{depan}.{belakang}")


@given(teks=st.text(alphabet="0123456789.,-+% Rp", max_size=20) | st.text(max_size=12))
def test_parse_angka_hanya_mengembalikan_decimal_atau_valueerror(teks: str) -> None:
    for lokal in ("id", "en"):
        try:
            hasil = parse_angka(teks, lokal)
        except ValueError:
            continue
        assert isinstance(hasil, Decimal)
        assert hasil.is_finite()


def test_contoh_di_docstring_paket() -> None:
    hasil = doctest.testmod(kinerja_core)
    assert hasil.attempted > 0
    assert hasil.failed == 0
