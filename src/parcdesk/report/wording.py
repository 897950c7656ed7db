"""How the report's own sentences are worded, and which words a line must not break apart.

An officer writes "có 5 nhiệm vụ, chưa có nhiệm vụ nào hoàn thành", never "hoàn thành 0";
lists targets one per line ("- TC 1.1 …: đạt 100% (chỉ tiêu ≥ 100%);"), not run together
with semicolons; and a district officer reads "CẢI / CÁCH" split over two lines, or a place
name "Ia / Kha", as a slip. Vietnamese writes one syllable per word-space, so a line breaker
sees no compound: `keep_together` joins the syllables of the compounds of administrative
writing (and of the office's own names) with non-breaking spaces.
"""

from __future__ import annotations

import re

from parcdesk.text import clean

NBSP = "\u00a0"

# Compounds of a reform plan's and a report's titles, longest first where one holds another.
# Not a dictionary of Vietnamese: the words that come back in these documents' titles and headings.
COMPOUNDS = """
vị trí việc làm | cổng thông tin | phó chủ tịch | một cửa | bộ phận | ủy ban | nhân dân | hội đồng |
cải cách | hành chính | kế hoạch | kết quả | thực hiện | nhà nước | cơ quan | người dân | doanh nghiệp |
hài lòng | phục vụ | chỉ số | tồn tại | hạn chế | cải thiện | nâng cao | thủ tục | công vụ | công chức |
viên chức | cán bộ | tổ chức | bộ máy | thể chế | tài chính | công khai | chính quyền | điện tử | chuyển đổi |
số hóa | chỉ đạo | điều hành | nhiệm vụ | báo cáo | văn bản | pháp luật | quy phạm | kiểm tra | tuyên truyền |
đánh giá | triển khai | hiện đại | xây dựng | phát triển | thị trấn | thị xã | thành phố | phụ lục | chỉ tiêu |
tiêu chí | lĩnh vực | dịch vụ | trực tuyến | liên thông | giải quyết | hồ sơ | đúng hạn | quá hạn |
hoàn thành | sáng kiến | giải pháp | đổi mới | sáng tạo | thông tin | kinh tế | xã hội | quốc phòng |
an ninh | đầu tư | ngân sách | giải ngân | quản lý | chất lượng | hiệu quả | hiệu lực | năng lực |
đào tạo | bồi dưỡng | biên chế | tinh giản | chính phủ | thủ tướng | quyết định | nghị định | thông tư |
chủ tịch | văn phòng | thống kê | tư pháp | hộ tịch | địa chính | kế toán | văn hóa | khắc phục |
trọng tâm | đề xuất | kiến nghị | nguyên nhân | tình hình | công tác | đạt được | kỳ tới | năm học
"""
_COMPOUND_LIST = sorted({c.strip() for c in COMPOUNDS.replace("\n", " ").split("|") if c.strip()},
                        key=len, reverse=True)
_COMPOUND_RE = re.compile(r"(?<!\w)(" + "|".join(re.escape(c) for c in _COMPOUND_LIST) + r")(?!\w)",
                          re.IGNORECASE)
# the kind of a unit in its name: what follows it is a proper name ("thị trấn Ia Kha" → "Ia Kha")
_UNIT_KIND = re.compile(r"(?:xã|phường|thị trấn|đặc khu|huyện|quận|thị xã|thành phố|tỉnh)\s+(.+)$",
                        re.IGNORECASE)


def _joined(words: str) -> str:
    return re.sub(r"[ \t]+", NBSP, words)


def proper_names(*names: str) -> list[str]:
    """The proper names inside the office's names and place: "UBND thị trấn Ia Kha" → "Ia Kha"."""
    found = []
    for name in names:
        name = clean(name or "")
        match = _UNIT_KIND.search(name)
        for part in (match.group(1) if match else "", name if not match and len(name.split()) <= 4 else ""):
            if part and " " in part:
                found.append(part)
    return sorted(set(found), key=len, reverse=True)


def keep_together(value: str, names: list[str] = ()) -> str:
    """`value` with the syllables of each known compound, and of each of `names`, joined by
    non-breaking spaces: lines break only between words."""
    for name in names:
        value = re.sub(rf"(?<!\w){re.escape(name)}(?!\w)", lambda m: _joined(m.group(0)), value,
                       flags=re.IGNORECASE)
    return _COMPOUND_RE.sub(lambda m: _joined(m.group(0)), value)


# ---------------------------------------------------------------- counts

