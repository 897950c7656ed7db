"""What a file is, and whether it is safe to open, decided from its bytes before any parser runs.

The officer's file may be anything: a renamed picture, a Word file saved as .xls, a
workbook with a password, a damaged download, or a crafted archive. Each is refused here
with one Vietnamese sentence naming the file and the reason, before openpyxl, xlrd or an
XML parser sees it. The extension is never trusted; the first bytes decide.

Limits (module constants, so a test or a future setting can change them):

- the file itself: at most 50 MB (an appendix is tens of kilobytes);
- an Office archive (.xlsx/.docx are zip files): at most 5,000 members, 200 MB
  uncompressed in all, 100 MB for one member, and no member over 5 MB that inflates more
  than 200 times its compressed size (a "zip bomb"; a real sheet compresses 5–20 times);
  no member larger, compressed, than the archive itself (a damaged directory: zipfile
  would first allocate a buffer of the size it declares, up to 4 GB).
  Python's zipfile never inflates a member past its declared size, so checking the
  declared sizes bounds what any later reader can be made to inflate;
- XML members must not declare a DOCTYPE or entities (XML "billion laughs" and external
  entities); the parsers are hardened as well (defusedxml), this is the first fence;
- a table: at most `MAX_ROWS` rows with content (`check_rows`), `MAX_COLUMNS` columns (cells
  further right are ignored: no appendix is that wide, and a crafted cell at column XFD
  must not make every row 16,384 cells long).
"""

from __future__ import annotations

import errno
import zipfile
from pathlib import Path

from parcdesk.errors import UserError

MB = 1024 * 1024
MAX_FILE_BYTES = 50 * MB
MAX_MEMBERS = 5000
MAX_UNCOMPRESSED = 200 * MB
MAX_MEMBER_BYTES = 100 * MB
MAX_RATIO = 200
RATIO_CHECK_FROM = 5 * MB
MAX_ROWS = 20_000
# Columns read from a sheet or a table; cells further right are not part of any appendix.
MAX_COLUMNS = 128
# Rows read, empty or not, before a sheet is judged too big (formatting down to row 1,048,576).
MAX_SCANNED_ROWS = 200_000

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_OLE_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
_OLE_WORKBOOK = ("Workbook".encode("utf-16-le"), "Book\x00".encode("utf-16-le"))
_OLE_WORD = "WordDocument".encode("utf-16-le")

# Not a spreadsheet or a document, but recognisable: name what it is.
_OTHER_KINDS = (
    (b"\x89PNG\r\n\x1a\n", "là một tệp ảnh PNG, không phải bảng tính Excel hay văn bản Word"),
    (b"\xff\xd8\xff", "là một tệp ảnh JPEG, không phải bảng tính Excel hay văn bản Word"),
    (b"GIF8", "là một tệp ảnh GIF, không phải bảng tính Excel hay văn bản Word"),
    (b"BM", "là một tệp ảnh BMP, không phải bảng tính Excel hay văn bản Word"),
    (b"%PDF", "là tệp PDF; hãy chuyển tệp sang Word (.docx) hoặc Excel (.xlsx) rồi nhập lại"),
    (b"Rar!", "là tệp nén RAR; hãy giải nén rồi chọn tệp Excel hoặc Word bên trong"),
    (b"7z\xbc\xaf\x27\x1c", "là tệp nén 7z; hãy giải nén rồi chọn tệp Excel hoặc Word bên trong"),
    (b"{\\rtf", "là văn bản RTF; hãy mở bằng Word và lưu lại dạng .docx"),
)


def number(n: int) -> str:
    """20000 → "20.000", as Vietnamese writes it."""
    return f"{n:,}".replace(",", ".")


def refuse(path: Path | str, reason: str) -> UserError:
    """The one sentence the officer reads: the file's name and why it cannot be imported."""
    return UserError(f"Không nhập được tệp “{Path(path).name}”: {reason}.")


_DAMAGED = {
    "xlsx": "tệp Excel bị hỏng, không đọc được nội dung",
    "docx": "văn bản Word bị hỏng, không đọc được nội dung",
    "xls": "tệp Excel 97-2003 bị hỏng, không đọc được nội dung",
}


def damaged(kind: str | None) -> str:
    """Why a file of this kind ("xlsx", "docx", "xls", or None before the kind is known) was not read."""
    return _DAMAGED.get(kind, "tệp bị hỏng (không mở được như một tệp Office)")


def os_reason(exc: OSError, kind: str | None = None) -> str:
    """An OSError met while reading the officer's file, said in Vietnamese (never its English strerror).

    Reading a damaged archive raises OSError too — EINVAL when its directory sends a seek
    before the file's start, no errno at all for openpyxl's "no valid workbook part" —
    and that is damage, not the disk's fault."""
    code = exc.errno
    if isinstance(exc, FileNotFoundError):
        return "không tìm thấy tệp (kiểm tra lại đường dẫn)"
    if isinstance(exc, IsADirectoryError):
        return "đây là một thư mục, không phải một tệp"
    if isinstance(exc, PermissionError) or code in (errno.EACCES, errno.EPERM):
        return "không có quyền đọc tệp"
    if code == errno.EIO:
        return "ổ đĩa báo lỗi khi đọc tệp (ổ đĩa hoặc USB có thể bị hỏng); hãy chép tệp vào máy rồi nhập lại"
    if code is None or code == errno.EINVAL:
        return damaged(kind)
    return f"không đọc được tệp (lỗi hệ thống số {code})"


