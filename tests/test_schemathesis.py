"""Property-based tests of every endpoint against the app's own OpenAPI schema, in process,
on PostgreSQL (the production database) with the demo data loaded.

Each operation gets generated valid and invalid requests, sent with an admin's API key so the
logic behind the guards is exercised too; then sequences of calls follow the links between
operations (stateful). Every check runs: no 5xx, status codes, content types, headers and
bodies as documented, invalid data rejected and valid data accepted; each exclusion below
says why it applies.
"""

from __future__ import annotations

import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg
import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from schemathesis.config import SchemathesisConfig
from schemathesis.core.parameters import ParameterLocation
from schemathesis.specs.openapi.checks import negative_data_rejection, positive_data_acceptance
from sqlalchemy import text
from sqlmodel import Session

from dinsos_api import demo
from dinsos_api.akses import service as akses_service
from dinsos_api.akses.schemas import KlienBuat
from dinsos_api.core.akses import Peran, konteks_sistem
from dinsos_api.core.db import buat_engine
from dinsos_api.main import create_app, sambungkan
from tests.conftest import TEMPLATE_DB, pengaturan_uji
from tests.support.postgres import PostgresSementara

BATAS_LOGIN = "100000/minute"
# Collecting this module touches no database: the app is bound to the demo database by the
# `basis_demo` fixture, before the first request (schemathesis starts its lifespan then).
_BELUM = Path(tempfile.gettempdir())
app = create_app(
    pengaturan_uji(f"sqlite:///{_BELUM / 'belum-ada.db'}", _BELUM, rate_limit_login=BATAS_LOGIN)
)

# Explicit phases: the schema's own examples, the coverage phase (every boundary and every
# kind of invalid value, derived from the schema, not random), then random fuzzing. A lookup
# that only reads (GET) has fewer inputs worth fuzzing than a write.
KONFIGURASI = SchemathesisConfig.from_dict(
    {
        "phases": {
            "examples": {"enabled": True},
            "coverage": {"enabled": True},
            "fuzzing": {"enabled": True},
        },
        "generation": {"max-examples": 40},
        "operations": [{"include-method": "GET", "generation": {"max-examples": 15}}],
    }
)
schema = schemathesis.openapi.from_dict(app.openapi(), config=KONFIGURASI)
schema.app = app

# Path parameters also take the demo data's own values: a generated id is almost never a
# real one, so without them every detail would answer 404 and no workflow would move.
_NYATA_SQL = {
    "orang_id": "SELECT id FROM orang",
    "nomor_kk": "SELECT nomor_kk FROM keluarga",
    "renstra_id": "SELECT id FROM renstra",
    "indikator_id": "SELECT id FROM indikator_kinerja",
    "permohonan_id": "SELECT id FROM permohonan",
    "pengaduan_id": "SELECT id FROM pengaduan",
    "penghuni_id": "SELECT id FROM penghuni_panti",
    "pengguna_id": "SELECT id FROM pengguna",
    "klien_id": "SELECT id FROM klien_api",
    "perangkat_daerah": "SELECT kode FROM perangkat_daerah",
    # `kode` names another record under each path.
    "/v1/wilayah/": "SELECT kode FROM wilayah",
    "/v1/kategori-pmks/": "SELECT kode FROM kategori_pmks",
    "/v1/kategori-psks/": "SELECT kode FROM kategori_psks",
    "/v1/unit-kerja/": "SELECT kode FROM unit_kerja",
    "/v1/program-bantuan/": "SELECT kode FROM program_bantuan",
    "/v1/perangkat-daerah/": "SELECT kode FROM perangkat_daerah",
    "/v1/panti/": "SELECT DISTINCT panti_kode FROM kapasitas_panti",
    "/v1/layanan/": "SELECT kode FROM layanan_versi",
    "/v1/anggaran/": "SELECT kode FROM anggaran_nomenklatur",
}
NYATA: dict[str, list[str]] = {}


@schema.hook
def flatmap_case(
    context: schemathesis.HookContext, case: schemathesis.Case
) -> st.SearchStrategy[schemathesis.Case]:
    # Not where the path was generated to be invalid: that case tests the refusal.
    if not case.path_parameters or (case.meta and case.meta.is_negative_at(ParameterLocation.PATH)):
        return st.just(case)
    pilihan = {}
    for nama, dibuat in case.path_parameters.items():
        kunci = nama if nama != "kode" else next((p for p in NYATA if case.path.startswith(p)), "")
        nyata = NYATA.get(kunci)
        pilihan[nama] = st.sampled_from(nyata) | st.just(dibuat) if nyata else st.just(dibuat)

    def dengan(nilai: dict[str, Any]) -> schemathesis.Case:
        case.path_parameters = nilai
        return case

    return st.fixed_dictionaries(pilihan).map(dengan)


