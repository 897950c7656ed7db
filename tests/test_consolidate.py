"""Issue 14's check: twelve communes' files, made with the command line, consolidated at the province.

Each commune: its own data file, a plan from the template or imported from a sample, its own
progress, signed off and exported. Into the received folder: one Excel file altered by hand,
one PDF swapped for another commune's, one unrelated spreadsheet, one commune missing, one
sending a corrected version. `consolidate` must accept exactly the sound files, refuse the
others with their reasons, list the missing commune, keep the corrected version, and add up
to the sums of the accepted communes' own `overview --json`. `report verify`, with no data
file, accepts each sound file and rejects each altered one; the evidence ZIP's manifest
hashes match its files.
"""

import hashlib
import io
import json
import shutil
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

SAMPLES = Path(__file__).resolve().parents[1] / ".." / "shared" / "samples"
PERIOD = "2026-Q1"
STATUSES = ("done", "in_progress", "not_started", "done_late", "failed", "not_applicable", "done")
SECTIONS = ["--results", "Đã triển khai kế hoạch.", "--shortcomings", "Còn chậm.", "--next-tasks",
            "Tiếp tục thực hiện.", "--proposals", "Không có."]
# (unit, plan source, report date): the late ones dated after the 15/03 deadline
COMMUNES = [
    ("UBND xã Ia Hrú", "par-xa", "05/03/2026"),
    ("UBND xã Ia Krái", "par-xa", "06/03/2026"),
    ("UBND xã Ia Dêr", "par-xa", "07/03/2026"),      # its Excel file altered by hand
    ("UBND xã Ia Sao", "par-xa", "08/03/2026"),      # its PDF swapped for the next one's
    ("UBND phường Đông Hà", "par-xa", "09/03/2026"),
    ("UBND xã Ia Tô", "par-xa", "10/03/2026"),       # sends a corrected version
    ("UBND xã Ia Bă", "ia-kha-2023.xlsx", "11/03/2026"),  # renamed: on the list under a new name
    ("UBND xã Ia Yok", "nguyen-nghiem-2024.xlsx", "12/03/2026"),
    ("UBND xã Ia O", "quang-trung-2023.xlsx", "18/03/2026"),  # late
    ("UBND phường Tây Sơn", "par-xa", "20/03/2026"),           # late
    ("UBND xã Ia Grai", "ia-kha-2023.docx", "13/03/2026"),
    ("UBND xã Chư Păh", "par-xa", "14/03/2026"),     # never sends
]
ALTERED, SWAPPED, SWAP_SOURCE, CORRECTED, RENAMED, MISSING = 2, 3, 4, 5, 6, 11


def _items(node_list):
    for node in node_list:
        yield node
        yield from _items(node["children"])


def _make_commune(run, folder: Path, index: int) -> dict:
    unit, source, when = COMMUNES[index]
    db = folder / f"xa-{index:02d}.sqlite"
    ok = lambda *args: _ok(run, "--db", db, *args)  # noqa: E731
    ok("init", "--unit", unit, "--kind", "phường" if "phường" in unit else "xã", "--superior", "UBND tỉnh Gia Lai",
       "--place", unit.split(" ", 2)[-1], "--signer", f"Chủ tịch {index}", "--position", "CHỦ TỊCH")
    if source == "par-xa":
        plan = json.loads(ok("plan", "new", "--year", "2026", "--template", "par-xa", "--json"))["id"]
    else:
        plan = json.loads(ok("plan", "import", SAMPLES / source, "--year", "2026", "--json"))["plan"]
    tree = json.loads(ok("plan", "show", "--plan", plan, "--json"))["items"]
    tracked = [item for item in _items(tree) if item["level"] != "area" and not item["children"]]
    for number, item in enumerate(tracked[: 6 + index]):
        status = STATUSES[(number + index) % len(STATUSES)]
        args = ["progress", "set", "--plan", plan, "--item", f"#{item['id']}", "--period", PERIOD, "--status", status]
        if item["target"] and item["target"].get("comparator") and status != "not_applicable":
            args += ["--value", str(88 + (number * 7 + index) % 12)]
        ok(*args)
    ok("report", "edit", "--plan", plan, "--period", PERIOD, "--date", when, *SECTIONS)
    return {"unit": unit, "db": db, "plan": plan, "date": when, "first": tracked[0]["id"], "signer": f"Chủ tịch {index}"}


def _ok(run, *args) -> str:
    code, out, err = run(*args)
    assert code == 0, (args, err)
    return out


