"""The consolidated report as a PDF in the official form: the superior body's header, "Báo cáo
tổng hợp kết quả thực hiện … của các xã, phường", a short account, then the appendix tables.

Built from report/pdf.py's own pieces (the page frame, the page-1 header, the title, the
appendix table), so both documents keep one layout."""

from __future__ import annotations

from datetime import date, datetime

from reportlab.platypus import NextPageTemplate, PageBreak, Paragraph

from parcdesk.consolidate import tables
from parcdesk.consolidate.figures import Consolidation
from parcdesk.report.content import format_short_date, vi_upper
from parcdesk.report.fonts import report_fonts
from parcdesk.report.wording import count_phrase
from parcdesk.report.pdf import (  # the report's own building blocks, shared on purpose
    LANDSCAPE, LEFT, PORTRAIT, RIGHT, Styles, _Document, _header, _signature, _title, appendix_table, text,
)

# where no signer is set: the lines the officer fills in by hand before signing
BLANK_POSITION = "……………………………"
BLANK_NAME = ""


def default_recipients(meta: dict) -> list[str]:
    """"- Như trên;" when the report is addressed, the communes, and the office's own file copy."""
    return (["Như trên"] if addressee_of(meta) else []) + ["UBND các xã, phường", "Lưu: VT, CCHC"]


def addressee_of(meta: dict) -> str:
    """Whom the report goes to: the one set, else the superior body's parent (the province's UBND)."""
    return meta.get("addressee") or meta.get("issuer_parent") or ""


def signature_part(meta: dict) -> dict:
    """The signer and recipients as report/pdf.py's `_signature` reads them, from the settings."""
    recipients = [line for line in (meta.get("recipients") or "").split("\n") if line.strip()]
    return {"signer": {"authority": vi_upper(meta.get("authority") or ""),
                       "position": vi_upper(meta.get("position") or "") or BLANK_POSITION,
                       "name": meta.get("signer") or BLANK_NAME},
            "recipients": recipients or default_recipients(meta)}

# widths in mm of each appendix's columns (252 mm between the landscape margins)
_WIDTHS = {
    "units": [10, 58, 18, 18, 16, 20, 14, 18, 18, 14, 18, 14, 16],
    "areas": [16, 80, 16, 20, 20, 16, 20, 16, 20, 28],
    "codes": [22, 92, 16, 20, 22, 18, 22, 18, 22],
    "targets": [22, 120, 30, 20, 20, 30],
}


def _table(head: list[str], rows: list[list], widths: list[int]) -> tuple[list, list[dict]]:
    columns = [[f"c{i}", label, widths[i]] for i, label in enumerate(head)]
    return columns, [{"kind": "item", **{f"c{i}": tables.shown(v) for i, v in enumerate(row)}}
                     for row in rows]


