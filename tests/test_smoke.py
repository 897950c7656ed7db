"""`parcdesk --smoke`: the self-check every build runs, in the bundle too."""

import os
import subprocess
import sys

import pytest

from parcdesk import smoke


def test_smoke_passes_and_says_each_step(qapp, capsys):
    assert smoke.main() == 0
    out = capsys.readouterr().out.splitlines()
    assert [line.split("]")[0] for line in out[:-1]] == [f"[{n}/{len(smoke.STEPS)}" for n in
                                                        range(1, len(smoke.STEPS) + 1)]
    assert "cây kế hoạch có 8 lĩnh vực" in out[2]
    assert "khớp bản đã chốt" in out[4] and "khớp bản đã chốt" in out[5]
    assert out[-1].startswith("Tự kiểm tra ĐẠT: ParcDesk")


@pytest.mark.parametrize("error", [smoke.SmokeFailure("tệp PDF chỉ có 0 trang"), OSError("ổ đĩa đã đầy")])
def test_a_failing_step_is_one_vietnamese_line_and_exit_1(qapp, capsys, monkeypatch, error):
    def broken(_self):
        raise error

    monkeypatch.setattr(smoke, "STEPS", tuple((label, broken if label == "PDF" else step)
                                              for label, step in smoke.STEPS))
    assert smoke.main() == 1
    captured = capsys.readouterr()
    assert len(captured.err.strip().splitlines()) == 1
    assert captured.err.startswith("Tự kiểm tra KHÔNG ĐẠT ở bước 5 (PDF): ")
    assert str(error) in captured.err
    assert "ĐẠT: ParcDesk" not in captured.out


def test_pdf_pages_are_counted_from_the_bytes_as_pypdf_counts_them():
    data = b"1 0 obj << /Type /Pages /Kids [2 0 R 3 0 R] >> 2 0 obj << /Type /Page >> 3 0 obj <</Type/Page/Parent 1 0 R>>"
    assert len(smoke._PAGE_OBJECT.findall(data)) == 2


def test_command_line_runs_the_smoke_check(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run([sys.executable, "-m", "parcdesk", "--smoke"], capture_output=True, text=True,
                          encoding="utf-8", env=env, cwd=tmp_path, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1].startswith("Tự kiểm tra ĐẠT")
    assert "--smoke" in subprocess.run([sys.executable, "-m", "parcdesk", "--help"], capture_output=True,
                                       text=True, encoding="utf-8", env=env).stdout