def _sign_and_export(run, commune: dict, out: Path, reason: str | None = None) -> dict:
    args = ["--db", commune["db"], "report", "signoff", "--plan", commune["plan"], "--period", PERIOD,
            "--signer", commune["signer"], "--json"]
    if reason:
        args += ["--reason", reason]
    signed = json.loads(_ok(run, *args))
    files = json.loads(_ok(run, "--db", commune["db"], "report", "export", "--plan", commune["plan"], "--period", PERIOD,
                           "--pdf", out / f"{commune['db'].stem}-v{signed['version']}.pdf",
                           "--xlsx", out / f"{commune['db'].stem}-v{signed['version']}.xlsx", "--json"))
    return {"pdf": Path(files["pdf"]), "xlsx": Path(files["xlsx"])}


@pytest.fixture(scope="module")
def province(tmp_path_factory):
    from parcdesk.cli.main import main

    def run(*args):
        import contextlib

        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main([str(a) for a in args])
        return code, out.getvalue(), err.getvalue()

    root = tmp_path_factory.mktemp("tinh")
    offices, sent = root / "xa", root / "nhan"
    offices.mkdir()
    sent.mkdir()
    communes = [_make_commune(run, offices, i) for i in range(len(COMMUNES))]
    files = [_sign_and_export(run, c, offices) for c in communes]
    # the corrected version: reopened, one figure changed, signed again; both versions sent
    corrected = communes[CORRECTED]
    _ok(run, "--db", corrected["db"], "report", "correct", "--plan", corrected["plan"], "--period", PERIOD,
        "--reason", "Sai tình trạng mục đầu")
    _ok(run, "--db", corrected["db"], "progress", "set", "--plan", corrected["plan"], "--item", f"#{corrected['first']}",
        "--period", PERIOD, "--status", "done")
    second = _sign_and_export(run, corrected, offices, reason="Sai tình trạng mục đầu")
    # what arrives at the province
    for index, pair in enumerate(files):
        if index != MISSING:
            for path in pair.values():
                shutil.copy(path, sent / path.name)
    for path in second.values():
        shutil.copy(path, sent / path.name)
    altered = sent / files[ALTERED]["xlsx"].name
    workbook = load_workbook(altered)
    sheet = workbook["Dữ liệu"]
    header = [c.value for c in sheet[1]]
    status_column = header.index("status") if "status" in header else 10
    for row in sheet.iter_rows(min_row=2):
        if row[status_column].value and row[status_column].value != "done":
            row[status_column].value = "done"  # a figure improved by hand
            break
    workbook.save(altered)
    swapped = sent / files[SWAPPED]["pdf"].name
    swapped.write_bytes(files[SWAP_SOURCE]["pdf"].read_bytes())
    unrelated = Workbook()
    unrelated.active.append(["Họ tên", "Chức vụ"])
    unrelated.active.append(["Nguyễn Văn A", "Công chức"])
    unrelated.save(sent / "danh-sach-can-bo.xlsx")
    expected = root / "don-vi.txt"
    lines = [c["unit"] for i, c in enumerate(communes) if i != RENAMED]
    lines.append(f"UBND xã Ia Bă Mới; {communes[RENAMED]['unit']}")  # renamed since: the old name as an alias
    expected.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, err = run("consolidate", "--period", PERIOD, "--expected", expected, "--deadline", "15/03/2026",
                         "--xlsx", root / "tong-hop.xlsx", "--pdf", root / "tong-hop.pdf", "--json", sent)
    assert code == 0, err
    return {"run": run, "root": root, "sent": sent, "communes": communes, "files": files, "second": second,
            "altered": altered, "swapped": swapped, "result": json.loads(out)}


def test_consolidate_accepts_the_sound_files_and_refuses_the_rest(province):
    result, sent = province["result"], province["sent"]
    refused = {entry["file"]: entry["reason"] for entry in result["refused"]}
    assert set(refused) == {province["altered"].name, province["swapped"].name, "danh-sach-can-bo.xlsx"}
    assert refused[province["altered"].name].startswith("Đã bị sửa") and "Dữ liệu!" in refused[province["altered"].name]
    assert "Không phải bản PDF" in refused[province["swapped"].name]
    assert COMMUNES[SWAP_SOURCE][0] in refused[province["swapped"].name]
    assert "Không phải báo cáo ParcDesk" in refused["danh-sach-can-bo.xlsx"]
    accepted = {entry["file"] for entry in result["accepted_files"]}
    everything = {p.name for p in sent.iterdir()}
    replaced = {entry["file"] for entry in result["replaced"]}
    assert accepted == everything - set(refused) - replaced
    # the corrected version replaces the first one, both kept
    first_excel = province["files"][CORRECTED]["xlsx"].name
    assert replaced == {first_excel}
    by_unit = {u["name"]: u for u in result["units"]}
    assert by_unit[COMMUNES[CORRECTED][0]]["version"] == 2
    # the missing commune is named; the renamed one is found under its new name
    assert result["missing"] == [COMMUNES[MISSING][0]]
    assert by_unit["UBND xã Ia Bă Mới"]["sent"] is True
    # late against the deadline
    late = {u["name"] for u in result["units"] if u["on_time"] is False}
    assert late == {COMMUNES[8][0], COMMUNES[9][0]}
    assert result["totals"]["units_sent"] == 11 and result["totals"]["units_missing"] == 1


