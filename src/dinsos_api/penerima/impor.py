"""The districts' bulk PMKS import: read, check, upsert and report, exactly once.

One import is one `Impor` row. A request goes through these steps:

1. the envelope (tahun, kode_wilayah) is checked, then the caller's district (403), then the
   Idempotency-Key is claimed in the transaction that will hold the result (core.idempotensi);
2. the body is read into rows (JSON objects, or a CSV/XLSX sheet whose header row names the
   columns) and each row is checked in plain Python (`impor_baris`): NIK and KK rules,
   category, kecamatan/desa in the district, the same NIK twice in one batch;
3. the registry is looked up once per few thousand rows and every row is planned in memory:
   new, changed or unchanged (`impor_tulis`);
4. in the default mode (`atomik`) a single bad row means nothing is written and every error
   is reported; in `sebagian` mode the valid rows are written and the others reported;
5. the plan is written with bulk statements (binary COPY on PostgreSQL), then the counts, one
   audit row and the idempotent answer, all in the same transaction.

On PostgreSQL rows go in chunks: the request's thread checks and plans the next chunk while a
writer thread writes this one, inside a savepoint that is rolled back when an atomik import
turns out to hold a bad row. On SQLite everything is checked before anything is written.

Imports larger than `impor_batas_sinkron` rows are stored with their upload and answered 202;
`PekerjaImpor` runs them in the background, each under a short lease that a heartbeat renews
while its process lives. A job whose process died (kill -9, a crash, a lost machine) is taken
over within seconds: by a server as it starts, or by any worker once the lease has run out
(`impor_sewa_detik`, 15 s). It runs again from the start, and exactly once: its writes are
one transaction, and only the attempt that holds the latest claim may commit (see there).

Rows are keyed by NIK within the district: a person is one `Orang` per district and NIK; their
category for a year is one `DataPmks` (family categories: one per family card, category and
year). Values left empty never erase what the registry holds.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import logging
import re
import threading
import time
import traceback
from collections.abc import Callable, Mapping
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, TypeVar

from sqlalchemy import (
    Connection,
    Engine,
    or_,
    text,
)
from sqlalchemy import select as sa_select
from sqlalchemy import update as sa_update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import defer
from sqlmodel import Session, col, select

from dinsos_api.core import audit, idempotensi
from dinsos_api.core.akses import (
    Aktor,
    Konteks,
    Peran,
    konteks_sistem,
    lingkup_wilayah,
    pastikan_baca,
    pastikan_tulis,
)
from dinsos_api.core.config import Settings
from dinsos_api.core.errors import JUDUL_STATUS, TYPE_BASE, Masalah
from dinsos_api.core.paginasi import paginasi
from dinsos_api.core.waktu import sekarang
from dinsos_api.penerima.impor_baris import (
    KOLOM,
    NAMA_KOLOM,
    Lembar,
    Pemeriksa,
    PetaKategori,
    Salah,
    baca,
    baca_json_baris,
    galat_kiriman,
    kenali_format,
    urai_json,
)
from dinsos_api.penerima.impor_schemas import (
    FormatImpor,
    FormatTemplat,
    ImporKeluar,
    ImporRingkas,
    ModeImpor,
    StatusImpor,
)
from dinsos_api.penerima.impor_tulis import (
    BAGIAN,
    Hitungan,
    Penulis,
    Perencana,
    pakai_postgres,
    tabel_model,
)
from dinsos_api.penerima.models import Impor
from dinsos_api.penerima.service import Penyamar
from dinsos_api.referensi.models import KategoriPmks
from dinsos_api.wilayah.models import Wilayah

logger = logging.getLogger("dinsos_api.impor")

OPERASI = "POST /v1/impor/pmks"
INSTANCE = "/v1/impor/pmks"
JENIS = "pmks"

# --- requests --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Kiriman:
    """An import as the router received it: a JSON body, or an uploaded file with the form
    fields that came with it (`formulir` is None for JSON)."""

    isi: bytes
    formulir: Mapping[str, str] | None
    mode: ModeImpor


@dataclass(frozen=True)
class AturanImpor:
    batas_sinkron: int  # more rows than this: 202 and a background job
    maks_baris: int  # more rows than this: 413
    sewa_detik: float = 15.0  # a worker's lease on a job (PekerjaImpor)
    interval_detik: float = 2.0  # how often an idle worker looks for jobs

    @classmethod
    def dari(cls, settings: Settings) -> AturanImpor:
        return cls(
            batas_sinkron=settings.impor_batas_sinkron,
            maks_baris=settings.impor_maks_baris,
            sewa_detik=settings.impor_sewa_detik,
            interval_detik=settings.impor_interval_detik,
        )


# Loaded only by the job that needs them (the upload can be tens of megabytes).
_KOLOM_BERKAS: Any = Impor.berkas
_KOLOM_KESALAHAN: Any = Impor.kesalahan


# --- one import, start to end ----------------------------------------------------------------


def _muat_rujukan(session: Session, kode_wilayah: str) -> tuple[PetaKategori, dict[str, Any]]:
    kategori = session.exec(
        select(KategoriPmks.kode, KategoriPmks.nama, KategoriPmks.singkatan, KategoriPmks.sasaran)
    ).all()
    wilayah = {
        kode: (jenis, induk)
        for kode, jenis, induk in session.exec(
            select(Wilayah.kode, Wilayah.jenis, Wilayah.induk_kode).where(
                col(Wilayah.kode).startswith(kode_wilayah), Wilayah.kode != kode_wilayah
            )
        ).all()
    }
    return PetaKategori(kategori), wilayah


def proses(
    session: Session,
    impor: Impor,
    lembar: Lembar,
    sumber: str | None,
    kemajuan: Callable[[int], None] | None = None,
) -> None:
    """Check, plan and (unless refused) write one import; sets its status and counts.

    Writes only to the session; the caller commits. `kemajuan(n)` is told how many rows were
    handled as the work goes on (background jobs report it from a connection of their own), so
    the `impor` row itself is changed only at the end: before that, this transaction must not
    hold a lock on it.
    """
    if lembar.fatal:
        # Every row read is refused; a wrong header ends the reading before any data row, so
        # then only the header's row counts.
        ditolak = max(lembar.jumlah, len({s.baris for s in lembar.salah}))
        _akhiri(
            impor,
            lembar,
            StatusImpor.DITOLAK,
            list(lembar.salah),
            ditolak,
            Hitungan(),
            "Berkas tidak dapat diimpor; tidak ada data yang disimpan.",
        )
        return
    kategori, wilayah = _muat_rujukan(session, impor.kode_wilayah)
    pemeriksa = Pemeriksa(kategori, wilayah, impor.kode_wilayah)
    atomik = impor.mode == ModeImpor.ATOMIK
    bertahap = pakai_postgres(session)
    with ExitStack() as tumpuk:
        mesin = session.get_bind()
        baca = None
        if bertahap and isinstance(mesin, Engine):
            baca = tumpuk.enter_context(mesin.connect())
        perencana = Perencana(session, impor, sumber, baca)
        titik_simpan = session.begin_nested() if bertahap else None
        # SQLite: one chunk, so everything is checked before anything is written.
        ukuran = BAGIAN if bertahap else max(1, len(lembar.baris))
        with Penulis(perencana, bertahap) as penulis:
            for awal in range(0, len(lembar.baris), ukuran):
                bagian = lembar.baris[awal : awal + ukuran]
                perencana.rencanakan([b for n, v in bagian if (b := pemeriksa.periksa(n, v))])
                tulisan = perencana.tulisan()
                # Atomik: after the first problem nothing more is worth writing; the rest is
                # still checked and planned, to report every problem at once.
                if not atomik or not (lembar.salah or pemeriksa.salah or perencana.salah):
                    penulis.tulis(tulisan)
                if kemajuan is not None:
                    kemajuan(awal + len(bagian))
    salah = lembar.salah + pemeriksa.salah + perencana.salah
    ditolak = len({s.baris for s in salah})
    if salah and atomik:
        if titik_simpan is not None:
            titik_simpan.rollback()
        _akhiri(
            impor,
            lembar,
            StatusImpor.DITOLAK,
            salah,
            ditolak,
            Hitungan(),
            f"{ditolak} baris bermasalah; tidak ada data yang disimpan.",
        )
        return
    if titik_simpan is not None:
        titik_simpan.commit()
    _akhiri(
        impor,
        lembar,
        StatusImpor.SELESAI,
        salah,
        ditolak,
        perencana.hitungan,
        f"{ditolak} baris bermasalah tidak disimpan." if ditolak else None,
    )


def _akhiri(
    impor: Impor,
    lembar: Lembar,
    status: StatusImpor,
    salah: list[Salah],
    ditolak: int,
    h: Hitungan,
    keterangan: str | None = None,
) -> None:
    impor.status = status.value
    urut = {nama: i for i, nama in enumerate(NAMA_KOLOM)}
    salah.sort(key=lambda s: (s.baris, urut.get(s.kolom, -1)))
    impor.kesalahan = [s._asdict() for s in salah]
    impor.ditolak = ditolak
    impor.baru, impor.diperbarui = h.baru, h.diperbarui
    impor.tidak_berubah, impor.perlu_verifikasi = h.tidak_berubah, h.perlu_verifikasi
    impor.baris_total = impor.baris_selesai = lembar.jumlah
    impor.selesai_pada = sekarang()
    impor.keterangan = keterangan


def _audit(session: Session, ktx: Konteks, impor: Impor) -> None:
    """One audit row per import, with its counts: the import resource records what changed,
    and every PMKS record it wrote or changed carries its `impor_id`."""
    audit.catat(
        session,
        ktx,
        sumber_daya="impor",
        sumber_daya_id=impor.id,
        aksi=f"impor_{impor.jenis}",
        baru={
            "kode_wilayah": impor.kode_wilayah,
            "tahun": impor.tahun,
            "mode": impor.mode,
            "format": impor.format,
            "status": impor.status,
            "baris_total": impor.baris_total,
            "baru": impor.baru,
            "diperbarui": impor.diperbarui,
            "tidak_berubah": impor.tidak_berubah,
            "perlu_verifikasi": impor.perlu_verifikasi,
            "ditolak": impor.ditolak,
        },
    )


def lokasi(impor_id: str) -> str:
    return f"/v1/impor/{impor_id}"


_R = TypeVar("_R", bound=ImporRingkas)


def untuk(model: type[_R], impor: Impor, aktor: Aktor) -> _R:
    """An import as `aktor` may see it: the cross-district count is the province's alone
    (penerima.service.Penyamar)."""
    hasil = model.model_validate(impor, from_attributes=True)
    hasil.perlu_verifikasi = Penyamar.untuk(aktor).lintas_wilayah(hasil.perlu_verifikasi)
    return hasil


def keluar(impor: Impor, aktor: Aktor) -> dict[str, Any]:
    return untuk(ImporKeluar, impor, aktor).model_dump(mode="json")


def _jawaban(impor: Impor, aktor: Aktor) -> idempotensi.Jawaban:
    if impor.status != StatusImpor.DITOLAK.value:
        return idempotensi.Jawaban(201, keluar(impor, aktor), lokasi(impor.id))
    kesalahan = impor.kesalahan
    ringkas = "; ".join(f"baris {s['baris']} {s['kolom']}: {s['pesan']}" for s in kesalahan[:3])
    lebih = f" (dan {len(kesalahan) - 3} kesalahan lain)" if len(kesalahan) > 3 else ""
    masalah = {
        "type": TYPE_BASE + "impor-ditolak",
        "title": JUDUL_STATUS[422],
        "status": 422,
        "detail": f"{impor.keterangan} {ringkas}{lebih}. Perbaiki lalu kirim ulang dengan "
        "Idempotency-Key baru.",
        "instance": INSTANCE,
        "errors": [
            {"field": f"baris[{s['baris']}].{s['kolom']}", "message": s["pesan"]} for s in kesalahan
        ],
        "impor_id": impor.id,
        "impor": lokasi(impor.id),
    }
    return idempotensi.Jawaban(422, masalah)


def _amplop(kiriman: Kiriman) -> tuple[int, str, FormatImpor, dict[str, Any] | None]:
    """tahun, kode_wilayah and format of a submission (request-level problems: 4xx, nothing
    stored, the Idempotency-Key stays unused)."""
    if kiriman.formulir is None:
        data = urai_json(kiriman.isi)
        tahun, kode, format_ = data.get("tahun"), data.get("kode_wilayah"), FormatImpor.JSON
    else:
        data = None
        format_ = kenali_format(kiriman.isi)
        tahun, kode = kiriman.formulir.get("tahun"), kiriman.formulir.get("kode_wilayah")
        if isinstance(tahun, str) and re.fullmatch(r"\s*[0-9]{1,6}\s*", tahun):
            tahun = int(tahun)
    if tahun is None:
        raise galat_kiriman("tahun", "wajib diisi")
    if isinstance(tahun, bool) or not isinstance(tahun, int) or not 2000 <= tahun <= 2100:
        raise galat_kiriman("tahun", "harus berupa tahun antara 2000 dan 2100")
    if kode is None:
        raise galat_kiriman("kode_wilayah", "wajib diisi")
    if not isinstance(kode, str) or not re.fullmatch(r"53[0-9]{2}", kode):
        raise galat_kiriman("kode_wilayah", "harus kode kabupaten/kota, misalnya 5301")
    return tahun, kode, format_, data


def _pastikan_kabkota(session: Session, kode: str) -> None:
    wilayah = session.get(Wilayah, kode)
    if wilayah is None or wilayah.induk_kode is not None:
        raise galat_kiriman("kode_wilayah", f"{kode} bukan kabupaten/kota yang terdaftar")


def _kunci_wilayah(session: Session, kode_wilayah: str, tunggu: bool) -> None:
    """Imports of one district run one at a time (PostgreSQL; SQLite has one writer anyway)."""
    if not pakai_postgres(session):
        return
    kunci = {"k": f"impor-wilayah:{kode_wilayah}"}
    if tunggu:
        session.execute(text("SELECT pg_advisory_xact_lock(hashtextextended(:k, 0))"), kunci)
        return
    dapat = session.execute(
        text("SELECT pg_try_advisory_xact_lock(hashtextextended(:k, 0))"), kunci
    ).scalar_one()
    if not dapat:
        raise Masalah(
            409,
            f"Impor lain untuk wilayah {kode_wilayah} sedang diproses; kirim ulang sebentar lagi "
            "dengan Idempotency-Key yang sama.",
            jenis="impor-berjalan",
            headers={"Retry-After": "5"},
        )


def _pemohon(ktx: Konteks) -> dict[str, Any]:
    aktor = ktx.pelaku
    return {
        "jenis": aktor.jenis,
        "id": aktor.id,
        "nama": aktor.nama,
        "peran": aktor.peran.value,
        "kode_wilayah": aktor.kode_wilayah,
        "request_id": ktx.request_id,
        "ip": ktx.ip,
    }


def _konteks_pemohon(pemohon: Mapping[str, Any] | None) -> Konteks:
    if not pemohon:
        return konteks_sistem()
    aktor = Aktor(
        jenis=pemohon["jenis"],
        id=pemohon["id"],
        nama=pemohon["nama"],
        peran=Peran(pemohon["peran"]),
        kode_wilayah=pemohon.get("kode_wilayah"),
    )
    return Konteks(aktor=aktor, request_id=pemohon.get("request_id"), ip=pemohon.get("ip"))


def kirim(
    session: Session,
    ktx: Konteks,
    kiriman: Kiriman,
    kunci: str,
    aturan: AturanImpor,
    pekerja: PekerjaImpor | None = None,
) -> idempotensi.Jawaban:
    """POST /v1/impor/pmks: 201 (done), 422 (refused, nothing written) or 202 (a job)."""
    aktor = ktx.pelaku
    tahun, kode_wilayah, format_, data = _amplop(kiriman)
    pastikan_tulis(aktor, kode_wilayah, "impor")
    _pastikan_kabkota(session, kode_wilayah)
    sidik = idempotensi.sidik_json(
        {
            "format": format_.value,
            "mode": kiriman.mode.value,
            "tahun": tahun,
            "kode_wilayah": kode_wilayah,
            "isi": hashlib.sha256(kiriman.isi).hexdigest(),
        }
    )
    impor = Impor(
        jenis=JENIS,
        kode_wilayah=kode_wilayah,
        tahun=tahun,
        mode=kiriman.mode.value,
        status=StatusImpor.DIPROSES.value,
        format=format_.value,
        aktor_id=aktor.id,
    )
    # Written first: on SQLite this takes the write lock, so the key is read after any twin
    # request has committed (and is then replayed).
    session.add(impor)
    session.flush()
    lama = idempotensi.mulai(session, aktor.id, kunci, OPERASI, sidik)
    if lama is not None:
        session.rollback()
        return lama
    _kunci_wilayah(session, kode_wilayah, tunggu=False)
    if data is not None:
        lembar = baca_json_baris(data, aturan.maks_baris)
    else:
        lembar = baca(format_, kiriman.isi, aturan.maks_baris)

    if lembar.jumlah > aturan.batas_sinkron:
        impor.baris_total = lembar.jumlah
        impor.berkas = kiriman.isi
        impor.pemohon = _pemohon(ktx)
        jawaban = idempotensi.Jawaban(202, keluar(impor, aktor), lokasi(impor.id))
        idempotensi.simpan(session, aktor.id, kunci, OPERASI, sidik, jawaban)
        session.commit()
        logger.info("import %s queued: %d rows", impor.id, lembar.jumlah)
        if pekerja is not None:
            pekerja.bangunkan()
        return jawaban

    proses(session, impor, lembar, aktor.id)
    _audit(session, ktx, impor)
    jawaban = _jawaban(impor, aktor)
    idempotensi.simpan(session, aktor.id, kunci, OPERASI, sidik, jawaban)
    session.commit()
    logger.info(
        "import %s %s: %d rows, %d new, %d changed, %d refused",
        impor.id,
        impor.status,
        impor.baris_total,
        impor.baru,
        impor.diperbarui,
        impor.ditolak,
    )
    return jawaban


# --- background jobs -------------------------------------------------------------------------


class SewaHilangError(Exception):
    """Another worker has claimed the job since this attempt began: the attempt must stop and
    write nothing (the other one runs the job)."""


class PekerjaImpor:
    """Runs large imports (status `diproses`) in one daemon thread per server process.

    Jobs live in the database with their upload, so any process can run them and none is lost
    on a restart. An attempt at a job:

    - claims it with one conditional UPDATE that numbers the attempt (`percobaan`) and takes a
      short lease (`sewa_sampai`, `IMPOR_SEWA_DETIK`: 15 s);
    - keeps the lease while its process lives: on PostgreSQL a heartbeat thread (`_Sewa`)
      renews it every third of its length, whatever the job is doing (reading the upload,
      waiting for its district's lock, planning a chunk), and dies with the process. On
      SQLite the job holds the database's write lock from its first statement to its commit,
      so no other worker can claim it meanwhile, and no heartbeat could write;
    - writes the registry rows, the counts, the audit row and its end in one transaction, so a
      dead attempt leaves nothing behind.

    Exactly once: two attempts never run a job at the same time (on PostgreSQL its
    transaction takes the advisory lock `impor-tugas:<id>` first, and a second attempt waits
    for the first to end; on SQLite the write lock), and only the latest attempt commits:
    every write to the job's row (heartbeat, progress, end, failure) requires `percobaan` to
    be its own, so once another worker has claimed the job the write matches nothing, the
    attempt has lost its lease (`SewaHilangError`) and rolls back.

    Orphaned jobs (their process died) are taken over within seconds:
    - an idle worker looks every `IMPOR_INTERVAL_DETIK` (2 s) for a job whose lease ran out,
      at most `IMPOR_SEWA_DETIK` after its process died;
    - a server that starts takes over at once, for one lease length (after which any lease
      of a dead predecessor has run out), every job that no process is running, whatever its
      lease: on PostgreSQL, one whose advisory lock is free; on SQLite, one it can write to
      (a running job would hold the write lock).
    A job is run again from the start. After MAKS_PERCOBAAN attempts it is marked `gagal`; an
    error inside a job marks it `gagal` at once. Either way nothing of it was written, and the
    district sends it again with a new Idempotency-Key.
    """

    MAKS_PERCOBAAN = 3

    def __init__(self, engine: Engine, aturan: AturanImpor) -> None:
        self.engine = engine
        self.aturan = aturan
        self._bangun = threading.Event()
        self._henti = threading.Event()
        self._thread: threading.Thread | None = None

    def mulai(self) -> None:
        self._thread = threading.Thread(target=self._putaran, name="pekerja-impor", daemon=True)
        self._thread.start()

    def berhenti(self, tunggu_detik: float = 30.0) -> None:
        """Stop after the current job (a job cut short is taken over after a restart)."""
        self._henti.set()
        self._bangun.set()
        if self._thread is not None:
            self._thread.join(tunggu_detik)

    def bangunkan(self) -> None:
        self._bangun.set()

    def _putaran(self) -> None:
        # For one lease length after the start, a job that no process runs is taken over at
        # once; by then any lease left by a dead predecessor has run out.
        yatim_sampai = time.monotonic() + self.aturan.sewa_detik
        while not self._henti.is_set():
            try:
                bekerja = self.jalankan_satu(yatim=time.monotonic() < yatim_sampai)
            except Exception as exc:  # the loop must survive a database outage
                logger.error("import worker: %s", type(exc).__name__)
                bekerja = False
            if not bekerja:
                self._bangun.wait(self.aturan.interval_detik)
                self._bangun.clear()

    def jalankan_satu(self, yatim: bool = False) -> bool:
        """Claim and run one waiting job; False when there was none. `yatim`: also a job whose
        lease has not run out yet, when no process runs it (at a server's start)."""
        klaim = self._klaim(yatim)
        if klaim is None:
            return False
        impor_id, percobaan = klaim
        if percobaan > self.MAKS_PERCOBAAN:
            self._gagal(
                impor_id,
                percobaan,
                "Impor terhenti berulang kali; kirim ulang dengan Idempotency-Key baru.",
            )
            return True
        with ExitStack() as tumpuk:
            sewa = None
            if self.engine.dialect.name == "postgresql":
                sewa = _Sewa(self.engine, impor_id, percobaan, self.aturan.sewa_detik)
                tumpuk.enter_context(sewa)
            try:
                self._jalankan(impor_id, percobaan, sewa)
            except SewaHilangError:
                logger.warning(
                    "import %s: attempt %d lost its lease to another worker and wrote nothing",
                    impor_id,
                    percobaan,
                )
            except Exception as exc:
                # Type and frames only: a database error's message may quote a NIK.
                logger.error(
                    "import %s failed: %s\n%s",
                    impor_id,
                    type(exc).__name__,
                    "".join(traceback.format_tb(exc.__traceback__)),
                )
                self._gagal(
                    impor_id,
                    percobaan,
                    "Terjadi kesalahan saat memproses impor; tidak ada data yang "
                    "disimpan. Kirim ulang dengan Idempotency-Key baru.",
                )
        return True

    def _klaim(self, yatim: bool) -> tuple[str, int] | None:
        """Number a new attempt at the oldest job that is free, with a fresh lease."""
        kini = sekarang()
        i = tabel_model(Impor)
        bebas = or_(i.c.sewa_sampai.is_(None), i.c.sewa_sampai < kini)
        with Session(self.engine) as session:
            postgres = pakai_postgres(session)
            calon = session.execute(
                sa_select(i.c.id, i.c.percobaan)
                .where(i.c.status == StatusImpor.DIPROSES.value, *([] if yatim else [bebas]))
                .order_by(i.c.created_at)
            ).all()
            for impor_id, percobaan in calon:
                # At a start: a PostgreSQL job whose lock is taken runs in a live transaction.
                # On SQLite the UPDATE waits for a running job's write lock instead (and then
                # finds the job ended, or gives up after the busy timeout).
                if yatim and postgres and not _kunci_tugas(session, impor_id, tunggu=False):
                    continue
                hasil = session.execute(
                    sa_update(i)
                    .where(
                        i.c.id == impor_id,
                        i.c.status == StatusImpor.DIPROSES.value,
                        i.c.percobaan == percobaan,
                        *([] if yatim else [bebas]),
                    )
                    .values(
                        sewa_sampai=kini + timedelta(seconds=self.aturan.sewa_detik),
                        percobaan=percobaan + 1,
                    )
                )
                session.commit()
                if hasil.rowcount == 1:  # type: ignore[attr-defined]
                    logger.info("import %s: attempt %d claimed", impor_id, percobaan + 1)
                    return impor_id, percobaan + 1
        return None

    def _jalankan(self, impor_id: str, percobaan: int, sewa: _Sewa | None) -> None:
        with Session(self.engine) as session:
            if pakai_postgres(session):
                # PostgreSQL: one attempt at a time. An earlier attempt still running has lost
                # its lease to this one and stops at its next chunk; a dead one's transaction
                # ends with its connection (_JAGA_KLIEN: even when its machine vanished).
                for nama, nilai in _JAGA_KLIEN:
                    session.execute(text(f"SET LOCAL {nama} = {nilai}"))
                _kunci_tugas(session, impor_id, tunggu=True)
            elif not _pagar(session, impor_id, percobaan):
                # SQLite: the write lock from here on, so nothing changes under the plan and
                # no other worker can claim the job; progress shows at the end only.
                raise SewaHilangError(impor_id)
            impor = session.get(Impor, impor_id)
            if impor is None or impor.status != StatusImpor.DIPROSES.value:
                return
            if impor.percobaan != percobaan:
                raise SewaHilangError(impor_id)
            _kunci_wilayah(session, impor.kode_wilayah, tunggu=True)
            if sewa is not None:
                sewa.pastikan()
            ktx = _konteks_pemohon(impor.pemohon)
            lembar = baca(
                FormatImpor(impor.format or FormatImpor.JSON),
                impor.berkas or b"",
                self.aturan.maks_baris,
            )
            kemajuan = sewa.kemajuan if sewa is not None else None
            proses(session, impor, lembar, ktx.aktor.id if ktx.aktor else None, kemajuan)
            if sewa is not None:
                sewa.pastikan()
            # Only the attempt that still holds the job writes its end (checked before the
            # end is flushed: the check needs the row still `diproses`); leaving without a
            # commit rolls every row of this attempt back.
            with session.no_autoflush:
                if not _pagar(session, impor_id, percobaan):
                    raise SewaHilangError(impor_id)
            impor.berkas = impor.pemohon = impor.sewa_sampai = None
            _audit(session, ktx, impor)
            session.commit()
            logger.info(
                "import %s %s: %d rows, %d new, %d changed, %d refused",
                impor.id,
                impor.status,
                impor.baris_total,
                impor.baru,
                impor.diperbarui,
                impor.ditolak,
            )

    def _gagal(self, impor_id: str, percobaan: int, keterangan: str) -> None:
        with Session(self.engine) as session:
            if not _pagar(session, impor_id, percobaan):
                return  # ended, or another worker's now
            impor = session.get(Impor, impor_id, options=[defer(_KOLOM_BERKAS)])
            if impor is None:
                return
            ktx = _konteks_pemohon(impor.pemohon)
            impor.status = StatusImpor.GAGAL.value
            impor.keterangan = keterangan
            impor.berkas = impor.pemohon = impor.sewa_sampai = None
            impor.selesai_pada = sekarang()
            _audit(session, ktx, impor)
            session.commit()


# The job's transaction on PostgreSQL holds its locks until it ends. Should the worker's
# machine vanish without closing the connection (power loss), the server's keepalive probes
# (after 10 s of silence, 3 unanswered ones 5 s apart) end it within about 25 s, instead of
# after the system's default of over 2 hours (a process that dies is noticed at once).
_JAGA_KLIEN = (
    ("tcp_keepalives_idle", 10),
    ("tcp_keepalives_interval", 5),
    ("tcp_keepalives_count", 3),
)


def _kunci_tugas(session: Session, impor_id: str, tunggu: bool) -> bool:
    """The job's advisory lock (PostgreSQL), held by the transaction that runs it until it
    ends; without `tunggu`, False when another transaction holds it."""
    kunci = {"k": f"impor-tugas:{impor_id}"}
    if tunggu:
        session.execute(text("SELECT pg_advisory_xact_lock(hashtextextended(:k, 0))"), kunci)
        return True
    return bool(
        session.execute(
            text("SELECT pg_try_advisory_xact_lock(hashtextextended(:k, 0))"), kunci
        ).scalar_one()
    )


def _pagar(session: Session, impor_id: str, percobaan: int) -> bool:
    """True when the job is still `diproses` and `percobaan` is its latest attempt. The row is
    then locked until the transaction ends (on SQLite: the database's write lock), so no other
    worker can claim the job before this attempt commits or rolls back."""
    i = tabel_model(Impor)
    hasil = session.execute(
        sa_update(i)
        .where(
            i.c.id == impor_id,
            i.c.status == StatusImpor.DIPROSES.value,
            i.c.percobaan == percobaan,
        )
        .values(percobaan=percobaan)
    )
    return bool(hasil.rowcount == 1)  # type: ignore[attr-defined]


class _Sewa:
    """The lease of a running attempt on PostgreSQL: a thread of its own renews it every third
    of its length, whatever the job is doing, and writes the job's progress as it comes (at
    most once a second), from a connection of its own. Each write requires the attempt to be
    the job's latest: when it matches nothing, another worker has claimed the job, the lease
    is lost (`hilang`), and the job stops at its next chunk (`kemajuan`, `pastikan`). The
    thread dies with its process, and the lease runs out `sewa` seconds after the last
    renewal."""

    JEDA_KEMAJUAN = 1.0

    def __init__(self, engine: Engine, impor_id: str, percobaan: int, sewa: float) -> None:
        self.engine, self.impor_id, self.percobaan, self.sewa = engine, impor_id, percobaan, sewa
        self.hilang = threading.Event()
        self._bangun = threading.Event()
        self._henti = threading.Event()
        self._baris: int | None = None
        self._tercatat: int | None = None
        self._conn: Connection | None = None
        self._thread = threading.Thread(target=self._putar, name="impor-sewa", daemon=True)

    def __enter__(self) -> _Sewa:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._henti.set()
        self._bangun.set()
        self._thread.join(self.sewa)

    def kemajuan(self, baris: int) -> None:
        """The job has handled `baris` rows (never waits on the database)."""
        self.pastikan()
        self._baris = baris
        self._bangun.set()

    def pastikan(self) -> None:
        if self.hilang.is_set():
            raise SewaHilangError(self.impor_id)

    def _putar(self) -> None:
        jeda = self.sewa / 3
        perpanjang = time.monotonic() + jeda  # the claim has just taken the lease
        try:
            while not self._henti.is_set() and not self.hilang.is_set():
                self._bangun.wait(max(0.0, perpanjang - time.monotonic()))
                self._bangun.clear()
                if self._henti.is_set():
                    return
                baris = self._baris
                if baris == self._tercatat and time.monotonic() < perpanjang:
                    continue
                # A renewal that failed (the database busy or away) is tried again soon.
                tercatat = self.perbarui(baris)
                perpanjang = time.monotonic() + (jeda if tercatat else min(jeda, 1.0))
                self._henti.wait(min(self.JEDA_KEMAJUAN, jeda))
        finally:
            self._tutup()

    def perbarui(self, baris: int | None) -> bool:
        """Renew the lease (and record the progress); False when it could not be written."""
        i = tabel_model(Impor)
        nilai: dict[str, Any] = {"sewa_sampai": sekarang() + timedelta(seconds=self.sewa)}
        if baris is not None:
            nilai["baris_selesai"] = baris
        try:
            if self._conn is None:
                self._conn = self.engine.connect()
            with self._conn.begin():
                # Never wait on the row: the job's own transaction locks it as it ends.
                self._conn.execute(text("SET LOCAL lock_timeout = '500ms'"))
                hasil = self._conn.execute(
                    sa_update(i)
                    .where(
                        i.c.id == self.impor_id,
                        i.c.status == StatusImpor.DIPROSES.value,
                        i.c.percobaan == self.percobaan,
                    )
                    .values(**nilai)
                )
        except SQLAlchemyError as exc:
            logger.warning("import %s: lease not renewed (%s)", self.impor_id, type(exc).__name__)
            self._tutup()
            return False
        if hasil.rowcount != 1:
            # Ended (the job's own commit) or claimed by another worker: either way this
            # attempt must not write.
            self.hilang.set()
            return False
        self._tercatat = baris
        return True

    def _tutup(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(SQLAlchemyError):
                self._conn.close()
            self._conn = None


# --- reading imports -------------------------------------------------------------------------


def ambil(session: Session, ktx: Konteks, impor_id: str) -> Impor:
    impor = session.get(Impor, impor_id, options=[defer(_KOLOM_BERKAS)])
    if impor is None:
        raise Masalah(404, "Data impor tidak ditemukan.")
    pastikan_baca(ktx.pelaku, impor.kode_wilayah, "impor")
    return impor


@dataclass(frozen=True)
class SaringImpor:
    kode_wilayah: str | None = None
    status: StatusImpor | None = None
    tahun: int | None = None


def daftar(
    session: Session, ktx: Konteks, saring: SaringImpor, limit: int, cursor: str | None
) -> tuple[list[Impor], str | None]:
    """Newest first; a district operator sees its own district's imports only."""
    stmt = select(Impor).options(defer(_KOLOM_BERKAS), defer(_KOLOM_KESALAHAN))
    lingkup = lingkup_wilayah(ktx.pelaku)
    if lingkup is not None:
        stmt = stmt.where(Impor.kode_wilayah == lingkup)
    if saring.kode_wilayah is not None:
        stmt = stmt.where(Impor.kode_wilayah == saring.kode_wilayah)
    if saring.status is not None:
        stmt = stmt.where(Impor.status == saring.status.value)
    if saring.tahun is not None:
        stmt = stmt.where(Impor.tahun == saring.tahun)
    kolom = [col(Impor.created_at), col(Impor.id)]
    return paginasi(session, stmt, kolom, limit, cursor, turun=True)


# --- the template ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Templat:
    isi: bytes
    media_type: str
    nama_berkas: str


def templat(session: Session, format_: FormatTemplat) -> Templat:
    """Header row and one example row (its NIK is refused on import: delete it)."""
    kepala = [k.nama.upper() for k in KOLOM]
    contoh = [k.contoh for k in KOLOM]
    if format_ is FormatTemplat.CSV:
        buf = io.StringIO()
        tulis = csv.writer(buf, lineterminator="\r\n")
        tulis.writerow(kepala)
        tulis.writerow(contoh)
        # A BOM so that Excel opens the UTF-8 file with the right characters.
        return Templat(
            ("\ufeff" + buf.getvalue()).encode(),
            "text/csv; charset=utf-8",
            "templat-impor-pmks.csv",
        )
    return Templat(
        _templat_xlsx(session, kepala, contoh),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "templat-impor-pmks.xlsx",
    )


def _templat_xlsx(session: Session, kepala: list[str], contoh: list[str]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from dinsos_api.core.xlsx import tambah_baris

    buku = Workbook()
    data = buku.active
    assert data is not None
    data.title = "data"
    tambah_baris(data, kepala)
    tambah_baris(data, contoh)
    tebal = Font(bold=True)
    for i, kolom in enumerate(KOLOM, start=1):
        huruf = data.cell(row=1, column=i).column_letter
        data.cell(row=1, column=i).font = tebal
        data.column_dimensions[huruf].width = max(14, len(kolom.nama) + 4)
        # Text format for the whole column: Excel keeps 16-digit NIKs and leading zeros.
        for baris in range(2, 1002):
            data.cell(row=baris, column=i).number_format = "@"
    data.freeze_panes = "A2"

    petunjuk = buku.create_sheet("petunjuk")
    tambah_baris(petunjuk, ["KOLOM", "WAJIB", "KETERANGAN"])
    for kolom in KOLOM:
        tambah_baris(
            petunjuk, [kolom.nama.upper(), "ya" if kolom.wajib else "tidak", kolom.keterangan]
        )
    tambah_baris(petunjuk, [])
    tambah_baris(
        petunjuk,
        [
            "Hanya lembar pertama (data) yang diimpor. Hapus baris contoh sebelum "
            "mengimpor. Lihat juga docs/impor-pmks.md."
        ],
    )
    for sel in petunjuk[1]:
        sel.font = tebal
    petunjuk.column_dimensions["A"].width = 18
    petunjuk.column_dimensions["C"].width = 100

    kategori = buku.create_sheet("kategori")
    tambah_baris(kategori, ["KODE", "NAMA", "SASARAN"])
    for kode, nama, sasaran in session.exec(
        select(KategoriPmks.kode, KategoriPmks.nama, KategoriPmks.sasaran).order_by(
            col(KategoriPmks.nomor)
        )
    ).all():
        tambah_baris(kategori, [kode, nama, sasaran])
    for sel in kategori[1]:
        sel.font = tebal
    kategori.column_dimensions["A"].width = 45
    kategori.column_dimensions["B"].width = 50

    buf = io.BytesIO()
    buku.save(buf)
    return buf.getvalue()
