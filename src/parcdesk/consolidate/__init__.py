"""Consolidation at the superior body: many communes' report files read, checked and added up.

A second mode of the same program, over its own consolidation file (db/consolidation.py); it
needs no commune's data file, only what each report file carries (report/proof.py)."""