def test_totals_equal_the_sum_of_each_communes_own_overview(province):
    run, result = province["run"], province["result"]
    sums = dict.fromkeys(("done", "in_progress", "late", "not_started", "failed", "not_applicable", "tracked"), 0)
    for index, commune in enumerate(province["communes"]):
        if index == MISSING:
            continue
        code, out, err = run("--db", commune["db"], "overview", "--plan", commune["plan"], "--period", PERIOD,
                             "--date", commune["date"], "--json")
        assert code == 0, err
        figures = json.loads(out)
        for bucket, count in figures["buckets"].items():
            sums[bucket] += count
        sums["tracked"] += figures["tracked"]
    totals = result["totals"]
    assert {k: totals[k] for k in sums if k != "tracked"} == {k: v for k, v in sums.items() if k != "tracked"}
    assert totals["total"] == sums["tracked"]
    # the per-code view adds up over the units that have the code
    code = next(c for c in result["codes"] if c["code"] == "TC 1.1")
    assert sum(code["units"].values()) >= 7


def test_verify_with_no_data_file(province):
    run, sent, root = province["run"], province["sent"], province["root"]
    nowhere = root / "khong-co.sqlite"
    for path in sorted(sent.iterdir()):
        code, out, _ = run("--db", nowhere, "report", "verify", path)
        if path in (province["altered"],):
            assert code == 1 and out.startswith("Đã bị sửa") and "Dữ liệu!" in out
        elif path.name == "danh-sach-can-bo.xlsx":
            assert code == 1 and "không mang phần xác thực" in out
        else:  # the swapped PDF is a sound file by itself: another commune's report
            assert code == 0 and out.startswith("Khớp:"), (path.name, out)
    assert not nowhere.exists()
    swapped_pair = province["files"][SWAPPED]
    code, out, _ = run("report", "verify", "--pdf", province["swapped"], "--xlsx", sent / swapped_pair["xlsx"].name)
    assert code == 1 and out.startswith("Không cùng một báo cáo")
    good = province["files"][0]
    code, out, _ = run("report", "verify", "--pdf", good["pdf"], "--xlsx", good["xlsx"], "--json")
    assert code == 0 and json.loads(out)["status"] == "match"


