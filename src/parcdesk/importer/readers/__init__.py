"""Readers: a file in, its candidate appendices out as `RawTable`s (see `raw.py`).

`read_tables` decides the format from the file's bytes (`safety.sniff`), never from its
extension, so a workbook saved as ".doc" or a picture renamed ".xlsx" is told apart.
"""

from __future__ import annotations

import warnings
from pathlib import Path

from parcdesk.importer import safety
from parcdesk.importer.raw import RawTable


def read_tables(path: Path) -> tuple[str, list[RawTable]]:
    """(format, tables) of a file; a UserError naming the file when it cannot be read.

    The libraries' own warnings ("Workbook contains no default style", "Data Validation
    extension is not supported" …) say nothing the officer can act on: they are silenced.
    """
    kind = safety.sniff(path)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return kind, _read(kind, path)


def _read(kind: str, path: Path) -> list[RawTable]:
    if kind == "xlsx":
        from parcdesk.importer.readers.xlsx import read_xlsx

        return read_xlsx(path)
    if kind == "docx":
        from parcdesk.importer.readers.docx import read_docx

        return read_docx(path)
    from parcdesk.importer.readers.xls import read_xls

    return read_xls(path)
