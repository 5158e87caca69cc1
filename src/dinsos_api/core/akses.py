"""Who may do what: roles, the caller (`Aktor`), the policy table and its FastAPI guards.

Every route under /v1 declares one rule, `Izin(sumber_daya, aksi)`, or is listed as public.
The roles allowed for each rule are in `KEBIJAKAN` below, the only place to read or change
them; the README's role × resource table and the matrix test are generated from it. Records
that carry a district are also checked one by one (`pastikan_baca`, `pastikan_tulis`).
"""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated, TypedDict

from asgi_correlation_id import correlation_id
from fastapi import Depends, FastAPI, Request
from fastapi.routing import APIRoute, iter_route_contexts
from fastapi.security import OAuth2PasswordBearer
from starlette.concurrency import run_in_threadpool

from dinsos_api.core.errors import Masalah


class Peran(StrEnum):
    ADMIN = "admin"
    PIMPINAN = "pimpinan"  # head of office: reads everything
    OPERATOR_PROVINSI = "operator_provinsi"
    OPERATOR_KABKOTA = "operator_kabkota"  # bound to one district
    PETUGAS_LAYANAN = "petugas_layanan"
    ANALIS = "analis"  # read-only, aggregates of people only


@dataclass(frozen=True)
class Aktor:
    """The authenticated caller: a user (JWT) or an API client (key)."""

    jenis: str  # "pengguna" or "klien"
    id: str
    nama: str
    peran: Peran
    kode_wilayah: str | None = None


class KolomPelaku(TypedDict):
    aktor_jenis: str
    aktor_id: str | None
    aktor_nama: str | None
    peran: str | None


@dataclass(frozen=True)
class Konteks:
    """What a service needs to know of the request it serves, without seeing HTTP."""

    aktor: Aktor | None
    request_id: str | None
    ip: str | None

    def kolom_pelaku(self) -> KolomPelaku:
        """Who acted, as the columns of audit and history rows ("sistem": the CLI and jobs)."""
        a = self.aktor
        return KolomPelaku(
            aktor_jenis=a.jenis if a else "sistem",
            aktor_id=a.id if a else None,
            aktor_nama=a.nama if a else None,
            peran=a.peran.value if a else None,
        )

    @property
    def pelaku(self) -> Aktor:
        """The authenticated caller (routes guarded by `Izin` always have one)."""
        if self.aktor is None:
            raise RuntimeError("no authenticated caller in this context")
        return self.aktor


def konteks_sistem() -> Konteks:
    """For the CLI and background work: changes made by the system itself."""
    return Konteks(aktor=None, request_id=None, ip=None)


def _konteks(request: Request, aktor: Aktor | None) -> Konteks:
    return Konteks(
        aktor=aktor,
        request_id=correlation_id.get(),
        ip=request.client.host if request.client else None,
    )


async def get_konteks_publik(request: Request) -> Konteks:
    return _konteks(request, None)


KonteksPublik = Annotated[Konteks, Depends(get_konteks_publik)]


SEMUA = frozenset(Peran)
_P = Peran

