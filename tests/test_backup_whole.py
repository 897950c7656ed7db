"""A backup is the whole office (its data file and the evidence files its rows point to), and
`check` on a damaged file says what the check found."""

import hashlib
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from helpers import office_with_plan
from parcdesk.db.evidence import add_evidence
from parcdesk.db.files import TEMP_MARK
from parcdesk.db.items import find_item
from parcdesk.db.maintenance import backup_store, check_path
from parcdesk.db.store import evidence_dir_of, open_store
from parcdesk.errors import UserError

ENGLISH = ("disk", "error", "database", "malformed", "page", "tree", "cell")


@pytest.fixture
def office(tmp_path):
    """An office with three evidence files attached (one of them to two records)."""
    path = tmp_path / "a.sqlite"
    store, plan_id = office_with_plan(path, year=2025)
    item_id = find_item(store.db, plan_id, "TC 1.1")
    records = {}
    for name in ("cv-15.pdf", "cv-16.pdf", "anh-chup.jpg"):
        source = tmp_path / "goc" / name
        source.parent.mkdir(exist_ok=True)
        source.write_bytes(f"%PDF-1.4 {name} ".encode() * 500)
        records[name] = add_evidence(store, item_id, "2025-Q1", number=name, file=source)
    add_evidence(store, item_id, "2025-H1", number="again", file=tmp_path / "goc" / "cv-15.pdf")
    store.close()
    return path, records


def restore(backup: Path, where: Path) -> Path:
    """What the restore sentence says: the .sqlite under the office's name, its folder's files
    into the office's evidence folder."""
    where.mkdir()
    target = where / "a.sqlite"
    shutil.copyfile(backup, target)
    evidence_dir_of(target).mkdir()
    for file in evidence_dir_of(backup).iterdir():
        shutil.copyfile(file, evidence_dir_of(target) / file.name)
    return target


def test_a_restored_backup_passes_check_with_every_evidence_file(office, tmp_path, run):
    path, records = office
    code, out, _ = run("--db", path, "backup", "--to", tmp_path / "bk2", "--json")
    made = json.loads(out)
    assert code == 0 and made["whole"] and made["evidence_copied"] == 3
    backup = Path(made["backup"])
    assert Path(made["evidence_dir"]) == backup.with_name(f"{backup.stem}-tai-lieu")
    stored = {record.stored_path: record.sha256 for record in records.values()}
    assert sorted(p.name for p in evidence_dir_of(backup).iterdir()) == sorted(stored)
    for name, sha in stored.items():
        copy = evidence_dir_of(backup) / name
        assert hashlib.sha256(copy.read_bytes()).hexdigest() == sha
        original = evidence_dir_of(path) / name
        kept = original.read_bytes()
        with open(original, "r+b") as in_place:  # a copy, not a link: the office's file saved over
            in_place.write(b"saved over")        # in place leaves the backup's as it was
        assert hashlib.sha256(copy.read_bytes()).hexdigest() == sha
        original.write_bytes(kept)
    restored = restore(backup, tmp_path / "restore")
    code, out, err = run("--db", restored, "check")
    assert code == 0 and "nguyên vẹn" in out, err
    # the restored office is checked against its own folder: without it, the files are missing
    shutil.rmtree(evidence_dir_of(restored))
    code, _, err = run("--db", restored, "check")
    assert code == 2 and "mất tệp" in err


def test_an_evidence_file_gone_before_the_backup_is_named_and_the_rest_is_saved(office, tmp_path, run):
    path, records = office
    (evidence_dir_of(path) / records["cv-16.pdf"].stored_path).unlink()
    altered = evidence_dir_of(path) / records["anh-chup.jpg"].stored_path
    altered.write_bytes(b"saved over by a viewer")
    code, out, err = run("--db", path, "backup", "--to", tmp_path / "bk2")
    assert code == 0, err
    assert "Đã sao lưu vào" in out and out.strip().count("\n") == 0
    assert "không đưa được vào bản sao 1 tệp" in out and "“cv-16.pdf”" in out
    assert "đã bị sửa" in out and "“anh-chup.jpg”" in out and "cv-15.pdf" not in out
    backup = next((tmp_path / "bk2").glob("*.sqlite"))
    names = sorted(p.name for p in evidence_dir_of(backup).iterdir())
    assert names == sorted([records["cv-15.pdf"].stored_path, records["anh-chup.jpg"].stored_path])
    assert (evidence_dir_of(backup) / records["anh-chup.jpg"].stored_path).read_bytes() == altered.read_bytes()
    code, _, err = run("--db", restore(backup, tmp_path / "restore"), "check")  # says the same as the office
    assert code == 2 and "cv-16.pdf" in err and "anh-chup.jpg" in err


