"""Damaged import files, a few hundred of them, through the real `plan import`: never a bug.

From the samples an office sends (../shared/samples) and the small files the tests build
(fuzz_support.built_seeds), a mutator with a fixed seed makes damaged copies — bytes
flipped, the file cut, zip members removed, doubled or reordered, XML broken inside a
member, a member's compressed data damaged, a wrong CRC — and each is imported through
the command line in this process with --dry-run into the office file, and every other one
that passes for real into the same file. For each:

- exit 0, or a refusal: one Vietnamese sentence naming the file, never "Lỗi không mong
  muốn" (a bug) and never a library's English;
- the office file's bytes unchanged after a refusal or a dry run;
- bounded memory (tracemalloc's peak while reading) and bounded work: the bytes inflated
  from the archive stay under the limits `importer.safety` sets — counters, not a clock.

tools/fuzz_import.py is the other generator (another algorithm, another seed) for a fresh
check by hand: `python tools/fuzz_import.py --seed 7 --count 2000`.
"""

from __future__ import annotations

import io
import random
import struct
import tracemalloc
import warnings
import zipfile
import zlib

import pytest

from fuzz_support import MEMORY_BOUND, built_seeds, digest, new_office, problem_with, run_cli, sample_seeds
from parcdesk.importer import plan_import, safety

SEED = 11
PER_SEED = 26  # × 11 seed files ≈ 290 mutants


# ---------------------------------------------------------------- the mutator

def _members(data: bytes) -> list[tuple[zipfile.ZipInfo, bytes]] | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return [(info, archive.read(info)) for info in archive.infolist()]
    except (zipfile.BadZipFile, OSError, EOFError, zlib.error, NotImplementedError, KeyError):
        return None


def _zip(members: list[tuple[str, bytes]], method=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Duplicate name": a doubled member is the point
        with zipfile.ZipFile(buffer, "w", method) as archive:
            for name, content in members:
                archive.writestr(name, content)
    return buffer.getvalue()


def _flip(rng, data):
    data = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        data[rng.randrange(len(data))] ^= rng.randint(1, 255)
    return bytes(data)


def _cut(rng, data):
    return data[:rng.randrange(1, len(data))]


def _remove(rng, members):
    del members[rng.randrange(len(members))]
    return members


def _double(rng, members):
    index = rng.randrange(len(members))
    members.insert(rng.randrange(len(members) + 1), members[index])
    return members


def _reorder(rng, members):
    rng.shuffle(members)
    return members


def _break_xml(rng, members):
    xml = [i for i, (name, _) in enumerate(members) if name.endswith((".xml", ".rels"))]
    if not xml:
        return members
    index = rng.choice(xml)
    name, content = members[index]
    text = bytearray(content)
    at = rng.randrange(max(len(text), 1))
    how = rng.randrange(7)
    if how == 0:
        del text[at:at + rng.randint(1, 200)]  # a span gone
    elif how == 1:
        text[at:at] = rng.choice([b"<", b">", b"&", b"&bogus;", b"</x>", b"<x>", b"\"", b"\x00"])
    elif how == 2:
        text = text[:at]  # the member cut
    elif how == 3:
        text[at:at] = text[at:at + rng.randint(1, 400)]  # a span doubled
    elif how == 4:
        text[at:at + 1] = bytes([rng.choice([0xFF, 0xC3, 0xE2, 0x80, 0xED])])  # not UTF-8
    elif how == 5:
        text = text.replace(b'r="', b'r="' + str(rng.choice([0, -1, 10**6, 10**30])).encode(), 1)
    else:
        text = text.replace(b"<", b"<" + b"x" * rng.randint(1, 3), rng.randint(1, 5))  # unknown tags
    members[index] = (name, bytes(text))
    return members


def _damage_deflate(rng, data):
    """Bytes flipped inside one member's compressed data: zlib.error or a bad CRC when read."""
    members = _members(data)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        infos = [i for i in archive.infolist() if i.compress_size > 8]
    if not infos or members is None:
        return _flip(rng, data)
    info = rng.choice(infos)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    out = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        out[start + rng.randrange(info.compress_size)] ^= rng.randint(1, 255)
    return bytes(out)


def _wrong_crc(rng, data):
    """One member's CRC changed in both headers: the data inflates, the check fails."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        infos = archive.infolist()
    info = rng.choice(infos)
    out = bytearray(data)
    bad = struct.pack("<I", (info.CRC ^ rng.randint(1, 2**32 - 1)) & 0xFFFFFFFF)
    out[info.header_offset + 14:info.header_offset + 18] = bad
    # the central directory entry of this member: its signature, then its name 46 bytes on
    position = data.find(b"PK\x01\x02")
    while position >= 0:
        name_length = struct.unpack("<H", data[position + 28:position + 30])[0]
        if data[position + 46:position + 46 + name_length] == info.filename.encode():
            out[position + 16:position + 20] = bad
            break
        position = data.find(b"PK\x01\x02", position + 4)
    return bytes(out)


def mutate(rng: random.Random, data: bytes) -> tuple[str, bytes]:
    """One kind of damage, chosen by `rng`: (its name, the damaged bytes)."""
    members = _members(data)
    kinds = ["flip", "cut"] + (["remove", "double", "reorder", "xml", "xml", "deflate", "crc"] if members else [])
    kind = rng.choice(kinds)
    if kind == "flip":
        return kind, _flip(rng, data)
    if kind == "cut":
        return kind, _cut(rng, data)
    if kind == "deflate":
        return kind, _damage_deflate(rng, data)
    if kind == "crc":
        return kind, _wrong_crc(rng, data)
    named = [(info.filename, content) for info, content in members]
    change = {"remove": _remove, "double": _double, "reorder": _reorder, "xml": _break_xml}[kind]
    return kind, _zip(change(rng, named))


# ---------------------------------------------------------------- the test

class _Inflated:
    """Bytes handed out by every zip member read: the work a file can make the readers do."""

    def __init__(self, monkeypatch):
        self.total = 0
        for name in ("read", "read1"):
            real = getattr(zipfile.ZipExtFile, name)

            def counted(member, *args, _real=real):
                data = _real(member, *args)
                self.total += len(data)
                return data

            monkeypatch.setattr(zipfile.ZipExtFile, name, counted)


class _Reading:
    """tracemalloc's peak while the file is read (`read_tables`: what the file's bytes drive);
    traced only there, since tracing the whole import would double the test's time."""

    def __init__(self, monkeypatch):
        self.peak = 0
        real = plan_import.read_tables

        def traced(path):
            tracemalloc.start()
            try:
                return real(path)
            finally:
                self.peak = tracemalloc.get_traced_memory()[1]
                tracemalloc.stop()

        monkeypatch.setattr(plan_import, "read_tables", traced)