@dataclass
class Demo:
    """The demo data set (`dinsos demo muat`) in a PostgreSQL database kept as a template:
    lists have next pages, details real ids and workflows states. `salin()` binds the app to
    a fresh copy of it; `headers` are an admin's API key's."""

    server: PostgresSementara
    templat: str
    folder: Path
    headers: dict[str, str]
    salinan: list[str] = field(default_factory=list)

    def _admin(self, sql: str) -> None:
        admin = self.server.url("postgres").replace("+psycopg", "")
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(sql)

    def salin(self) -> None:
        lama = getattr(app.state, "engine", None)
        if lama is not None:
            lama.dispose()
        nama = f"{self.templat}_{len(self.salinan)}"
        self._admin(f"CREATE DATABASE {nama} TEMPLATE {self.templat}")
        self.salinan.append(nama)
        url = self.server.url(nama)
        sambungkan(app, pengaturan_uji(url, self.folder, rate_limit_login=BATAS_LOGIN))

    def hapus(self) -> None:
        app.state.engine.dispose()
        for nama in [*self.salinan, self.templat]:
            self._admin(f"DROP DATABASE IF EXISTS {nama} WITH (FORCE)")


@pytest.fixture(scope="session")
def basis_demo(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Demo]:
    folder = tmp_path_factory.mktemp("schemathesis")
    server: PostgresSementara = request.getfixturevalue("postgres_server")
    templat = f"demo_{uuid.uuid4().hex[:12]}"
    admin = server.url("postgres").replace("+psycopg", "")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {templat} TEMPLATE {TEMPLATE_DB}")
    pengaturan = pengaturan_uji(server.url(templat), folder, rate_limit_login=BATAS_LOGIN)
    engine = buat_engine(pengaturan)
    with Session(engine) as session:
        demo.muat(session)
        demo.buat_akun_demo(session, pengaturan)
        # Keys to rotate and revoke: the suite's own key must never be among the real ids.
        for i in range(3):
            akses_service.buat_klien(
                session, konteks_sistem(), KlienBuat(nama=f"sasaran {i}", peran=Peran.ANALIS)
            )
        session.commit()
        with engine.connect() as conn:
            for nama, sql in _NYATA_SQL.items():
                NYATA[nama] = list(conn.execute(text(sql + " ORDER BY 1 LIMIT 200")).scalars())
        kunci = akses_service.buat_klien(
            session, konteks_sistem(), KlienBuat(nama="schemathesis", peran=Peran.ADMIN)
        ).kunci
    engine.dispose()
    basis = Demo(server, templat, folder, {"Authorization": f"Bearer {kunci}"})
    basis.salin()
    yield basis
    # Every case ran as the admin: a key revoked midway would have made the rest 401.
    with TestClient(app) as c:
        assert c.get("/v1/saya", headers=basis.headers).status_code == 200
    basis.hapus()


# Operations with rules a JSON schema cannot state (unique codes, references between lists,
# codes that must exist in the database): a schema-valid body may rightly get 422 there, so
# the "schema-valid data is accepted" check does not apply. Every other check still does.
ATURAN_DI_LUAR_SKEMA = {
    "POST /v1/kinerja/hitung",
    "POST /v1/kinerja/periksa",
    "POST /v1/klien",
    "POST /v1/pengguna",
    # The record kept must be one of the duplicated NIK's own records.
    "POST /v1/duplikat/{nik}/putuskan",
    "POST /v1/wilayah",
    "POST /v1/unit-kerja",
    "POST /v1/perangkat-daerah",
    # Idempotency-Key is required (428 without it) and a row must hold a real NIK, category
    # and district: a schema-valid import is rightly refused (422) or refused the key (428).
    "POST /v1/impor/pmks",
    # Budgets (anggaran).
    # Codes must extend an existing parent, sub kegiatan must exist, dates fall in the year,
    # a year is imported once, and imports need Idempotency-Key: schema-valid input can be 422.
    "POST /v1/anggaran/{tahun}/nomenklatur",
    "POST /v1/anggaran/{tahun}/dpa",
    "PUT /v1/anggaran/{tahun}/dpa/{nomor}/pagu/{kode}",
    "POST /v1/anggaran/{tahun}/realisasi",
    "POST /v1/anggaran/{tahun}/realisasi-fisik",
    "POST /v1/anggaran/{tahun}/pendapatan",
    "POST /v1/impor/anggaran",
    # Performance plans and the LKIP report.
    # The perangkat daerah, sasaran, indicator or predecessor must exist; codes are unique.
    "POST /v1/renstra",
    "POST /v1/indikator",
    "PUT /v1/indikator/{indikator_id}/target/{sumber}/{tahun}",
    "PUT /v1/indikator/{indikator_id}/realisasi/{tahun}",
    # Public services (layanan).
    # Requests: dates relative to filing, registry ids, the current state and the service's
    # own documents decide; a schema-valid body may rightly get 403/409/422.
    "POST /v1/permohonan",
    "POST /v1/permohonan/{permohonan_id}/transisi",
    "POST /v1/permohonan/{permohonan_id}/lampiran",
    # Complaints (pengaduan) and outbound deliveries (pengiriman).
    # The unit must exist and an anonymous complaint carries no reporter; the webhook needs a
    # valid signature (401 otherwise); replaying needs a dead delivery (404/409).
    "POST /v1/pengaduan",
    "POST /v1/pengaduan/{pengaduan_id}/transisi",
    "POST /v1/webhooks/sp4n-lapor",
    "POST /v1/pengiriman/{pengiriman_id}/ulang",
    # Care units (panti).
    # The person must exist in the registry, the unit have a free bed, the dates follow the
    # stay (and not lie in the future): a schema-valid body is rightly refused (404/409/422).
    "POST /v1/panti/{kode}/kapasitas",
    "POST /v1/panti/{kode}/penghuni",
    "POST /v1/panti/{kode}/penghuni/{penghuni_id}/keluar",
}
# Updates and deletions need the record's current ETag in If-Match (428 without it, 412 when
# stale): a generated If-Match is well-formed but never current.
PERLU_IF_MATCH = {"PATCH", "DELETE"}
TENGGAT_DETIK = 120