def test_an_office_without_evidence_files_has_no_folder_beside_its_backup(tmp_path):
    store, _ = office_with_plan(tmp_path / "a.sqlite", year=2025)
    with store:
        made = backup_store(store, tmp_path / "bk")
    assert made.evidence_dir is None and made.whole
    assert [p.name for p in (tmp_path / "bk").iterdir()] == [made.path.name]


def test_a_backup_that_fails_copying_evidence_leaves_nothing(office, tmp_path, monkeypatch):
    path, _ = office
    calls = []

    def full_on_the_second(source, final):
        calls.append(final)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        shutil.copyfile(source, final)
        return hashlib.sha256(Path(source).read_bytes()).hexdigest()

    monkeypatch.setattr("parcdesk.db.backup.copy_file", full_on_the_second)
    with open_store(path) as store:
        with pytest.raises(UserError, match="ổ đĩa đã đầy"):
            backup_store(store, tmp_path / "bk")
    assert list((tmp_path / "bk").iterdir()) == []


# --- check on a damaged file ------------------------------------------------------------------------

def _pages(path: Path, table: str) -> tuple[int, list[int], int]:
    conn = sqlite3.connect(path)
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", [table]).fetchone()[0]
    try:
        leaves = [row[0] for row in conn.execute(
            "SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno", [table])]
    except sqlite3.OperationalError:
        conn.close()
        pytest.skip("this SQLite has no dbstat table to find a table's pages")
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    return root, leaves, size


def _overwrite(path: Path, page: int, size: int, offset: int = 0) -> None:
    with open(path, "r+b") as handle:
        handle.seek((page - 1) * size + offset)
        handle.write(bytes((i * 37 + 11) % 256 for i in range(size - offset)))


def _vietnamese(text: str) -> bool:
    words = " ".join(token for token in text.split() if "/" not in token and "\\" not in token)
    return not any(word in words.lower() for word in ENGLISH)


def test_check_on_an_overwritten_page_says_what_the_check_found(office, run):
    path, _ = office
    _, leaves, size = _pages(path, "items")
    page = leaves[len(leaves) // 2]
    _overwrite(path, page, size, offset=200)  # the page's header stands, its cells are garbage
    before = path.read_bytes()
    code, out, err = run("--db", path, "check")
    assert code == 2 and out == ""
    assert err.startswith(f"Kiểm tra tệp dữ liệu {path}: cấu trúc tệp bị hỏng: ")
    assert f"lỗi (trang {page})" in err and "không ghi vào tệp này" not in err
    assert "để khôi phục" in err and "a_sao-luu_<ngày giờ>-tai-lieu" in err and "a-tai-lieu" in err
    assert err.strip().count("\n") == 0 and _vietnamese(err), err
    code, out, _ = run("--db", path, "check", "--json")
    found = json.loads(out)
    assert code == 2 and found["damaged"] and found["readable"] and found["damaged_pages"] == [page]
    assert len(found["findings"]) >= 1 and all(f"page {page}" in line for line in found["findings"][:-1])
    assert path.read_bytes() == before


def test_check_on_a_file_sqlite_cannot_read_says_so(office, tmp_path, run):
    path, _ = office
    backup_made = run("--db", path, "backup", "--to", tmp_path / "sao-luu", "--json")[1]
    root, _, size = _pages(path, "items")
    _overwrite(path, root, size)
    assert check_path(path).readable is False
    code, _, err = run("--db", path, "check")
    assert code == 2 and "không đọc được cả cấu trúc của tệp" in err and _vietnamese(err), err
    assert json.loads(backup_made)["backup"] in err  # the newest backup, named
    code, out, _ = run("--db", path, "check", "--json")
    assert code == 2 and json.loads(out)["readable"] is False


def test_a_damaged_file_s_refusal_says_to_bring_the_evidence_folder_too(office, run):
    path, _ = office
    _, leaves, size = _pages(path, "items")
    _overwrite(path, leaves[0], size, offset=200)
    code, _, err = run("--db", path, "progress", "show", "--plan", 1, "--period", "2025-Q1")
    assert code == 2 and "không ghi vào tệp này" in err
    assert "-tai-lieu" in err and "đi kèm bản sao" in err
    assert not [p for p in path.parent.iterdir() if TEMP_MARK in p.name]
