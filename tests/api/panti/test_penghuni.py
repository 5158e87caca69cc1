"""Residents of the care units: admissions, discharges, occupancy on dates, capacity, yearly
counts, validation, roles, masking and audit. Every test runs on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date, timedelta

from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select
from sqlmodel import Session, col

from dinsos_api.core.audit import AuditLog
from dinsos_api.panti.models import PenghuniPanti
from dinsos_api.panti.service import hari_ini
from tests.api.panti.conftest import (
    ANAK,
    LANSIA,
    PROBLEM,
    RPTC,
    BuatOrang,
    hunian,
    kapasitas,
    keluar,
    kesalahan,
    masuk,
)


def _jumlah(engine: Engine, model: type) -> int:
    with Session(engine) as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


# --- occupancy -------------------------------------------------------------------------------


def test_occupancy_counts_the_admission_day_but_not_the_discharge_day(
    client: TestClient, orang: BuatOrang
) -> None:
    a = masuk(client, orang(), "2024-03-01")
    assert a.status_code == 201, a.text
    assert a.headers["location"] == f"/v1/panti/{ANAK}/penghuni/{a.json()['id']}"
    b = masuk(client, orang(nama="Yosef Tefa"), "2024-04-10")
    assert b.status_code == 201, b.text
    assert keluar(client, a.json()["id"], "2024-05-20").status_code == 200

    assert hunian(client, ANAK, "2024-02-29") == 0
    assert hunian(client, ANAK, "2024-03-01") == 1
    assert hunian(client, ANAK, "2024-04-10") == 2
    assert hunian(client, ANAK, "2024-05-19") == 2
    assert hunian(client, ANAK, "2024-05-20") == 1  # discharged that day: the bed is free
    assert hunian(client, ANAK, hari_ini().isoformat()) == 1
    # Without ?tanggal= the occupancy is today's.
    assert client.get(f"/v1/panti/{ANAK}").json()["hunian"] == 1


def test_unit_list_shows_capacity_occupancy_and_rate(client: TestClient, orang: BuatOrang) -> None:
    assert kapasitas(client, ANAK, "2024-01-01", 3).status_code == 201
    for i in range(2):
        assert masuk(client, orang(nama=f"Anak {i}"), "2024-02-01").status_code == 201
    r = client.get("/v1/panti", params={"tanggal": "2024-06-01"})
    assert r.status_code == 200
    assert r.headers["etag"]
    unit = {u["kode"]: u for u in r.json()["data"]}
    # The seven panti and the trauma centre.
    assert len(unit) == 8 and RPTC in unit
    assert unit[RPTC]["jenis"] == "layanan" and unit[ANAK]["jenis"] == "panti"
    anak = unit[ANAK]
    assert (anak["kapasitas"], anak["hunian"], anak["sisa"]) == (3, 2, 1)
    assert anak["tingkat_hunian"] == 66.67  # 2 / 3 × 100 = 66.666…, half-up to 2 places
    assert anak["kelompok_sasaran"] == ["anak_terlantar"]
    assert anak["induk_kode"] == "uptd_kesos_anak" and anak["kode_wilayah"] == "5301"
    # No capacity recorded: no limit, and no rate.
    assert (unit[LANSIA]["kapasitas"], unit[LANSIA]["sisa"], unit[LANSIA]["tingkat_hunian"]) == (
        None, None, None,
    )  # fmt: skip
    # Before the admissions the unit was empty.
    awal = {u["kode"]: u for u in client.get("/v1/panti?tanggal=2024-01-15").json()["data"]}
    assert (awal[ANAK]["hunian"], awal[ANAK]["tingkat_hunian"]) == (0, 0)


def test_unit_detail_occupancy_per_group_and_capacity_history(
    client: TestClient, orang: BuatOrang
) -> None:
    assert kapasitas(client, RPTC, "2024-01-01", 10).status_code == 201
    assert kapasitas(client, RPTC, "2025-01-01", 15).status_code == 201
    ids = [orang(nama=f"Migran {i}", lahir=date(1990, 1, 1 + i)) for i in range(3)]
    for i in ids[:2]:
        r = masuk(client, i, "2024-05-01", RPTC, "pekerja_migran_bermasalah_sosial")
        assert r.status_code == 201, r.text
    korban = orang(nama="Yuliana Seran", jenis_kelamin="P", lahir=date(1995, 2, 2))
    assert masuk(client, korban, "2024-05-02", RPTC, "korban_tindak_kekerasan").status_code == 201
    r = client.get(f"/v1/panti/{RPTC}", params={"tanggal": "2024-05-02"})
    body = r.json()
    assert body["hunian"] == 3 and body["kapasitas"] == 10
    assert body["hunian_per_kelompok"] == [
        {"kelompok_sasaran": "korban_tindak_kekerasan", "hunian": 1},
        {"kelompok_sasaran": "pekerja_migran_bermasalah_sosial", "hunian": 2},
    ]
    assert [(k["berlaku_mulai"], k["kapasitas"]) for k in body["riwayat_kapasitas"]] == [
        ("2024-01-01", 10), ("2025-01-01", 15),
    ]  # fmt: skip
    assert client.get(f"/v1/panti/{RPTC}?tanggal=2025-03-01").json()["kapasitas"] == 15
    assert client.get(f"/v1/panti/{RPTC}?tanggal=2023-12-31").json()["kapasitas"] is None


def test_unknown_unit_or_a_unit_that_keeps_no_residents_is_404(client: TestClient) -> None:
    for kode in ("tidak_ada", "sekretariat", "uptd_kesos_anak"):
        r = client.get(f"/v1/panti/{kode}")
        assert r.status_code == 404 and r.headers["content-type"].startswith(PROBLEM)
        assert client.get(f"/v1/panti/{kode}/penghuni").status_code == 404


# --- capacity --------------------------------------------------------------------------------


def test_capacity_is_enforced_and_a_discharge_frees_the_bed(
    client: TestClient, orang: BuatOrang, engine: Engine
) -> None:
    assert kapasitas(client, ANAK, "2024-01-01", 2).status_code == 201
    a = masuk(client, orang(nama="Anak A"), "2024-02-01").json()["id"]
    assert masuk(client, orang(nama="Anak B"), "2024-02-01").status_code == 201
    ketiga = orang(nama="Anak C")
    with Session(engine) as s:
        audit_sebelum = s.scalar(select(func.count()).select_from(AuditLog))
    r = masuk(client, ketiga, "2024-03-01")
    assert r.status_code == 409
    assert r.json()["type"].endswith("kapasitas-penuh")
    assert "2 penghuni dari kapasitas 2" in r.json()["detail"]
    # Nothing half-written: no stay, no audit row.
    assert _jumlah(engine, PenghuniPanti) == 2
    with Session(engine) as s:
        assert s.scalar(select(func.count()).select_from(AuditLog)) == audit_sebelum
    # A discharges on 10 March: C may come that very day, not the day before.
    assert keluar(client, a, "2024-03-10").status_code == 200
    assert masuk(client, ketiga, "2024-03-09").status_code == 409
    assert masuk(client, ketiga, "2024-03-10").status_code == 201


def test_a_backdated_admission_must_fit_every_later_day(
    client: TestClient, orang: BuatOrang
) -> None:
    assert kapasitas(client, ANAK, "2024-01-01", 1).status_code == 201
    assert masuk(client, orang(nama="Anak A"), "2024-06-01").status_code == 201
    # The bed is free in January, but B (still resident) would share it with A from June.
    r = masuk(client, orang(nama="Anak B"), "2024-01-10")
    assert r.status_code == 409
    assert kesalahan(r) == {"tanggal_masuk": "kapasitas penuh pada 2024-06-01"}


def test_dated_capacities_apply_from_their_date(client: TestClient, orang: BuatOrang) -> None:
    assert kapasitas(client, ANAK, "2024-01-01", 1).status_code == 201
    assert kapasitas(client, ANAK, "2024-07-01", 2).status_code == 201
    assert masuk(client, orang(nama="Anak A"), "2024-02-01").status_code == 201
    assert masuk(client, orang(nama="Anak B"), "2024-06-30").status_code == 409
    assert masuk(client, orang(nama="Anak C"), "2024-07-01").status_code == 201


def test_capacity_below_the_occupancy_or_twice_on_one_date_is_refused(
    client: TestClient, orang: BuatOrang
) -> None:
    for i in range(3):
        assert masuk(client, orang(nama=f"Anak {i}"), "2024-02-01").status_code == 201
    r = kapasitas(client, ANAK, "2024-01-01", 2)
    assert r.status_code == 409 and "dihuni 3 orang" in r.json()["detail"]
    assert kesalahan(r) == {"kapasitas": "lebih kecil dari hunian pada 2024-02-01"}
    assert kapasitas(client, ANAK, "2024-01-01", 3).status_code == 201
    dobel = kapasitas(client, ANAK, "2024-01-01", 5)
    assert dobel.status_code == 409 and "berlaku_mulai" in kesalahan(dobel)
    assert kapasitas(client, ANAK, "2024-01-01", 0).status_code == 422


def test_a_unit_without_recorded_capacity_is_not_limited(
    client: TestClient, orang: BuatOrang
) -> None:
    for i in range(4):
        lahir = date(1950, 1, 1 + i)
        r = masuk(client, orang(nama=f"Opa {i}", lahir=lahir), "2024-01-05", LANSIA,
                  "lanjut_usia_terlantar")  # fmt: skip
        assert r.status_code == 201, r.text
    assert hunian(client, LANSIA, "2024-01-05") == 4


# --- validation ------------------------------------------------------------------------------


def test_admission_validation_names_each_field(client: TestClient, orang: BuatOrang) -> None:
    besok = (hari_ini() + timedelta(days=1)).isoformat()
    r = masuk(client, orang(), besok, kelompok="lanjut_usia_terlantar")
    assert r.status_code == 422
    assert kesalahan(r) == {
        "kelompok_sasaran": "panti ini hanya menerima anak_terlantar",
        "tanggal_masuk": "tidak boleh di masa depan",
    }
    r = masuk(client, "tidak-ada", "2024-01-01")
    assert r.status_code == 422
    assert kesalahan(r) == {"orang_id": "penerima manfaat tidak ditemukan di registri"}
    r = masuk(client, orang(lahir=date(2015, 5, 5)), "2015-05-04")
    assert kesalahan(r) == {"tanggal_masuk": "sebelum tanggal lahir orang ini"}
    wafat = orang(nama="Opa Wafat", lahir=date(1940, 1, 1), status_hidup="meninggal")
    r = masuk(client, wafat, "2024-01-01", LANSIA, "lanjut_usia_terlantar")
    assert kesalahan(r) == {"orang_id": "tercatat meninggal di registri"}
    # Schema: unknown field, unknown referral source, a malformed date.
    r = masuk(client, orang(), "2024-01-01", catatan="x")
    assert r.status_code == 422 and "catatan" in str(kesalahan(r))
    r = masuk(client, orang(), "2024-01-01", asal_rujukan="entah")
    assert r.status_code == 422 and "asal_rujukan" in str(kesalahan(r))
    assert masuk(client, orang(), "2024-13-01").status_code == 422
    # Dates only as YYYY-MM-DD (pydantic alone would read 0 as 1970-01-01).
    r = masuk(client, orang(), 0)  # type: ignore[arg-type]
    assert kesalahan(r) == {"tanggal_masuk": "harus berupa tanggal dengan format YYYY-MM-DD"}
    assert client.get("/v1/panti", params={"tanggal": "0"}).status_code == 422


def test_deleted_registry_person_cannot_be_admitted(client: TestClient, orang: BuatOrang) -> None:
    id_ = orang()
    r = client.delete(f"/v1/penerima-manfaat/{id_}", params={"alasan": "data ganda"})
    assert r.status_code == 204
    assert kesalahan(masuk(client, id_, "2024-01-01")) == {
        "orang_id": "penerima manfaat tidak ditemukan di registri"
    }


def test_one_person_one_unit_at_a_time(client: TestClient, orang: BuatOrang) -> None:
    id_ = orang(nama="Yuliana Bria", jenis_kelamin="P", lahir=date(1990, 4, 4))
    r = masuk(client, id_, "2024-01-10", RPTC, "korban_tindak_kekerasan")
    assert r.status_code == 201
    pertama = r.json()["id"]
    # Still in RPTC: not in Karya Wanita too, nor again in RPTC.
    kw = masuk(
        client, id_, "2024-02-01", "panti_karya_wanita_naibonat", "wanita_rawan_sosial_ekonomi"
    )
    assert kw.status_code == 409 and kw.json()["type"].endswith("penghuni-ganda")
    assert kesalahan(kw) == {"orang_id": "masih/pernah tinggal di rptc pada tanggal itu"}
    assert masuk(client, id_, "2024-02-01", RPTC, "korban_tindak_kekerasan").status_code == 409
    # Referred on 1 March: admitted to Karya Wanita the same day (a transfer).
    r = keluar(client, pertama, "2024-03-01", "rujukan", RPTC,
               tujuan_rujukan="Panti Karya Wanita Naibonat")  # fmt: skip
    assert r.status_code == 200, r.text
    kw = masuk(
        client, id_, "2024-03-01", "panti_karya_wanita_naibonat", "wanita_rawan_sosial_ekonomi"
    )
    assert kw.status_code == 201
    # A stay before the RPTC one that would run into it is refused too.
    assert masuk(client, id_, "2023-12-01", RPTC, "korban_tindak_kekerasan").status_code == 409


def test_discharge_validation(client: TestClient, orang: BuatOrang) -> None:
    id_ = masuk(client, orang(), "2024-03-01").json()["id"]
    r = keluar(client, id_, "2024-02-28")
    assert r.status_code == 422
    assert kesalahan(r) == {"tanggal_keluar": "tidak boleh sebelum tanggal masuk (2024-03-01)"}
    besok = (hari_ini() + timedelta(days=1)).isoformat()
    assert kesalahan(keluar(client, id_, besok)) == {"tanggal_keluar": "tidak boleh di masa depan"}
    r = keluar(client, id_, "2024-04-01", "rujukan")
    assert kesalahan(r) == {"tujuan_rujukan": "wajib diisi bila alasan keluar rujukan"}
    assert keluar(client, id_, "2024-04-01", "pindah").status_code == 422  # not a reason
    ok = keluar(client, id_, "2024-04-01", "meninggal", keterangan="Akta kematian 12/2024")
    assert ok.status_code == 200
    assert (ok.json()["alasan_keluar"], ok.json()["aktif"], ok.json()["versi"]) == (
        "meninggal", False, 2,
    )  # fmt: skip
    lagi = keluar(client, id_, "2024-04-02")
    assert lagi.status_code == 409 and lagi.json()["type"].endswith("sudah-keluar")
    assert keluar(client, "tidak-ada", "2024-01-01", "mandiri").status_code == 404
    # A stay is reached only through its own unit.
    assert client.get(f"/v1/panti/{LANSIA}/penghuni/{id_}").status_code == 404


def test_discharge_with_a_stale_if_match_is_412(client: TestClient, orang: BuatOrang) -> None:
    id_ = masuk(client, orang(), "2024-03-01").json()["id"]
    path = f"/v1/panti/{ANAK}/penghuni/{id_}"
    tag = client.get(path).headers["etag"]
    body = {"tanggal_keluar": "2024-04-01", "alasan": "mandiri"}
    assert (
        client.post(f"{path}/keluar", json=body, headers={"If-Match": '"basi"'}).status_code == 412
    )
    r = client.post(f"{path}/keluar", json=body, headers={"If-Match": tag})
    assert r.status_code == 200 and r.headers["etag"] != tag
    assert client.get(path).headers["etag"] == r.headers["etag"]


def test_idempotency_key_replays_the_admission(
    client: TestClient, orang: BuatOrang, engine: Engine
) -> None:
    id_ = orang()
    kunci = {"Idempotency-Key": "masuk-1"}
    a = masuk(client, id_, "2024-03-01", headers=kunci)
    b = masuk(client, id_, "2024-03-01", headers=kunci)
    assert a.status_code == b.status_code == 201
    assert a.json() == b.json() and a.headers["etag"] == b.headers["etag"]
    assert _jumlah(engine, PenghuniPanti) == 1
    lain = masuk(client, id_, "2024-03-02", headers=kunci)
    assert lain.status_code == 422 and lain.json()["type"].endswith("idempotensi-berbeda")


# --- yearly counts ---------------------------------------------------------------------------


def test_served_in_a_year_follows_the_lkip_rule(client: TestClient, orang: BuatOrang) -> None:
    n = iter(range(1, 100))

    def tinggal(masuk_pada: str, keluar_pada: str | None = None) -> None:
        r = masuk(client, orang(nama=f"Anak {next(n)}"), masuk_pada)
        assert r.status_code == 201, r.text
        if keluar_pada:
            assert keluar(client, r.json()["id"], keluar_pada).status_code == 200

    tinggal("2022-05-01", "2023-12-31")  # left before 2024: not served in 2024
    tinggal("2022-05-01", "2024-01-01")  # left on 1 January: served in 2024
    tinggal("2023-02-01")  # still there: served
    tinggal("2024-12-31", "2025-01-15")  # admitted on the last day: served
    tinggal("2025-01-01")  # admitted in 2025: not served in 2024
    tinggal("2024-06-01", "2024-09-01")  # in and out in 2024: served
    r = client.get("/v1/panti/statistik", params={"tahun": 2024})
    assert r.status_code == 200
    body = r.json()
    assert body["data"] == [
        {
            "panti_kode": ANAK,
            "kelompok_sasaran": "anak_terlantar",
            "dilayani": 4,
            "masuk": 2,  # 31 Dec and 1 Jun
            "keluar": 2,  # 1 Jan and 1 Sep
            "disembunyikan": False,
        }
    ]
    assert body["per_kelompok"] == [
        {"kelompok_sasaran": "anak_terlantar", "dilayani": 4, "disembunyikan": False}
    ]
    assert body["total_dilayani"] == 4
    tahun_2023 = client.get("/v1/panti/statistik?tahun=2023").json()
    assert tahun_2023["data"][0]["dilayani"] == 3  # the two from 2022 and the one from 2023
    assert client.get("/v1/panti/statistik?tahun=2019").json()["data"] == []
    # The register's ?tahun= lists the people behind the count.
    daftar = client.get(f"/v1/panti/{ANAK}/penghuni", params={"tahun": 2024}).json()["data"]
    assert len(daftar) == 4
    assert client.get("/v1/panti/statistik").status_code == 422  # tahun is required


# --- the register ----------------------------------------------------------------------------


def test_register_pages_and_filters(client: TestClient, orang: BuatOrang) -> None:
    a = masuk(client, orang(nama="Anak A"), "2023-01-01").json()["id"]
    b = masuk(client, orang(nama="Anak B"), "2024-01-01").json()["id"]
    c = masuk(client, orang(nama="Anak C"), "2024-06-01").json()["id"]
    assert keluar(client, a, "2024-03-01").status_code == 200
    path = f"/v1/panti/{ANAK}/penghuni"

    halaman1 = client.get(path, params={"limit": 2})
    assert halaman1.status_code == 200
    assert [p["id"] for p in halaman1.json()["data"]] == [a, b]  # in the order recorded
    assert 'rel="next"' in halaman1.headers["link"]
    halaman2 = client.get(path, params={"limit": 2, "cursor": halaman1.json()["next_cursor"]})
    assert [p["id"] for p in halaman2.json()["data"]] == [c]
    assert halaman2.json()["next_cursor"] is None

    def ids(**saring: object) -> list[str]:
        r = client.get(path, params=saring)
        assert r.status_code == 200, r.text
        return [p["id"] for p in r.json()["data"]]

    assert ids(aktif="true") == [b, c]
    assert ids(aktif="false") == [a]
    assert ids(tanggal="2024-02-01") == [a, b]
    assert ids(tanggal="2024-03-01") == [b]
    assert ids(kelompok="anak_terlantar", tanggal="2024-06-01") == [b, c]
    assert ids(kelompok="lanjut_usia_terlantar") == []
    assert client.get(path, params={"cursor": "rusak"}).status_code == 400
    satu = client.get(f"{path}/{b}").json()
    assert (satu["nama"], satu["aktif"], satu["asal_rujukan"]) == ("Anak B", True, "dinsos_kabkota")


# --- roles, masking, audit -------------------------------------------------------------------


def test_roles(client: TestClient, anon: TestClient, orang: BuatOrang, masuk_sebagai) -> None:  # type: ignore[no-untyped-def]
    path = f"/v1/panti/{ANAK}/penghuni"
    id_ = masuk(client, orang(), "2024-03-01").json()["id"]
    kabkota = masuk_sebagai("operator_kabkota", "5301")
    kap = {"berlaku_mulai": "2024-01-01", "kapasitas": 5}
    # A district sees units and free beds, never the provincial residents.
    assert anon.get("/v1/panti", headers=kabkota).status_code == 200
    assert anon.get("/v1/panti/statistik?tahun=2024", headers=kabkota).status_code == 200
    assert anon.get(path, headers=kabkota).status_code == 403
    assert anon.get(f"{path}/{id_}", headers=kabkota).status_code == 403
    body = {"orang_id": orang(nama="Lain"), "kelompok_sasaran": "anak_terlantar",
            "tanggal_masuk": "2024-03-02", "asal_rujukan": "keluarga"}  # fmt: skip
    assert anon.post(path, json=body, headers=kabkota).status_code == 403
    for peran in ("pimpinan", "analis"):
        h = masuk_sebagai(peran)
        # Analysts get the counts only (test_analysts_get_counts_not_residents).
        assert anon.get(path, headers=h).status_code == (200 if peran == "pimpinan" else 403)
        assert anon.post(path, json=body, headers=h).status_code == 403
        assert anon.post(f"/v1/panti/{ANAK}/kapasitas", json=kap, headers=h).status_code == 403
    petugas = masuk_sebagai("petugas_layanan")
    assert anon.post(path, json=body, headers=petugas).status_code == 201
    r = anon.post(f"{path}/{id_}/keluar", headers=petugas,
                  json={"tanggal_keluar": "2024-04-01", "alasan": "mandiri"})  # fmt: skip
    assert r.status_code == 200
    # Capacities are the province's operators' (and admin's), not the service desk's.
    assert anon.post(f"/v1/panti/{ANAK}/kapasitas", json=kap, headers=petugas).status_code == 403
    assert anon.get(path).status_code == 401


def test_analysts_get_counts_not_residents(
    client: TestClient, anon: TestClient, orang: BuatOrang, masuk_sebagai
) -> None:  # type: ignore[no-untyped-def]
    id_ = orang(nama="Maria Goreti Ndun", jenis_kelamin="P", lahir=date(2011, 8, 9))
    r = masuk(client, id_, "2024-03-01", keterangan="Dirujuk Dinsos Kab. Kupang")
    assert r.status_code == 201
    analis = masuk_sebagai("analis")
    assert anon.get(f"/v1/panti/{ANAK}/penghuni", headers=analis).status_code == 403
    assert (
        anon.get(f"/v1/panti/{ANAK}/penghuni/{r.json()['id']}", headers=analis).status_code == 403
    )
    # One resident: a count of 1 is withheld for the analyst, and so is every total that
    # would give it away; not for the operator.
    stat = anon.get("/v1/panti/statistik?tahun=2024", headers=analis).json()
    assert stat["data"][0]["dilayani"] is None and stat["data"][0]["disembunyikan"] is True
    assert stat["total_dilayani"] is None
    assert [k["dilayani"] for k in stat["per_kelompok"]] == [None]
    assert client.get("/v1/panti/statistik?tahun=2024").json()["data"][0]["dilayani"] == 1


def test_admission_and_discharge_are_audited_without_personal_data(
    client: TestClient, orang: BuatOrang, engine: Engine
) -> None:
    id_ = masuk(client, orang(), "2024-03-01", keterangan="Surat 400/1/2024").json()["id"]
    assert keluar(client, id_, "2024-05-01", "reunifikasi").status_code == 200
    with Session(engine) as s:
        rows = s.scalars(
            select(AuditLog)
            .where(
                col(AuditLog.sumber_daya) == "penghuni_panti", col(AuditLog.sumber_daya_id) == id_
            )
            .order_by(col(AuditLog.waktu))
        ).all()
    assert [r.aksi for r in rows] == ["masuk", "keluar"]
    assert rows[0].perubahan["tanggal_masuk"] == {"lama": None, "baru": "2024-03-01"}
    assert rows[0].perubahan["panti_kode"]["baru"] == ANAK
    assert rows[1].perubahan["tanggal_keluar"] == {"lama": None, "baru": "2024-05-01"}
    assert rows[1].perubahan["alasan_keluar"] == {"lama": None, "baru": "reunifikasi"}
    assert "tanggal_masuk" not in rows[1].perubahan  # only what changed
    for r in rows:
        assert "nik" not in r.perubahan and "nama" not in r.perubahan
