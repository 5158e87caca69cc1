"""Public services through the API: catalogue, each service walked to its product by the
roles the decree names, negative paths, documents, tracking, SLA filters and compliance."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import Session

from dinsos_api.core.hari_kerja import tambah_bulan
from dinsos_api.core.waktu import WITA, sekarang
from dinsos_api.layanan.models import Permohonan
from dinsos_api.penerima.models import Orang
from tests.api.layanan.conftest import PDF, PNG, Alur

H = dict[str, dict[str, str]]
HARI_INI = sekarang().astimezone(WITA).date()


def _pemohon() -> dict[str, str]:
    return {"nama": "Maria Bria", "kontak": "081234567890"}


# ------------------------------------------------------------------ catalogue


def test_catalogue_is_public_and_lists_the_ten_services(anon: TestClient) -> None:
    r = anon.get("/v1/layanan")
    assert r.status_code == 200 and r.json()["next_cursor"] is None
    daftar = r.json()["data"]
    kode = [x["kode"] for x in daftar]
    assert len(kode) == 10 and kode[0] == "data_informasi" and "izin_ugb" in kode
    assert all(x["berlaku_mulai"] == "2022-03-23" for x in daftar)
    pengaduan = next(x for x in daftar if x["kode"] == "pengaduan")
    assert pengaduan["dapat_diajukan"] is False


def test_catalogue_detail_and_versions(anon: TestClient) -> None:
    r = anon.get("/v1/layanan/izin_ugb")
    assert r.status_code == 200
    body = r.json()
    assert body["nomor_keputusan"] == "460/54.1/DINSOS 1.1/2022"
    assert body["sla"] == [
        {"kanal": "berkas_tertulis", "nilai": 3, "satuan": "hari_kerja", "awalan_nomor": "UGB"}
    ]
    assert "Rp200.000" in str(body["persyaratan"])
    assert {d["jenis"] for d in body["dokumen"]} >= {"surat_permohonan", "bukti_setor_pajak"}
    # Before the decree took effect there was no standard.
    assert anon.get("/v1/layanan/izin_ugb", params={"tanggal": "2022-03-22"}).status_code == 404
    assert anon.get("/v1/layanan", params={"tanggal": "2022-03-22"}).json()["data"] == []
    assert anon.get("/v1/layanan/tidak_ada").status_code == 404


# ------------------------------------------------------------------ walks, one per service


def test_data_informasi_walk_in(anon: TestClient, peran: H) -> None:
    body = {
        "layanan": "data_informasi",
        "kanal": "tatap_muka",
        "pemohon": _pemohon(),
        "data": {"topik": "Jumlah penerima PKH 2024"},
    }
    a = Alur(anon, body, peran["petugas"])
    assert a.p["nomor"].startswith(f"DI-{HARI_INI.year}-")
    assert a.p["status"] == "datang" and a.p["jatuh_tempo"] is not None
    a.aksi(peran["petugas"], "teruskan")
    r = a.coba(peran["petugas"], "arahkan")
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "data.pejabat_penanganan"
    a.aksi(peran["petugas"], "arahkan", data={"pejabat_penanganan": "Kabid Linjamsos"})
    a.aksi(peran["kadis"], "berikan_informasi")
    assert a.p["selesai_pada"] is not None and a.p["terlambat"] is False
    assert a.aksi(peran["petugas"], "kembalikan_identitas")["status"] == "selesai"


def test_data_informasi_by_letter_refused_as_exempt_needs_a_reason(
    anon: TestClient, peran: H
) -> None:
    body = {
        "layanan": "data_informasi",
        "kanal": "surat",
        "pemohon": _pemohon(),
        "data": {"topik": "Data pribadi penerima"},
    }
    a = Alur(anon, body, peran["petugas"])
    a.aksi(peran["kadis"], "disposisi", data={"pejabat_penanganan": "Sekretaris"})
    a.aksi(peran["petugas"], "susun_jawaban")
    r = a.coba(peran["kadis"], "kecualikan")
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "catatan"
    a.aksi(peran["kadis"], "kecualikan", catatan="Informasi dikecualikan: UU 14/2008 Pasal 17")
    assert a.p["status"] == "dikecualikan" and a.p["aksi_tersedia"] == []


def test_data_informasi_by_letter_to_pickup(anon: TestClient, peran: H) -> None:
    body = {
        "layanan": "data_informasi",
        "kanal": "surat",
        "pemohon": _pemohon(),
        "data": {"topik": "Profil panti"},
    }
    a = Alur(anon, body, peran["petugas"])
    # 7 "hari" (calendar days, as the decree writes) from receipt, end of day WITA.
    tempo = date.fromisoformat(a.p["jatuh_tempo"][:10])
    assert tempo in (HARI_INI + timedelta(days=7), HARI_INI + timedelta(days=8))
    a.aksi(peran["kadis"], "disposisi", data={"pejabat_penanganan": "Kabid"})
    a.aksi(peran["petugas"], "susun_jawaban")
    a.aksi(peran["petugas"], "ajukan_koreksi")
    a.aksi(peran["kadis"], "minta_perbaikan", catatan="Lengkapi tabel")
    a.aksi(peran["petugas"], "ajukan_koreksi")
    r = a.coba(peran["kadis"], "tandatangani")
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "lampiran.surat_jawaban"
    a.lampirkan(peran["petugas"], "surat_jawaban")
    a.aksi(peran["kadis"], "tandatangani")
    a.aksi(peran["petugas"], "minta_diambil")
    assert a.aksi(peran["petugas"], "serahkan")["status"] == "diambil"


def test_konsultasi_with_escalation(anon: TestClient, peran: H) -> None:
    body = {"layanan": "konsultasi", "pemohon": _pemohon(), "data": {"topik": "Tata kelola"}}
    a = Alur(anon, body, peran["petugas"])
    assert a.p["kanal"] == "tatap_muka"
    a.aksi(peran["petugas"], "arahkan", data={"pejabat_penanganan": "Kasi"})
    a.aksi(peran["petugas"], "tingkatkan")
    a.aksi(peran["kadis"], "selesaikan_konsultasi")
    assert a.aksi(peran["petugas"], "kembalikan_identitas")["status"] == "selesai"


def test_narasumber_earlier_deadline_is_enforced(anon: TestClient, peran: H) -> None:
    kegiatan = HARI_INI + timedelta(days=6)
    body = {
        "layanan": "narasumber",
        "pemohon": _pemohon(),
        "data": {"nama_kegiatan": "Bimtek TKSK", "tanggal_kegiatan": kegiatan.isoformat()},
    }
    a = Alur(anon, body, peran["petugas"])
    tenggat = {t["nama"]: t["tanggal"] for t in a.p["tenggat"]}
    sebelum = kegiatan - timedelta(days=3)
    assert tenggat["jawaban_sebelum_kegiatan"] == sebelum.isoformat()
    # 7 working days are always later than 3 calendar days from now: the event bound wins.
    assert tenggat["jawaban_7_hari_kerja"] > sebelum.isoformat()
    akhir = datetime.combine(sebelum + timedelta(days=1), time(0), tzinfo=WITA)
    assert datetime.fromisoformat(a.p["jatuh_tempo"]) == akhir
    r = a.coba(peran["petugas"], "disposisi", data={"pejabat_narasumber": "Kabid"})
    assert r.status_code == 403  # the Kepala Dinas disposes
    a.aksi(peran["kadis"], "disposisi", data={"pejabat_narasumber": "Kabid Rehsos"})
    a.aksi(peran["petugas"], "siapkan_jawaban")
    a.lampirkan(peran["petugas"], "surat_jawaban")
    a.aksi(peran["kadis"], "tandatangani")
    a.aksi(peran["petugas"], "kirim_jawaban")
    assert a.p["selesai_pada"] is not None and a.p["terlambat"] is False
    assert a.aksi(peran["petugas"], "laksanakan")["status"] == "dilaksanakan"


def test_narasumber_too_close_to_the_event_is_refused(anon: TestClient, peran: H) -> None:
    body = {
        "layanan": "narasumber",
        "pemohon": _pemohon(),
        "data": {
            "nama_kegiatan": "Rapat",
            "tanggal_kegiatan": (HARI_INI + timedelta(days=2)).isoformat(),
        },
    }
    r = anon.post("/v1/permohonan", json=body, headers=peran["petugas"])
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == "data.tanggal_kegiatan"


UGB_DOK = [
    "surat_permohonan",
    "bukti_setor_pajak",
    "contoh_iklan",
    "bukti_bayar_biaya",
    "akta_pendirian",
    "daftar_harga_hadiah",
]


def _ugb(hari: int = 45, **data: Any) -> dict[str, Any]:
    return {
        "layanan": "izin_ugb",
        "pemohon": {"nama": "PT Undian Jaya"},
        "data": {
            "nama_undian": "Undian Tabungan",
            "tanggal_undian": (HARI_INI + timedelta(days=hari)).isoformat(),
            **data,
        },
    }


def test_izin_ugb_walk_with_incomplete_file(anon: TestClient, peran: H) -> None:
    a = Alur(anon, _ugb(), peran["petugas"])
    assert a.p["jam_mulai"] is None and a.p["jatuh_tempo"] is None  # clock waits for "lengkap"
    a.aksi(peran["petugas"], "verifikasi")
    r = a.coba(peran["petugas"], "nyatakan_lengkap")
    assert r.status_code == 422
    assert {e["field"] for e in r.json()["errors"]} == {f"lampiran.{d}" for d in UGB_DOK}
    assert "Bukti setor pajak 25%" in r.text
    assert a.coba(peran["petugas"], "kembalikan").status_code == 422  # reason required
    a.aksi(peran["petugas"], "kembalikan", catatan="Bukti setor pajak belum ada")
    a.lampirkan(peran["petugas"], *UGB_DOK)
    a.aksi(peran["petugas"], "lengkapi")
    a.aksi(peran["petugas"], "nyatakan_lengkap")
    assert a.p["jam_mulai"] is not None and a.p["jatuh_tempo"] is not None
    a.aksi(peran["petugas"], "setujui_teknis")
    a.aksi(peran["petugas"], "ajukan_tanda_tangan")
    a.lampirkan(peran["petugas"], "rekomendasi")
    a.aksi(peran["kadis"], "tandatangani")
    a.aksi(peran["petugas"], "kembalikan_ke_petugas")
    assert a.aksi(peran["petugas"], "serahkan")["status"] == "diserahkan"
    assert a.p["terlambat"] is False
    # Finished: no action is possible any more.
    assert a.coba(peran["kadis"], "tolak", catatan="x").status_code == 409


def test_izin_ugb_draw_date_at_least_30_days_after_filing(anon: TestClient, peran: H) -> None:
    r = anon.post("/v1/permohonan", json=_ugb(29), headers=peran["petugas"])
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "data.tanggal_undian"
    assert anon.post("/v1/permohonan", json=_ugb(30), headers=peran["petugas"]).status_code == 201
    r = anon.post("/v1/permohonan", json=_ugb(40, asal_luar_negeri=True), headers=peran["petugas"])
    assert r.status_code == 422 and "perwakilan_indonesia" in r.text


PA_AWAL = [f"pa{i:02d}" for i in [*range(1, 22), 26, 27]]


def _pa(peran: H, anon: TestClient) -> Alur:
    body = {
        "layanan": "rekomendasi_pengangkatan_anak",
        "pemohon": {"nama": "Dinas Sosial Kab. Kupang"},
        "data": {"anak_tanggal_lahir": "2024-05-10"},
    }
    a = Alur(anon, body, peran["kabkota"])
    assert a.p["kode_wilayah"] == "5301" and a.p["nomor"].startswith("PA-")
    a.lampirkan(peran["kabkota"], *PA_AWAL)
    a.aksi(peran["petugas"], "periksa")
    a.lampirkan(peran["petugas"], "sk_pengasuhan_sementara")
    return a


def test_adoption_cannot_reach_pipa_before_six_months(anon: TestClient, peran: H) -> None:
    a = _pa(peran, anon)
    a.aksi(
        peran["kadis"],
        "terbitkan_sk_asuh",
        data={"sk_asuh_nomor": "SK/PA/01", "sk_asuh_tanggal": HARI_INI.isoformat()},
    )
    berakhir = tambah_bulan(HARI_INI, 6)
    assert {
        "nama": "akhir_pengasuhan_sementara",
        "tanggal": berakhir.isoformat(),
        "keterangan": "SK pengasuhan sementara berakhir; sidang TIM PIPA sesudahnya",
    } in a.p["tenggat"]
    a.aksi(peran["petugas"], "mulai_pemantauan")
    a.lampirkan(peran["petugas"], "pa22", "pa23", "pa24", "pa25")
    r = a.coba(peran["petugas"], "nyatakan_layak")
    assert r.status_code == 422
    assert berakhir.isoformat() in r.json()["errors"][0]["message"]
    # Skipping ahead to the hearing is a wrong-state action.
    assert a.coba(peran["petugas"], "sidang_pipa").status_code == 409


def test_adoption_walk_to_post_adoption_reports(anon: TestClient, peran: H) -> None:
    a = _pa(peran, anon)
    sk = tambah_bulan(HARI_INI, -7)
    r = a.coba(
        peran["kadis"],
        "terbitkan_sk_asuh",
        data={
            "sk_asuh_nomor": "SK/PA/02",
            "sk_asuh_tanggal": (HARI_INI + timedelta(days=1)).isoformat(),
        },
    )
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "data.sk_asuh_tanggal"
    a.aksi(
        peran["kadis"],
        "terbitkan_sk_asuh",
        data={"sk_asuh_nomor": "SK/PA/02", "sk_asuh_tanggal": sk.isoformat()},
    )
    a.aksi(peran["petugas"], "mulai_pemantauan")
    r = a.coba(peran["petugas"], "nyatakan_layak")
    assert {e["field"] for e in r.json()["errors"]} == {
        "lampiran.pa22",
        "lampiran.pa23",
        "lampiran.pa24",
        "lampiran.pa25",
    }
    a.lampirkan(peran["petugas"], "pa22", "pa23", "pa24", "pa25")
    a.aksi(peran["petugas"], "nyatakan_layak")
    # A hearing dated inside the six months is refused, after them accepted.
    dini = tambah_bulan(sk, 5).isoformat()
    assert (
        a.coba(peran["petugas"], "sidang_pipa", data={"sidang_pipa_tanggal": dini}).status_code
        == 422
    )
    a.aksi(peran["petugas"], "sidang_pipa", data={"sidang_pipa_tanggal": HARI_INI.isoformat()})
    a.aksi(peran["petugas"], "tunda", catatan="Surat keterangan penghasilan belum sah")
    a.aksi(peran["petugas"], "lanjutkan")
    a.aksi(peran["petugas"], "nyatakan_layak")
    a.aksi(peran["petugas"], "sidang_pipa", data={"sidang_pipa_tanggal": HARI_INI.isoformat()})
    a.lampirkan(peran["petugas"], "rekomendasi")
    a.aksi(peran["kadis"], "rekomendasikan")
    assert a.p["selesai_pada"] is not None  # the 1-year clock stops at the recommendation
    a.lampirkan(peran["petugas"], "penetapan_pengadilan", "akta_kelahiran_pengangkatan")
    a.aksi(
        peran["petugas"],
        "catat_penetapan",
        data={"penetapan_nomor": "12/Pdt.P/2026/PN Kpg", "penetapan_tanggal": HARI_INI.isoformat()},
    )
    laporan = [t for t in a.p["tenggat"] if t["nama"].startswith("laporan_perkembangan_")]
    # Born 2024-05-10: yearly reports from the decree's anniversary until 2042-05-10.
    assert laporan[0]["tanggal"] == tambah_bulan(HARI_INI, 12).isoformat()
    assert all(t["tanggal"] <= "2042-05-10" for t in laporan)
    assert tambah_bulan(date.fromisoformat(laporan[-1]["tanggal"]), 12) > date(2042, 5, 10)
    a.aksi(peran["petugas"], "catat_akta")
    a.aksi(peran["petugas"], "mulai_pasca_adopsi")
    a.lampirkan(peran["kabkota"], "laporan_perkembangan_tahunan")
    a.aksi(peran["kabkota"], "lapor_perkembangan")
    r = a.coba(peran["petugas"], "tutup")
    assert r.status_code == 422 and "18 tahun" in r.text


def test_adoption_district_isolation(anon: TestClient, peran: H) -> None:
    a = _pa(peran, anon)
    assert anon.get(f"/v1/permohonan/{a.id}", headers=peran["kabkota_lain"]).status_code == 404
    r = anon.get("/v1/permohonan", headers=peran["kabkota_lain"])
    assert r.status_code == 200 and r.json()["data"] == []
    body = {
        "layanan": "rekomendasi_pengangkatan_anak",
        "kode_wilayah": "5301",
        "pemohon": {"nama": "x"},
        "data": {"anak_tanggal_lahir": "2024-01-01"},
    }
    assert anon.post("/v1/permohonan", json=body, headers=peran["kabkota_lain"]).status_code == 403
    # A district office may not file services the decree gives to the province's desk.
    ugb = anon.post("/v1/permohonan", json=_ugb(), headers=peran["kabkota"])
    assert ugb.status_code == 403


def test_pemulangan_walk(anon: TestClient, peran: H) -> None:
    body = {
        "layanan": "pemulangan_orang_terlantar",
        "pemohon": {"nama": "Yohanes"},
        "data": {"didampingi_polisi": False},
    }
    a = Alur(anon, body, peran["petugas"])
    r = a.coba(peran["petugas"], "asesmen")
    assert r.status_code == 422 and "kepolisian" in r.text
    a.lampirkan(peran["petugas"], "surat_keterangan_polisi")
    a.aksi(peran["petugas"], "asesmen")
    a.aksi(peran["petugas"], "tampung")
    r = a.coba(
        peran["petugas"],
        "koordinasi",
        data={"tujuan": {"jenis": "kabkota_ntt", "instansi": "Dinsos Kab. Alor"}},
    )
    assert r.status_code == 422 and r.json()["errors"][0]["field"].startswith("data.tujuan")
    a.lampirkan(peran["petugas"], "surat_pengantar", "dokumen_perjalanan")
    a.aksi(
        peran["petugas"],
        "koordinasi",
        data={
            "tujuan": {
                "jenis": "luar_ntt",
                "kode_wilayah": "5171",
                "instansi": "Dinsos Kota Denpasar",
            }
        },
    )
    assert a.p["data"]["tujuan"]["instansi"] == "Dinsos Kota Denpasar"
    a.aksi(peran["petugas"], "siapkan_dokumen")
    a.aksi(peran["petugas"], "pulangkan")
    a.lampirkan(peran["petugas"], "berita_acara_serah_terima")
    assert a.aksi(peran["petugas"], "serahkan_keluarga")["status"] == "dipulangkan"


def test_rptc_walk_with_intervention_loop(anon: TestClient, peran: H) -> None:
    body = {"layanan": "rptc", "pemohon": {"nama": "Klien A"}, "data": {"pendamping": "kepolisian"}}
    a = Alur(anon, body, peran["petugas"])
    a.aksi(peran["petugas"], "registrasi")
    a.lampirkan(peran["petugas"], "hasil_asesmen", "laporan_intervensi", "dokumen_perjalanan")
    a.aksi(peran["petugas"], "asesmen")
    a.aksi(peran["petugas"], "konferensi_kasus")
    a.aksi(peran["petugas"], "intervensi")
    a.aksi(peran["petugas"], "konferensi_kasus")
    a.aksi(peran["petugas"], "intervensi")
    a.aksi(peran["petugas"], "siapkan_pemulangan")
    a.aksi(peran["petugas"], "pulangkan")
    assert a.aksi(peran["petugas"], "terminasi")["status"] == "terminasi"
    langkah = anon.get(f"/v1/permohonan/{a.id}/riwayat", headers=peran["kadis"]).json()["data"]
    assert [x["aksi"] for x in langkah][:3] == ["ajukan", "registrasi", "asesmen"]
    assert len(langkah) == 10 and langkah[-1]["peran"] == "petugas_layanan"


def _orang(engine: Engine, kode_wilayah: str = "5301") -> str:
    with Session(engine) as session:
        o = Orang(nama="Anggota KUBE", kode_wilayah=kode_wilayah)
        session.add(o)
        session.commit()
        return o.id


def test_kube_walk_with_registry_members(anon: TestClient, peran: H, engine: Engine) -> None:
    anggota = [_orang(engine), _orang(engine)]
    body = {
        "layanan": "bansos_kube",
        "pemohon": {"nama": "KUBE Sejahtera"},
        "data": {"nama_kelompok": "KUBE Sejahtera", "anggota": [*anggota, "tidakada"]},
    }
    r = anon.post("/v1/permohonan", json=body, headers=peran["kabkota"])
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "data.anggota[2]"
    body["data"]["anggota"] = anggota
    a = Alur(anon, body, peran["kabkota"])
    a.aksi(peran["petugas"], "kembalikan", catatan="Proposal belum memuat sasaran")
    assert a.p["jeda_sejak"] is not None
    a.lampirkan(peran["kabkota"], "rekomendasi_kabkota", "proposal", "fotokopi_identitas")
    a.aksi(peran["kabkota"], "lengkapi")
    assert a.p["jeda_sejak"] is None
    a.aksi(peran["petugas"], "verifikasi")
    a.aksi(peran["petugas"], "telaah_staf")
    a.aksi(peran["petugas"], "anggarkan")
    a.lampirkan(peran["petugas"], "sk_gubernur", "bukti_transfer", "lpj")
    a.aksi(peran["petugas"], "tetapkan", data={"sk_gubernur_nomor": "SK Gub 123/2026"})
    a.aksi(peran["petugas"], "salurkan")
    assert a.aksi(peran["petugas"], "terima_lpj")["status"] == "selesai"


def test_alat_bantu_walk(anon: TestClient, peran: H, engine: Engine) -> None:
    body = {
        "layanan": "alat_bantu_disabilitas",
        "pemohon": {"nama": "Agustina"},
        "data": {"alat": "Kursi roda", "penerima_id": _orang(engine)},
    }
    a = Alur(anon, body, peran["kabkota"])
    assert a.p["data"]["alat"] == "Kursi roda"
    a.lampirkan(
        peran["kabkota"],
        "rekomendasi_kabkota",
        "surat_permohonan_pribadi",
        "sktm",
        "ktp",
        "kk",
        "foto_kondisi",
    )
    assert a.coba(peran["kabkota"], "nyatakan_lengkap").status_code == 403
    a.aksi(peran["petugas"], "nyatakan_lengkap")
    a.aksi(peran["kadis"], "disposisi")
    a.aksi(peran["petugas"], "cek_stok")
    a.aksi(peran["petugas"], "siapkan_berita_acara")
    a.lampirkan(peran["petugas"], "berita_acara_serah_terima")
    assert a.aksi(peran["petugas"], "serahkan")["status"] == "diserahkan"


def test_cancellation_and_refusal_need_a_reason(anon: TestClient, peran: H) -> None:
    body = {"layanan": "konsultasi", "pemohon": _pemohon(), "data": {"topik": "x"}}
    a = Alur(anon, body, peran["petugas"])
    assert a.coba(peran["petugas"], "batalkan").status_code == 422
    assert a.coba(peran["petugas"], "tolak", catatan="x").status_code == 403
    assert a.coba(peran["petugas"], "terbang").status_code == 422
    a.aksi(peran["petugas"], "batalkan", catatan="Pemohon tidak hadir")
    assert a.p["status"] == "dibatalkan"
    assert a.coba(peran["petugas"], "arahkan").status_code == 409


# ------------------------------------------------------------------ numbers, tracking, lists


def test_registration_numbers_are_gap_free_per_service_and_year(anon: TestClient, peran: H) -> None:
    body = {"layanan": "konsultasi", "pemohon": _pemohon(), "data": {"topik": "x"}}
    nomor = [
        anon.post("/v1/permohonan", json=body, headers=peran["petugas"]).json()["nomor"]
        for _ in range(3)
    ]
    tahun = HARI_INI.year
    assert nomor == [f"KS-{tahun}-{n:06d}" for n in (1, 2, 3)]
    # A refused request takes no number.
    assert anon.post("/v1/permohonan", json=_ugb(1), headers=peran["petugas"]).status_code == 422
    assert Alur(anon, _ugb(), peran["petugas"]).p["nomor"] == f"UGB-{tahun}-000001"


def test_tracking_with_token_shows_no_personal_data(anon: TestClient, peran: H) -> None:
    body = {"layanan": "konsultasi", "pemohon": _pemohon(), "data": {"topik": "Rahasia"}}
    a = Alur(anon, body, peran["petugas"])
    token = a.p["token_lacak"]
    assert "token_lacak" not in anon.get(f"/v1/permohonan/{a.id}", headers=peran["petugas"]).json()
    r = anon.get(f"/v1/permohonan/lacak/{a.p['nomor']}", params={"token": token})
    assert r.status_code == 200
    body_lacak = r.json()
    assert body_lacak["status"] == "datang" and body_lacak["langkah_berikut"]
    # Dates as a citizen in NTT reads them, beside the instants (a day clock's due day:
    # tests/api/layanan/test_hari_kerja.py::test_the_due_day_of_a_clock_in_wita).
    for instan, tanggal in (("diajukan_pada", "diajukan_tanggal"),
                            ("jatuh_tempo", "jatuh_tempo_tanggal")):  # fmt: skip
        lokal = datetime.fromisoformat(body_lacak[instan]).astimezone(WITA)
        assert body_lacak[tanggal] == lokal.date().isoformat()
    assert body_lacak["selesai_tanggal"] is None
    for rahasia in ("Maria", "0812", "Rahasia", a.id):
        assert rahasia not in r.text
    salah = anon.get(f"/v1/permohonan/lacak/{a.p['nomor']}", params={"token": token + "x"})
    tidak_ada = anon.get("/v1/permohonan/lacak/KS-2020-999999", params={"token": token})
    assert salah.status_code == tidak_ada.status_code == 404
    bersih = [{k: v for k, v in x.json().items() if k != "instance"} for x in (salah, tidak_ada)]
    assert bersih[0] == bersih[1]


def test_tracking_is_rate_limited(app: Any, anon: TestClient) -> None:
    app.state.settings.rate_limit_lacak = "3/minute"
    kode = [
        anon.get("/v1/permohonan/lacak/KS-2020-000001", params={"token": "x"}).status_code
        for _ in range(4)
    ]
    assert kode == [404, 404, 404, 429]


def test_lists_filter_overdue_and_due_before(anon: TestClient, peran: H, engine: Engine) -> None:
    body = {"layanan": "konsultasi", "pemohon": _pemohon(), "data": {"topik": "x"}}
    telat = Alur(anon, body, peran["petugas"])
    Alur(anon, body, peran["petugas"])
    with Session(engine) as session:  # the 15-minute clock ran out an hour ago
        p = session.get(Permohonan, telat.id)
        assert p is not None
        p.jatuh_tempo = sekarang() - timedelta(hours=1)
        session.add(p)
        session.commit()
    h = peran["kadis"]
    r = anon.get("/v1/permohonan", params={"terlambat": "true"}, headers=h).json()
    assert [x["id"] for x in r["data"]] == [telat.id] and r["data"][0]["terlambat"] is True
    r = anon.get("/v1/permohonan", params={"terlambat": "false"}, headers=h).json()
    assert telat.id not in [x["id"] for x in r["data"]] and len(r["data"]) == 1
    batas = (sekarang() - timedelta(minutes=30)).isoformat()
    r = anon.get("/v1/permohonan", params={"jatuh_tempo_sebelum": batas}, headers=h).json()
    assert [x["id"] for x in r["data"]] == [telat.id]
    halaman = anon.get("/v1/permohonan", params={"limit": 1}, headers=h)
    assert halaman.json()["next_cursor"] and 'rel="next"' in halaman.headers["link"]
    assert anon.get("/v1/permohonan", headers=peran["analis"]).status_code == 403


# ------------------------------------------------------------------ documents


def test_documents_by_content_type_and_size(app: Any, anon: TestClient, peran: H) -> None:
    body = {"layanan": "konsultasi", "pemohon": _pemohon(), "data": {"topik": "x"}}
    a = Alur(anon, body, peran["petugas"])
    url = f"/v1/permohonan/{a.id}/lampiran"
    # A text file named .pdf is refused: the content decides.
    r = anon.post(
        url,
        data={"jenis": "identitas"},
        headers=peran["petugas"],
        files={"berkas": ("ktp.pdf", b"bukan pdf sama sekali", "application/pdf")},
    )
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "berkas"
    r = anon.post(
        url,
        data={"jenis": "bukan_syarat"},
        headers=peran["petugas"],
        files={"berkas": ("a.pdf", PDF, "application/pdf")},
    )
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "jenis"
    # A PNG sent with a misleading name is recognised as PNG.
    r = anon.post(
        url,
        data={"jenis": "identitas"},
        headers=peran["petugas"],
        files={"berkas": ("ktp.pdf", PNG, "application/pdf")},
    )
    assert r.status_code == 201 and r.json()["tipe_mime"] == "image/png"
    import hashlib

    assert r.json()["sha256"] == hashlib.sha256(PNG).hexdigest()
    unduh = anon.get(f"{url}/{r.json()['id']}", headers=peran["kadis"])
    assert unduh.status_code == 200 and unduh.content == PNG
    assert unduh.headers["content-type"] == "image/png"
    assert anon.get(f"{url}/{r.json()['id']}", headers=peran["analis"]).status_code == 403
    app.state.settings.lampiran_maks_bytes = 64
    r = anon.post(
        url,
        data={"jenis": "identitas"},
        headers=peran["petugas"],
        files={"berkas": ("besar.pdf", PDF + b"0" * 100, "application/pdf")},
    )
    assert r.status_code == 413 and r.headers["content-type"] == "application/problem+json"


# ------------------------------------------------------------------ compliance


def test_compliance_counts_on_time_work(anon: TestClient, peran: H, engine: Engine) -> None:
    body = {"layanan": "konsultasi", "pemohon": _pemohon(), "data": {"topik": "x"}}
    ids = [Alur(anon, body, peran["petugas"]) for _ in range(4)]
    for a in ids[:3]:
        a.aksi(peran["petugas"], "arahkan", data={"pejabat_penanganan": "Kasi"})
        a.aksi(peran["petugas"], "selesaikan_konsultasi")
    ids[3].aksi(peran["petugas"], "batalkan", catatan="Tidak hadir")
    with Session(engine) as session:  # one of the three was finished 2 hours after starting
        p = session.get(Permohonan, ids[0].id)
        assert p is not None and p.jam_mulai is not None
        p.selesai_pada = p.jam_mulai + timedelta(hours=2)
        session.add(p)
        session.commit()
    r = anon.get(
        "/v1/layanan/kepatuhan",
        params={"tahun": HARI_INI.year, "bulan": HARI_INI.month},
        headers=peran["analis"],
    )
    assert r.status_code == 200
    ks = next(x for x in r.json()["layanan"] if x["layanan"] == "konsultasi")
    # 4 filed, 3 completed (the cancelled one is not), 2 on time: 2 / 3 × 100 = 66.67.
    assert (ks["permohonan"], ks["selesai"], ks["selesai_tepat_waktu"]) == (4, 3, 2)
    assert ks["persen_tepat_waktu"] == 66.67
    # Median of (2 h, ~0 h, ~0 h) is ~0 h.
    assert ks["median_durasi_jam"] == 0
    ugb = next(x for x in r.json()["layanan"] if x["layanan"] == "izin_ugb")
    assert ugb["permohonan"] == 0 and ugb["persen_tepat_waktu"] is None
    assert anon.get("/v1/layanan/kepatuhan", params={"tahun": 2026}).status_code == 401
