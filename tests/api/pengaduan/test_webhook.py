"""The signed SP4N-LAPOR! webhook: verification, exactly-once, privacy, concurrency."""

from __future__ import annotations

import json
import logging
import threading
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, MetaData, func, select
from sqlmodel import Session

from dinsos_api.core.audit import AuditLog
from dinsos_api.core.hari_kerja import Kalender
from dinsos_api.core.waktu import WITA
from dinsos_api.pengaduan.models import Pengaduan, RiwayatPengaduan, WebhookMasuk
from tests.api.pengaduan.conftest import RAHASIA_BARU, kirim, laporan, tanda_tangan
from tests.conftest import IkatApp


def _jumlah(engine: Engine, model: type) -> int:
    with Session(engine) as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def _kasus(engine: Engine, tracking_id: str) -> list[Pengaduan]:
    with Session(engine) as s:
        return list(s.scalars(select(Pengaduan).where(Pengaduan.tracking_id == tracking_id)))


def test_signed_report_becomes_one_case(client: TestClient, engine: Engine) -> None:
    r = kirim(client, laporan())
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["hasil"] == "dibuat" and body["jenis"] == "laporan.diteruskan"
    (p,) = _kasus(engine, "LAPOR-2026-0001")
    assert body["pengaduan_id"] == p.id
    assert (p.kanal, p.status, p.klasifikasi) == ("sp4n_lapor", "diterima", "pengaduan")
    assert p.pelapor_nama == "Maria Goreti Tefa" and p.lampiran[0]["nama"] == "kartu-pkh.jpg"
    # 8 working days (Asia/Makassar), due at the end of the 8th working day after receipt.
    diterima = p.diterima_pada.astimezone(WITA).date()
    tempo = p.jatuh_tempo.astimezone(WITA)
    assert (tempo.hour, tempo.minute) == (0, 0)
    assert Kalender().hitung_hari_kerja(diterima, tempo.date() - timedelta(days=1)) == 8
    detail = client.get(f"/v1/pengaduan/{p.id}").json()
    assert detail["kanal"] == "sp4n_lapor" and detail["tracking_id"] == "LAPOR-2026-0001"
    assert detail["pelapor"]["nama"] == "Maria Goreti Tefa"
    langkah = client.get(f"/v1/pengaduan/{p.id}/riwayat").json()["data"]
    assert [(x["aksi"], x["aktor_nama"]) for x in langkah] == [("terima", "SP4N-LAPOR!")]


def test_repeated_webhook_id_replays_the_first_answer(client: TestClient, engine: Engine) -> None:
    raw = json.dumps(laporan()).encode()
    headers = tanda_tangan(raw, msg_id="msg_ulang_1")
    pertama = client.post("/v1/webhooks/sp4n-lapor", content=raw, headers=headers)
    kedua = client.post("/v1/webhooks/sp4n-lapor", content=raw, headers=headers)
    assert pertama.status_code == kedua.status_code == 200
    assert kedua.json() == pertama.json()
    assert kedua.headers.get("webhook-replay") == "true"
    assert "webhook-replay" not in pertama.headers
    assert len(_kasus(engine, "LAPOR-2026-0001")) == 1
    assert _jumlah(engine, RiwayatPengaduan) == 1


def test_second_event_for_the_same_tracking_id_updates_the_same_case(
    client: TestClient, engine: Engine
) -> None:
    pertama = kirim(client, laporan()).json()
    ubah = laporan(isi="Tambahan: nomor KKS 1234 sudah dilampirkan.")
    ubah["type"] = "laporan.diperbarui"
    kedua = kirim(client, ubah)
    assert kedua.status_code == 200 and kedua.json()["hasil"] == "diperbarui"
    assert kedua.json()["pengaduan_id"] == pertama["pengaduan_id"]
    lagi = kirim(client, laporan()).json()  # diteruskan again, new webhook-id: same case
    assert lagi["hasil"] == "diperbarui" and lagi["pengaduan_id"] == pertama["pengaduan_id"]
    (p,) = _kasus(engine, "LAPOR-2026-0001")
    assert p.isi.startswith("Bantuan PKH")  # the last event's content wins
    aksi = [x["aksi"] for x in client.get(f"/v1/pengaduan/{p.id}/riwayat").json()["data"]]
    assert aksi == ["terima", "diperbarui_pelapor", "diperbarui_pelapor"]


