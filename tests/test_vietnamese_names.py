"""An officer's PC: a user profile named in Vietnamese, files named in Vietnamese, local dates.

The program runs here as a separate process, as the officer starts it, so that its own start-up
meets the system as it is: under the Windows lane's second run (`make windows`) that is a
Vietnamese Windows, ANSI code page 1258 (which has no single character for most Vietnamese
letters, so any path that went through the "ANSI" functions would break), Vietnamese regional
settings and the time zone Asia/Ho_Chi_Minh; on Linux, whatever this machine's locale is.
"""

import json
import os
import sqlite3
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pytest

from parcdesk import paths
from parcdesk.report.content import format_short_date

PROFILE = "Nguyễn Thị Hồng Nhung"  # the Windows user, hence %LOCALAPPDATA%, named in Vietnamese
DOCUMENTS = "Tài liệu của đơn vị"
REPORT = "Báo cáo quý I – Ia Kha"
BACKUPS = "Sao lưu – tháng tư"
SIGNER = "Thái Văn Ngự"  # one of the demo office's signers


@pytest.fixture
def vietnamese_pc(tmp_path, monkeypatch):
    """The per-user data folder under a Vietnamese profile name, with no PARCDESK_DB override."""
    profile = tmp_path / PROFILE
    monkeypatch.setenv("LOCALAPPDATA", str(profile / "AppData" / "Local"))  # Windows
    monkeypatch.setenv("XDG_DATA_HOME", str(profile / ".local" / "share"))  # Linux
    monkeypatch.delenv("PARCDESK_DB", raising=False)
    return profile


def parcdesk(*args, cwd):
    """`python -m parcdesk ARGS --json` in its own process: its JSON answer, or the failure said."""
    result = subprocess.run([sys.executable, "-m", "parcdesk", *map(str, args), "--json"], cwd=cwd,
                            capture_output=True, text=True, encoding="utf-8", env=dict(os.environ))
    assert result.returncode == 0, f"parcdesk {' '.join(map(str, args))}: {result.stderr}"
    return json.loads(result.stdout)


def test_data_folder_file_names_and_dates_on_a_vietnamese_pc(vietnamese_pc, tmp_path):
    from pypdf import PdfReader

    before = date.today()
    demo = parcdesk("demo", cwd=tmp_path)
    data_file = paths.default_data_path()  # what this process makes of the same environment
    assert vietnamese_pc in data_file.parents and data_file.is_file()
    assert paths.default_data_dir() / "parcdesk.sqlite" == data_file
    plan, year = demo["plan"], before.year  # the demo office's plan is for this year

    period = f"{year}-Q1"
    parcdesk("report", "edit", "--plan", plan, "--period", period, "--results", "Đã hoàn thành kế hoạch quý.",
             "--shortcomings", "Không có.", "--next-tasks", "Tiếp tục thực hiện.", "--proposals", "Không có.",
             "--date", f"05/4/{year}", cwd=tmp_path)
    (tmp_path / DOCUMENTS).mkdir()
    pdf, xlsx = (tmp_path / DOCUMENTS / f"{REPORT}.pdf"), (tmp_path / DOCUMENTS / f"{REPORT}.xlsx")
    signed = parcdesk("report", "signoff", "--plan", plan, "--period", period, "--signer", SIGNER,
                      "--pdf", pdf, "--xlsx", xlsx, cwd=tmp_path)
    assert pdf.is_file() and xlsx.is_file()

    # the report's own date as written in Vietnamese; the sign-off stamped in the PC's time zone
    reader = PdfReader(pdf)
    first_page = reader.pages[0].extract_text()
    assert f"Ia Kha, ngày 05 tháng 4 năm {year}" in first_page
    signed_at = datetime.fromisoformat(signed["signed_at"])
    assert signed_at.utcoffset() == signed_at.astimezone().utcoffset()  # the local zone, not UTC by default
    assert reader.metadata.creation_date == signed_at
    # the footer names the sign-off as the moment the figures were frozen, apart from the report's date
    assert f"số liệu chốt lúc {signed_at:%H:%M} ngày {format_short_date(signed_at.date())}" in first_page
    assert f"quý I năm {year}" in reader.metadata.subject

    copy = Path(parcdesk("backup", "--to", tmp_path / BACKUPS, cwd=tmp_path)["backup"])
    assert copy.parent == tmp_path / BACKUPS
    stamp = copy.name.split("_sao-luu_")[1][:10]
    assert stamp in {before.isoformat(), date.today().isoformat()}  # named by the day it was made
    with sqlite3.connect(copy) as db:
        assert db.execute("SELECT count(*) FROM plans").fetchone()[0] == 1
