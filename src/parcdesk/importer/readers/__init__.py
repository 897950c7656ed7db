"""Readers: a file in, its candidate appendices out as `RawTable`s (see `raw.py`).

`read_tables` decides the format from the file's bytes (`safety.sniff`), never from its
extension, so a workbook saved as ".doc" or a picture renamed ".xlsx" is told apart.
"""

from __future__ import annotations

from pathlib import Path

from parcdesk.importer import safety
from parcdesk.importer.raw import RawTable


def read_tables(path: Path) -> tuple[str, list[RawTable]]:
    """(format, tables) of a file; a UserError naming the file when it cannot be read."""
    kind = safety.sniff(path)
    if kind == "xlsx":
        from parcdesk.importer.readers.xlsx import read_xlsx

        return kind, read_xlsx(path)
    if kind == "docx":
        from parcdesk.importer.readers.docx import read_docx

        return kind, read_docx(path)
    from parcdesk.importer.readers.xls import read_xls

    return kind, read_xls(path)
