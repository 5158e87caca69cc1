"""The outbox: outbound events written in the same transaction as the change that causes them,
then delivered by a worker with guaranteed delivery.

Any domain calls `tulis(session, topic=..., destination=..., payload=...)` inside its own
transaction; the event exists exactly when the change does. A worker (`PekerjaOutbox`, in the
server process and as `dinsos pekerja`) sends due events to their destination's URL as a
Standard Webhooks signed POST through httpx:

- a 2xx marks the event `sent` (it is never sent again);
- 408, 429, 5xx, timeouts and connection errors are retried with exponential backoff and
  full jitter, at least as late as the receiver's `Retry-After`;
- any other status (4xx, 3xx) makes it `dead` (a dead letter an admin can replay);
- an event is claimed with a lease stored in the database, so a crashed worker's event is
  taken over when the lease runs out and two workers never send the same event at once.

The `webhook-id` header is the event id on every attempt, so a receiver that saw a 2xx get
lost (the worker died before recording it) can recognise the repeat.
"""

from __future__ import annotations

import json
import logging
import random
import threading
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime
from enum import StrEnum
from typing import Any

import httpx
from sqlalchemy import JSON, Column, Engine, Index, Text, or_, update
from sqlmodel import Field, Session, SQLModel, col, select
from standardwebhooks.webhooks import Webhook

from dinsos_api.core.config import Settings
from dinsos_api.core.db import kolom_waktu
from dinsos_api.core.waktu import sekarang

logger = logging.getLogger("dinsos_api.outbox")


class StatusKirim(StrEnum):
    PENDING = "pending"
    SENT = "sent"
    DEAD = "dead"


def _id() -> str:
    return uuid.uuid4().hex


class OutboxEvent(SQLModel, table=True):
    """One outbound event and its delivery state."""

    __tablename__ = "outbox_event"
    # The worker's question: which pending events are due?
    __table_args__ = (
        Index("ix_outbox_event_due", "status", "next_attempt_at"),
        Index("ix_outbox_event_created", "created_at", "id"),
    )

    id: str = Field(default_factory=_id, primary_key=True, max_length=32)
    topic: str = Field(max_length=100, index=True)
    destination: str = Field(max_length=64)
    # The record the event is about (e.g. a complaint id), for finding its deliveries.
    subject_id: str | None = Field(default=None, max_length=64, index=True)
    payload: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    status: str = Field(default=StatusKirim.PENDING.value, max_length=16)
    attempts: int = 0
    next_attempt_at: datetime = Field(default_factory=sekarang, sa_column=kolom_waktu())
    lease_owner: str | None = Field(default=None, max_length=64)
    lease_until: datetime | None = Field(default=None, sa_column=kolom_waktu(nullable=True))
    last_status_code: int | None = None
    last_error: str | None = Field(default=None, max_length=500)
    created_at: datetime = Field(default_factory=sekarang, sa_column=kolom_waktu())
    sent_at: datetime | None = Field(default=None, sa_column=kolom_waktu(nullable=True))


class OutboxAttempt(SQLModel, table=True):
    """One HTTP attempt to deliver an event."""

    __tablename__ = "outbox_attempt"

    id: str = Field(default_factory=_id, primary_key=True, max_length=32)
    event_id: str = Field(foreign_key="outbox_event.id", max_length=32, index=True)
    number: int
    started_at: datetime = Field(sa_column=kolom_waktu())
    duration_ms: int
    status_code: int | None = None
    error: str | None = Field(default=None, max_length=500)
    # The first part of the receiver's answer, for an admin reading a dead letter.
    response_excerpt: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    outcome: str = Field(max_length=16)  # sent, retry, dead


def tulis(
    session: Session,
    *,
    topic: str,
    destination: str,
    payload: Mapping[str, Any],
    subject_id: str | None = None,
) -> OutboxEvent:
    """Add an event to the caller's transaction: it commits (or rolls back) with the change."""
    event = OutboxEvent(
        topic=topic, destination=destination, payload=dict(payload), subject_id=subject_id
    )
    session.add(event)
    return event


# ------------------------------------------------------------------ destinations and policy


@dataclass(frozen=True)
class Tujuan:
    """Where a destination's events go, and the secret they are signed with."""

    nama: str
    url: str
    rahasia: str | bytes

    def penanda(self) -> Webhook:
        # A whsec_ secret is base64 after its prefix; any other string is used as raw bytes.
        if isinstance(self.rahasia, str) and not self.rahasia.startswith("whsec_"):
            return Webhook(self.rahasia.encode())
        return Webhook(self.rahasia)


