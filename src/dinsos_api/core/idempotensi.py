"""Idempotency-Key (DESIGN.md, every POST): exactly-once writes for clients that retry.

- same key + same body: the stored response is replayed, nothing is written again;
- same key + different body: 422;
- the same key while the first request is still running: 409 (PostgreSQL: an advisory lock
  held by the first request's transaction; SQLite serialises writers, so there the second
  request waits and is then replayed);
- the key and its response are stored in the same transaction as the change, so a crash
  leaves either both or neither.

Keys are scoped to the caller: two clients may use the same key.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any

from fastapi import Header
from sqlalchemy import JSON, Column, text
from sqlmodel import Field, Session, SQLModel, select

from dinsos_api.core.db import kolom_waktu
from dinsos_api.core.errors import Masalah
from dinsos_api.core.waktu import sekarang

IdempotencyKey = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        min_length=1,
        max_length=128,
        pattern=r"^[\x21-\x7e]+$",
        description="Kunci unik per permintaan; kirim ulang dengan kunci yang sama aman.",
    ),
]


class KunciIdempotensi(SQLModel, table=True):
    __tablename__ = "idempotensi"

    aktor_id: str = Field(primary_key=True, max_length=64)
    kunci: str = Field(primary_key=True, max_length=128)
    operasi: str = Field(max_length=200)  # "POST /v1/impor/pmks"
    sidik_body: str = Field(max_length=64)  # SHA-256 of the request body
    status_code: int
    body: Any = Field(sa_column=Column(JSON, nullable=False))
    lokasi: str | None = Field(default=None, max_length=500)
    created_at: datetime = Field(default_factory=sekarang, sa_column=kolom_waktu())


@dataclass(frozen=True)
class Jawaban:
    """A response to store (and later replay)."""

    status_code: int
    body: Any
    lokasi: str | None = None


def sidik(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


def sidik_json(data: Any) -> str:
    """A fingerprint of a JSON-able value independent of key order and spacing."""
    return sidik(json.dumps(data, sort_keys=True, separators=(",", ":"), default=str).encode())


def mulai(
    session: Session, aktor_id: str, kunci: str, operasi: str, sidik_body: str
) -> Jawaban | None:
    """Claim the key in this transaction; the stored answer if it was already used."""
    if session.get_bind().dialect.name == "postgresql":
        # Held until this transaction ends; a concurrent twin does not wait, it gets 409.
        terkunci = session.execute(
            text("SELECT pg_try_advisory_xact_lock(hashtextextended(:k, 0))"),
            {"k": f"{aktor_id}\x1f{kunci}"},
        ).scalar_one()
        if not terkunci:
            raise Masalah(
                409,
                "Permintaan dengan Idempotency-Key yang sama sedang diproses.",
                jenis="idempotensi-berjalan",
                headers={"Retry-After": "1"},
            )
    lama = session.exec(
        select(KunciIdempotensi).where(
            KunciIdempotensi.aktor_id == aktor_id, KunciIdempotensi.kunci == kunci
        )
    ).first()
    if lama is None:
        return None
    if lama.operasi != operasi or lama.sidik_body != sidik_body:
        raise Masalah(
            422,
            "Idempotency-Key ini sudah dipakai untuk permintaan dengan isi yang berbeda.",
            jenis="idempotensi-berbeda",
            errors=[{"field": "Idempotency-Key", "message": "sudah dipakai untuk isi lain"}],
        )
    return Jawaban(lama.status_code, lama.body, lama.lokasi)


def simpan(
    session: Session,
    aktor_id: str,
    kunci: str,
    operasi: str,
    sidik_body: str,
    jawaban: Jawaban,
) -> None:
    """Record the answer in the caller's transaction (commit it with the change)."""
    session.add(
        KunciIdempotensi(
            aktor_id=aktor_id,
            kunci=kunci,
            operasi=operasi,
            sidik_body=sidik_body,
            status_code=jawaban.status_code,
            body=jawaban.body,
            lokasi=jawaban.lokasi,
        )
    )
