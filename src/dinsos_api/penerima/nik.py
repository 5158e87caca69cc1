"""NIK and family-card numbers (Permendagri 72/2019 on the population register).

A NIK has 16 digits: 1–2 the province, 3–4 the regency/city, 5–6 the district (kecamatan),
7–12 the birth date as DDMMYY with 40 added to the day for women, 13–16 a serial number.
A wrong value is reported, never silently fixed.
"""

from __future__ import annotations

import contextlib
import re
from datetime import date

# Kemendagri province codes (Papua's pre-2022 codes 91/92 remain on older cards).
KODE_PROVINSI = frozenset(
    {
        "11", "12", "13", "14", "15", "16", "17", "18", "19", "21",
        "31", "32", "33", "34", "35", "36", "51", "52", "53",
        "61", "62", "63", "64", "65", "71", "72", "73", "74", "75", "76",
        "81", "82", "91", "92", "93", "94", "95", "96",
    }
)  # fmt: skip

_ANGKA16 = re.compile(r"\A[0-9]{16}\Z")


def _tanggal(hari: int, bulan: int, yy: int) -> list[date]:
    """The real dates DD/MM/YY can be, in the 1900s or 2000s."""
    hasil = []
    for abad in (1900, 2000):
        with contextlib.suppress(ValueError):
            hasil.append(date(abad + yy, bulan, hari))
    return hasil


def periksa_nik(
    nik: str, tanggal_lahir: date | None = None, jenis_kelamin: str | None = None
) -> list[str]:
    """Every problem with a NIK, in Indonesian; an empty list means it is valid.

    `jenis_kelamin` is "L" or "P"; when it or `tanggal_lahir` is given it must agree with
    the date encoded in the NIK.
    """
    if not _ANGKA16.match(nik):
        return ["NIK harus 16 digit angka"]
    salah = []
    if nik[:2] not in KODE_PROVINSI:
        salah.append(f"dua digit pertama NIK ({nik[:2]}) bukan kode provinsi yang sah")
    hari, bulan, yy = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    perempuan = hari > 40
    if perempuan:
        hari -= 40
    calon = _tanggal(hari, bulan, yy)
    if not calon:
        salah.append(f"digit 7–12 NIK ({nik[6:12]}) bukan tanggal lahir yang sah")
    if nik[12:] == "0000":
        salah.append("nomor urut NIK (4 digit terakhir) tidak boleh 0000")
    if calon and tanggal_lahir is not None and tanggal_lahir not in calon:
        salah.append(
            f"tanggal lahir {tanggal_lahir.isoformat()} tidak sesuai dengan NIK "
            f"({hari:02d}-{bulan:02d}-{yy:02d})"
        )
    if calon and jenis_kelamin is not None and (jenis_kelamin == "P") != perempuan:
        tertulis = "perempuan" if perempuan else "laki-laki"
        salah.append(f"jenis kelamin tidak sesuai dengan NIK (NIK menunjukkan {tertulis})")
    return salah


def periksa_nomor_kk(nomor_kk: str) -> list[str]:
    """Problems with a family-card number (16 digits starting with a province code)."""
    if not _ANGKA16.match(nomor_kk):
        return ["nomor KK harus 16 digit angka"]
    if nomor_kk[:2] not in KODE_PROVINSI:
        return [f"dua digit pertama nomor KK ({nomor_kk[:2]}) bukan kode provinsi yang sah"]
    return []