# (resource, action) -> roles allowed. Object-level district checks come on top.
KEBIJAKAN: dict[tuple[str, str], frozenset[Peran]] = {
    ("saya", "baca"): SEMUA,
    ("kinerja", "hitung"): SEMUA,
    ("skala", "baca"): SEMUA,
    ("referensi", "baca"): SEMUA,
    ("referensi", "tulis"): frozenset({_P.ADMIN}),
    ("klien", "kelola"): frozenset({_P.ADMIN}),
    ("pengguna", "kelola"): frozenset({_P.ADMIN}),
    ("audit", "baca"): frozenset({_P.ADMIN, _P.PIMPINAN}),
    # The registry: district operators see their own district. Analysts get aggregates only
    # (statistik, with small counts withheld): any list of people, however masked, can be
    # counted to undo the withholding (docs/architecture.md, "Who sees what").
    ("penerima", "baca"): SEMUA - {_P.ANALIS},
    ("penerima", "tulis"): frozenset({_P.ADMIN, _P.OPERATOR_PROVINSI, _P.OPERATOR_KABKOTA}),
    ("duplikat", "baca"): frozenset({_P.ADMIN, _P.PIMPINAN, _P.OPERATOR_PROVINSI}),
    ("duplikat", "putuskan"): frozenset({_P.ADMIN, _P.OPERATOR_PROVINSI}),
    ("statistik", "baca"): SEMUA,
    ("impor", "kirim"): frozenset({_P.ADMIN, _P.OPERATOR_PROVINSI, _P.OPERATOR_KABKOTA}),
    ("impor", "baca"): frozenset(
        {_P.ADMIN, _P.PIMPINAN, _P.OPERATOR_PROVINSI, _P.OPERATOR_KABKOTA}
    ),
    # Budgets (anggaran).
    ("anggaran", "baca"): SEMUA,
    ("anggaran", "tulis"): frozenset({_P.ADMIN, _P.OPERATOR_PROVINSI, _P.OPERATOR_KABKOTA}),
    # Performance plans and the LKIP report.
    # Plans are read by all; district operators write their own district's perangkat daerah.
    ("rencana_kinerja", "baca"): SEMUA,
    ("rencana_kinerja", "tulis"): frozenset({_P.ADMIN, _P.OPERATOR_PROVINSI, _P.OPERATOR_KABKOTA}),
    ("periode_kinerja", "tutup"): frozenset({_P.ADMIN, _P.OPERATOR_PROVINSI}),
    ("periode_kinerja", "buka"): frozenset({_P.ADMIN}),
    # Every role reads the report; district operators only their own district's office.
    ("laporan", "baca"): SEMUA,
    # Public services (layanan).
    # Requests: who files is refined per service (alur.yaml `pengaju`), who takes each step
    # per transition; district offices see and act on their own district's requests only.
    ("permohonan", "ajukan"): frozenset(
        {_P.ADMIN, _P.OPERATOR_PROVINSI, _P.OPERATOR_KABKOTA, _P.PETUGAS_LAYANAN}
    ),
    ("permohonan", "baca"): frozenset(
        {_P.ADMIN, _P.PIMPINAN, _P.OPERATOR_PROVINSI, _P.OPERATOR_KABKOTA, _P.PETUGAS_LAYANAN}
    ),
    ("permohonan", "proses"): frozenset(
        {_P.ADMIN, _P.PIMPINAN, _P.OPERATOR_PROVINSI, _P.OPERATOR_KABKOTA, _P.PETUGAS_LAYANAN}
    ),
    ("lampiran_permohonan", "unggah"): frozenset(
        {_P.ADMIN, _P.OPERATOR_PROVINSI, _P.OPERATOR_KABKOTA, _P.PETUGAS_LAYANAN}
    ),
    ("lampiran_permohonan", "unduh"): frozenset(
        {_P.PIMPINAN, _P.OPERATOR_PROVINSI, _P.OPERATOR_KABKOTA, _P.PETUGAS_LAYANAN}
    ),
    ("kepatuhan_layanan", "baca"): frozenset(
        {_P.ADMIN, _P.PIMPINAN, _P.OPERATOR_PROVINSI, _P.PETUGAS_LAYANAN, _P.ANALIS}
    ),
    # Complaints (pengaduan) and outbound deliveries (pengiriman).
    # Complaint staff record and process complaints; analis reads them with reporter identity
    # and confidential content hidden. District offices do not handle the province's complaints.
    ("pengaduan", "catat"): frozenset({_P.ADMIN, _P.OPERATOR_PROVINSI, _P.PETUGAS_LAYANAN}),
    ("pengaduan", "baca"): frozenset(
        {_P.ADMIN, _P.PIMPINAN, _P.OPERATOR_PROVINSI, _P.PETUGAS_LAYANAN, _P.ANALIS}
    ),
    ("pengaduan", "proses"): frozenset(
        {_P.ADMIN, _P.PIMPINAN, _P.OPERATOR_PROVINSI, _P.PETUGAS_LAYANAN}
    ),
    ("statistik_pengaduan", "baca"): frozenset(
        {_P.ADMIN, _P.PIMPINAN, _P.OPERATOR_PROVINSI, _P.PETUGAS_LAYANAN, _P.ANALIS}
    ),
    # Outbound deliveries (the outbox) are an operations matter.
    ("pengiriman", "baca"): frozenset({_P.ADMIN}),
    ("pengiriman", "ulang"): frozenset({_P.ADMIN}),
    # Care units (panti).
    # Units, free beds and yearly counts carry no personal data: every role (districts refer
    # people to the panti). Residents are provincial records of vulnerable people: no
    # district operator, and analysts get the counts only.
    ("panti", "baca"): SEMUA,
    ("panti", "kelola"): frozenset({_P.ADMIN, _P.OPERATOR_PROVINSI}),
    ("penghuni_panti", "baca"): frozenset(
        {_P.ADMIN, _P.PIMPINAN, _P.OPERATOR_PROVINSI, _P.PETUGAS_LAYANAN}
    ),
    ("penghuni_panti", "tulis"): frozenset({_P.ADMIN, _P.OPERATOR_PROVINSI, _P.PETUGAS_LAYANAN}),
}

