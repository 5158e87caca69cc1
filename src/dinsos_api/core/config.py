"""Settings, read once from the environment and `.env` (pydantic-settings)."""

from __future__ import annotations

import secrets
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

MIB = 1024 * 1024


class Settings(BaseSettings):
    """All configuration of the service. Environment variables use the same names, upper-case."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    environment: Literal["development", "test", "production"] = "development"
    var_dir: Path = Path("var")
    database_url: str = Field(
        default="",
        description="SQLAlchemy URL; empty means the embedded SQLite file var/dinsos.db.",
    )
    secret_key: SecretStr | None = None
    max_body_bytes: int = 10 * MIB
    # The bulk PMKS import (POST /v1/impor/pmks) has its own, larger body limit.
    max_impor_bytes: int = Field(default=64 * MIB, ge=1)
    # Imports with more rows than this are answered 202 and processed in the background.
    impor_batas_sinkron: int = Field(default=50_000, ge=1)
    impor_maks_baris: int = Field(default=250_000, ge=1)
    # Background imports: a worker's lease on a job (renewed every third of it while the job
    # runs), and how often an idle worker looks for jobs whose lease ran out.
    impor_sewa_detik: float = Field(default=15.0, ge=1)
    impor_interval_detik: float = Field(default=2.0, gt=0)
    log_level: str = "INFO"
    log_json: bool = True
    sql_echo: bool = False
    cors_origins: list[str] = Field(
        default_factory=list,
        description="Origins of the web/mobile front ends allowed to call the API (CORS).",
    )
    rate_limit: str = "600/minute"
    rate_limit_login: str = "10/minute"
    rate_limit_storage: str = "memory://"
    # Comma-separated addresses (or networks) of the reverse proxies whose X-Forwarded-For
    # and X-Forwarded-Proto are believed. Empty: none, so no client can pick the address
    # that rate limits count (uvicorn would trust 127.0.0.1 by default).
    forwarded_allow_ips: str = ""
    token_menit: int = Field(default=30, ge=1, le=24 * 60)
    # How long a verified token is trusted without a lookup. Revocation is immediate in every
    # process all the same: each request reads the access version (core.akses.CacheAktor).
    cache_token_detik: float = Field(default=10, ge=0, le=300)
    login_maks_gagal: int = Field(default=5, ge=1)
    login_kunci_menit: int = Field(default=15, ge=1)
    # Public services: document upload size, and the public tracking route's own limit per IP.
    lampiran_maks_bytes: int = Field(default=5 * MIB, ge=1)
    rate_limit_lacak: str = "30/minute"
    # Complaints: SP4N-LAPOR! webhook in (Standard Webhooks; several whsec_ secrets, comma-
    # separated, during a rotation) and the answers out through the outbox.
    sp4n_lapor_webhook_secrets: str = ""
    sp4n_lapor_api_url: str = ""
    sp4n_lapor_secret: SecretStr | None = None
    # The outbox worker: poll interval, lease, HTTP timeout, backoff and attempt limits.
    outbox_interval_detik: float = Field(default=2.0, gt=0)
    outbox_sewa_detik: float = Field(default=60.0, gt=0)
    outbox_timeout_detik: float = Field(default=10.0, gt=0)
    outbox_jeda_awal_detik: float = Field(default=5.0, ge=0)
    outbox_jeda_maks_detik: float = Field(default=3600.0, ge=0)
    outbox_maks_percobaan: int = Field(default=15, ge=1)
    # Run the outbox worker inside the server process (off for a separate `dinsos pekerja`).
    outbox_dalam_server: bool = True

    @model_validator(mode="after")
    def _defaults_and_production_rules(self) -> Settings:
        if not self.database_url:
            self.database_url = f"sqlite:///{self.var_dir / 'dinsos.db'}"
        if self.environment == "production" and self.secret_key is None:
            raise ValueError(
                "SECRET_KEY wajib diisi pada mode production (ENVIRONMENT=production)."
            )
        return self

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    def kunci_rahasia(self) -> str:
        """The signing secret; outside production it is generated into var/ on first use."""
        if self.secret_key is not None:
            return self.secret_key.get_secret_value()
        path = self.var_dir / "secret_key"
        if path.exists():
            return path.read_text().strip()
        self.var_dir.mkdir(parents=True, exist_ok=True)
        key = secrets.token_urlsafe(48)
        # Owner-only file: the key signs tokens.
        path.touch(mode=0o600)
        path.write_text(key)
        return key


@lru_cache
def get_settings() -> Settings:
    return Settings()
