"""A fresh set of damaged import files, made another way than the test suite's, imported for real.

    python tools/fuzz_import.py --seed 7 --count 2000 [--keep DIR] [--no-memory]

The suite's fuzz test (tests/test_import_fuzz.py, seed 11) damages files byte by byte and
member by member. This generator uses other damage, chosen by another algorithm: one to
three operations stacked on each file, drawn from

- splice: a member's content replaced by another member's (of this file or another seed);
- attribute: an XML attribute's value replaced by an extreme one ("-1", "1e400", "NaN",
  "XFD1048576", 10,000 letters, an invalid character reference …);
- element: an XML element (cell, row, run, table cell, shared string…) deleted, or
  repeated up to 60 times;
- nesting: thousands of well-formed nested elements (deep trees for recursive readers);
- declaration: the XML's declared encoding changed, or a byte-order mark put before it;
- directory: one field of a zip central-directory or end record set to another number
  (sizes, offsets, counts, method, name length);
- overwrite / insert: a chunk of the file overwritten with noise, zeros or a copy of
  another part, or noise inserted (offsets then all wrong);
- sector: for .xls (OLE), a 512-byte sector overwritten or swapped with another.

Each file goes through `parcdesk plan import --dry-run --json` and, when that passes, a real
import, in this process, into a fresh office file. Printed: a table of outcomes per kind of
damage; exit 1 if any file ended in a bug, in a refusal that is not one Vietnamese sentence,
in --json output that is not JSON, held more than MEMORY_BOUND while read (tracemalloc), or
changed the office file after a refusal or a dry run.
"""

from __future__ import annotations

import argparse
import io
import random
import re
import shutil
import struct
import sys
import tempfile
import time
import tracemalloc
import warnings
import zipfile
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

from fuzz_support import (MEMORY_BOUND, built_seeds, digest, new_office, problem_with,  # noqa: E402
                          run_cli, sample_seeds)

EXTREMES = ["", "-1", "0", "1e400", "NaN", "inf", "99999999999999999999", "XFD1048576", "A0", "ZZZZ1",
            "٣", "A" * 10_000, "&#0;", "&#x110000;", "1:2:3", "-2147483649", " ", "true", "s", "e"]
ELEMENTS = re.compile(rb"<((?:\w+:)?(?:c|row|v|t|si|mergeCell|sheet|tc|tr|p|r|tbl|rFonts|xf|font|numFmt))\b"
                      rb"[^>]*?(?:/>|>.*?</\1>)", re.S)
ATTRIBUTE = re.compile(rb'\s[\w:]+="([^"]*)"')


def _members(data: bytes):
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return [(info.filename, archive.read(info)) for info in archive.infolist()]
    except Exception:  # noqa: BLE001 — an earlier operation may have broken it: then bytes only
        return None


def _rezip(members) -> bytes:
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, content in members:
                archive.writestr(name, content)
    return buffer.getvalue()


def _xml_member(rng, members):
    xml = [i for i, (name, content) in enumerate(members) if name.endswith(".xml") and content]
    return rng.choice(xml) if xml else None


def op_splice(rng, data, pool):
    members = _members(data)
    if not members:
        return None
    index = rng.randrange(len(members))
    donor = _members(rng.choice(pool)) or members
    members[index] = (members[index][0], rng.choice(donor)[1])
    return _rezip(members)


def op_attribute(rng, data, pool):
    members = _members(data)
    index = _xml_member(rng, members) if members else None
    if index is None:
        return None
    name, content = members[index]
    found = list(ATTRIBUTE.finditer(content))
    if not found:
        return None
    for match in rng.sample(found, min(len(found), rng.randint(1, 5))):
        start, end = match.span(1)
        value = rng.choice(EXTREMES).encode()
        content = content[:start] + value + content[end:] if len(content) >= end else content
    members[index] = (name, content)
    return _rezip(members)


def op_element(rng, data, pool):
    members = _members(data)
    index = _xml_member(rng, members) if members else None
    if index is None:
        return None
    name, content = members[index]
    found = list(ELEMENTS.finditer(content))
    if not found:
        return None
    match = rng.choice(found)
    repeat = 0 if rng.random() < 0.5 else rng.randint(2, 60)
    content = content[:match.start()] + match.group(0) * repeat + content[match.end():]
    members[index] = (name, content)
    return _rezip(members)


