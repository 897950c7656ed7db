"""Sign-off: frozen, fingerprinted, re-exported identically, verified, read-only, corrected as a new version."""

import hashlib
import io
import json

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from report_fixtures import PERIOD, ready_office

from parcdesk.db.items import find_item
from parcdesk.db.progress import get_progress
from parcdesk.ops import progress as progress_ops
from parcdesk.errors import UserError
from parcdesk.report import drafts, signoff
from parcdesk.report.content import fingerprint
from parcdesk.report.xlsx import DATA_KEY_ROW, DATA_KEYS


@pytest.fixture
def office(tmp_path):
    path = tmp_path / "office.sqlite"
    store, plan_id = ready_office(path)
    store.close()
    return path, plan_id


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_signoff_freezes_and_reexports_identically(run, office, tmp_path):
    db, plan_id = office
    code, out, err = run("--db", db, "report", "signoff", "--plan", plan_id, "--period", PERIOD,
                         "--signer", "Thái Văn Ngự", "--pdf", tmp_path / "a.pdf", "--xlsx", tmp_path / "a.xlsx", "--json")
    assert code == 0, err
    record = json.loads(out)
    assert record["version"] == 1 and record["signer"] == {
        "name": "Thái Văn Ngự", "position": "CHỦ TỊCH", "authority": "TM. ỦY BAN NHÂN DÂN"}
    code, out, err = run("--db", db, "report", "export", "--plan", plan_id, "--period", PERIOD,
                         "--pdf", tmp_path / "b.pdf", "--xlsx", tmp_path / "b.xlsx", "--json")
    assert code == 0, err
    exported = json.loads(out)
    assert exported["signed"] and exported["sha256"] == record["sha256"]
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()
    assert digest(tmp_path / "b.pdf") == record["pdf_sha256"] and digest(tmp_path / "b.xlsx") == record["xlsx_sha256"]
    first = [[c.value for c in row] for row in load_workbook(tmp_path / "a.xlsx")["Dữ liệu"].iter_rows()]
    second = [[c.value for c in row] for row in load_workbook(tmp_path / "b.xlsx")["Dữ liệu"].iter_rows()]
    assert first == second
    # the fingerprint printed small in the footer and kept in the properties
    reader = PdfReader(tmp_path / "b.pdf")
    assert f"Mã xác thực: {record['sha256'][:16]}" in reader.pages[0].extract_text()
    assert record["sha256"] in reader.metadata["/Keywords"]
    workbook = load_workbook(tmp_path / "b.xlsx")
    assert {p.name: p.value for p in workbook.custom_doc_props}["Mã xác thực SHA-256"] == record["sha256"]
    assert workbook.properties.created == workbook.properties.modified


def test_signed_report_no_longer_follows_the_database(office):
    db_path, plan_id = office
    from parcdesk.db.store import open_store

    with open_store(db_path) as store:
        result = signoff.sign_off(store.db, plan_id, PERIOD, signer="Nguyễn Thị Hoa")
        assert result.record.signer_authority == "KT. CHỦ TỊCH"
        store.db.execute("UPDATE settings SET value = 'UBND xã Khác' WHERE key = 'unit_name'")
        rendered = signoff.report_to_export(store.db, plan_id, PERIOD)
        assert rendered.content["office"]["unit_name"] == "UBND thị trấn Ia Kha"
        assert rendered.pdf() == result.pdf and fingerprint(rendered.content) == result.record.sha256