def test_closing_and_redirecting(client: TestClient, engine: Engine) -> None:
    kirim(client, laporan("LAPOR-A"))
    kirim(client, laporan("LAPOR-B"))
    tutup = laporan("LAPOR-A")
    tutup["type"] = "laporan.ditutup"
    alih = laporan("LAPOR-B")
    alih["type"] = "laporan.dialihkan"
    assert kirim(client, tutup).json()["hasil"] == "ditutup"
    assert kirim(client, alih).json()["hasil"] == "dialihkan"
    assert _kasus(engine, "LAPOR-A")[0].status == "selesai"
    (b,) = _kasus(engine, "LAPOR-B")
    assert b.status == "bukan_wewenang" and b.selesai_pada is not None
    tak_dikenal = laporan("LAPOR-TIDAK-ADA")
    tak_dikenal["type"] = "laporan.ditutup"
    r = kirim(client, tak_dikenal)
    assert r.status_code == 200 and r.json() == {
        "diterima": True,
        "jenis": "laporan.ditutup",
        "hasil": "diabaikan",
        "pengaduan_id": None,
    }
    assert _kasus(engine, "LAPOR-TIDAK-ADA") == []


def test_key_rotation_accepts_every_configured_secret(client: TestClient, engine: Engine) -> None:
    r = kirim(client, laporan("LAPOR-ROTASI"), rahasia=RAHASIA_BARU)
    assert r.status_code == 200, r.text
    assert len(_kasus(engine, "LAPOR-ROTASI")) == 1


@pytest.mark.parametrize(
    "rusak",
    ["isi_diubah", "rahasia_lain", "kedaluwarsa", "dari_masa_depan", "tanpa_tanda", "tanpa_id"],
)
def test_bad_signature_is_401_and_nothing_is_stored(
    rusak: str, client: TestClient, engine: Engine
) -> None:
    raw = json.dumps(laporan()).encode()
    headers = tanda_tangan(raw)
    if rusak == "isi_diubah":
        raw = raw.replace(b"Oesapa", b"Oesapi")
    elif rusak == "rahasia_lain":
        headers = tanda_tangan(raw, rahasia="whsec_" + "bGFpbi1sYWluLXlhbmctdGlkYWstZGlrZW5hbA==")
    elif rusak == "kedaluwarsa":
        headers = tanda_tangan(raw, saat=datetime.now(UTC) - timedelta(minutes=6))
    elif rusak == "dari_masa_depan":
        headers = tanda_tangan(raw, saat=datetime.now(UTC) + timedelta(minutes=6))
    elif rusak == "tanpa_tanda":
        del headers["webhook-signature"]
    else:
        del headers["webhook-id"]
    r = client.post("/v1/webhooks/sp4n-lapor", content=raw, headers=headers)
    assert r.status_code == 401
    assert r.headers["content-type"] == "application/problem+json"
    assert "tanda tangan" in r.json()["detail"].lower()
    assert _jumlah(engine, Pengaduan) == 0 and _jumlah(engine, WebhookMasuk) == 0


def test_a_signature_within_five_minutes_is_accepted(client: TestClient) -> None:
    r = kirim(client, laporan(), saat=datetime.now(UTC) - timedelta(minutes=4))
    assert r.status_code == 200, r.text


def test_malformed_payload_is_422_naming_the_fields(client: TestClient, engine: Engine) -> None:
    body = laporan()
    del body["data"]["judul"]
    body["data"]["klasifikasi"] = "keluhan"
    body["data"]["tanggal_lapor"] = "19-11-2026"
    r = kirim(client, body)
    assert r.status_code == 422
    fields = {e["field"] for e in r.json()["errors"]}
    assert fields == {"data.judul", "data.klasifikasi", "data.tanggal_lapor"}
    bukan_json = kirim(client, b"{bukan json")
    assert bukan_json.status_code == 422
    assert bukan_json.json()["errors"] == [{"field": "body", "message": "JSON tidak valid"}]
    tanpa_jenis = kirim(client, {"timestamp": "2026-11-20T09:15:00+08:00", "data": {}})
    assert tanpa_jenis.status_code == 422
    assert [e["field"] for e in tanpa_jenis.json()["errors"]] == ["type"]
    assert _jumlah(engine, Pengaduan) == 0 and _jumlah(engine, WebhookMasuk) == 0


