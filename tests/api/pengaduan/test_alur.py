"""Complaints entered by staff and walked through the workflow: disposition, tiered approval,
refusals, postponement, SLA clocks, confidentiality, lists and statistics."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select
from sqlmodel import Session

from dinsos_api.core.audit import AuditLog
from dinsos_api.core.hari_kerja import Kalender
from dinsos_api.core.outbox import OutboxEvent
from dinsos_api.core.waktu import WITA
from dinsos_api.pengaduan.models import Pengaduan

SURAT = {
    "kanal": "surat",
    "klasifikasi": "pengaduan",
    "judul": "Rehabilitasi rumah tidak layak huni belum ditindaklanjuti",
    "isi": "Surat dari Desa Noelbaki: usulan RTLH tahun lalu belum ada kabar.",
    "pelapor": {"nama": "Kepala Desa Noelbaki", "telepon": "0380 123456"},
}


def _buat(c: TestClient, h: dict[str, str], **ubah: Any) -> dict[str, Any]:
    r = c.post("/v1/pengaduan", json={**SURAT, **ubah}, headers=h)
    assert r.status_code == 201, r.text
    assert r.headers["location"] == f"/v1/pengaduan/{r.json()['id']}"
    body: dict[str, Any] = r.json()
    return body


def _aksi(c: TestClient, h: dict[str, str], pid: str, aksi: str, **body: Any) -> Any:
    return c.post(f"/v1/pengaduan/{pid}/transisi", json={"aksi": aksi, **body}, headers=h)


def _ok(r: Any, status: str) -> dict[str, Any]:
    assert r.status_code == 200, r.text
    assert r.json()["status"] == status
    body: dict[str, Any] = r.json()
    return body


def test_full_walk_with_disposition_and_tiered_approval(
    anon: TestClient, peran: dict[str, dict[str, str]], engine: Engine
) -> None:
    c, petugas, kadis, bidang = anon, peran["petugas"], peran["kadis"], peran["bidang"]
    p = _buat(c, petugas)
    pid = p["id"]
    assert p["status"] == "diterima" and p["aksi_tersedia"] == [
        "bukan_wewenang", "telaah", "tunda",
    ]  # fmt: skip
    _ok(_aksi(c, petugas, pid, "telaah"), "ditelaah")
    _ok(_aksi(c, petugas, pid, "teruskan"), "diteruskan")
    _ok(_aksi(c, kadis, pid, "disposisi", unit_kerja="bidang_rehabilitasi_sosial"), "didisposisi")
    _ok(_aksi(c, petugas, pid, "susun_jawaban", jawaban="Usulan masuk tahap verifikasi."),
        "jawaban_disusun")  # fmt: skip
    _ok(_aksi(c, petugas, pid, "ajukan_persetujuan"), "persetujuan_bidang")
    _ok(_aksi(c, bidang, pid, "setujui"), "persetujuan_kadis")
    # Kepala Dinas sends it back: a reason is required.
    tanpa = _aksi(c, kadis, pid, "kembalikan")
    assert tanpa.status_code == 422 and tanpa.json()["errors"][0]["field"] == "catatan"
    _ok(_aksi(c, kadis, pid, "kembalikan", catatan="Sebutkan jadwal verifikasi."),
        "jawaban_disusun")  # fmt: skip
    _ok(_aksi(c, petugas, pid, "susun_jawaban", jawaban="Verifikasi lapangan 2 Desember."),
        "jawaban_disusun")  # fmt: skip
    _ok(_aksi(c, petugas, pid, "ajukan_persetujuan"), "persetujuan_bidang")
    _ok(_aksi(c, bidang, pid, "setujui"), "persetujuan_kadis")
    disetujui = _ok(_aksi(c, kadis, pid, "setujui"), "disetujui")
    assert disetujui["jawaban"] == "Verifikasi lapangan 2 Desember."
    assert disetujui["selesai_pada"] is None
    dijawab = _ok(_aksi(c, petugas, pid, "sampaikan_jawaban"), "dijawab")
    assert dijawab["selesai_pada"] is not None and dijawab["terlambat"] is False
    _ok(_aksi(c, petugas, pid, "selesaikan"), "selesai")
    langkah = c.get(f"/v1/pengaduan/{pid}/riwayat", headers=petugas).json()["data"]
    assert [x["aksi"] for x in langkah] == [
        "terima", "telaah", "teruskan", "disposisi", "susun_jawaban", "ajukan_persetujuan",
        "setujui", "kembalikan", "susun_jawaban", "ajukan_persetujuan", "setujui", "setujui",
        "sampaikan_jawaban", "selesaikan",
    ]  # fmt: skip
    assert langkah[7]["catatan"] == "Sebutkan jadwal verifikasi."
    assert [x["peran"] for x in langkah[10:12]] == ["operator_provinsi", "pimpinan"]
    with Session(engine) as s:
        audit = list(s.scalars(select(AuditLog).where(AuditLog.sumber_daya_id == pid)))
        keluar = list(s.scalars(select(OutboxEvent)))
    assert len(audit) == 14
    # No reporter identity or content in the audit trail.
    assert not any("Noelbaki" in str(a.perubahan) for a in audit)
    assert keluar == []  # a letter has no SP4N-LAPOR! case to inform


def test_roles_states_and_requirements_are_enforced(
    anon: TestClient, peran: dict[str, dict[str, str]]
) -> None:
    c, petugas, kadis = anon, peran["petugas"], peran["kadis"]
    pid = _buat(c, petugas)["id"]
    _aksi(c, petugas, pid, "telaah")
    _aksi(c, petugas, pid, "teruskan")
    bukan_kadis = _aksi(c, petugas, pid, "disposisi", unit_kerja="sekretariat")
    assert bukan_kadis.status_code == 403
    tanpa_unit = _aksi(c, kadis, pid, "disposisi")
    assert tanpa_unit.status_code == 422
    assert tanpa_unit.json()["errors"][0]["field"] == "data.unit_kerja"
    unit_asing = _aksi(c, kadis, pid, "disposisi", unit_kerja="bidang_tidak_ada")
    assert unit_asing.status_code == 422
    assert unit_asing.json()["errors"] == [
        {"field": "unit_kerja", "message": "unit kerja tidak ditemukan"}
    ]
    salah_status = _aksi(c, petugas, pid, "selesaikan")
    assert salah_status.status_code == 409 and "Diteruskan" in salah_status.json()["detail"]
    tak_dikenal = _aksi(c, petugas, pid, "hapus")
    assert tak_dikenal.status_code == 422 and tak_dikenal.json()["errors"][0]["field"] == "aksi"
    isian_lebih = _aksi(c, kadis, pid, "disposisi", unit_kerja="sekretariat", jawaban="x")
    assert isian_lebih.status_code == 422
    assert isian_lebih.json()["errors"][0]["field"] == "jawaban"
    assert c.get(f"/v1/pengaduan/{pid}", headers=petugas).json()["status"] == "diteruskan"
    tidak_ada = _aksi(c, petugas, "0" * 32, "telaah")
    assert tidak_ada.status_code == 404


def test_not_our_authority_and_postponement_each_need_a_reason(
    anon: TestClient, peran: dict[str, dict[str, str]], engine: Engine
) -> None:
    c, petugas = anon, peran["petugas"]
    a = _buat(c, petugas)["id"]
    assert _aksi(c, petugas, a, "bukan_wewenang").status_code == 422
    selesai = _ok(_aksi(c, petugas, a, "bukan_wewenang", catatan="Urusan Dukcapil."),
                  "bukan_wewenang")  # fmt: skip
    assert selesai["aksi_tersedia"] == [] and selesai["selesai_pada"] is not None
    b = _buat(c, petugas)["id"]
    assert _aksi(c, petugas, b, "tunda").status_code == 422
    ditunda = _ok(_aksi(c, petugas, b, "tunda", catatan="Menunggu data dari desa."), "ditunda")
    with Session(engine) as s:
        p = s.get(Pengaduan, b)
        assert p is not None and p.jeda_sejak is not None
        tempo_awal = p.jatuh_tempo
    assert ditunda["terlambat"] is False
    lanjut = _ok(_aksi(c, petugas, b, "lanjutkan"), "ditelaah")
    with Session(engine) as s:
        p = s.get(Pengaduan, b)
        assert p is not None and p.jeda_sejak is None
        # Resumed the same day: the same working days are left, so the same due date.
        assert p.jatuh_tempo == tempo_awal
    assert lanjut["jatuh_tempo"] is not None


def test_sla_per_channel(anon: TestClient, peran: dict[str, dict[str, str]]) -> None:
    c, petugas = anon, peran["petugas"]
    langsung = _buat(c, petugas, kanal="langsung")
    awal = langsung["diterima_pada"]
    from datetime import datetime

    selisih = datetime.fromisoformat(langsung["jatuh_tempo"]) - datetime.fromisoformat(awal)
    assert selisih == timedelta(minutes=15)
    for kanal in ("surat", "kotak_saran", "email"):
        p = _buat(c, petugas, kanal=kanal)
        tempo = datetime.fromisoformat(p["jatuh_tempo"]).astimezone(WITA)
        mulai = datetime.fromisoformat(p["diterima_pada"]).astimezone(WITA).date()
        assert (tempo.hour, tempo.minute) == (0, 0)
        assert Kalender().hitung_hari_kerja(mulai, tempo.date() - timedelta(days=1)) == 7


def test_anonymous_and_confidential_complaints(
    anon: TestClient, peran: dict[str, dict[str, str]], engine: Engine
) -> None:
    c = anon
    salah = c.post("/v1/pengaduan", json={**SURAT, "anonim": True}, headers=peran["petugas"])
    assert salah.status_code == 422 and salah.json()["errors"][0]["field"] == "pelapor"
    anonim = _buat(c, peran["petugas"], pelapor=None, anonim=True, kanal="kotak_saran")
    assert anonim["pelapor"] is None and anonim["anonim"] is True
    rahasia = _buat(c, peran["petugas"], rahasia=True, judul="Dugaan pungutan liar")
    for siapa in ("petugas", "kadis", "bidang"):
        lihat = c.get(f"/v1/pengaduan/{rahasia['id']}", headers=peran[siapa]).json()
        assert lihat["isi"] == SURAT["isi"] and lihat["konten_disembunyikan"] is False
        assert lihat["pelapor"]["nama"] == "Kepala Desa Noelbaki"
    for siapa in ("analis", "admin"):
        lihat = c.get(f"/v1/pengaduan/{rahasia['id']}", headers=peran[siapa]).json()
        assert lihat["isi"] is None and lihat["judul"] is None and lihat["pelapor"] is None
        assert lihat["konten_disembunyikan"] is True
        daftar = c.get("/v1/pengaduan", headers=peran[siapa]).json()["data"]
        assert [x["judul"] for x in daftar if x["id"] == rahasia["id"]] == [None]
    # An ordinary complaint: its text for the handling staff and admins, never for analysts
    # (free text names people), neither in the case, the list, nor the notes of its steps.
    biasa = c.get(f"/v1/pengaduan/{anonim['id']}", headers=peran["admin"]).json()
    assert biasa["isi"] == SURAT["isi"] and biasa["konten_disembunyikan"] is False
    catatan = "Pelapor: Bapak Yohanes Benu"
    _ok(_aksi(c, peran["petugas"], anonim["id"], "telaah", catatan=catatan), "ditelaah")
    biasa = c.get(f"/v1/pengaduan/{anonim['id']}", headers=peran["analis"]).json()
    assert biasa["isi"] is None and biasa["judul"] is None and biasa["pelapor"] is None
    assert biasa["jawaban"] is None and biasa["konten_disembunyikan"] is True
    daftar = c.get("/v1/pengaduan", headers=peran["analis"]).json()["data"]
    assert {x["judul"] for x in daftar} == {None}
    langkah = c.get(f"/v1/pengaduan/{anonim['id']}/riwayat", headers=peran["analis"]).json()["data"]
    assert langkah and {x["catatan"] for x in langkah} == {None}
    assert "Benu" not in str(langkah) and "Benu" not in str(biasa)


def test_list_filters_and_pagination(anon: TestClient, peran: dict[str, dict[str, str]],
                                     engine: Engine) -> None:  # fmt: skip
    c, h = anon, peran["petugas"]
    a = _buat(c, h, kanal="surat")["id"]
    b = _buat(c, h, kanal="email", klasifikasi="aspirasi")["id"]
    d = _buat(c, h, kanal="langsung")["id"]
    _aksi(c, h, b, "telaah")
    with Session(engine) as s:  # a due date in the past: d is overdue
        p = s.get(Pengaduan, d)
        assert p is not None
        p.jatuh_tempo = p.diterima_pada - timedelta(minutes=1)
        s.add(p)
        s.commit()

    def ids(**q: Any) -> list[str]:
        r = c.get("/v1/pengaduan", params=q, headers=h)
        assert r.status_code == 200, r.text
        return [x["id"] for x in r.json()["data"]]

    assert ids() == [a, b, d]
    assert ids(kanal="email") == [b]
    assert ids(klasifikasi="aspirasi") == [b]
    assert ids(status="ditelaah") == [b]
    assert ids(terlambat=True) == [d]
    assert ids(terlambat=False) == [a, b]
    assert ids(tracking_id="LAPOR-X") == []
    halaman = c.get("/v1/pengaduan", params={"limit": 2}, headers=h)
    assert [x["id"] for x in halaman.json()["data"]] == [a, b]
    assert 'rel="next"' in halaman.headers["link"]
    berikut = halaman.json()["next_cursor"]
    assert ids(limit=2, cursor=berikut) == [d]
    assert c.get("/v1/pengaduan", params={"kanal": "fax"}, headers=h).status_code == 422
    assert c.get("/v1/pengaduan", params={"cursor": "xyz"}, headers=h).status_code == 400


def test_statistics_with_on_time_rate(
    anon: TestClient, peran: dict[str, dict[str, str]], engine: Engine
) -> None:
    c, h, kadis = anon, peran["petugas"], peran["kadis"]

    def jawab(pid: str) -> None:
        _aksi(c, h, pid, "telaah")
        _aksi(c, h, pid, "teruskan")
        _aksi(c, kadis, pid, "disposisi", unit_kerja="sekretariat")
        _aksi(c, h, pid, "susun_jawaban", jawaban="Sudah ditindaklanjuti.")
        _aksi(c, h, pid, "ajukan_persetujuan")
        _aksi(c, peran["bidang"], pid, "setujui")
        _aksi(c, kadis, pid, "setujui")
        _ok(_aksi(c, h, pid, "sampaikan_jawaban"), "dijawab")

    tepat = _buat(c, h, kanal="surat")["id"]
    telat = _buat(c, h, kanal="surat")["id"]
    lain = [_buat(c, h, kanal="surat")["id"] for _ in range(2)]
    _buat(c, h, kanal="email", klasifikasi="aspirasi")
    for pid in (tepat, telat, *lain):
        jawab(pid)
    with Session(engine) as s:  # answered after its due date
        p = s.get(Pengaduan, telat)
        assert p is not None and p.selesai_pada is not None
        p.jatuh_tempo = p.selesai_pada - timedelta(hours=1)
        s.add(p)
        s.commit()
    r = c.get("/v1/pengaduan/statistik", headers=peran["analis"])
    assert r.status_code == 200, r.text
    st = r.json()
    # surat: 4 answered, 3 on time -> 3 / 4 x 100 = 75.00
    surat = next(x for x in st["per_kanal"] if x["kunci"] == "surat")
    assert surat == {"kunci": "surat", "jumlah": 4, "selesai": 4, "tepat_waktu": 3,
                     "terlambat": 1, "persen_tepat_waktu": 75.0}  # fmt: skip
    email = next(x for x in st["per_kanal"] if x["kunci"] == "email")
    assert email["selesai"] == 0 and email["persen_tepat_waktu"] is None
    assert st["total"]["jumlah"] == 5 and st["total"]["persen_tepat_waktu"] == 75.0
    assert {x["kunci"]: x["jumlah"] for x in st["per_klasifikasi"]} == {
        "aspirasi": 1, "pengaduan": 4,
    }  # fmt: skip
    assert {x["kunci"]: x["jumlah"] for x in st["per_unit"]} == {None: 1, "sekretariat": 4}
    tahun_lalu = c.get("/v1/pengaduan/statistik", params={"tahun": 2001}, headers=h).json()
    assert tahun_lalu["total"]["jumlah"] == 0


def test_demo_loads_once(engine: Engine) -> None:
    from dinsos_api.pengaduan.demo import muat_demo

    with Session(engine) as s:
        assert muat_demo(s) == "4 pengaduan contoh"
        assert muat_demo(s) is None
        status = sorted(p.status for p in s.scalars(select(Pengaduan)))
    assert status == ["didisposisi", "ditelaah", "diterima", "selesai"]


def test_idempotency_key_replays_a_staff_entry(
    anon: TestClient, peran: dict[str, dict[str, str]], engine: Engine
) -> None:
    h = {**peran["petugas"], "Idempotency-Key": "surat-2026-11-001"}
    pertama = anon.post("/v1/pengaduan", json=SURAT, headers=h)
    kedua = anon.post("/v1/pengaduan", json=SURAT, headers=h)
    assert pertama.status_code == kedua.status_code == 201
    assert kedua.json()["id"] == pertama.json()["id"]
    beda = anon.post("/v1/pengaduan", json={**SURAT, "judul": "Lain"}, headers=h)
    assert beda.status_code == 422
    with Session(engine) as s:
        assert len(list(s.scalars(select(Pengaduan)))) == 1


@pytest.mark.parametrize(
    ("ubah", "kolom"),
    [
        ({"isi": "Rumah\x00roboh"}, "isi"),
        ({"judul": "RTLH\x00"}, "judul"),
        ({"kategori": "\x00rtlh"}, "kategori"),
        ({"pelapor": {"nama": "Ina\x00", "telepon": "0380 123456"}}, "pelapor.nama"),
        ({"isi": "bel\x07"}, "isi"),
    ],
)
def test_a_control_character_in_complaint_text_is_422_naming_the_field(
    anon: TestClient, peran: dict[str, dict[str, str]], engine: Engine,
    ubah: dict[str, Any], kolom: str,
) -> None:  # fmt: skip
    # NUL answered 500 on PostgreSQL ("A string literal cannot contain NUL").
    r = anon.post("/v1/pengaduan", json={**SURAT, **ubah}, headers=peran["petugas"])
    assert r.status_code == 422 and r.headers["content-type"] == "application/problem+json"
    assert [e["field"] for e in r.json()["errors"]] == [kolom]
    assert "karakter kontrol" in r.json()["errors"][0]["message"]
    with Session(engine) as session:
        assert session.scalars(select(Pengaduan)).first() is None  # nothing half-written


def test_a_control_character_in_a_transition_note_is_422_and_lines_are_kept(
    anon: TestClient, peran: dict[str, dict[str, str]]
) -> None:
    petugas = peran["petugas"]
    # Tab and line breaks are text: a letter's lines survive.
    p = _buat(anon, petugas, isi="Baris satu\r\n\tBaris dua")
    assert p["isi"] == "Baris satu\r\n\tBaris dua"
    r = _aksi(anon, petugas, p["id"], "tunda", catatan="menunggu\x00")
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "catatan"
    riwayat = anon.get(f"/v1/pengaduan/{p['id']}/riwayat", headers=petugas).json()["data"]
    assert [langkah["aksi"] for langkah in riwayat] == ["terima"]
