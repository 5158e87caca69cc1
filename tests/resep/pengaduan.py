"""Audit recipes for the pengaduan routes (merged into tests/test_audit_mutasi.RESEP)."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlmodel import Session
from standardwebhooks.webhooks import Webhook

from dinsos_api.core.audit import AuditLog
from dinsos_api.core.outbox import OutboxEvent, StatusKirim
from tests.resep import Resep, ok

_RAHASIA = "whsec_" + "cmVzZXAtYXVkaXQtd2ViaG9vay0wMTIzNDU2Nzg5"
_SURAT = {"kanal": "surat", "judul": "Uji audit", "isi": "Isi pengaduan uji audit."}


def _buat(c: TestClient, h: dict[str, str]) -> tuple[str, str]:
    return "pengaduan", str(ok(c.post("/v1/pengaduan", json=_SURAT, headers=h))["id"])


def _transisi(c: TestClient, h: dict[str, str]) -> tuple[str, str]:
    _, id_ = _buat(c, h)
    ok(c.post(f"/v1/pengaduan/{id_}/transisi", json={"aksi": "telaah"}, headers=h))
    return "pengaduan", id_


def _webhook(c: TestClient, h: dict[str, str]) -> tuple[str, str]:
    """The webhook's own audit row is the system's (SP4N-LAPOR! is no API client): checked
    here; then an admin step on the same case gives the generic check its admin row."""
    c.app.state.settings.sp4n_lapor_webhook_secrets = _RAHASIA  # type: ignore[attr-defined]
    body = {
        "type": "laporan.diteruskan",
        "timestamp": "2026-11-20T09:15:00+08:00",
        "data": {
            "tracking_id": f"AUDIT-{uuid.uuid4().hex[:8]}",
            "judul": "Uji audit webhook",
            "isi": "Isi uji.",
            "klasifikasi": "pengaduan",
            "kategori": None,
            "tanggal_lapor": "2026-11-19",
            "anonim": True,
            "rahasia": False,
            "pelapor": None,
            "lampiran": [],
        },
    }
    raw = json.dumps(body)
    saat = datetime.now(UTC)
    headers = {
        "webhook-id": "msg_audit",
        "webhook-timestamp": str(int(saat.timestamp())),
        "webhook-signature": Webhook(_RAHASIA).sign("msg_audit", saat, raw),
    }
    id_ = str(ok(c.post("/v1/webhooks/sp4n-lapor", content=raw, headers=headers))["pengaduan_id"])
    with Session(c.app.state.engine) as session:  # type: ignore[attr-defined]
        row = session.scalars(select(AuditLog).where(AuditLog.sumber_daya_id == id_)).one()
    assert (row.sumber_daya, row.aksi, row.aktor_jenis) == ("pengaduan", "buat", "sistem")
    ok(c.post(f"/v1/pengaduan/{id_}/transisi", json={"aksi": "telaah"}, headers=h))
    return "pengaduan", id_


def _ulang(c: TestClient, h: dict[str, str]) -> tuple[str, str]:
    with Session(c.app.state.engine) as session:  # type: ignore[attr-defined]
        e = OutboxEvent(
            topic="uji.audit",
            destination="sp4n_lapor",
            payload={"uji": True},
            status=StatusKirim.DEAD.value,
            attempts=1,
            last_status_code=410,
        )
        session.add(e)
        session.commit()
        id_ = e.id
    ok(c.post(f"/v1/pengiriman/{id_}/ulang", headers=h))
    return "pengiriman", id_


RESEP: dict[str, Resep] = {
    "POST /v1/pengaduan": _buat,
    "POST /v1/pengaduan/{pengaduan_id}/transisi": _transisi,
    "POST /v1/webhooks/sp4n-lapor": _webhook,
    "POST /v1/pengiriman/{pengiriman_id}/ulang": _ulang,
}
