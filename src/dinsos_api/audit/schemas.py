from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel


class AuditKeluar(BaseModel):
    id: str
    waktu: datetime
    aktor_jenis: str
    aktor_id: str | None
    aktor_nama: str | None
    peran: str | None
    sumber_daya: str
    sumber_daya_id: str
    aksi: str
    perubahan: dict[str, Any]
    request_id: str | None
    ip: str | None
