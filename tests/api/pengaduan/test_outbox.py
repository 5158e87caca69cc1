"""Answers back to SP4N-LAPOR!: events written with the state change, delivered by the worker
to a real local HTTP server, with retries, backoff, dead letters, replay and restarts."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select
from sqlmodel import Session
from standardwebhooks.webhooks import Webhook

from dinsos_api.core.outbox import (
    AturanKirim,
    OutboxEvent,
    PekerjaOutbox,
    Tujuan,
    baca_retry_after,
    tulis,
)
from tests.api.pengaduan.conftest import RAHASIA_KELUAR, Penerima, kirim, laporan

CEPAT = AturanKirim(timeout=0.5, jeda_awal=0.0, jeda_maks=0.0, maks_percobaan=5, sewa=30)


def _pekerja(engine: Engine, penerima: Penerima, aturan: AturanKirim = CEPAT) -> PekerjaOutbox:
    return PekerjaOutbox(
        engine, {"sp4n_lapor": Tujuan("sp4n_lapor", penerima.url, RAHASIA_KELUAR)}, aturan
    )


def _aksi(c: TestClient, h: dict[str, str], pid: str, aksi: str, **body: Any) -> None:
    r = c.post(f"/v1/pengaduan/{pid}/transisi", json={"aksi": aksi, **body}, headers=h)
    assert r.status_code == 200, r.text


def _sampai_disposisi(c: TestClient, peran: dict[str, dict[str, str]]) -> str:
    pid = str(kirim(c, laporan()).json()["pengaduan_id"])
    _aksi(c, peran["petugas"], pid, "telaah")
    _aksi(c, peran["petugas"], pid, "teruskan")
    _aksi(c, peran["kadis"], pid, "disposisi", unit_kerja="bidang_perlindungan_jaminan_sosial")
    return pid


def _events(engine: Engine) -> list[OutboxEvent]:
    with Session(engine) as s:
        return list(s.scalars(select(OutboxEvent).order_by(OutboxEvent.created_at)))


def _satu_event(engine: Engine) -> OutboxEvent:
    (e,) = _events(engine)
    return e


def test_state_changes_write_events_in_the_same_transaction(
    anon: TestClient, peran: dict[str, dict[str, str]], engine: Engine
) -> None:
    c, petugas, kadis = anon, peran["petugas"], peran["kadis"]
    pid = _sampai_disposisi(c, peran)
    e = _satu_event(engine)
    assert (e.topic, e.destination, e.subject_id, e.status) == (
        "sp4n_lapor.laporan.ditindaklanjuti", "sp4n_lapor", pid, "pending",
    )  # fmt: skip
    assert e.payload["data"]["tracking_id"] == "LAPOR-2026-0001"
    # A refused step writes nothing.
    r = c.post(f"/v1/pengaduan/{pid}/transisi", json={"aksi": "selesaikan"}, headers=petugas)
    assert r.status_code == 409 and len(_events(engine)) == 1
    _aksi(c, petugas, pid, "susun_jawaban", jawaban="PKH Ibu Maria cair tahap IV.")
    _aksi(c, petugas, pid, "ajukan_persetujuan")
    _aksi(c, peran["bidang"], pid, "setujui")
    assert len(_events(engine)) == 1  # intermediate approval: nothing LAPOR! needs
    _aksi(c, kadis, pid, "setujui")
    _aksi(c, petugas, pid, "sampaikan_jawaban")
    _aksi(c, petugas, pid, "selesaikan")
    jenis = [(x.payload["type"], x.payload["data"].get("jawaban")) for x in _events(engine)]
    assert jenis == [
        ("laporan.ditindaklanjuti", None),
        ("laporan.dijawab", "PKH Ibu Maria cair tahap IV."),
        ("laporan.selesai", None),
    ]
    kedua = kirim(c, laporan("LAPOR-2026-0002")).json()["pengaduan_id"]
    _aksi(c, petugas, kedua, "bukan_wewenang", catatan="Kewenangan BPJS Kesehatan.")
    akhir = _events(engine)[-1].payload
    assert akhir["type"] == "laporan.bukan_wewenang"
    assert akhir["data"]["keterangan"] == "Kewenangan BPJS Kesehatan."


def test_delivered_signed_once(
    anon: TestClient, peran: dict[str, dict[str, str]], engine: Engine, penerima: Penerima
) -> None:
    _sampai_disposisi(anon, peran)
    pekerja = _pekerja(engine, penerima)
    try:
        assert pekerja.jalankan_sekali() == 1
        assert pekerja.jalankan_sekali() == 0
    finally:
        pekerja.berhenti()
    (d,) = penerima.diterima
    headers = {k.lower(): v for k, v in d.headers.items()}
    e = _satu_event(engine)
    assert headers["webhook-id"] == e.id
    # The receiver checks the signature with the shared secret, as SP4N-LAPOR! would.
    isi = Webhook(RAHASIA_KELUAR).verify(d.body, headers)
    assert isi["type"] == "laporan.ditindaklanjuti"
    assert isi["data"]["unit_kerja"] == "bidang_perlindungan_jaminan_sosial"
    assert (e.status, e.attempts, e.last_status_code) == ("sent", 1, 200)
    assert e.sent_at is not None


def test_500_twice_then_success(
    anon: TestClient, peran: dict[str, dict[str, str]], engine: Engine, penerima: Penerima
) -> None:
    _sampai_disposisi(anon, peran)
    penerima.naskah = [(500, {}, 0.0), (503, {}, 0.0)]
    pekerja = _pekerja(engine, penerima)
    try:
        for _ in range(5):
            pekerja.jalankan_sekali()
    finally:
        pekerja.berhenti()
    assert [d.jawaban for d in penerima.diterima] == [500, 503, 200]
    assert len({d.headers["webhook-id"] for d in penerima.diterima}) == 1  # one id, 3 tries
    e = _satu_event(engine)
    assert (e.status, e.attempts) == ("sent", 3)
    r = anon.get("/v1/pengiriman", headers=peran["admin"])
    assert r.status_code == 200
    (kirim_,) = r.json()["data"]
    assert [(a["ke"], a["kode_status"], a["hasil"]) for a in kirim_["percobaan"]] == [
        (1, 500, "retry"), (2, 503, "retry"), (3, 200, "sent"),
    ]  # fmt: skip
    # Field names in the office's language, as everywhere else (they were topic, destination,
    # attempts, sent_at, outcome...).
    assert set(kirim_) == {
        "id", "topik", "tujuan", "subjek_id", "status", "jumlah_percobaan",
        "percobaan_berikut_pada", "kode_status_terakhir", "galat_terakhir", "created_at",
        "terkirim_pada", "isi", "percobaan",
    }  # fmt: skip
    assert set(kirim_["percobaan"][0]) == {
        "ke", "mulai_pada", "durasi_ms", "kode_status", "galat", "hasil",
    }  # fmt: skip
    assert kirim_["jumlah_percobaan"] == 3 and kirim_["terkirim_pada"] is not None
    saring = anon.get("/v1/pengiriman", params={"subjek_id": kirim_["subjek_id"]},
                      headers=peran["admin"]).json()["data"]  # fmt: skip
    assert [k["id"] for k in saring] == [kirim_["id"]]


def test_timeout_is_retried(
    anon: TestClient, peran: dict[str, dict[str, str]], engine: Engine, penerima: Penerima
) -> None:
    _sampai_disposisi(anon, peran)
    penerima.naskah = [(200, {}, 1.5)]  # answers after the client's 0.5 s timeout
    pekerja = _pekerja(engine, penerima)
    try:
        pekerja.jalankan_sekali()
        e = _satu_event(engine)
        assert (e.status, e.attempts, e.last_status_code) == ("pending", 1, None)
        assert e.last_error is not None and "timeout" in e.last_error
        pekerja.jalankan_sekali()
    finally:
        pekerja.berhenti()
    e = _satu_event(engine)
    assert (e.status, e.attempts) == ("sent", 2)
    assert [d.jawaban for d in penerima.diterima if d.jawaban != -1] == [200]


def test_410_is_a_dead_letter_that_an_admin_can_replay(
    anon: TestClient, peran: dict[str, dict[str, str]], engine: Engine, penerima: Penerima
) -> None:
    _sampai_disposisi(anon, peran)
    penerima.naskah = [(410, {}, 0.0)]
    pekerja = _pekerja(engine, penerima)
    admin = peran["admin"]
    try:
        pekerja.jalankan_sekali()
        assert pekerja.jalankan_sekali() == 0  # dead: not tried again
        e = _satu_event(engine)
        assert (e.status, e.attempts, e.last_status_code) == ("dead", 1, 410)
        mati = anon.get("/v1/pengiriman", params={"status": "dead"}, headers=admin).json()
        assert [x["id"] for x in mati["data"]] == [e.id]
        assert anon.get("/v1/pengiriman", headers=peran["petugas"]).status_code == 403
        r = anon.post(f"/v1/pengiriman/{e.id}/ulang", headers=admin)
        assert r.status_code == 200 and r.json()["status"] == "pending"
        assert pekerja.jalankan_sekali() == 1
    finally:
        pekerja.berhenti()
    e = _satu_event(engine)
    assert (e.status, e.attempts) == ("sent", 2)
    lagi = anon.post(f"/v1/pengiriman/{e.id}/ulang", headers=admin)
    assert lagi.status_code == 409
    assert anon.post(f"/v1/pengiriman/{'0' * 32}/ulang", headers=admin).status_code == 404


def test_restarted_worker_delivers_exactly_once(
    anon: TestClient, peran: dict[str, dict[str, str]], engine: Engine, penerima: Penerima
) -> None:
    """The receiver fails twice; the worker is stopped between attempts and a new one (a
    restarted process) carries on. One 2xx delivery, and nothing after it."""
    _sampai_disposisi(anon, peran)
    penerima.naskah = [(500, {}, 0.0), (500, {}, 0.0)]
    pertama = _pekerja(engine, penerima)
    pertama.jalankan_sekali()
    pertama.berhenti()
    kedua = _pekerja(engine, penerima)
    kedua.jalankan_sekali()
    kedua.berhenti()
    # A third process dies holding the lease (claimed, never answered): others wait it out.
    with Session(engine) as s:
        e = s.scalars(select(OutboxEvent)).one()
        e.lease_owner, e.lease_until = "mati", datetime.now(UTC) + timedelta(minutes=1)
        s.add(e)
        s.commit()
    ketiga = _pekerja(engine, penerima)
    try:
        assert ketiga.jalankan_sekali() == 0
        with Session(engine) as s:
            e = s.scalars(select(OutboxEvent)).one()
            e.lease_until = datetime.now(UTC) - timedelta(seconds=1)  # the lease ran out
            s.add(e)
            s.commit()
        assert ketiga.jalankan_sekali() == 1
        for _ in range(3):
            assert ketiga.jalankan_sekali() == 0
    finally:
        ketiga.berhenti()
    assert [d.jawaban for d in penerima.diterima] == [500, 500, 200]
    assert len(penerima.berhasil) == 1
    assert _satu_event(engine).status == "sent"


def test_background_worker_thread_delivers(
    anon: TestClient, peran: dict[str, dict[str, str]], engine: Engine, penerima: Penerima
) -> None:
    _sampai_disposisi(anon, peran)
    penerima.naskah = [(503, {}, 0.0)]
    aturan = AturanKirim(timeout=0.5, jeda_awal=0.05, jeda_maks=0.1, sewa=30, interval=0.05)
    pekerja = _pekerja(engine, penerima, aturan)
    pekerja.mulai()
    try:
        batas = time.monotonic() + 10
        while time.monotonic() < batas and _satu_event(engine).status != "sent":
            time.sleep(0.05)
    finally:
        pekerja.berhenti()
    assert _satu_event(engine).status == "sent"
    assert [d.jawaban for d in penerima.diterima] == [503, 200]


def test_retry_after_is_honoured_and_429_retried(engine: Engine, penerima: Penerima) -> None:
    with Session(engine) as s:
        tulis(s, topic="uji.retry_after", destination="sp4n_lapor", payload={"x": 1})
        s.commit()
    penerima.naskah = [(429, {"Retry-After": "120"}, 0.0)]
    pekerja = _pekerja(engine, penerima)
    try:
        sebelum = datetime.now(UTC)
        pekerja.jalankan_sekali()
        assert pekerja.jalankan_sekali() == 0  # not due for two minutes
    finally:
        pekerja.berhenti()
    e = _satu_event(engine)
    assert (e.status, e.last_status_code) == ("pending", 429)
    assert e.next_attempt_at >= sebelum + timedelta(seconds=120)


def test_other_4xx_are_dead_and_unconfigured_destinations_wait(
    engine: Engine, penerima: Penerima
) -> None:
    with Session(engine) as s:
        tulis(s, topic="uji.a", destination="sp4n_lapor", payload={"x": 1})
        tulis(s, topic="uji.b", destination="tujuan_lain", payload={"y": 2})
        s.commit()
    penerima.naskah = [(400, {}, 0.0)]
    pekerja = _pekerja(engine, penerima)
    try:
        assert pekerja.jalankan_sekali() == 1
    finally:
        pekerja.berhenti()
    status = {e.topic: e.status for e in _events(engine)}
    assert status == {"uji.a": "dead", "uji.b": "pending"}
    assert json.loads(penerima.diterima[0].body) == {"x": 1}


@pytest.mark.parametrize("percobaan", [1, 2, 3, 6])
def test_backoff_grows_exponentially_with_jitter(percobaan: int) -> None:
    aturan = AturanKirim(jeda_awal=2.0, jeda_maks=30.0)
    plafon = min(30.0, 2.0 * 2 ** (percobaan - 1))  # 2, 4, 8, then capped at 30
    nilai = [aturan.jeda(percobaan, None) for _ in range(200)]
    assert all(plafon / 2 <= v <= plafon for v in nilai)
    assert len(set(nilai)) > 1  # jittered
    assert aturan.jeda(percobaan, 45.0) >= 45.0


def test_retry_after_formats() -> None:
    saat = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
    assert baca_retry_after("30", saat) == 30.0
    assert baca_retry_after("Mon, 23 Nov 2026 08:01:00 GMT", saat) == 60.0
    assert baca_retry_after("besok", saat) is None
    assert baca_retry_after(None, saat) is None


def test_approved_answer_reaches_lapor_once_despite_failures_and_a_restart(
    anon: TestClient, peran: dict[str, dict[str, str]], engine: Engine, penerima: Penerima
) -> None:
    """The issue's case end to end: a signed LAPOR! report walks through disposition and two
    approval levels; the receiver fails twice on the approved answer and the worker is
    restarted in between; the answer arrives once, signed, and is never sent again."""
    pid = _sampai_disposisi(anon, peran)
    awal = _pekerja(engine, penerima)
    try:
        assert awal.jalankan_sekali() == 1  # laporan.ditindaklanjuti, delivered at once
    finally:
        awal.berhenti()
    petugas, jawaban = peran["petugas"], "Bantuan diverifikasi petugas pada 2 Desember 2026."
    _aksi(anon, petugas, pid, "susun_jawaban", jawaban=jawaban)
    _aksi(anon, petugas, pid, "ajukan_persetujuan")
    _aksi(anon, peran["bidang"], pid, "setujui")
    _aksi(anon, peran["kadis"], pid, "setujui")

    penerima.naskah = [(500, {}, 0.0), (503, {}, 0.0)]
    for _ in range(2):  # each attempt by a fresh worker, as after a restart
        pekerja = _pekerja(engine, penerima)
        try:
            pekerja.jalankan_sekali()
        finally:
            pekerja.berhenti()
    terakhir = _pekerja(engine, penerima)
    try:
        assert terakhir.jalankan_sekali() == 1
        assert [terakhir.jalankan_sekali() for _ in range(3)] == [0, 0, 0]
    finally:
        terakhir.berhenti()

    jawaban_diterima = [
        Webhook(RAHASIA_KELUAR).verify(d.body, {k.lower(): v for k, v in d.headers.items()})
        for d in penerima.berhasil
    ]
    dijawab = [isi for isi in jawaban_diterima if isi["type"] == "laporan.dijawab"]
    assert len(dijawab) == 1 and jawaban in json.dumps(dijawab[0])
    assert [d.jawaban for d in penerima.diterima][-3:] == [500, 503, 200]
    assert all(e.status == "sent" for e in _events(engine))
