"""Working days and SLA due dates in Asia/Makassar (WITA), for every service clock.

A working day is Monday to Friday, not an Indonesian public holiday (the `holidays` package,
country ID) and not one of the year's *cuti bersama* days, which the caller passes in as data
(they are set each year by a joint ministerial decree, not by a rule).

Due dates by unit:
- `hari_kerja`: the end (24:00 WITA) of the N-th working day after the day the clock started;
- `hari_kalender`: the end of the N-th calendar day after the start day;
- `bulan`: the end of the same day of the month N months later (clamped to the month's end);
- `menit`: the start plus N minutes.
A paused clock resumes with what was left (`sisa`), so waiting on the applicant costs nothing.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from functools import cached_property

import holidays

from dinsos_api.core.waktu import WITA


class Satuan(StrEnum):
    HARI_KERJA = "hari_kerja"
    HARI_KALENDER = "hari_kalender"
    BULAN = "bulan"
    MENIT = "menit"


@dataclass(frozen=True)
class Kalender:
    """Working-day calendar: weekends, national holidays and cuti bersama are days off."""

    cuti_bersama: frozenset[date] = field(default_factory=frozenset)

    @cached_property
    def _libur(self) -> holidays.HolidayBase:
        return holidays.country_holidays("ID")

    def hari_kerja(self, hari: date) -> bool:
        return hari.weekday() < 5 and hari not in self._libur and hari not in self.cuti_bersama

    def alasan_libur(self, hari: date) -> str | None:
        """Why a day is off (for explanations), or None for a working day."""
        if hari in self.cuti_bersama:
            return "cuti bersama"
        nama = self._libur.get(hari)
        if nama:
            return str(nama)
        return "akhir pekan" if hari.weekday() >= 5 else None

    def tambah_hari_kerja(self, mulai: date, n: int) -> date:
        """The n-th working day after `mulai` (n = 0: `mulai` itself)."""
        hari = mulai
        while n > 0:
            hari += timedelta(days=1)
            if self.hari_kerja(hari):
                n -= 1
        return hari

    def hitung_hari_kerja(self, setelah: date, sampai: date) -> int:
        """Working days in (setelah, sampai]."""
        jumlah, hari = 0, setelah
        while hari < sampai:
            hari += timedelta(days=1)
            if self.hari_kerja(hari):
                jumlah += 1
        return jumlah


def _akhir_hari(hari: date) -> datetime:
    # "End of day" is the next midnight in WITA: work done any time that day is on time.
    return datetime.combine(hari + timedelta(days=1), time(0), tzinfo=WITA)


def tambah_bulan(hari: date, n: int) -> date:
    bulan = hari.month - 1 + n
    tahun, bulan = hari.year + bulan // 12, bulan % 12 + 1
    return date(tahun, bulan, min(hari.day, calendar.monthrange(tahun, bulan)[1]))


def jatuh_tempo(mulai: datetime, nilai: int, satuan: Satuan, kalender: Kalender) -> datetime:
    """When a clock started at `mulai` runs out (timezone-aware, WITA)."""
    lokal = mulai.astimezone(WITA)
    if satuan is Satuan.MENIT:
        return lokal + timedelta(minutes=nilai)
    if satuan is Satuan.HARI_KERJA:
        return _akhir_hari(kalender.tambah_hari_kerja(lokal.date(), nilai))
    if satuan is Satuan.HARI_KALENDER:
        return _akhir_hari(lokal.date() + timedelta(days=nilai))
    return _akhir_hari(tambah_bulan(lokal.date(), nilai))


def hari_jatuh_tempo(tempo: datetime) -> date:
    """The day a clock is due, in WITA: a day clock runs out at the end of its day, which is
    the next day's first instant (15 December ends at 2026-12-15T16:00:00Z)."""
    return (tempo.astimezone(WITA) - timedelta(microseconds=1)).date()


def sisa(tempo: datetime, saat: datetime, satuan: Satuan, kalender: Kalender) -> tuple[int, Satuan]:
    """What is left of a clock paused at `saat`, in a unit `jatuh_tempo` can resume with.

    Working days left are those after the pause day up to the due day; a month clock is
    resumed in calendar days; minutes stay minutes. Nothing left (already late) gives 0.
    """
    if satuan is Satuan.MENIT:
        return max(0, int((tempo - saat).total_seconds() // 60)), Satuan.MENIT
    hari_tempo = hari_jatuh_tempo(tempo)
    hari_jeda = saat.astimezone(WITA).date()
    if satuan is Satuan.HARI_KERJA:
        return kalender.hitung_hari_kerja(hari_jeda, hari_tempo), Satuan.HARI_KERJA
    return max(0, (hari_tempo - hari_jeda).days), Satuan.HARI_KALENDER


def kalender_dari(tanggal: Iterable[date]) -> Kalender:
    return Kalender(cuti_bersama=frozenset(tanggal))