def tujuan_dari(settings: Settings) -> dict[str, Tujuan]:
    """The configured destinations (one today: SP4N-LAPOR!)."""
    hasil: dict[str, Tujuan] = {}
    if settings.sp4n_lapor_api_url and settings.sp4n_lapor_secret is not None:
        hasil["sp4n_lapor"] = Tujuan(
            "sp4n_lapor",
            settings.sp4n_lapor_api_url,
            settings.sp4n_lapor_secret.get_secret_value(),
        )
    return hasil


# A receiver asking for more than a day is taken at a day's word.
RETRY_AFTER_MAKS = 86_400.0


@dataclass(frozen=True)
class AturanKirim:
    timeout: float = 10.0
    jeda_awal: float = 5.0
    jeda_maks: float = 3600.0
    maks_percobaan: int = 15
    sewa: float = 60.0
    interval: float = 2.0

    @classmethod
    def dari(cls, settings: Settings) -> AturanKirim:
        return cls(
            timeout=settings.outbox_timeout_detik,
            jeda_awal=settings.outbox_jeda_awal_detik,
            jeda_maks=settings.outbox_jeda_maks_detik,
            maks_percobaan=settings.outbox_maks_percobaan,
            # The lease must outlast an attempt, or a second worker could take the event over.
            sewa=max(settings.outbox_sewa_detik, settings.outbox_timeout_detik * 2 + 5),
            interval=settings.outbox_interval_detik,
        )

    def jeda(self, percobaan: int, retry_after: float | None) -> float:
        """Seconds before attempt `percobaan + 1`: full jitter over an exponential ceiling,
        never earlier than the receiver asked (Retry-After)."""
        plafon = min(self.jeda_maks, self.jeda_awal * 2 ** max(0, percobaan - 1))
        jeda = random.uniform(plafon / 2, plafon)  # noqa: S311 (jitter, not a secret)
        if retry_after is not None:
            jeda = max(jeda, min(retry_after, RETRY_AFTER_MAKS))
        return jeda


def dapat_diulang(status_code: int) -> bool:
    return status_code in (408, 429) or status_code >= 500


def baca_retry_after(nilai: str | None, saat: datetime) -> float | None:
    """Retry-After as seconds or an HTTP date; None when absent or unreadable."""
    if not nilai:
        return None
    nilai = nilai.strip()
    if nilai.isdigit():
        return float(nilai)
    try:
        waktu = parsedate_to_datetime(nilai)
    except (TypeError, ValueError):
        return None
    if waktu.tzinfo is None:
        return None
    return max(0.0, (waktu - saat).total_seconds())


# ------------------------------------------------------------------ the worker


@dataclass(frozen=True)
class HasilKirim:
    status_code: int | None
    error: str | None
    retry_after: float | None
    cuplikan: str | None


