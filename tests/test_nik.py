"""NIK and KK rules (penerima/nik.py): what is valid, and every way a value can be wrong."""

from __future__ import annotations

from datetime import date

import pytest

from dinsos_api.penerima.nik import (
    KODE_PROVINSI,
    periksa_nik,
    periksa_nomor_kk,
)


def nik(wilayah: str, lahir: str, urut: str = "0007", *, perempuan: bool = False) -> str:
    """A NIK from a district code (4 digits + kecamatan 2 digits) and DDMMYY."""
    hari = int(lahir[:2]) + (40 if perempuan else 0)
    return f"{wilayah}{hari:02d}{lahir[2:]}{urut}"


def test_a_valid_nik_has_no_problems() -> None:
    assert periksa_nik("5301011203850007") == []
    assert periksa_nik("5301011203850007", date(1985, 3, 12), "L") == []


def test_women_have_40_added_to_the_day() -> None:
    perempuan = nik("530101", "120385", perempuan=True)
    assert perempuan == "5301015203850007"
    assert periksa_nik(perempuan, date(1985, 3, 12), "P") == []
    # Day 71 (31 + 40) is the last day a woman's NIK can carry.
    assert periksa_nik(nik("530101", "310185", perempuan=True), date(1985, 1, 31), "P") == []


@pytest.mark.parametrize(
    ("nilai", "pesan"),
    [
        ("530101120385000", "16 digit"),
        ("53010112038500071", "16 digit"),
        ("53010112038500 7", "16 digit"),
        ("５３０１０１１２０３８５０００７", "16 digit"),  # full-width digits are not ASCII digits
        ("", "16 digit"),
    ],
)
def test_shape(nilai: str, pesan: str) -> None:
    (masalah,) = periksa_nik(nilai)
    assert pesan in masalah


def test_province_must_exist() -> None:
    assert "53" in KODE_PROVINSI and "54" not in KODE_PROVINSI
    (masalah,) = periksa_nik("5401011203850007")
    assert "kode provinsi" in masalah and "54" in masalah
    (masalah,) = periksa_nik("0001011203850007")
    assert "kode provinsi" in masalah


@pytest.mark.parametrize(
    "tanggal",
    ["310299", "300299", "320185", "001085", "121385", "120085", "310485", "720185"],
)
def test_impossible_dates_are_refused(tanggal: str) -> None:
    # 31 and 30 February, day 32, day 0, month 13, month 0, 31 April; 72 is 32 for a woman.
    masalah = periksa_nik(f"530101{tanggal}0007")
    assert any("bukan tanggal lahir yang sah" in m for m in masalah), masalah


@pytest.mark.parametrize(
    ("tanggal", "sah"),
    [
        ("290200", True),  # 2000 is a leap year (and 1900 is not: one reading suffices)
        ("290204", True),  # 2004 leap; 1904 leap too
        ("290296", True),  # 1996 leap (2096 as well)
        ("290201", False),  # neither 1901 nor 2001
        ("290299", False),  # neither 1999 nor 2099
        ("290223", False),  # neither 1923 nor 2023
    ],
)
def test_29_february_in_both_centuries(tanggal: str, sah: bool) -> None:
    assert (periksa_nik(f"530101{tanggal}0007") == []) is sah
    assert (periksa_nik(nik("530101", tanggal, perempuan=True)) == []) is sah


def test_29_february_00_can_only_be_2000() -> None:
    # 1900 was not a leap year: the NIK agrees with 2000-02-29 and nothing else.
    assert periksa_nik("5301012902000007", date(2000, 2, 29)) == []
    (masalah,) = periksa_nik("5301012902000007", date(1900, 2, 28))
    assert "tidak sesuai" in masalah


def test_serial_0000_is_refused() -> None:
    (masalah,) = periksa_nik("5301011203850000")
    assert "0000" in masalah
    assert periksa_nik("5301011203850001") == []


def test_disagreement_with_birth_date() -> None:
    (masalah,) = periksa_nik("5301011203850007", date(1985, 3, 13))
    assert "tanggal lahir 1985-03-13 tidak sesuai" in masalah
    # The century is not in the NIK: 1985 and 2085 both agree with "85".
    assert periksa_nik("5301011203850007", date(2085, 3, 12)) == []
    assert periksa_nik("5301011203850007", date(1885, 3, 12)) != []


def test_disagreement_with_sex() -> None:
    (masalah,) = periksa_nik("5301011203850007", jenis_kelamin="P")
    assert "laki-laki" in masalah
    (masalah,) = periksa_nik("5301015203850007", jenis_kelamin="L")
    assert "perempuan" in masalah


def test_every_problem_is_reported_at_once() -> None:
    masalah = periksa_nik("5401013102850000")
    assert len(masalah) == 3  # province, date (31 February), serial


def test_no_agreement_check_without_a_date() -> None:
    # When the date itself is invalid, there is nothing to compare tanggal_lahir with.
    masalah = periksa_nik("5301013102850007", date(1985, 2, 28), "P")
    assert len(masalah) == 1 and "bukan tanggal" in masalah[0]


@pytest.mark.parametrize(
    ("nomor", "salah"),
    [
        ("5301010101240001", False),
        ("5301010101240", True),
        ("530101010124000a", True),
        ("9901010101240001", True),
    ],
)
def test_nomor_kk(nomor: str, salah: bool) -> None:
    assert bool(periksa_nomor_kk(nomor)) is salah