# Routes open without a token (DESIGN.md: health, docs and the public service catalogue):
# the infrastructure by prefix, the API's public routes one by one, so a new route under
# /v1/layanan is guarded unless it is listed here.
PUBLIK_PREFIX = ("/health", "/ready", "/metrics", "/docs", "/openapi.json")
PUBLIK_RUTE = frozenset(
    {
        "/v1/auth/token",
        "/v1/layanan",
        "/v1/layanan/{kode}",
        "/v1/permohonan/lacak/{nomor}",
        # Authenticated by its Standard Webhooks signature, not by a bearer token.
        "/v1/webhooks/sp4n-lapor",
    }
)


def rute_publik(path: str) -> bool:
    """Whether a route template is open without a token."""
    return path.startswith(PUBLIK_PREFIX) or path in PUBLIK_RUTE


oauth2 = OAuth2PasswordBearer(tokenUrl="/v1/auth/token", auto_error=False)


@dataclass(frozen=True)
class Identitas:
    """A verified bearer token: who it is, and until when (epoch seconds) it stays valid."""

    aktor: Aktor
    berlaku_sampai: float | None = None  # a JWT's exp; API keys have none


Autentikator = Callable[[str], Identitas | None]
# The access version now: a number bumped in the database, in the same transaction, by every
# change that ends or narrows a credential (akses.service.naikkan_versi_akses).
PembacaVersi = Callable[[], Awaitable[int | None]]


class CacheAktor:
    """Verified bearer tokens for a few seconds, so a busy client costs no argon2, no JWT
    check and no credential lookup per request, only one read of the access version.

    The version is read before any lookup, on every request: when it moved, every entry is
    dropped, so a key revoked or a user deactivated by any process (the CLI, another server
    worker) is refused from the next request on. Keys are SHA-256 digests, never raw tokens.
    Failures are not cached: an unknown token always reaches the database (rate-limited).
    """

    MAKS = 10_000

    def __init__(self, autentikasi: Autentikator, detik: float, versi: PembacaVersi) -> None:
        self.autentikasi = autentikasi
        self.detik = detik
        self.versi = versi
        self._versi: int | None = None  # the version the entries were verified under
        self._isi: dict[bytes, tuple[Aktor, float]] = {}

    async def aktor(self, token: str) -> Aktor | None:
        if self.detik <= 0:  # no cache: no version to compare either
            return await self._periksa(token)
        versi = await self.versi()  # before the lookup: a change during it is seen next time
        if versi is None:  # no version to compare with: nothing cached can be trusted
            self._isi.clear()
            return await self._periksa(token)
        if self._versi is None or versi > self._versi:
            self._isi.clear()
            self._versi = versi
        elif versi < self._versi:  # a read that raced a newer one: it stores nothing
            return await self._periksa(token)
        kunci = hashlib.sha256(token.encode()).digest()
        now = time.time()
        hit = self._isi.get(kunci)
        if hit is not None and hit[1] > now:
            return hit[0]
        identitas = await run_in_threadpool(self.autentikasi, token)
        if identitas is None:
            self._isi.pop(kunci, None)
            return None
        if self._versi != versi:  # another request saw a newer version meanwhile
            return identitas.aktor
        if len(self._isi) >= self.MAKS:
            self._isi.clear()
        sampai = now + self.detik
        if identitas.berlaku_sampai is not None:
            sampai = min(sampai, identitas.berlaku_sampai)
        self._isi[kunci] = (identitas.aktor, sampai)
        return identitas.aktor

    async def _periksa(self, token: str) -> Aktor | None:
        identitas = await run_in_threadpool(self.autentikasi, token)
        return identitas.aktor if identitas else None


def _tolak_autentikasi(detail: str) -> Masalah:
    return Masalah(
        401, detail, jenis="autentikasi", headers={"WWW-Authenticate": 'Bearer realm="dinsos"'}
    )


async def get_aktor(request: Request, token: Annotated[str | None, Depends(oauth2)]) -> Aktor:
    if not token:
        raise _tolak_autentikasi("Sertakan token: header Authorization: Bearer <token>.")
    cache: CacheAktor = request.app.state.autentikasi
    aktor = await cache.aktor(token)
    if aktor is None:
        raise _tolak_autentikasi("Token tidak valid, kedaluwarsa, atau sudah dicabut.")
    request.state.aktor = aktor
    return aktor