class PekerjaOutbox:
    """Delivers due events. `jalankan_sekali` is one pass (the CLI and the tests call it);
    `mulai` runs passes in a background thread until `berhenti`."""

    def __init__(
        self,
        engine: Engine,
        tujuan: Mapping[str, Tujuan],
        aturan: AturanKirim,
        *,
        nama: str | None = None,
    ) -> None:
        self.engine = engine
        self.tujuan = dict(tujuan)
        self.aturan = aturan
        self.nama = nama or f"pekerja-{uuid.uuid4().hex[:12]}"
        self._henti = threading.Event()
        self._thread: threading.Thread | None = None
        self._klien = httpx.Client(timeout=aturan.timeout, follow_redirects=False)

    # -- lifecycle

    def mulai(self) -> None:
        self._henti.clear()
        self._thread = threading.Thread(target=self._putar, name=self.nama, daemon=True)
        self._thread.start()

    def berhenti(self, tunggu: float = 30.0) -> None:
        self._henti.set()
        if self._thread is not None:
            self._thread.join(tunggu)
            self._thread = None
        self._klien.close()

    def _putar(self) -> None:
        while not self._henti.is_set():
            try:
                terkirim = self.jalankan_sekali()
            except Exception:
                logger.exception("outbox pass failed")
                terkirim = 0
            if not terkirim:
                self._henti.wait(self.aturan.interval)

    # -- one pass

    def jalankan_sekali(self, batas: int = 20) -> int:
        """Claim and attempt up to `batas` due events; how many were attempted."""
        jumlah = 0
        for event_id in self._calon(batas):
            if self._henti.is_set() and self._thread is not None:
                break
            if self._klaim(event_id):
                self._kirim(event_id)
                jumlah += 1
        return jumlah

    def _calon(self, batas: int) -> list[str]:
        if not self.tujuan:
            return []
        saat = sekarang()
        with Session(self.engine) as session:
            return list(
                session.exec(
                    select(OutboxEvent.id)
                    .where(
                        col(OutboxEvent.status) == StatusKirim.PENDING.value,
                        col(OutboxEvent.next_attempt_at) <= saat,
                        col(OutboxEvent.destination).in_(list(self.tujuan)),
                        or_(
                            col(OutboxEvent.lease_until).is_(None),
                            col(OutboxEvent.lease_until) < saat,
                        ),
                    )
                    .order_by(col(OutboxEvent.next_attempt_at), col(OutboxEvent.id))
                    .limit(batas)
                ).all()
            )

    def _klaim(self, event_id: str) -> bool:
        """Take the lease with one conditional UPDATE: only one worker's matches."""
        saat = sekarang()
        with Session(self.engine) as session:
            hasil = session.execute(
                update(OutboxEvent)
                .where(
                    col(OutboxEvent.id) == event_id,
                    col(OutboxEvent.status) == StatusKirim.PENDING.value,
                    or_(
                        col(OutboxEvent.lease_until).is_(None),
                        col(OutboxEvent.lease_until) < saat,
                    ),
                )
                .values(
                    lease_owner=self.nama,
                    lease_until=saat + timedelta(seconds=self.aturan.sewa),
                )
            )
            session.commit()
            return bool(getattr(hasil, "rowcount", 0) == 1)

    def _kirim(self, event_id: str) -> None:
        with Session(self.engine) as session:
            event = session.get(OutboxEvent, event_id)
            if event is None or event.lease_owner != self.nama:
                return
            tujuan = self.tujuan[event.destination]
            body = json.dumps(event.payload, separators=(",", ":"), ensure_ascii=False)
            nomor = event.attempts + 1
            mulai = sekarang()
        hasil = self._post(tujuan, event_id, body)
        selesai = sekarang()
        self._catat(event_id, nomor, mulai, selesai, hasil)

    def _post(self, tujuan: Tujuan, event_id: str, body: str) -> HasilKirim:
        saat = sekarang()
        tanda = tujuan.penanda().sign(event_id, saat, body)
        headers = {
            "content-type": "application/json",
            "webhook-id": event_id,
            "webhook-timestamp": str(int(saat.timestamp())),
            "webhook-signature": tanda,
        }
        try:
            r = self._klien.post(tujuan.url, content=body.encode(), headers=headers)
        except httpx.TimeoutException:
            return HasilKirim(None, "batas waktu habis (timeout)", None, None)
        except httpx.HTTPError as exc:
            return HasilKirim(None, f"gagal terhubung: {type(exc).__name__}", None, None)
        return HasilKirim(
            r.status_code,
            None,
            baca_retry_after(r.headers.get("retry-after"), sekarang()),
            r.text[:500] if r.text else None,
        )

    def _catat(
        self, event_id: str, nomor: int, mulai: datetime, selesai: datetime, hasil: HasilKirim
    ) -> None:
        with Session(self.engine) as session:
            event = session.get(OutboxEvent, event_id)
            if event is None:
                return
            kode = hasil.status_code
            if kode is not None and 200 <= kode < 300:
                event.status = StatusKirim.SENT.value
                event.sent_at = selesai
                keputusan = "sent"
            elif (kode is None or dapat_diulang(kode)) and nomor < self.aturan.maks_percobaan:
                jeda = self.aturan.jeda(nomor, hasil.retry_after)
                event.next_attempt_at = selesai + timedelta(seconds=jeda)
                keputusan = "retry"
            else:
                event.status = StatusKirim.DEAD.value
                keputusan = "dead"
            event.attempts = nomor
            event.last_status_code = kode
            event.last_error = hasil.error or (f"HTTP {kode}" if keputusan != "sent" else None)
            event.lease_owner = None
            event.lease_until = None
            session.add(event)
            session.add(
                OutboxAttempt(
                    event_id=event_id,
                    number=nomor,
                    started_at=mulai,
                    duration_ms=int((selesai - mulai).total_seconds() * 1000),
                    status_code=kode,
                    error=hasil.error,
                    response_excerpt=hasil.cuplikan,
                    outcome=keputusan,
                )
            )
            session.commit()
        logger.info(
            "outbox event %s attempt %d: %s (%s)", event_id, nomor, keputusan, kode or hasil.error
        )


def percobaan(session: Session, event_id: str) -> list[OutboxAttempt]:
    return list(
        session.exec(
            select(OutboxAttempt)
            .where(OutboxAttempt.event_id == event_id)
            .order_by(col(OutboxAttempt.number))
        ).all()
    )


def ulang(session: Session, event: OutboxEvent) -> None:
    """Put a dead event back in the queue (the caller checks it was dead, audits, commits)."""
    event.status = StatusKirim.PENDING.value
    event.next_attempt_at = sekarang()
    event.lease_owner = None
    event.lease_until = None
    session.add(event)
