"""Performance plans: Renstra trees, indicators, targets per document, realisations with pairs,
closed input windows, district scoping and validation."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import Session, select

from dinsos_api.core.audit import AuditLog
from tests.resep.kinerja import RENSTRA, buat_indikator, buat_renstra

PROBLEM = "application/problem+json"


def _kesalahan(response: Any, status: int) -> dict[str, str]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM
    body = response.json()
    return {e["field"]: e["message"] for e in body.get("errors", [])} | {"": body["detail"]}


def _rote_ndao(c: TestClient) -> dict[str, Any]:
    body = {**RENSTRA, "perangkat_daerah": "dinsos_5314", "nama": "Renstra Rote Ndao"}
    response = c.post("/v1/renstra", json=body)
    assert response.status_code == 201, response.text
    return dict(response.json())


# --- Renstra ---------------------------------------------------------------------------------


def test_renstra_tree_is_created_and_read_back(client: TestClient) -> None:
    body = {
        **RENSTRA,
        "tujuan": [
            {"kode": "T1", "nama": "Satu", "sasaran": [{"kode": "SS1", "nama": "A"}]},
            {"kode": "T2", "nama": "Dua", "sasaran": [{"kode": "SS2", "nama": "B"},
                                                    {"kode": "SS3", "nama": "C"}]},
        ],
    }  # fmt: skip
    response = client.post("/v1/renstra", json=body)
    assert response.status_code == 201, response.text
    assert response.headers["location"] == f"/v1/renstra/{response.json()['id']}"
    got = client.get(response.headers["location"]).json()
    assert [t["kode"] for t in got["tujuan"]] == ["T1", "T2"]
    assert [s["kode"] for s in got["tujuan"][1]["sasaran"]] == ["SS2", "SS3"]
    daftar = client.get("/v1/renstra", params={"perangkat_daerah": "dinsos_53"}).json()
    assert [r["id"] for r in daftar["data"]] == [got["id"]]
    assert client.get("/v1/renstra", params={"perangkat_daerah": "dinsos_5301"}).json() == {
        "data": [],
        "next_cursor": None,
    }


def test_renstra_validation_names_the_field(client: TestClient) -> None:
    mundur = client.post("/v1/renstra", json={**RENSTRA, "tahun_awal": 2026, "tahun_akhir": 2024})
    assert "tahun_akhir tidak boleh sebelum tahun_awal" in _kesalahan(mundur, 422)[""]
    tak_dikenal = client.post("/v1/renstra", json={**RENSTRA, "perangkat_daerah": "dinsos_99"})
    assert "tidak dikenal" in _kesalahan(tak_dikenal, 422)["perangkat_daerah"]
    ganda = {
        **RENSTRA,
        "tujuan": [{"kode": "T1", "nama": "x", "sasaran": [{"kode": "S", "nama": "a"},
                                                        {"kode": "S", "nama": "b"}]}],
    }  # fmt: skip
    assert "tujuan[0].sasaran[1].kode" in _kesalahan(client.post("/v1/renstra", json=ganda), 422)
    buat_renstra(client, {})
    tumpang = client.post("/v1/renstra", json={**RENSTRA, "tahun_awal": 2025, "tahun_akhir": 2027})
    assert "bertumpang tindih" in _kesalahan(tumpang, 409)["tahun_awal"]


# --- indikator -------------------------------------------------------------------------------


def test_indicator_holds_its_definition_and_is_edited_with_if_match(client: TestClient) -> None:
    indikator = buat_indikator(
        client, {},
        satuan="%", arah="turun", metode_turun="rasio", definisi_operasional="Definisi",
        formula="A / B × 100", pembilang="A", penyebut="B", sumber_data="Bidang X",
        unit_penanggung_jawab="Sekretariat", cara_gabung="gabungan",
        program_anggaran=["1.06.04", "1.06.05"],
    )  # fmt: skip
    path = f"/v1/indikator/{indikator['id']}"
    got = client.get(path)
    assert got.json()["program_anggaran"] == ["1.06.04", "1.06.05"]
    assert got.json()["perangkat_daerah"] == "dinsos_53"
    assert (got.json()["arah"], got.json()["metode_turun"]) == ("turun", "rasio")
    assert _kesalahan(client.patch(path, json={"nama": "Baru"}), 428)
    assert _kesalahan(client.patch(path, json={"nama": "Baru"}, headers={"If-Match": '"x"'}), 412)
    ubah = client.patch(path, json={"nama": "Baru"}, headers={"If-Match": got.headers["etag"]})
    assert ubah.status_code == 200 and ubah.json()["nama"] == "Baru"
    assert ubah.headers["etag"] != got.headers["etag"]
    assert client.get(path, headers={"If-None-Match": ubah.headers["etag"]}).status_code == 304


def test_indicator_validation(client: TestClient) -> None:
    sasaran_id = buat_renstra(client, {})["tujuan"][0]["sasaran"][0]["id"]
    dasar = {"sasaran_id": sasaran_id, "kode": "IKU1", "nama": "Uji"}
    salah = client.post("/v1/indikator", json={**dasar, "metode_turun": "rasio"})
    assert "arah 'turun'" in _kesalahan(salah, 422)["metode_turun"]
    salah = client.post("/v1/indikator", json={**dasar, "sasaran_id": "ab" * 16})
    assert "tidak dikenal" in _kesalahan(salah, 422)["sasaran_id"]
    salah = client.post("/v1/indikator", json={**dasar, "program_anggaran": ["satu"]})
    assert "program_anggaran[0]" in _kesalahan(salah, 422)
    salah = client.post("/v1/indikator", json={**dasar, "arah": "naik-turun"})
    assert "arah" in _kesalahan(salah, 422)
    assert client.post("/v1/indikator", json=dasar).status_code == 201
    assert "sudah dipakai" in _kesalahan(client.post("/v1/indikator", json=dasar), 409)["kode"]


# --- target ----------------------------------------------------------------------------------


def test_targets_per_document_and_capaian_uses_pk_unless_asked(client: TestClient) -> None:
    indikator = buat_indikator(client, {})
    base = f"/v1/indikator/{indikator['id']}"
    baru = client.put(f"{base}/target/pk/2024", json={"nilai": 90, "keterangan": "PK 2024"})
    assert baru.status_code == 201, baru.text
    assert baru.headers["location"] == f"{base}/target/pk/2024"
    assert client.put(f"{base}/target/renstra/2024", json={"nilai": 80}).status_code == 201
    assert client.put(f"{base}/realisasi/2024", json={"nilai": 88}).status_code == 201

    pk = client.get(f"{base}/capaian", params={"tahun": 2024}).json()
    # 88 / 90 × 100 = 97.777… -> 97.78; 88 / 80 × 100 = 110.
    assert (pk["sumber_target"], pk["target"], pk["capaian"]) == ("pk", 90, 97.78)
    assert (pk["kriteria"], pk["warna"], pk["sumber_realisasi"]) == (
        "Sangat Baik",
        "Hijau Tua",
        "isian",
    )
    renstra = client.get(f"{base}/capaian", params={"tahun": 2024, "sumber_target": "renstra"})
    assert (renstra.json()["sumber_target"], renstra.json()["capaian"]) == ("renstra", 110)
    kosong = client.get(f"{base}/capaian", params={"tahun": 2024, "sumber_target": "perubahan_pk"})
    assert kosong.json()["capaian"] is None and kosong.json()["target"] is None
    assert kosong.json()["catatan"] == "target perubahan_pk tahun 2024 belum diisi"

    targets = client.get(f"{base}/target").json()["data"]
    assert [(t["tahun"], t["sumber"], t["nilai"]) for t in targets] == [
        (2024, "pk", 90), (2024, "renstra", 80)
    ]  # fmt: skip


def test_replacing_a_target_needs_its_etag(client: TestClient) -> None:
    base = f"/v1/indikator/{buat_indikator(client, {})['id']}/target/pk/2025"
    etag = client.put(base, json={"nilai": 90}).headers["etag"]
    assert _kesalahan(client.put(base, json={"nilai": 95}), 428)
    assert _kesalahan(client.put(base, json={"nilai": 95}, headers={"If-Match": '"lama"'}), 412)
    ganti = client.put(base, json={"nilai": 95}, headers={"If-Match": etag})
    assert ganti.status_code == 200 and ganti.json()["nilai"] == 95


def test_target_validation(client: TestClient) -> None:
    base = f"/v1/indikator/{buat_indikator(client, {})['id']}"
    luar = client.put(f"{base}/target/pk/2030", json={"nilai": 90})
    assert "di luar periode" in _kesalahan(luar, 422)["tahun"]
    presisi = client.put(f"{base}/target/pk/2024", json={"nilai": "90.12345"})
    assert "4 angka di belakang koma" in _kesalahan(presisi, 422)["nilai"]
    assert "nilai" in _kesalahan(client.put(f"{base}/target/pk/2024", json={"nilai": "x"}), 422)
    assert _kesalahan(client.put(f"{base}/target/rpjmd/2024", json={"nilai": 1}), 422)["sumber"]
    hilang = client.put(f"/v1/indikator/{'0' * 32}/target/pk/2024", json={"nilai": 1})
    assert _kesalahan(hilang, 404)


# --- realisasi -------------------------------------------------------------------------------

PASANGAN = [{"pembilang": 1, "penyebut": 2}, {"pembilang": 3, "penyebut": 4}]


def test_pairs_are_combined_by_the_indicators_rule(client: TestClient) -> None:
    indikator = buat_indikator(client, {})
    base = f"/v1/indikator/{indikator['id']}"
    client.put(f"{base}/target/pk/2024", json={"nilai": 100})
    isi = {
        "komponen": [{**PASANGAN[0], "pembilang_uraian": "A", "penyebut_uraian": "B"},
                     PASANGAN[1]],
        "faktor_pendukung": "Dukungan", "faktor_penghambat": "Hambatan",
        "solusi": "Solusi", "rencana_tindak_lanjut": "Tindak lanjut",
        "bukti": [{"uraian": "SK 2024", "tautan": "arsip/12"}],
    }  # fmt: skip
    simpan = client.put(f"{base}/realisasi/2024", json=isi)
    assert simpan.status_code == 201, simpan.text
    assert [k["persen"] for k in simpan.json()["komponen"]] == [50, 75]
    assert simpan.json()["bukti"] == [{"uraian": "SK 2024", "tautan": "arsip/12"}]

    # rata_rata (default): mean of 50 % and 75 % = 62.5 -> Kurang.
    rata = client.get(f"{base}/capaian", params={"tahun": 2024}).json()
    assert (rata["realisasi"], rata["capaian"], rata["kriteria"]) == (62.5, 62.5, "Kurang")
    assert rata["sumber_realisasi"] == "komponen"
    assert rata["komponen"][0]["pembilang_uraian"] == "A"

    # gabungan: (1 + 3) / (2 + 4) × 100 = 66.666… -> 66.67 -> Cukup.
    etag = client.get(base).headers["etag"]
    client.patch(base, json={"cara_gabung": "gabungan"}, headers={"If-Match": etag})
    gabung = client.get(f"{base}/capaian", params={"tahun": 2024}).json()
    assert (gabung["realisasi"], gabung["capaian"], gabung["kriteria"]) == (66.67, 66.67, "Cukup")


def test_realisation_validation(client: TestClient) -> None:
    base = f"/v1/indikator/{buat_indikator(client, {})['id']}/realisasi/2024"
    dua = client.put(base, json={"nilai": 1, "komponen": PASANGAN})
    assert "tidak keduanya" in _kesalahan(dua, 422)["body"]
    negatif = client.put(base, json={"komponen": [{"pembilang": -1, "penyebut": 2}]})
    assert "komponen[0].pembilang" in _kesalahan(negatif, 422)
    assert "triwulan" in _kesalahan(client.put(base, params={"triwulan": 5}, json={}), 422)
    nol = client.put(base, json={"komponen": [{"pembilang": 1, "penyebut": 0}]})
    assert nol.status_code == 201 and nol.json()["komponen"][0]["persen"] is None
    assert "penyebut bernilai 0" in nol.json()["komponen"][0]["catatan"]


def test_quarter_realisation_is_measured_against_the_year_target(client: TestClient) -> None:
    base = f"/v1/indikator/{buat_indikator(client, {})['id']}"
    client.put(f"{base}/target/pk/2024", json={"nilai": 80})
    assert (
        client.put(f"{base}/realisasi/2024", params={"triwulan": 2}, json={"nilai": 40}).status_code
        == 201
    )
    tw = client.get(f"{base}/capaian", params={"tahun": 2024, "triwulan": 2}).json()
    assert (tw["triwulan"], tw["capaian"], tw["kriteria"]) == (2, 50, "Sangat Kurang")
    tahunan = client.get(f"{base}/capaian", params={"tahun": 2024}).json()
    assert tahunan["capaian"] is None and tahunan["catatan"] == "realisasi belum diisi"


# --- input windows ---------------------------------------------------------------------------


def test_closed_year_refuses_edits_except_by_admin(
    client: TestClient, anon: TestClient, masuk_sebagai, engine: Engine
) -> None:  # type: ignore[no-untyped-def]
    base = f"/v1/indikator/{buat_indikator(client, {})['id']}"
    tutup = client.post("/v1/periode-kinerja/dinsos_53/2024/tutup", json={"alasan": "LKIP final"})
    assert tutup.status_code == 200 and tutup.json()["ditutup"] is True

    ditolak = client.put(f"{base}/target/pk/2024", json={"nilai": 90})
    assert "sudah ditutup" in _kesalahan(ditolak, 423)[""]
    assert _kesalahan(client.put(f"{base}/realisasi/2024", json={"nilai": 1}), 423)
    tw = client.put(f"{base}/realisasi/2024", params={"triwulan": 3}, json={"nilai": 1})
    assert _kesalahan(tw, 423)
    # Another year stays open.
    assert client.put(f"{base}/target/pk/2025", json={"nilai": 90}).status_code == 201

    admin = masuk_sebagai("admin")
    koreksi = anon.put(f"{base}/target/pk/2024", json={"nilai": 90}, headers=admin)
    assert koreksi.status_code == 201, koreksi.text
    with Session(engine) as session:
        row = session.exec(
            select(AuditLog).where(AuditLog.sumber_daya_id == koreksi.json()["id"])
        ).one()
    assert row.peran == "admin" and row.perubahan["nilai"]["baru"] == "90"

    # Only admin reopens; then the operator may edit again.
    assert _kesalahan(client.post("/v1/periode-kinerja/dinsos_53/2024/buka"), 403)
    assert anon.post("/v1/periode-kinerja/dinsos_53/2024/buka", headers=admin).status_code == 200
    assert client.put(f"{base}/realisasi/2024", json={"nilai": 1}).status_code == 201


def test_closed_quarter_leaves_the_other_quarters_open(client: TestClient) -> None:
    base = f"/v1/indikator/{buat_indikator(client, {})['id']}/realisasi/2024"
    ok = client.post("/v1/periode-kinerja/dinsos_53/2024/tutup", params={"triwulan": 1})
    assert ok.status_code == 200 and ok.json()["triwulan"] == 1
    assert _kesalahan(client.put(base, params={"triwulan": 1}, json={"nilai": 5}), 423)
    assert client.put(base, params={"triwulan": 2}, json={"nilai": 5}).status_code == 201
    assert client.put(base, json={"nilai": 5}).status_code == 201
    daftar = client.get("/v1/periode-kinerja", params={"tahun": 2024}).json()["data"]
    assert [(p["triwulan"], p["ditutup"]) for p in daftar] == [(1, True)]


def test_closing_an_unknown_office_is_404(client: TestClient) -> None:
    assert _kesalahan(client.post("/v1/periode-kinerja/dinsos_99/2024/tutup"), 404)


# --- district scoping ------------------------------------------------------------------------


def test_district_operator_writes_only_its_own_office(
    client: TestClient, anon: TestClient, masuk_sebagai
) -> None:  # type: ignore[no-untyped-def]
    provinsi = buat_indikator(client, {})
    rote = _rote_ndao(client)
    rote_ndao = masuk_sebagai("operator_kabkota", "5314")
    kupang = masuk_sebagai("operator_kabkota", "5301")
    sasaran_id = rote["tujuan"][0]["sasaran"][0]["id"]
    body = {"sasaran_id": sasaran_id, "kode": "IKU9", "nama": "Indikator kabupaten"}

    sendiri = anon.post("/v1/indikator", json=body, headers=rote_ndao)
    assert sendiri.status_code == 201, sendiri.text
    target = f"/v1/indikator/{sendiri.json()['id']}/target/pk/2024"
    assert anon.put(target, json={"nilai": 100}, headers=rote_ndao).status_code == 201

    assert _kesalahan(anon.post("/v1/indikator", json={**body, "kode": "X"}, headers=kupang), 403)
    assert _kesalahan(anon.put(target, json={"nilai": 1}, headers=kupang), 403)
    lain = f"/v1/indikator/{provinsi['id']}/target/pk/2024"
    assert _kesalahan(anon.put(lain, json={"nilai": 1}, headers=rote_ndao), 403)
    renstra = anon.post("/v1/renstra", json=RENSTRA, headers=rote_ndao)
    assert _kesalahan(renstra, 403)
    # Plans are public accountability documents: every role reads every office's plan.
    assert anon.get(f"/v1/indikator/{provinsi['id']}", headers=kupang).status_code == 200
    analis = masuk_sebagai("analis")
    assert anon.get(f"/v1/indikator/{provinsi['id']}/capaian", params={"tahun": 2024},
                    headers=analis).status_code == 200  # fmt: skip
    assert _kesalahan(anon.put(lain, json={"nilai": 1}, headers=analis), 403)
    assert _kesalahan(
        anon.post("/v1/periode-kinerja/dinsos_5314/2024/tutup", headers=rote_ndao), 403
    )


def test_indicator_list_filters(client: TestClient) -> None:
    a = buat_indikator(client, {}, iku=True)
    sasaran_id = a["sasaran_id"]
    b = client.post("/v1/indikator", json={"sasaran_id": sasaran_id, "kode": "X2", "nama": "B"})
    assert b.status_code == 201
    semua = client.get("/v1/indikator", params={"perangkat_daerah": "dinsos_53"}).json()["data"]
    assert {i["kode"] for i in semua} == {"IKU1", "X2"}
    iku = client.get("/v1/indikator", params={"iku": True}).json()["data"]
    assert [i["kode"] for i in iku] == ["IKU1"]
    halaman = client.get("/v1/indikator", params={"limit": 1})
    assert len(halaman.json()["data"]) == 1 and halaman.json()["next_cursor"]
    assert 'rel="next"' in halaman.headers["link"]
    kedua = client.get(
        "/v1/indikator", params={"limit": 1, "cursor": halaman.json()["next_cursor"]}
    )
    assert kedua.json()["data"][0]["id"] != halaman.json()["data"][0]["id"]