def render_consolidation_pdf(view: Consolidation, when: date | None = None) -> bytes:
    import io

    fonts = report_fonts()
    st = Styles(fonts)
    when = when or date.today()
    meta = view.meta
    issuer = meta.get("issuer") or "Sở Nội vụ"
    plan = next((u.plan for u in view.sent if u.plan), "Kế hoạch cải cách hành chính")
    plan_name = plan.rsplit(" năm ", 1)[0] if plan.startswith("Kế hoạch") else "Kế hoạch cải cách hành chính"
    summary = f"Tổng hợp kết quả thực hiện {plan_name} {view.period_label} của các xã, phường"
    page_one = {"header": {"parent": vi_upper(meta.get("issuer_parent") or ""), "unit": vi_upper(issuer)},
                "office": {"place": meta.get("place") or "", "unit_name": issuer,
                           "superior": meta.get("issuer_parent") or ""}, "date": when.isoformat(), "number": "",
                "symbol": "BC", "summary": summary, "addressee": addressee_of(meta)}
    buffer = io.BytesIO()
    doc = _Document(buffer, fonts=fonts, meta={"title": f"Báo cáo {summary[0].lower()}{summary[1:]}", "author": issuer,
                                               "subject": view.period_label, "keywords": ["ParcDesk", view.period]},
                    footer=f"Tổng hợp bằng ParcDesk ngày {format_short_date(when)}",
                    stamp=datetime.combine(when, datetime.min.time()))
    width = PORTRAIT[0] - LEFT - RIGHT
    story: list = [NextPageTemplate("portrait")]
    story += _header(page_one, st, width)  # type: ignore[arg-type]
    story += _title(page_one, st, width)  # type: ignore[arg-type]
    expected = [u for u in view.units if u.expected]
    late = [u for u in view.sent if u.on_time is False]
    lines = [
        f"Đến nay đã nhận báo cáo {view.period_label} của {len(view.sent)}"
        + (f"/{len(expected)} đơn vị" if expected else " đơn vị")
        + f" (hạn gửi ngày {format_short_date(view.deadline)}; {len(late)} đơn vị gửi trễ hạn).",
    ]
    if view.missing:
        lines.append("Các đơn vị chưa gửi báo cáo: " + ", ".join(u.name for u in view.missing) + ".")
    if view.invalid:
        lines.append("Các đơn vị gửi tệp không hợp lệ (chưa được tiếp nhận, cần gửi lại): "
                     + "; ".join(f"{u.name} ({u.refused.rstrip('.')})" for u in view.invalid) + ".")
    if late:
        lines.append("Các đơn vị gửi trễ hạn: " + ", ".join(u.name for u in late) + ".")
    refused = [r for r in view.received if r["outcome"] == "refused"]
    if refused:
        lines.append(f"Có {len(refused)} tệp không được tiếp nhận (chi tiết tại trang “Tệp đã nhận” của tệp Excel tổng hợp).")
    if view.totals["total"]:
        lines.append(f"Tổng hợp các đơn vị đã gửi: {count_phrase(view.totals)}.")
    measurable = [c for c in view.codes if c.measurable]
    if measurable:
        met = sum(c.met for c in measurable)
        judged = sum(c.met + c.unmet for c in measurable)
        lines.append(f"Các chỉ tiêu đo được: {met}/{judged} lượt đơn vị đạt chỉ tiêu trong số đã có số liệu "
                     f"(chi tiết tại Phụ lục IV).")
    story.append(Paragraph("I. TÌNH HÌNH TIẾP NHẬN BÁO CÁO VÀ KẾT QUẢ CHUNG", st.heading))
    story += [Paragraph(text(line), st.body) for line in lines]
    story.append(Paragraph(text(f"Trên đây là báo cáo của {issuer} tổng hợp kết quả thực hiện {view.period_label} "
                                "của các xã, phường./."), st.body))
    story += _signature(signature_part(meta), st, width)  # type: ignore[arg-type]
    landscape_width = LANDSCAPE[0] - LEFT - RIGHT
    for number, (title, build, key) in enumerate([
        ("Kết quả thực hiện theo đơn vị", tables.units_table, "units"),
        ("Kết quả thực hiện theo lĩnh vực", tables.areas_table, "areas"),
        ("Kết quả thực hiện theo tiêu chí, tiêu chí thành phần Chỉ số CCHC", tables.codes_table, "codes"),
        ("Kết quả các chỉ tiêu đo được", tables.targets_table, "targets"),
    ], start=1):
        head, rows = build(view)
        if not rows:
            continue
        columns, data = _table(head, rows, _WIDTHS[key])
        story += [NextPageTemplate("landscape"), PageBreak(),
                  Paragraph(f"Phụ lục {['I', 'II', 'III', 'IV'][number - 1]}", st.appendix_label),
                  Paragraph(text(vi_upper(title)), st.appendix_title),
                  Paragraph(text(f"(Kèm theo Báo cáo tổng hợp {view.period_label} của {issuer})"), st.appendix_note),
                  *appendix_table(columns, data, st, landscape_width)]  # the table and any long-text sequels
    doc.build(story)
    return buffer.getvalue()