# the other buckets, as the sentence names them
_OTHER_BUCKETS = (("in_progress", "đang thực hiện {n}"), ("late", "{n} nhiệm vụ quá hạn chưa hoàn thành"),
                  ("not_started", "chưa triển khai {n}"), ("failed", "{n} nhiệm vụ không đạt"),
                  ("not_applicable", "{n} nhiệm vụ không phát sinh trong kỳ"))


def listed(parts: list[str]) -> str:
    """"a, b và c"."""
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " và " + parts[-1]


def count_phrase(counts: dict) -> str:
    """"có 7 nhiệm vụ, trong đó đã hoàn thành 2, đang thực hiện 4 và 1 nhiệm vụ không phát sinh
    trong kỳ": zero counts left out, none done said in words ("chưa có nhiệm vụ nào hoàn thành")."""
    total, done = counts["total"], counts["done"]
    if not total:
        return "chưa có nhiệm vụ nào"
    late_done = counts.get("done_late") or 0
    late = f" ({late_done} nhiệm vụ hoàn thành nhưng quá hạn)" if late_done else ""
    if done == total:
        return (f"có {total} nhiệm vụ, đã hoàn thành cả {total}" if total > 1 else "có 1 nhiệm vụ, đã hoàn thành") + late
    rest = [pattern.format(n=counts[key]) for key, pattern in _OTHER_BUCKETS if counts.get(key)]
    if not done:
        return f"có {total} nhiệm vụ, chưa có nhiệm vụ nào hoàn thành; trong đó {listed(rest)}"
    return f"có {total} nhiệm vụ, trong đó {listed([f'đã hoàn thành {done}{late}', *rest])}"


# ---------------------------------------------------------------- measured targets

def target_summary(met: int, unmet: int, no_value: int) -> str:
    """"có 6 chỉ tiêu đã có số liệu, đạt 4; 1 chỉ tiêu chưa có số liệu trong kỳ"."""
    judged = met + unmet
    parts = []
    if judged:
        if met == judged:
            parts.append(f"có {judged} chỉ tiêu đã có số liệu, đạt cả {judged}" if judged > 1
                         else "có 1 chỉ tiêu đã có số liệu, đã đạt")
        elif met:
            parts.append(f"có {judged} chỉ tiêu đã có số liệu, đạt {met}, chưa đạt {unmet}")
        else:
            parts.append(f"có {judged} chỉ tiêu đã có số liệu, chưa đạt chỉ tiêu nào")
    if no_value:
        parts.append(f"{no_value} chỉ tiêu chưa có số liệu trong kỳ")
    return "; ".join(parts)


def target_lines(entries: list[dict], verb: str) -> list[str]:
    """One line per target, as a list in a report: "- TC 1.4 Công tác tuyên truyền: đạt 3 hình thức
    (chỉ tiêu ≥ 3 hình thức);" and the last ending with "."."""
    lines = []
    for entry in entries:
        name = " ".join(p for p in (entry["code"], clean(entry["title"]).rstrip(" .;:")) if p)
        lines.append(f"- {name}: {verb} {entry['value']} (chỉ tiêu {entry['target']})")
    return [line + ("." if i == len(lines) - 1 else ";") for i, line in enumerate(lines)]


# ---------------------------------------------------------------- what was typed on items

_NOTHING = {"không", "không có"}


def says_nothing(value: str | None) -> bool:
    """Whether a section's text only says there is nothing ("Không có.", "Không", "không có;"):
    the one rule that decides it, whatever the case and the punctuation."""
    words = re.sub(r"[\W_]+", " ", clean(value or "")).strip().casefold()
    return words in _NOTHING


def _codes(codes: list[str]) -> str:
    return f" ({', '.join(codes)})" if codes else ""


def note_lines(groups: list[dict]) -> list[str]:
    """The item notes of a section as an officer lists them: one line for an area with one note
    ("- Lĩnh vực I (…): Đường truyền … không ổn định (TCTP 1.3.2, TC 6.1)."), else the area
    once and its notes under it ("- Lĩnh vực III (…):", "+ …;", "+ … ."). `groups`: [{"area",
    "notes": [{"text", "codes"}]}] (report/content.py `item_notes`)."""
    lines = []
    for group in groups:
        notes = group["notes"]
        if len(notes) == 1:
            lines.append(f"- {group['area']}: {notes[0]['text']}{_codes(notes[0]['codes'])}.")
            continue
        lines.append(f"- {group['area']}:")
        lines += [f"+ {note['text']}{_codes(note['codes'])}{'.' if n == len(notes) - 1 else ';'}"
                  for n, note in enumerate(notes)]
    return lines