def sniff(path: Path) -> str:
    """"xlsx", "docx" or "xls" from the file's bytes; a UserError for anything else."""
    try:
        if path.is_dir():
            raise refuse(path, "đây là một thư mục, không phải một tệp")
        size = path.stat().st_size
    except OSError as exc:
        raise refuse(path, os_reason(exc)) from None
    if size == 0:
        raise refuse(path, "tệp trống (0 byte)")
    if size > MAX_FILE_BYTES:
        raise refuse(path, f"tệp quá lớn ({size / MB:.0f} MB; một phụ lục kế hoạch chỉ vài trăm KB, "
                           f"tối đa {MAX_FILE_BYTES // MB} MB)")
    try:
        with open(path, "rb") as handle:
            head = handle.read(8)
    except OSError as exc:
        raise refuse(path, os_reason(exc)) from None
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _sniff_zip(path)
    if head.startswith(OLE_MAGIC):
        return _sniff_ole(path)
    for magic, reason in _OTHER_KINDS:
        if head.startswith(magic):
            raise refuse(path, reason)
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if lowered.startswith((b"<!doc", b"<html", b"<?xml", b"<tab", b"<met")):
        raise refuse(path, "là trang HTML/XML chứ không phải bảng tính thật; hãy mở bằng Excel và lưu lại dạng .xlsx")
    raise refuse(path, "không phải là bảng tính Excel (.xlsx, .xls) hay văn bản Word (.docx)")


def _sniff_ole(path: Path) -> str:
    data = path.read_bytes()
    if _OLE_ENCRYPTED in data:
        raise refuse(path, "tệp được đặt mật khẩu; hãy mở bằng Excel hoặc Word, gỡ mật khẩu, lưu lại rồi nhập lại")
    if _OLE_WORD in data:
        raise refuse(path, "là văn bản Word 97-2003 (.doc), chương trình chưa đọc được; "
                           "hãy mở bằng Word và lưu lại dạng .docx")
    if any(name in data for name in _OLE_WORKBOOK):
        return "xls"
    raise refuse(path, "không phải là bảng tính Excel (.xlsx, .xls) hay văn bản Word (.docx)")


def _sniff_zip(path: Path) -> str:
    # Whatever else reading the archive raises (zlib.error, a bad CRC…) is turned into the
    # refusal by the one guard around all reading, readers.read_tables.
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            check_archive(path, archive, infos)
            names = {info.filename for info in infos}
    except zipfile.BadZipFile:
        raise refuse(path, "tệp bị hỏng (không mở được như một tệp Office)") from None
    except (zipfile.LargeZipFile, NotImplementedError):
        raise refuse(path, "tệp bị hỏng hoặc được nén theo cách không hỗ trợ") from None
    if "xl/workbook.xml" in names or "xl/workbook.bin" in names:
        if "xl/workbook.bin" in names:
            raise refuse(path, "là bảng tính dạng nhị phân .xlsb; hãy mở bằng Excel và lưu lại dạng .xlsx")
        return "xlsx"
    if "word/document.xml" in names:
        return "docx"
    if "mimetype" in names and "content.xml" in names:
        raise refuse(path, "là tệp OpenDocument (.ods/.odt); hãy lưu lại dạng .xlsx hoặc .docx rồi nhập lại")
    raise refuse(path, "là tệp nén nhưng không phải bảng tính Excel (.xlsx) hay văn bản Word (.docx)")


def check_archive(path: Path, archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> None:
    """Refuse an archive that would inflate beyond the limits, or whose XML declares entities."""
    if len(infos) > MAX_MEMBERS:
        raise refuse(path, f"tệp nén chứa quá nhiều thành phần ({number(len(infos))}); "
                           "có thể tệp bị hỏng hoặc độc hại")
    total = 0
    size = path.stat().st_size
    for info in infos:
        # A member cannot be bigger, compressed, than the archive it is in: such a directory is
        # damaged, and zipfile would first allocate a buffer of the declared size (up to 4 GB).
        if info.compress_size > size or info.header_offset > size:
            raise refuse(path, "tệp bị hỏng (mục lục của tệp nén ghi sai kích thước)")
        if info.flag_bits & 0x1:
            raise refuse(path, "tệp được đặt mật khẩu; hãy gỡ mật khẩu, lưu lại rồi nhập lại")
        total += info.file_size
        bomb = (info.file_size > MAX_MEMBER_BYTES
                or (info.file_size > RATIO_CHECK_FROM and info.file_size > MAX_RATIO * max(info.compress_size, 1)))
        if bomb or total > MAX_UNCOMPRESSED:
            raise refuse(path, "tệp nén giải ra quá lớn so với kích thước của nó (có thể là tệp độc hại "
                               "hoặc bị hỏng)")
    for info in infos:
        if info.filename.endswith((".xml", ".rels", ".vml")) and info.file_size:
            with archive.open(info) as member:
                start = member.read(4096)
            if b"<!DOCTYPE" in start or b"<!ENTITY" in start:
                raise refuse(path, "tệp chứa khai báo XML không được phép (DOCTYPE/ENTITY), có thể là tệp độc hại")


def check_rows(path: Path, where: str, count: int) -> None:
    if count > MAX_ROWS:
        raise refuse(path, f"{where} có hơn {number(MAX_ROWS)} dòng, quá lớn cho một phụ lục kế hoạch; "
                           "hãy tách phần phụ lục ra một tệp riêng")