class Izin:
    """Guard: the caller must hold a role allowed for (sumber_daya, aksi) in KEBIJAKAN.

    Used as `ktx: Annotated[Konteks, Depends(Izin("wilayah", "baca"))]`: the route gets the
    caller and request context it passes on to its service.
    """

    def __init__(self, sumber_daya: str, aksi: str) -> None:
        if (sumber_daya, aksi) not in KEBIJAKAN:
            raise KeyError(f"no rule in KEBIJAKAN for {(sumber_daya, aksi)}")
        self.sumber_daya = sumber_daya
        self.aksi = aksi
        self.peran = KEBIJAKAN[(sumber_daya, aksi)]

    async def __call__(
        self, request: Request, aktor: Annotated[Aktor, Depends(get_aktor)]
    ) -> Konteks:
        if aktor.peran not in self.peran:
            raise Masalah(
                403,
                f"Peran '{aktor.peran}' tidak berwenang untuk {self.aksi} {self.sumber_daya}.",
                jenis="akses-ditolak",
            )
        return _konteks(request, aktor)


def boleh_akses_wilayah(aktor: Aktor, kode_wilayah: str | None) -> bool:
    """A district operator reaches only its own district (and what lies below it)."""
    if aktor.peran is not Peran.OPERATOR_KABKOTA:
        return True
    return (
        kode_wilayah is not None
        and aktor.kode_wilayah is not None
        and kode_wilayah.startswith(aktor.kode_wilayah)
    )


def pastikan_baca(aktor: Aktor, kode_wilayah: str | None, sumber_daya: str) -> None:
    # 404, not 403: another district's records must not even be known to exist.
    if not boleh_akses_wilayah(aktor, kode_wilayah):
        raise Masalah(404, f"Data {sumber_daya} tidak ditemukan.")


def pastikan_tulis(aktor: Aktor, kode_wilayah: str | None, sumber_daya: str) -> None:
    # For a write that names the district (a new record, an import, a public office): 403
    # tells the caller nothing it did not send. A write to an existing record looks the
    # record up as a read does (`pastikan_baca`): another district's is 404, as an unknown id.
    if not boleh_akses_wilayah(aktor, kode_wilayah):
        raise Masalah(
            403,
            f"Anda hanya dapat mengubah data {sumber_daya} wilayah {aktor.kode_wilayah}.",
            jenis="akses-wilayah",
        )


def lingkup_wilayah(aktor: Aktor) -> str | None:
    """The district a list must be limited to, or None for every district."""
    return aktor.kode_wilayah if aktor.peran is Peran.OPERATOR_KABKOTA else None


def izin_rute(route: APIRoute) -> list[Izin]:
    """The `Izin` guards among a route's dependencies (a well-formed route has one)."""
    found: list[Izin] = []
    stack = list(route.dependant.dependencies)
    while stack:
        dep = stack.pop()
        if isinstance(dep.call, Izin):
            found.append(dep.call)
        stack.extend(dep.dependencies)
    return found


@dataclass(frozen=True)
class Rute:
    path: str
    methods: frozenset[str]
    izin: tuple[Izin, ...]


def daftar_rute(app: FastAPI) -> list[Rute]:
    """Every API route with its full path, methods and guards (included routers flattened)."""
    hasil = []
    for ctx in iter_route_contexts(app.routes):
        route = ctx.original_route
        if isinstance(route, APIRoute) and ctx.path:
            hasil.append(Rute(ctx.path, frozenset(ctx.methods or ()), tuple(izin_rute(route))))
    return hasil


def tabel_kebijakan(app: FastAPI) -> str:
    """The README's role × resource × action table, generated from KEBIJAKAN and the routes."""
    endpoints: dict[tuple[str, str], list[str]] = {key: [] for key in KEBIJAKAN}
    for rute in daftar_rute(app):
        for izin in rute.izin:
            for method in sorted(rute.methods):
                path = re.sub(r":[^}]+}", "}", rute.path)  # `{id:convertor}` reads `{id}`
                endpoints[(izin.sumber_daya, izin.aksi)].append(f"`{method} {path}`")
    header = "| sumber daya | aksi | " + " | ".join(p.value for p in Peran) + " | endpoint |"
    lines = [header, "|" + "---|" * (len(Peran) + 3)]
    for (sumber_daya, aksi), peran in KEBIJAKAN.items():
        cells = " | ".join("✓" if p in peran else "–" for p in Peran)
        lines.append(
            f"| {sumber_daya} | {aksi} | {cells} | {', '.join(endpoints[(sumber_daya, aksi)])} |"
        )
    return "\n".join(lines) + "\n"
