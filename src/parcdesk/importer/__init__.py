"""Importing plan appendices from the files an office receives (.xlsx, .xls, .docx).

    preview = analyse(path)                 # read, understand; nothing written
    summary = apply(db, preview, year=2025) # one transaction: all or nothing

See `plan_import` for the API and the decisions (several appendices, levels, merging),
`readers/` for the formats, `safety` for what is refused and why.
"""

from parcdesk.importer.header import FIELD_LABELS, FIELDS
from parcdesk.importer.plan_import import Appendix, ImportPreview, analyse, apply, unknown_agencies

__all__ = ["FIELDS", "FIELD_LABELS", "Appendix", "ImportPreview", "analyse", "apply", "unknown_agencies"]
