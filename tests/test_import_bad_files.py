"""Files that must not be imported: one Vietnamese sentence naming the file, exit 2, the data file untouched."""

import hashlib
import io
import json
import re
import sqlite3
import struct
import warnings
import zipfile

import openpyxl
import pytest

from helpers import new_office
from import_builders import CONTENT_TYPES, RELS, W_NS, paragraph, table, write_docx, write_xlsx
from officer_text import assert_officer_sentence
from parcdesk.cli.main import main
from parcdesk.errors import UserError
from parcdesk.importer import analyse, apply, plan_import
from parcdesk.importer import safety

INIT = ["init", "--unit", "UBND thị trấn Ia Kha", "--kind", "thị trấn"]
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
GOOD_ROWS = [["STT", "Nội dung công việc", "Cơ quan chủ trì", "Thời gian thực hiện"],
             [1, "Rà soát thủ tục hành chính", "Văn phòng - Thống kê", "Quý I"]]
LAUGHS = ('<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">'
          '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;">]>')


def _empty(path):
    path.write_bytes(b"")


def _renamed_png(path):
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(200))


def _encrypted(path):
    # what Excel writes for a workbook with a password: an OLE compound file holding the
    # encrypted package, whatever the extension says
    path.write_bytes(OLE + bytes(504) + "EncryptedInfo".encode("utf-16-le") + bytes(50)
                     + "EncryptedPackage".encode("utf-16-le") + bytes(1000))


def _legacy_doc(path):
    path.write_bytes(OLE + bytes(504) + "WordDocument".encode("utf-16-le") + bytes(1000))


def _text(path):
    path.write_text("STT;Nội dung\n1;Rà soát\n", encoding="utf-8")