@pytest.mark.parametrize(
    ("tanggal", "hari"),
    [
        ("2026-11-19", "2026-11-19"),
        ("2026-11-19T09:15:00+08:00", "2026-11-19"),
        # 17:30 UTC is already the next day in WITA (UTC+8).
        ("2026-11-18T17:30:00Z", "2026-11-19"),
        ("2026-11-19T23:30:00+07:00", "2026-11-20"),
        ("2026-11-19T09:15:00.123456+08:00", "2026-11-19"),
        # Without an offset the time is read as WITA.
        ("2026-11-19T23:59:59", "2026-11-19"),
    ],
)
def test_report_date_may_be_a_full_timestamp_read_in_wita(
    tanggal: str, hari: str, client: TestClient, engine: Engine
) -> None:
    body = laporan("LAPOR-WAKTU")
    body["data"]["tanggal_lapor"] = tanggal
    r = kirim(client, body)
    assert r.status_code == 200, r.text
    (p,) = _kasus(engine, "LAPOR-WAKTU")
    assert p.tanggal_lapor.isoformat() == hari


@pytest.mark.parametrize(
    "tanggal", ["19-11-2026", "2026-11-19T25:00:00+08:00", "kemarin", 20261119]
)
def test_report_date_that_is_no_date_is_422(tanggal: object, client: TestClient) -> None:
    body = laporan()
    body["data"]["tanggal_lapor"] = tanggal
    r = kirim(client, body)
    assert r.status_code == 422
    assert [e["field"] for e in r.json()["errors"]] == ["data.tanggal_lapor"]


def test_signed_message_without_configured_secret_is_401_and_logged(
    app_dengan: IkatApp, caplog: pytest.LogCaptureFixture
) -> None:
    with (
        TestClient(app_dengan(sp4n_lapor_webhook_secrets="")) as c,
        caplog.at_level(logging.WARNING, logger="dinsos_api.pengaduan"),
    ):
        r = kirim(c, laporan())
    assert r.status_code == 401
    pesan = [rec.getMessage() for rec in caplog.records if rec.name == "dinsos_api.pengaduan"]
    assert len(pesan) == 1 and "SP4N_LAPOR_WEBHOOK_SECRETS is empty" in pesan[0]
    assert all(
        rec.levelno == logging.WARNING
        for rec in caplog.records
        if rec.name == "dinsos_api.pengaduan"
    )
    # No personal data from the message in the log.
    log = "\n".join(rec.getMessage() for rec in caplog.records)
    assert "Maria" not in log and "LAPOR-2026-0001" not in log


