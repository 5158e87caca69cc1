"""Working days and due dates: weekends, national holidays and cuti bersama are skipped."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from dinsos_api.core.hari_kerja import Kalender, Satuan, hari_jatuh_tempo, jatuh_tempo, sisa
from dinsos_api.core.waktu import WITA
from dinsos_api.layanan.sla import kalender_kantor


def _wita(y: int, m: int, d: int, h: int = 9) -> datetime:
    return datetime(y, m, d, h, tzinfo=WITA)


def test_idul_fitri_2026_and_its_cuti_bersama_are_not_working_days() -> None:
    k = kalender_kantor()
    # 18 Mar cuti Nyepi, 19 Nyepi, 20 cuti, 21-22 Idul Fitri (weekend), 23-24 cuti bersama.
    for hari in range(18, 25):
        assert not k.hari_kerja(date(2026, 3, hari)), hari
    assert k.hari_kerja(date(2026, 3, 17)) and k.hari_kerja(date(2026, 3, 25))


def test_three_working_days_from_17_march_2026_end_on_27_march() -> None:
    # Working days after Tue 17 Mar: 25 (1), 26 (2), 27 (3); due at the end of 27 Mar WITA.
    tempo = jatuh_tempo(_wita(2026, 3, 17), 3, Satuan.HARI_KERJA, kalender_kantor())
    assert tempo == datetime(2026, 3, 28, 0, 0, tzinfo=WITA)


def test_without_cuti_bersama_only_the_holidays_themselves_are_skipped() -> None:
    # The same count on a bare calendar: 18 (1), 20 (2), 23 (3) -> end of 23 Mar.
    tempo = jatuh_tempo(_wita(2026, 3, 17), 3, Satuan.HARI_KERJA, Kalender())
    assert tempo == datetime(2026, 3, 24, 0, 0, tzinfo=WITA)


def test_17_august_is_skipped() -> None:
    # Fri 14 Aug 2026 + 1 working day: 15-16 weekend, 17 Independence Day -> Tue 18 Aug.
    tempo = jatuh_tempo(_wita(2026, 8, 14), 1, Satuan.HARI_KERJA, kalender_kantor())
    assert tempo == datetime(2026, 8, 19, 0, 0, tzinfo=WITA)
    assert kalender_kantor().alasan_libur(date(2026, 8, 17)) is not None


def test_calendar_days_months_and_minutes() -> None:
    k = kalender_kantor()
    assert jatuh_tempo(_wita(2026, 3, 17), 7, Satuan.HARI_KALENDER, k) == _wita(2026, 3, 25, 0)
    assert jatuh_tempo(_wita(2026, 1, 31), 1, Satuan.BULAN, k) == _wita(2026, 3, 1, 0)
    mulai = _wita(2026, 3, 20, 10)  # a holiday: minutes run regardless
    assert jatuh_tempo(mulai, 15, Satuan.MENIT, k) == mulai + timedelta(minutes=15)


def test_due_dates_are_reported_in_wita_even_from_utc_input() -> None:
    # 16:30 UTC on 16 Mar is 00:30 WITA on 17 Mar: the clock counts from 17 Mar.
    mulai = datetime(2026, 3, 16, 16, 30, tzinfo=WITA).replace(tzinfo=None)
    from datetime import UTC

    tempo = jatuh_tempo(mulai.replace(tzinfo=UTC), 3, Satuan.HARI_KERJA, kalender_kantor())
    assert tempo == datetime(2026, 3, 28, 0, 0, tzinfo=WITA)


def test_a_paused_clock_resumes_with_what_was_left() -> None:
    k = kalender_kantor()
    tempo = jatuh_tempo(_wita(2026, 3, 2), 4, Satuan.HARI_KERJA, k)  # Mon 2 Mar -> end of 6 Mar
    assert tempo == _wita(2026, 3, 7, 0)
    nilai, satuan = sisa(tempo, _wita(2026, 3, 3), Satuan.HARI_KERJA, k)  # paused Tue
    assert (nilai, satuan) == (3, Satuan.HARI_KERJA)  # Wed, Thu, Fri left
    # Resumed Mon 16 Mar: 17 (1), then 18-24 off, 25 (2), 26 (3) -> end of 26 Mar.
    assert jatuh_tempo(_wita(2026, 3, 16), nilai, satuan, k) == _wita(2026, 3, 27, 0)


def test_the_due_day_of_a_clock_in_wita() -> None:
    # A day clock runs out at the first instant of the next WITA day: 2026-12-15T16:00:00Z
    # is the end of 15 December, shown to citizens as that date, not as the 16th.
    akhir_15 = datetime(2026, 12, 15, 16, 0, tzinfo=UTC)
    assert hari_jatuh_tempo(akhir_15) == date(2026, 12, 15)
    assert hari_jatuh_tempo(akhir_15 + timedelta(seconds=1)) == date(2026, 12, 16)
    assert hari_jatuh_tempo(datetime(2026, 12, 15, 1, 15, tzinfo=UTC)) == date(2026, 12, 15)