def _truncated(path):
    buffer = path.with_name("whole.xlsx")
    write_xlsx(buffer, GOOD_ROWS * 50)
    path.write_bytes(buffer.read_bytes()[: buffer.stat().st_size // 2])


def _zip_bomb(path):
    # a real workbook whose sheet inflates to 60 MB of nothing from about 60 KB
    write_xlsx(path.with_name("seed.xlsx"), GOOD_ROWS)
    with zipfile.ZipFile(path.with_name("seed.xlsx")) as seed, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in seed.infolist():
            if info.filename == "xl/worksheets/sheet1.xml":
                with out.open(info.filename, "w") as member:
                    member.write(b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                                 b"<sheetData>")
                    chunk = b" " * (1 << 20)
                    for _ in range(60):
                        member.write(chunk)
                    member.write(b"</sheetData></worksheet>")
            else:
                out.writestr(info, seed.read(info))


def _many_rows(path):
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Phu luc")
    sheet.append(["STT", "Nội dung công việc"])
    for n in range(1, 100_001):
        sheet.append([n])  # one cell a row is enough to count, and keeps the test quick
    workbook.save(path)


def _formulas(path):
    rows = [GOOD_ROWS[0]] + [[n, f'=CONCATENATE("Nhiệm vụ ", A{n + 1})', "=C1", "Quý I"] for n in range(1, 6)]
    write_xlsx(path, rows)


def _no_header(path):
    write_xlsx(path, [["Tổng hợp"], ["abc", 1, 2], ["xyz", 3, 4], [None, "ghi chép", 5]])


def _docx_without_table(path):
    write_docx(path, [paragraph("Kế hoạch cải cách hành chính năm 2025"), paragraph("Căn cứ …")])


def _laughs_docx(path):
    write_docx(path, [], document_xml=LAUGHS + f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&lol4;'
                                               f"</w:t></w:r></w:p></w:body></w:document>")


def _laughs_docx_deep(path):
    # the declaration pushed past the archive check's first 4 KB: defusedxml refuses it
    padding = "<!--" + "x" * 6000 + "-->"
    xml = LAUGHS.replace("<!DOCTYPE", padding + "<!DOCTYPE")
    write_docx(path, [], document_xml=xml + f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&lol4;'
                                            f"</w:t></w:r></w:p></w:body></w:document>")


def _laughs_sheet(path):
    # the same in a sheet, read by the importer's own XML handler
    write_xlsx(path.with_name("seed2.xlsx"), GOOD_ROWS)
    padding = "<!--" + "x" * 6000 + "-->"
    sheet = (LAUGHS.replace("<!DOCTYPE", padding + "<!DOCTYPE")
             + '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
               '<row r="1"><c r="A1" t="inlineStr"><is><t>&lol4;</t></is></c></row></sheetData></worksheet>')
    with zipfile.ZipFile(path.with_name("seed2.xlsx")) as seed, zipfile.ZipFile(path, "w") as out:
        for info in seed.infolist():
            data = sheet.encode() if info.filename == "xl/worksheets/sheet1.xml" else seed.read(info)
            out.writestr(info.filename, data)


def _html_as_xls(path):
    path.write_text("<html><body><table><tr><td>STT</td><td>Nội dung</td></tr></table></body></html>",
                    encoding="utf-8")


def _odt(path):
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")


def _good(path, docx=False):
    seed = path.with_name("seed-" + path.name)
    if docx:
        return write_docx(seed, [paragraph("Phụ lục"), table([[str(c) for c in row] for row in GOOD_ROWS * 20])]).read_bytes()
    return write_xlsx(seed, GOOD_ROWS * 20).read_bytes()


def _member_data_at(data: bytes, name: str) -> tuple[int, int]:
    """(offset, length) of a member's compressed bytes in the archive."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        info = archive.getinfo(name)
    name_length, extra_length = struct.unpack("<HH", data[info.header_offset + 26:info.header_offset + 30])
    return info.header_offset + 30 + name_length + extra_length, info.compress_size


def _bad_deflate(name):
    def make(path):
        data = bytearray(_good(path, docx=name.startswith("word/")))
        start, _length = _member_data_at(bytes(data), name)
        data[start] = 0xFF  # the first block's type is 3, which does not exist: zlib.error
        path.write_bytes(bytes(data))
    return make


def _wrong_crc(path):
    data = bytearray(_good(path))
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    data[info.header_offset + 14:info.header_offset + 18] = b"\x00\x00\x00\x00"
    central = bytes(data).find(b"PK\x01\x02")
    while central >= 0:
        length = struct.unpack("<H", data[central + 28:central + 30])[0]
        if bytes(data[central + 46:central + 46 + length]) == b"xl/worksheets/sheet1.xml":
            data[central + 16:central + 20] = b"\x00\x00\x00\x00"
        central = bytes(data).find(b"PK\x01\x02", central + 4)
    path.write_bytes(bytes(data))


def _doubled_member(path):
    # the workbook part twice, the second copy broken: which one a reader takes is its business
    with zipfile.ZipFile(io.BytesIO(_good(path))) as seed, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Duplicate name"
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
            for info in seed.infolist():
                out.writestr(info.filename, seed.read(info))
                if info.filename == "xl/workbook.xml":
                    out.writestr(info.filename, seed.read(info)[:-40])


def _directory_offset_past_members(path):
    # the end record says the directory starts 100 KB later than it does: members' offsets
    # come out negative and a seek fails with EINVAL, once said as "(Invalid argument)"
    data = bytearray(_good(path))
    end = bytes(data).rfind(b"PK\x05\x06")
    offset = struct.unpack("<I", data[end + 16:end + 20])[0]
    data[end + 16:end + 20] = struct.pack("<I", offset + 100_000)
    path.write_bytes(bytes(data))


def _member_claims_4gb(path):
    # zipfile would first allocate a buffer of the declared compressed size
    data = bytearray(_good(path))
    central = bytes(data).find(b"PK\x01\x02")
    data[central + 20:central + 24] = struct.pack("<I", 2**32 - 1)
    path.write_bytes(bytes(data))


def _no_named_styles(path):
    # openpyxl prints "0 is out of range" on stdout before it fails: stdout must stay empty
    with zipfile.ZipFile(io.BytesIO(_good(path))) as seed, zipfile.ZipFile(path, "w") as out:
        for info in seed.infolist():
            data = seed.read(info)
            if info.filename == "xl/styles.xml":
                data = re.sub(rb"<cellStyleXfs.*?</cellStyleXfs>", b'<cellStyleXfs count="0"/>', data)
            out.writestr(info.filename, data)


CORPUS = [
    ("trong.xlsx", _empty, "trống"),
    ("anh-doi-ten.xlsx", _renamed_png, "ảnh PNG"),
    ("mat-khau.xlsx", _encrypted, "mật khẩu"),
    ("cu.doc", _legacy_doc, "Word 97-2003"),
    ("ghi-chu.xlsx", _text, "không phải là bảng tính"),
    ("hong.xlsx", _truncated, "bị hỏng"),
    ("bom.xlsx", _zip_bomb, "giải ra quá lớn"),
    ("100000-dong.xlsx", _many_rows, "hơn 20.000 dòng"),
    ("cong-thuc.xlsx", _formulas, "công thức"),
    ("khong-tieu-de.xlsx", _no_header, "không tìm thấy bảng phụ lục"),
    ("khong-bang.docx", _docx_without_table, "không có bảng nào"),
    ("lol.docx", _laughs_docx, "khai báo XML"),
    ("lol-sau.docx", _laughs_docx_deep, "khai báo XML"),
    ("lol.xlsx", _laughs_sheet, "khai báo XML"),
    ("trang-web.xls", _html_as_xls, "HTML"),
    ("bang.ods", _odt, "OpenDocument"),
    # issue 11's damaged files, one of each kind that once ended in a bug or in English
    ("nen-hong.xlsx", _bad_deflate("xl/worksheets/sheet1.xml"), "bị hỏng"),
    ("nen-hong.docx", _bad_deflate("word/document.xml"), "bị hỏng"),
    ("crc-sai.xlsx", _wrong_crc, "bị hỏng"),
    ("hai-ban.xlsx", _doubled_member, "bị hỏng"),
    ("muc-luc-lech.xlsx", _directory_offset_past_members, "bị hỏng"),
    ("4gb.xlsx", _member_claims_4gb, "ghi sai kích thước"),
    ("kieu-rong.xlsx", _no_named_styles, "bị hỏng"),
]


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def office_db(tmp_path, capsys):
    path = tmp_path / "office.sqlite"
    assert main(["--db", str(path), *INIT]) == 0
    # one plan already there, so "unchanged" covers existing rows too
    good = write_xlsx(tmp_path / "tot.xlsx", GOOD_ROWS)
    assert main(["--db", str(path), "plan", "import", str(good), "--year", "2025"]) == 0
    capsys.readouterr()
    return path


@pytest.mark.parametrize("name,make,reason", CORPUS, ids=[c[0] for c in CORPUS])
def test_bad_file_is_refused_and_nothing_changes(tmp_path, capsys, office_db, name, make, reason):
    bad = tmp_path / name
    make(bad)
    before = digest(office_db)
    code = main(["--db", str(office_db), "plan", "import", str(bad), "--year", "2025", "--json"])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    message = err.strip()
    assert "\n" not in message and message.endswith(".")
    assert message.startswith(f"Không nhập được tệp “{name}”: ") and reason in message, message
    assert_officer_sentence(message)
    assert digest(office_db) == before
    conn = sqlite3.connect(office_db)
    assert conn.execute("SELECT count(*) FROM plans").fetchone()[0] == 1
    conn.close()


def test_failure_while_writing_leaves_nothing(tmp_path, monkeypatch):
    store = new_office(tmp_path / "office.sqlite")
    preview = analyse(write_xlsx(tmp_path / "tot.xlsx", GOOD_ROWS * 3))
    counts = [store.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("plans", "items", "agencies")]
    real = plan_import.insert_drafts

    def half_then_fail(db, plan_id, drafts):
        real(db, plan_id, drafts[:1])
        raise UserError("Ổ đĩa đã đầy.")

    monkeypatch.setattr(plan_import, "insert_drafts", half_then_fail)
    with pytest.raises(UserError):
        apply(store.db, preview, year=2025)
    after = [store.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("plans", "items", "agencies")]
    assert after == counts
    store.close()


def test_dry_run_writes_nothing(tmp_path, capsys, office_db):
    good = write_xlsx(tmp_path / "tot2.xlsx", GOOD_ROWS + [[2, "Niêm yết", "Hội Nông dân", "Quý II"]])
    before = digest(office_db)
    assert main(["--db", str(office_db), "plan", "import", str(good), "--year", "2025", "--dry-run",
                 "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["plan"] is None and summary["dry_run"] is True
    assert summary["counts"]["task"] == 2 and summary["unknown_agencies"] == ["Hội Nông dân"]
    assert digest(office_db) == before


def test_limits_are_checked_before_reading(tmp_path, monkeypatch):
    path = write_xlsx(tmp_path / "lon.xlsx", GOOD_ROWS)
    monkeypatch.setattr(safety, "MAX_FILE_BYTES", 100)
    with pytest.raises(UserError, match="quá lớn"):
        analyse(path)
    monkeypatch.undo()
    many = tmp_path / "nhieu.xlsx"
    with zipfile.ZipFile(many, "w") as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", RELS)
        for n in range(safety.MAX_MEMBERS + 1):
            archive.writestr(f"x/{n}.bin", b"")
    with pytest.raises(UserError, match="quá nhiều thành phần"):
        analyse(many)