def test_the_consolidated_files_read_back(province):
    root, result = province["root"], province["result"]
    workbook = load_workbook(root / "tong-hop.xlsx", read_only=True)
    assert workbook.sheetnames == ["Đơn vị", "Lĩnh vực", "Tiêu chí", "Chỉ tiêu", "Đơn vị × mục", "Tệp đã nhận"]
    units = [row for row in workbook["Đơn vị"].iter_rows(min_row=4, values_only=True) if row[1]]
    assert len(units) == 12
    missing = [row[1] for row in units if row[2] == "Chưa gửi"]
    assert missing == result["missing"]
    matrix_head = next(workbook["Đơn vị × mục"].iter_rows(min_row=3, max_row=3, values_only=True))
    assert list(matrix_head[2:14]) == [u["name"] for u in result["units"]]
    pdf = (root / "tong-hop.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000


def test_evidence_pack_manifest_hashes_match_its_files(province, tmp_path):
    run = province["run"]
    commune = province["communes"][0]
    scan = tmp_path / "Thông báo 05.pdf"
    scan.write_bytes(b"%PDF-1.4 scanned notice")
    _ok(run, "--db", commune["db"], "evidence", "add", "--plan", commune["plan"], "--item", f"#{commune['first']}",
        "--period", "2026-H1", "--number", "05/TB-UBND", "--date", "19/01/2026", "--summary", "Thông báo kết quả",
        "--file", scan)
    _ok(run, "--db", commune["db"], "report", "export", "--plan", commune["plan"], "--period", "2026-H1",
        "--evidence", tmp_path / "ho-so.zip")
    archive = zipfile.ZipFile(tmp_path / "ho-so.zip")
    manifest = json.loads(archive.read("danh-muc-tai-lieu.json"))
    listed = [entry for entry in manifest["files"] if entry["file"]]
    assert listed and listed[0]["file"].endswith("/01-05-TB-UBND-19-01-2026.pdf")
    for entry in listed:
        assert hashlib.sha256(archive.read(entry["file"])).hexdigest() == entry["sha256"]
    assert archive.read("danh-muc-tai-lieu.csv").startswith("\ufeff".encode("utf-8"))
    # a draft pack verifies as a draft, and a swapped file inside is caught
    code, out, _ = run("--db", tmp_path / "none.sqlite", "report", "verify", tmp_path / "ho-so.zip")
    assert code == 1 and "dự thảo" in out
    with zipfile.ZipFile(tmp_path / "sua.zip", "w") as changed:
        for info in archive.infolist():
            data = b"%PDF-1.4 another file" if info.filename == listed[0]["file"] else archive.read(info.filename)
            changed.writestr(info.filename, data)
    code, out, _ = run("--db", tmp_path / "none.sqlite", "report", "verify", tmp_path / "sua.zip")
    assert code == 1 and "không khớp mã SHA-256" in out


def test_areas_are_matched_by_what_they_are_not_by_their_numeral(province):
    """Quang Trung's "I" is thể chế and its "VII" chỉ đạo điều hành; Nguyễn Nghiêm's plan is on TTHC
    alone: each area is counted under the PAR INDEX area it is about, the rest per unit under "Khác"."""
    from parcdesk.consolidate.par_areas import OTHER_TITLE, area_of, area_titles

    areas = {a["key"]: a for a in province["result"]["areas"]}
    index = [key for key in areas if "|" not in key]
    assert index == ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"]
    assert [areas[k]["title"] for k in index] == list(area_titles())
    sent = province["result"]["totals"]["units_sent"]
    # every plan but the TTHC-only one has chỉ đạo điều hành and thể chế; every plan has TTHC work
    assert areas["I"]["units"] == sent - 1 and areas["II"]["units"] == sent - 1
    assert areas["III"]["units"] == sent
    assert areas["VIII"]["units"] == sent - 2  # neither Quang Trung's nor Nguyễn Nghiêm's plan has it
    others = [a for a in province["result"]["areas"] if "|" in a["key"]]
    assert [a["key"] for a in others] == [f"Khác|{COMMUNES[7][0]}"]
    assert others[0]["title"].startswith(f"{OTHER_TITLE} – {COMMUNES[7][0]}: ") and "thông tin, báo cáo" in others[0]["title"]
    # the titles of the template and the samples, one by one
    assert area_of("CÁC NHIỆM VỤ TRỌNG TÂM VỀ CẢI CÁCH THỂ CHẾ NĂM 2026") == 2
    assert area_of("CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH, TUYÊN TRUYỀN VỀ CẢI CÁCH HÀNH CHÍNH") == 1
    assert area_of("Thực hiện TTHC trên môi trường điện tử") == 3
    assert area_of("XÂY DỰNG VÀ PHÁT TRIỂN CHÍNH QUYỀN ĐIỆN TỬ") == 7
    assert [area_of(t) for t in area_titles()] == list(range(1, 9))
    assert area_of("Công tác thông tin, báo cáo") is None
    assert area_of("Nhiệm vụ khác", ["TCTP 3.4.2", "TCTP 3.1", "TC 6.1"]) == 3  # the codes decide


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(str(path)).pages)