def test_damaged_files_are_refused_or_imported_never_a_bug(tmp_path, monkeypatch):
    samples = sample_seeds()
    if not samples:
        pytest.skip("../shared/samples is missing: the fuzz test damages the samples found there")
    seeds = samples + built_seeds(tmp_path / "seeds")
    office = tmp_path / "office.sqlite"
    new_office(office)
    rng = random.Random(SEED)
    inflated, reading = _Inflated(monkeypatch), _Reading(monkeypatch)
    problems, counts, kinds = [], {"imported": 0, "refused": 0}, {}
    for seed in seeds:
        original = seed.read_bytes()
        for n in range(PER_SEED):
            kind, data = mutate(rng, original)
            kinds[kind] = kinds.get(kind, 0) + 1
            damaged = tmp_path / f"hong-{n}-{seed.stem}{seed.suffix}"
            damaged.write_bytes(data)
            before = digest(office)
            inflated.total = reading.peak = 0
            dry = run_cli(["--db", office, "plan", "import", damaged, "--year", "2025", "--dry-run", "--json"])
            peak = reading.peak
            where = f"{damaged.name} ({kind})"
            if (problem := problem_with(dry, damaged)) is not None:
                problems.append(f"{where}, dry run: {problem}")
                continue
            if digest(office) != before:
                problems.append(f"{where}: the office file changed after a dry run")
            if peak > MEMORY_BOUND:
                problems.append(f"{where}: {peak // safety.MB} MB held while reading")
            if inflated.total > safety.MAX_UNCOMPRESSED:
                problems.append(f"{where}: {inflated.total // safety.MB} MB inflated")
            if dry.refused:
                counts["refused"] += 1
                continue
            counts["imported"] += 1
            if counts["imported"] % 2:  # every other one imported for real too (time: the suite's 20 s)
                real = run_cli(["--db", office, "plan", "import", damaged, "--year", "2025", "--json"])
                if real.code != 0:
                    problems.append(f"{where}: the dry run passed, the import did not: {real.err or real.bug}")
            damaged.unlink()
    total = counts["imported"] + counts["refused"] + len(problems)
    assert total >= 250 and set(kinds) >= {"flip", "cut", "remove", "double", "reorder", "xml", "deflate", "crc"}
    assert not problems, f"{len(problems)} of {total} damaged files:\n" + "\n".join(problems[:30])
    # both outcomes occur: a mutator that only made garbage (or only harmless changes) tests little
    assert counts["imported"] > 10 and counts["refused"] > 50, counts


def test_the_mutator_is_deterministic():
    data = _zip([("[Content_Types].xml", b"<Types/>"), ("xl/workbook.xml", b"<workbook><sheets/></workbook>")])
    first = [mutate(random.Random(SEED), data) for _ in range(3)]
    assert first == [mutate(random.Random(SEED), data) for _ in range(3)]