def test_unknown_type_is_acknowledged_and_logged(
    client: TestClient, engine: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    body = laporan()
    body["type"] = "laporan.dinilai"
    with caplog.at_level(logging.INFO, logger="dinsos_api.pengaduan"):
        r = kirim(client, body)
    assert r.status_code == 202
    assert r.json()["hasil"] == "diabaikan" and r.json()["pengaduan_id"] is None
    assert _jumlah(engine, Pengaduan) == 0
    pesan = [rec.getMessage() for rec in caplog.records if rec.name == "dinsos_api.pengaduan"]
    assert pesan == ["sp4n-lapor webhook of unknown type laporan.dinilai acknowledged"]
    assert not any("Maria" in rec.getMessage() for rec in caplog.records)


def _semua_isi(engine: Engine) -> str:
    """Every row of every table, as text: where an identity could hide."""
    meta = MetaData()
    meta.reflect(engine)
    bagian = []
    with engine.connect() as conn:
        for tabel in meta.sorted_tables:
            for row in conn.execute(tabel.select()):
                bagian.append(json.dumps([str(v) for v in row], ensure_ascii=False))
    return "\n".join(bagian)


def test_anonymous_reporter_leaves_no_identity_anywhere(
    client: TestClient, engine: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    body = laporan(
        "LAPOR-ANON",
        anonim=True,
        pelapor={"nama": "Yohanes Bria Seran", "email": "yoh.seran@example.org",
                 "telepon": "081398765432"},
    )  # fmt: skip
    with caplog.at_level(logging.DEBUG):
        r = kirim(client, body)
        assert r.status_code == 200, r.text
        pid = r.json()["pengaduan_id"]
        detail = client.get(f"/v1/pengaduan/{pid}").json()
        ubah = dict(body, type="laporan.diperbarui")
        ubah["data"] = dict(body["data"], anonim=False)  # an update never brings it back
        assert kirim(client, ubah).status_code == 200
    assert detail["anonim"] is True and detail["pelapor"] is None
    teks = _semua_isi(engine)
    log = "\n".join(rec.getMessage() for rec in caplog.records)
    for jejak in ("Yohanes", "Seran", "yoh.seran", "081398765432"):
        assert jejak not in teks
        assert jejak not in log
    with Session(engine) as s:
        (p,) = s.scalars(select(Pengaduan).where(Pengaduan.tracking_id == "LAPOR-ANON"))
        assert p.anonim and p.pelapor_nama is None and p.pelapor_telepon is None
        audit = list(s.scalars(select(AuditLog).where(AuditLog.sumber_daya_id == pid)))
    assert [a.aksi for a in audit] and all(a.aktor_jenis == "sistem" for a in audit)


def test_concurrent_deliveries_make_one_case(app, engine: Engine) -> None:  # type: ignore[no-untyped-def]
    """Twelve deliveries at once: six twins of one webhook-id and six other ids, all for one
    tracking id. One case, one answer per webhook-id."""
    raw = json.dumps(laporan("LAPOR-PARALEL")).encode()
    kembar = tanda_tangan(raw, msg_id="msg_kembar")
    kiriman = [kembar] * 6 + [tanda_tangan(raw) for _ in range(6)]
    hasil: list[tuple[int, dict[str, object], str]] = []
    mulai = threading.Barrier(len(kiriman))
    kunci = threading.Lock()

    def kirim_satu(headers: dict[str, str]) -> None:
        with TestClient(app) as c:
            mulai.wait()
            r = c.post("/v1/webhooks/sp4n-lapor", content=raw, headers=headers)
        with kunci:
            hasil.append((r.status_code, r.json(), headers["webhook-id"]))

    threads = [threading.Thread(target=kirim_satu, args=(h,)) for h in kiriman]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert [s for s, _, _ in hasil] == [200] * len(kiriman), hasil
    (p,) = _kasus(engine, "LAPOR-PARALEL")
    assert {b["pengaduan_id"] for _, b, _ in hasil} == {p.id}
    per_id: dict[str, list[object]] = {}
    for _, b, msg_id in hasil:
        per_id.setdefault(msg_id, []).append(b["hasil"])
    assert len(per_id) == 7 and all(len(set(v)) == 1 for v in per_id.values())  # twins agree
    assert sorted(v[0] for v in per_id.values()) == ["dibuat"] + ["diperbarui"] * 6
    assert _jumlah(engine, WebhookMasuk) == 7  # one per distinct webhook-id
    with Session(engine) as s:
        langkah = s.scalar(select(func.count()).where(RiwayatPengaduan.pengaduan_id == p.id))
    assert langkah == 7  # created once, updated by each of the six other ids


def test_the_documented_signing_example_is_accepted(client: TestClient) -> None:
    """docs/sp4n-lapor.md's Python example, run as a relay author would copy it."""
    from pathlib import Path

    teks = (Path(__file__).resolve().parents[3] / "docs" / "sp4n-lapor.md").read_text("utf-8")
    kode = next(b for b in teks.split("```python\n")[1:] if "def sign(" in b).split("```")[0]
    ruang: dict[str, object] = {}
    exec(compile(kode, "sp4n-lapor.md", "exec"), ruang)
    sign = ruang["sign"]
    raw = json.dumps(laporan("LAPOR-DOKS"), ensure_ascii=False).encode()
    detik = int(datetime.now(UTC).timestamp())
    headers = {
        "content-type": "application/json",
        "webhook-id": "msg_doks",
        "webhook-timestamp": str(detik),
        "webhook-signature": sign(RAHASIA_BARU, "msg_doks", detik, raw),  # type: ignore[operator]
    }
    r = client.post("/v1/webhooks/sp4n-lapor", content=raw, headers=headers)
    assert r.status_code == 200, r.text
    assert r.json()["hasil"] == "dibuat"