def test_a_second_book_remembers_the_body_names_units_as_their_reports_do_and_tells_refused_from_missing(
        province, tmp_path):
    """Ia Dêr sent only its altered Excel file; Chư Păh nothing; Ia Hrú a sound pair, typed on the list
    as "ubnd xa ia hru"; Ia Krái its evidence pack; a Word file and two copies of one file in two
    subfolders come along."""
    from datetime import datetime

    run, files = province["run"], province["files"]
    inbox = tmp_path / "nhan"
    (inbox / "a").mkdir(parents=True)
    (inbox / "b").mkdir()
    shutil.copy(province["altered"], inbox / province["altered"].name)
    for path in files[0].values():
        shutil.copy(path, inbox / "a" / path.name)
    shutil.copy(files[0]["xlsx"], inbox / "b" / files[0]["xlsx"].name)
    shutil.copy(SAMPLES / "quang-trung-2023.docx", inbox / "ke-hoach.docx")
    krai = province["communes"][1]
    _ok(run, "--db", krai["db"], "report", "export", "--plan", krai["plan"], "--period", PERIOD,
        "--evidence", inbox / "ho-so-ia-krai.zip")
    units = tmp_path / "don-vi.txt"
    units.write_text(f"ubnd xa ia hru\n{COMMUNES[1][0]}\n{COMMUNES[ALTERED][0]}\n{COMMUNES[MISSING][0]}\n",
                     encoding="utf-8")
    book = tmp_path / "tong-hop.sqlite"
    code, out, err = run("consolidate", "--tong-hop", book, "--period", PERIOD, "--expected", units,
                         "--deadline", "15/03/2026", "--issuer", "Sở Nội vụ", "--issuer-parent", "UBND tỉnh Gia Lai",
                         "--place", "Gia Lai", "--position", "Giám đốc", "--authority", "", "--signer", "Nguyễn Văn Bình",
                         "--recipient", "Như trên", "--recipient", "Bộ Nội vụ (để b/c)", inbox)
    assert code == 0, err
    # the text output says each file's outcome once
    assert "— Nhận:" not in out and f"Nhận a/{files[0]['xlsx'].name}: Báo cáo quý I năm 2026 của UBND xã Ia Hrú" in out
    assert f"TỪ CHỐI b/{files[0]['xlsx'].name}: Trùng" in out  # the same bare name, told apart by its folder
    assert "TỪ CHỐI ke-hoach.docx: Không phải báo cáo ParcDesk: tệp Word" in out
    assert "Nhận ho-so-ia-krai.zip: Bộ hồ sơ, đã kiểm tra đủ" in out
    # a second run on the same book, with no options: the body's details were kept
    code, out, err = run("consolidate", "--tong-hop", book, "--xlsx", tmp_path / "th.xlsx", "--pdf", tmp_path / "th.pdf",
                         "--json")
    assert code == 0, err
    result = json.loads(out)
    by_name = {u["name"]: u for u in result["units"]}
    assert list(by_name) == [COMMUNES[0][0], COMMUNES[1][0], COMMUNES[ALTERED][0], COMMUNES[MISSING][0]]
    assert by_name[COMMUNES[0][0]]["sent"] and by_name[COMMUNES[1][0]]["sent"]  # the pack counted
    assert result["missing"] == [COMMUNES[MISSING][0]]
    assert [u["unit"] for u in result["invalid"]] == [COMMUNES[ALTERED][0]]
    assert result["invalid"][0]["reason"].startswith("Đã bị sửa")
    kinds = {r["file"]: r["kind"] for r in result["refused"] + result["accepted_files"]}
    assert kinds["ke-hoach.docx"] == "Word" and kinds["ho-so-ia-krai.zip"] == "ZIP"
    workbook = load_workbook(tmp_path / "th.xlsx")
    sheet = workbook["Đơn vị"]
    rows = {row[1].value: row for row in sheet.iter_rows(min_row=4) if row[1].value}
    assert rows[COMMUNES[ALTERED][0]][2].value.startswith("Gửi tệp không hợp lệ (Đã bị sửa")
    assert rows[COMMUNES[MISSING][0]][2].value == "Chưa gửi"
    dated = rows[COMMUNES[0][0]][5]
    assert isinstance(dated.value, datetime) and dated.value.date().isoformat() == "2026-03-05"
    assert dated.number_format == "dd/mm/yyyy"
    received = [row for row in workbook["Tệp đã nhận"].iter_rows(min_row=4, values_only=True) if row[1]]
    altered_row = next(row for row in received if row[1] == province["altered"].name)
    assert altered_row[3] == COMMUNES[ALTERED][0] and altered_row[4] == "Từ chối"
    text = _pdf_text(tmp_path / "th.pdf")
    assert "UBND TỈNH GIA LAI SỞ NỘI VỤ CỘNG HÒA" in text and "Gia Lai, ngày" in text
    assert "Kính gửi: UBND tỉnh Gia Lai." in text
    assert f"gửi tệp không hợp lệ (chưa được tiếp nhận, cần gửi lại): {COMMUNES[ALTERED][0]} (Đã bị sửa" in text
    assert f"Các đơn vị chưa gửi báo cáo: {COMMUNES[MISSING][0]}." in text
    assert "Nơi nhận: - Như trên; - Bộ Nội vụ (để b/c); - Lưu: VT, VP." in text
    assert "GIÁM ĐỐC" in text and "Nguyễn Văn Bình" in text


def test_the_signature_block_is_left_for_hand_signing_when_no_signer_is_set(province, tmp_path):
    code, _, err = province["run"]("consolidate", "--period", PERIOD, "--pdf", tmp_path / "th.pdf",
                                   province["files"][0]["xlsx"])
    assert code == 0, err
    text = _pdf_text(tmp_path / "th.pdf")
    assert "Nơi nhận: - UBND các xã, phường; - Lưu: VT, CCHC." in text and "……………………………" in text