def _dikecualikan(case: schemathesis.Case) -> list[Any]:
    """The checks that do not apply to this case, each for the reason given."""
    operasi = f"{case.method.upper()} {case.path}"
    excluded = []
    # A generated cursor is a well-formed string but not one the server issued: 400 is right.
    if (
        operasi in ATURAN_DI_LUAR_SKEMA
        or case.method.upper() in PERLU_IF_MATCH
        or (case.query or {}).get("cursor")
    ):
        excluded.append(positive_data_acceptance)
    # The checker's input is kinerja_core's own dataclasses, validated in pydantic's lax mode,
    # which reads JSON true/false as 1/0 in integer fields (e.g. `tempat`).
    if operasi == "POST /v1/kinerja/periksa":
        excluded.append(negative_data_rejection)
    # In partial mode an invalid row is refused on its own and reported in the import's
    # answer (201, `ditolak`, `kesalahan`); the request as a whole is rightly accepted.
    if operasi == "POST /v1/impor/pmks" and (case.query or {}).get("mode") == "sebagian":
        excluded.append(negative_data_rejection)
    return excluded


@schema.parametrize()
@settings(
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_api_conforms_to_its_schema(case: schemathesis.Case, basis_demo: Demo) -> None:
    # What is checked is conformance, not speed (the suite makes no timing assertions): on a
    # busy 2-core machine one request once stalled past schemathesis's default 10 s read
    # timeout and passed on replay.
    case.call_and_validate(
        headers=basis_demo.headers, excluded_checks=_dikecualikan(case), timeout=TENGGAT_DETIK
    )


class AlurDemo(schema.as_state_machine()):  # type: ignore[misc]
    """Sequences of calls, each taking ids from an earlier answer (links schemathesis infers
    from the schema and from `Location` headers): a created record is read, changed and
    moved through its workflow. Each sequence starts from the demo data as loaded: replayed
    while shrinking, it must meet the same state."""

    demo: Demo

    def setup(self) -> None:
        self.demo.salin()

    def get_call_kwargs(self, case: schemathesis.Case) -> dict[str, Any]:
        return {"headers": self.demo.headers, "timeout": TENGGAT_DETIK}

    def validate_response(self, response: Any, case: schemathesis.Case,
                          additional_checks: Any = None, **kwargs: Any) -> None:  # fmt: skip
        # With the scenario's recorder: the checks that look back at earlier calls (a
        # resource created is found, a deleted one is gone) run too.
        case.validate_response(
            response, excluded_checks=_dikecualikan(case), transport_kwargs=kwargs or None,
            recorder=self.recorder,
        )  # fmt: skip


def test_workflows_conform_to_the_schema(basis_demo: Demo) -> None:
    AlurDemo.demo = basis_demo
    AlurDemo.run(
        settings=settings(
            max_examples=40,
            stateful_step_count=6,
            deadline=None,
            suppress_health_check=list(HealthCheck),
        )
    )
    basis_demo.salin()  # a sequence may have revoked the admin's own key (GET /v1/klien)
