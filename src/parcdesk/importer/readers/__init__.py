"""Readers: a file in, its candidate appendices out as `RawTable`s (see `raw.py`).

`read_tables` decides the format from the file's bytes (`safety.sniff`), never from its
extension, so a workbook saved as ".doc" or a picture renamed ".xlsx" is told apart.
"""

from __future__ import annotations

import contextlib
import io
import warnings
from pathlib import Path

from parcdesk.errors import Cancelled, UserError
from parcdesk.importer import safety
from parcdesk.importer.raw import RawTable


# Errors that no file can cause: a mistake in the program (or its packaging) wherever it shows.
# (Not SyntaxError: ElementTree's ParseError is one.)
_ALWAYS_BUGS = (NameError, ImportError)


def read_tables(path: Path) -> tuple[str, list[RawTable]]:
    """(format, tables) of a file; a UserError naming the file when it cannot be read.

    This is the line between the file's fault and ours. Everything inside it parses bytes
    the officer's file supplies — zip directories, deflate streams, XML, BIFF records —
    through zipfile, openpyxl, expat, ElementTree, xlrd and our own handlers of what they
    yield (cells, rows, styles, merges). A damaged file can make any of these fail in any
    way: zlib.error, ParseError, ExpatError, BadZipFile, EOFError, struct.error, KeyError,
    IndexError, ValueError, UnicodeDecodeError, AssertionError (xlrd), RecursionError,
    MemoryError, an OSError from a seek its directory sends astray. So whatever escapes
    here is the file's fault and becomes the refusal — one guard for every reader, rather
    than lists of exception types per reader that each damaged file extends. Past this
    line, the code (rows cleaned, headers found, the item tree built: `plan_import`)
    works on our own `RawTable`s, and a failure there is a bug and is shown as one. The
    readers still refuse specific cases themselves where they can say more (a password,
    an XML entity, too many rows); those UserErrors pass through unchanged.

    The libraries' own warnings ("Workbook contains no default style", "Data Validation
    extension is not supported" …) say nothing the officer can act on: they are silenced;
    so is what they print (openpyxl prints "0 is out of range" for a style index a damaged
    file gets wrong), which would land in the middle of the command line's JSON output.
    """
    kind = None
    try:
        kind = safety.sniff(path)
        with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()):
            warnings.simplefilter("ignore")
            return kind, _read(kind, path)
    except (UserError, Cancelled, *_ALWAYS_BUGS):
        raise
    except OSError as exc:
        raise safety.refuse(path, safety.os_reason(exc, kind)) from exc
    except (MemoryError, RecursionError) as exc:
        raise safety.refuse(path, "tệp quá lớn hoặc quá phức tạp để đọc (có thể tệp bị hỏng hoặc độc hại)") from exc
    except Exception as exc:  # noqa: BLE001 — the file's fault, see above
        raise safety.refuse(path, safety.damaged(kind)) from exc


def _read(kind: str, path: Path) -> list[RawTable]:
    if kind == "xlsx":
        from parcdesk.importer.readers.xlsx import read_xlsx

        return read_xlsx(path)
    if kind == "docx":
        from parcdesk.importer.readers.docx import read_docx

        return read_docx(path)
    from parcdesk.importer.readers.xls import read_xls

    return read_xls(path)