def op_nesting(rng, data, pool):
    members = _members(data)
    if not members:
        return None
    depth = rng.choice([500, 5_000, 50_000])
    for index, (name, content) in enumerate(members):
        if name == "word/document.xml" and b"<w:body>" in content:
            tag = rng.choice([b"w:customXml", b"w:sdt><w:sdtContent", b"w:tbl><w:tr><w:tc"])
            close = b"".join(b"</" + part.split(b" ")[0] + b">" for part in reversed(tag.split(b"><")))
            nested = b"<" + tag + b">"
            content = content.replace(b"<w:body>", b"<w:body>" + nested * depth + close * depth, 1)
        elif name.startswith("xl/worksheets/") and b"<sheetData>" in content:
            content = content.replace(b"<sheetData>", b"<sheetData>" + b"<row><c><is>" * depth
                                      + b"</is></c></row>" * depth, 1)
        else:
            continue
        members[index] = (name, content)
        return _rezip(members)
    return None


def op_declaration(rng, data, pool):
    members = _members(data)
    index = _xml_member(rng, members) if members else None
    if index is None:
        return None
    name, content = members[index]
    if rng.random() < 0.5:
        content = re.sub(rb'encoding="[^"]*"', b'encoding="' + rng.choice([b"UTF-16", b"ascii", b"x-bogus",
                                                                            b"latin-1", b""]) + b'"', content, 1)
    else:
        content = rng.choice([b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff"]) + content
    members[index] = (name, content)
    return _rezip(members)


# (offset in the record, struct format) of the numbers in a central directory record and the end record
_CENTRAL_FIELDS = [(10, "<H"), (16, "<I"), (20, "<I"), (24, "<I"), (28, "<H"), (30, "<H"), (42, "<I")]
_END_FIELDS = [(8, "<H"), (10, "<H"), (12, "<I"), (16, "<I"), (20, "<H")]


def op_directory(rng, data, pool):
    records = [m.start() for m in re.finditer(rb"PK\x01\x02", data)]
    end = data.rfind(b"PK\x05\x06")
    if not records or end < 0:
        return None
    if rng.random() < 0.75:
        at, (offset, fmt) = rng.choice(records), rng.choice(_CENTRAL_FIELDS)
    else:
        at, (offset, fmt) = end, rng.choice(_END_FIELDS)
    size = struct.calcsize(fmt)
    if at + offset + size > len(data):
        return None
    limit = 2 ** (8 * size) - 1
    value = rng.choice([0, 1, limit, limit // 2, rng.randrange(limit + 1), len(data), len(data) * 1000 % (limit + 1)])
    out = bytearray(data)
    out[at + offset:at + offset + size] = struct.pack(fmt, value)
    return bytes(out)


def op_overwrite(rng, data, pool):
    length = min(rng.choice([16, 64, 512, 4096]), len(data))
    at = rng.randrange(len(data) - length + 1)
    fill = rng.choice(["noise", "zeros", "copy"])
    if fill == "noise":
        chunk = rng.randbytes(length)
    elif fill == "zeros":
        chunk = bytes(length)
    else:
        source = rng.randrange(len(data) - length + 1)
        chunk = data[source:source + length]
    return data[:at] + chunk + data[at + length:]


def op_insert(rng, data, pool):
    at = rng.randrange(len(data))
    return data[:at] + rng.randbytes(rng.choice([1, 3, 17, 300])) + data[at:]


def op_sector(rng, data, pool):
    sectors = len(data) // 512
    if sectors < 3:
        return None
    out = bytearray(data)
    target = rng.randrange(sectors) * 512
    if rng.random() < 0.5:
        out[target:target + 512] = rng.randbytes(512)
    else:
        other = rng.randrange(sectors) * 512
        out[target:target + 512], out[other:other + 512] = data[other:other + 512], data[target:target + 512]
    return bytes(out)


ZIP_OPERATIONS = [op_splice, op_attribute, op_attribute, op_element, op_element, op_nesting, op_declaration,
                  op_directory, op_directory, op_overwrite, op_insert]
OLE_OPERATIONS = [op_sector, op_sector, op_overwrite, op_insert]


def damage(rng: random.Random, data: bytes, pool: list[bytes]) -> tuple[str, bytes]:
    """1–3 operations stacked: (their names, the damaged bytes)."""
    names = []
    for _ in range(rng.choice([1, 1, 2, 3])):
        operations = ZIP_OPERATIONS if data[:2] == b"PK" else OLE_OPERATIONS
        operation = rng.choice(operations)
        changed = operation(rng, data, pool)
        if changed is None or changed == data:
            continue
        names.append(operation.__name__[3:])
        data = changed
    if not names:
        return "overwrite", op_overwrite(rng, data, pool)
    return "+".join(names), data


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=20251201)
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--keep", type=Path, help="copy the files that failed here")
    parser.add_argument("--no-memory", action="store_true", help="skip tracemalloc (twice as fast)")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    work = Path(tempfile.mkdtemp(prefix="parcdesk-fuzz-"))
    try:
        seeds = sample_seeds() + built_seeds(work / "seeds")
        if len(seeds) == 4:
            print("(../shared/samples is missing: only the built files are damaged)")
        pool = [s.read_bytes() for s in seeds]
        office = work / "office.sqlite"
        new_office(office)
        outcomes: dict[str, Counter] = defaultdict(Counter)
        failures: list[tuple[Path, str, str]] = []
        peak_max, started = 0, time.perf_counter()
        for n in range(args.count):
            index = n % len(seeds)
            kind, data = damage(rng, pool[index], pool)
            damaged = work / f"hong-{n:05d}{seeds[index].suffix}"
            damaged.write_bytes(data)
            before = digest(office)
            if not args.no_memory:
                tracemalloc.start()
            peak = 0
            try:
                dry = run_cli(["--db", office, "plan", "import", damaged, "--year", "2025", "--dry-run", "--json"])
            finally:
                if not args.no_memory:
                    peak = tracemalloc.get_traced_memory()[1]
                    peak_max = max(peak_max, peak)
                    tracemalloc.stop()
            family = kind.split("+")[0] if "+" not in kind else "combined"
            problem = problem_with(dry, damaged)
            if problem is None and peak > MEMORY_BOUND:
                problem = f"{peak / 2**20:.0f} MB held while reading"
            if problem is None and digest(office) != before:
                problem = "office file changed after a dry run or a refusal"
            if problem is None and dry.code == 0:
                real = run_cli(["--db", office, "plan", "import", damaged, "--year", "2025", "--json"])
                if real.code != 0:
                    problem = f"dry run passed, import did not: {real.err.strip() or real.bug}"
            if problem is not None:
                outcomes[family]["bug"] += 1
                failures.append((damaged, kind, problem))
                if args.keep:
                    args.keep.mkdir(parents=True, exist_ok=True)
                    shutil.copy(damaged, args.keep / damaged.name)
            else:
                outcomes[family]["imported" if dry.code == 0 else "refused"] += 1
            damaged.unlink()
        seconds = time.perf_counter() - started
    finally:
        shutil.rmtree(work, ignore_errors=True)
    total = Counter()
    print(f"seed {args.seed}, {args.count} damaged files from {len(seeds)} seed files, {seconds:.0f} s")
    print(f"{'damage':<14}{'files':>7}{'imported':>10}{'refused':>9}{'bugs':>6}")
    for family in sorted(outcomes):
        row = outcomes[family]
        total.update(row)
        print(f"{family:<14}{sum(row.values()):>7}{row['imported']:>10}{row['refused']:>9}{row['bug']:>6}")
    print(f"{'all':<14}{sum(total.values()):>7}{total['imported']:>10}{total['refused']:>9}{total['bug']:>6}")
    if not args.no_memory:
        print(f"largest tracemalloc peak while reading one file: {peak_max / 2**20:.1f} MB")
    for damaged, kind, problem in failures[:40]:
        print(f"  {damaged.name} ({kind}): {problem}")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