def test_verify_matches_and_detects_alteration(run, office, tmp_path):
    db, plan_id = office
    assert run("--db", db, "report", "signoff", "--plan", plan_id, "--period", PERIOD, "--signer", "Thái Văn Ngự",
               "--pdf", tmp_path / "r.pdf", "--xlsx", tmp_path / "r.xlsx")[0] == 0
    for name in ("r.pdf", "r.xlsx"):
        code, out, _ = run("--db", db, "report", "verify", tmp_path / name)
        assert code == 0 and out.startswith("Khớp:") and "phiên bản 1" in out
    # one byte changed in a page of the PDF: same fingerprint inside, different content
    data = bytearray((tmp_path / "r.pdf").read_bytes())
    position = data.index(b"stream", len(data) // 3) + 20
    data[position] ^= 0x01
    (tmp_path / "sua.pdf").write_bytes(bytes(data))
    code, out, _ = run("--db", db, "report", "verify", tmp_path / "sua.pdf", "--json")
    verdict = json.loads(out)
    assert code == 1 and verdict["status"] == "altered" and verdict["report"]["version"] == 1
    # a figure changed in the Excel file and saved again
    workbook = load_workbook(tmp_path / "r.xlsx")
    sheet = workbook["Dữ liệu"]
    code_at, value_at = DATA_KEYS.index("item_code"), DATA_KEYS.index("value")
    for row in sheet.iter_rows(min_row=DATA_KEY_ROW + 1):
        if row[code_at].value == "TCTP 3.4.2":
            row[value_at].value = 100
    workbook.save(tmp_path / "sua.xlsx")
    code, out, _ = run("--db", db, "report", "verify", tmp_path / "sua.xlsx")
    assert code == 1 and out.startswith("Đã bị sửa:")
    # saved again by another program without a change: the cells still match
    load_workbook(tmp_path / "r.xlsx").save(tmp_path / "luu-lai.xlsx")
    code, out, _ = run("--db", db, "report", "verify", tmp_path / "luu-lai.xlsx")
    assert code == 0 and "nội dung mọi ô khớp" in out
    # a draft, or any other file: matches none
    assert run("--db", db, "report", "export", "--plan", plan_id, "--period", "2025-H1", "--pdf",
               tmp_path / "nhap.pdf")[0] == 0
    code, out, _ = run("--db", db, "report", "verify", tmp_path / "nhap.pdf")
    assert code == 1 and out.startswith("Không khớp:")
    code, _, err = run("--db", db, "report", "verify", tmp_path / "khong-co.pdf")
    assert code == 2 and "Không tìm thấy tệp" in err


def test_signed_period_is_read_only(run, office):
    db, plan_id = office
    assert run("--db", db, "report", "signoff", "--plan", plan_id, "--period", PERIOD, "--signer", "Thái Văn Ngự")[0] == 0
    before = digest(db)
    for args in (["progress", "set", "--plan", plan_id, "--item", "TC 1.1", "--period", PERIOD, "--status", "failed"],
                 ["report", "edit", "--plan", plan_id, "--period", PERIOD, "--results", "Sửa lại"],
                 ["report", "signoff", "--plan", plan_id, "--period", PERIOD, "--signer", "Thái Văn Ngự"]):
        code, out, err = run("--db", db, *args)
        assert code == 2 and "đã chốt" in err and "phiên bản mới kèm lý do" in err, args
        assert err.count("\n") == 1
    assert digest(db) == before
    # other periods stay open
    assert run("--db", db, "progress", "set", "--plan", plan_id, "--item", "TC 1.1", "--period", "2025-H1",
               "--status", "done")[0] == 0


def test_correction_needs_a_reason_and_keeps_both_versions(run, office, tmp_path):
    db, plan_id = office
    assert run("--db", db, "report", "signoff", "--plan", plan_id, "--period", PERIOD, "--signer", "Thái Văn Ngự",
               "--pdf", tmp_path / "v1.pdf")[0] == 0
    code, _, err = run("--db", db, "report", "correct", "--plan", plan_id, "--period", PERIOD, "--reason", "  ")
    assert code == 2 and "lý do" in err
    assert run("--db", db, "report", "correct", "--plan", plan_id, "--period", PERIOD,
               "--reason", "Sai số liệu TCTP 3.4.2")[0] == 0
    assert run("--db", db, "progress", "set", "--plan", plan_id, "--item", "TCTP 3.4.2", "--period", PERIOD,
               "--value", "100")[0] == 0
    code, out, err = run("--db", db, "report", "signoff", "--plan", plan_id, "--period", PERIOD,
                         "--signer", "Thái Văn Ngự", "--json", "--pdf", tmp_path / "v2.pdf")
    assert code == 0, err
    second = json.loads(out)
    assert second["version"] == 2 and second["reason"] == "Sai số liệu TCTP 3.4.2"
    code, out, _ = run("--db", db, "report", "versions", "--plan", plan_id, "--period", PERIOD, "--json")
    versions = json.loads(out)["versions"]
    assert [(v["version"], v["current"]) for v in versions] == [(1, False), (2, True)]
    text = run("--db", db, "report", "versions", "--plan", plan_id)[1]
    assert "phiên bản 1 (đã thay thế)" in text and "lý do: Sai số liệu TCTP 3.4.2" in text
    # both versions still verify, the old one with a word that it was replaced
    code, out, _ = run("--db", db, "report", "verify", tmp_path / "v1.pdf")
    assert code == 0 and "đã được thay thế" in out
    assert run("--db", db, "report", "verify", tmp_path / "v2.pdf")[0] == 0
    # the old version exports as it was
    assert run("--db", db, "report", "export", "--plan", plan_id, "--period", PERIOD, "--version", 1,
               "--pdf", tmp_path / "v1-lai.pdf")[0] == 0
    assert (tmp_path / "v1-lai.pdf").read_bytes() == (tmp_path / "v1.pdf").read_bytes()
    second_pdf = PdfReader(tmp_path / "v2.pdf").pages[0].extract_text()
    assert "Phiên bản 2" in second_pdf and "Sai số liệu TCTP 3.4.2" in second_pdf
    # and the period is read-only again
    code, _, err = run("--db", db, "progress", "set", "--plan", plan_id, "--item", "TC 1.1", "--period", PERIOD,
                       "--status", "failed")
    assert code == 2 and "phiên bản 2" in err


def test_signoff_refuses_missing_sections_and_unknown_signer(office):
    db_path, plan_id = office
    from parcdesk.db.store import open_store

    with open_store(db_path) as store:
        with pytest.raises(UserError, match="Không có người ký “Lê Văn A”"):
            signoff.sign_off(store.db, plan_id, PERIOD, signer="Lê Văn A")
        drafts.save_draft(store.db, plan_id, PERIOD, shortcomings="")
        with pytest.raises(UserError, match="thiếu phần “tồn tại, hạn chế và nguyên nhân”"):
            signoff.sign_off(store.db, plan_id, PERIOD, signer="Thái Văn Ngự")
        drafts.save_draft(store.db, plan_id, PERIOD, shortcomings="Không có.")
        # a signer not in the settings, with the position given on the command line
        result = signoff.sign_off(store.db, plan_id, PERIOD, signer="Lê Văn A", position="Phó Chủ tịch")
        assert (result.record.signer_position, result.record.signer_authority) == ("PHÓ CHỦ TỊCH", "KT. CHỦ TỊCH")
        with pytest.raises(UserError, match="chưa chốt"):
            signoff.open_correction(store.db, plan_id, "2025-H1", "Sai")
        assert signoff.is_period_locked(store.db, plan_id, PERIOD)
        item = find_item(store.db, plan_id, "TC 1.1")
        with pytest.raises(UserError, match="đã chốt"):
            progress_ops.set_progress(store, item, PERIOD, status="failed")
        assert get_progress(store.db, item, PERIOD).status == "done"


def test_tampered_snapshot_is_refused(office, tmp_path):
    db_path, plan_id = office
    from parcdesk.db.store import open_store

    with open_store(db_path) as store:
        signoff.sign_off(store.db, plan_id, PERIOD, signer="Thái Văn Ngự")
        snapshot = store.db.execute("SELECT snapshot FROM signed_reports").fetchone()[0]
        store.db.execute("UPDATE signed_reports SET snapshot = ?", [snapshot.replace("97.5", "100.0")])
        with pytest.raises(UserError, match="không còn khớp mã xác thực"):
            signoff.report_to_export(store.db, plan_id, PERIOD)


def test_plan_export_cli(run, office, tmp_path):
    db, plan_id = office
    code, out, err = run("--db", db, "plan", "export", "--plan", plan_id, "--pdf", tmp_path / "kh.pdf",
                         "--xlsx", tmp_path / "kh.xlsx", "--json")
    assert code == 0, err
    assert PdfReader(tmp_path / "kh.pdf").pages and load_workbook(tmp_path / "kh.xlsx").active.max_row > 60
    code, _, err = run("--db", db, "plan", "export", "--plan", plan_id)
    assert code == 2 and "--pdf" in err
    code, _, err = run("--db", db, "report", "export", "--plan", 99, "--period", PERIOD, "--pdf", tmp_path / "x.pdf")
    assert code == 2 and "Không có kế hoạch số 99." in err


def test_export_to_a_folder_that_cannot_be_written(run, office, tmp_path):
    db, plan_id = office
    blocker = tmp_path / "tep"
    blocker.write_text("x")
    code, _, err = run("--db", db, "report", "export", "--plan", plan_id, "--period", PERIOD,
                       "--pdf", blocker / "bao-cao.pdf")
    assert code == 2 and "Không ghi được tệp" in err and err.count("\n") == 1


def test_draft_export_is_marked_as_draft(run, office, tmp_path):
    db, plan_id = office
    code, out, _ = run("--db", db, "report", "export", "--plan", plan_id, "--period", PERIOD, "--pdf", tmp_path / "d.pdf")
    assert code == 0 and "bản dự thảo" in out
    assert "Dự thảo" in PdfReader(io.BytesIO((tmp_path / "d.pdf").read_bytes())).pages[0].extract_text()
