"""The core on a 5,000-item plan: building it, loading the tree, searching.

Floors are the bare SQLite work on the same rows in the same run: what any program
storing these items must at least do.
"""

from __future__ import annotations

import random
import sqlite3

from bench.timing import best_of, figure
from parcdesk.db import agencies, plans
from parcdesk.db.items import load_tree
from parcdesk.db.search import search_items
from parcdesk.db.store import open_memory
from parcdesk.model import ItemDraft

WORDS = ("thủ tục hành chính", "cải cách", "công khai", "Bộ phận Một cửa", "đúng hạn", "hồ sơ",
         "dịch vụ công trực tuyến", "kiểm tra", "tuyên truyền", "số hóa", "đào tạo", "tài chính công")
LEADS = ("Văn phòng – Thống kê", "Tư pháp – Hộ tịch", "Tài chính – Kế toán", "Địa chính – Xây dựng")


def big_plan_drafts(areas: int = 50, criteria: int = 20, subs: int = 4, seed: int = 5000) -> list[ItemDraft]:
    """50 × (1 + 20 × (1 + 4)) = 5,050 items, texts drawn from the domain's words."""
    rng = random.Random(seed)

    def text(n: int) -> str:
        return " ".join(rng.choice(WORDS) for _ in range(n))

    def leaf(code: str) -> ItemDraft:
        return ItemDraft(code=code, level="subcriterion", title=text(4), target_text=f"Đạt {rng.randint(50, 100)}% {text(1)}",
                         lead=[rng.choice(LEADS)], partners=["Các ban, ngành"], timeframe_text="Quý I")

    return [
        ItemDraft(code=str(a), level="area", title=text(2), children=[
            ItemDraft(code=f"TC {a}.{c}", level="criterion", title=text(3), target_text="Hoàn thành 100%",
                      lead=[rng.choice(LEADS)], children=[leaf(f"TCTP {a}.{c}.{s}") for s in range(1, subs + 1)])
            for c in range(1, criteria + 1)
        ])
        for a in range(1, areas + 1)
    ]


def _flat_rows(drafts: list[ItemDraft]) -> list[tuple]:
    rows = []

    def visit(items, parent):
        for position, draft in enumerate(items):
            rows.append((parent, position, draft.code, draft.level, draft.title, draft.target_text))
            visit(draft.children, len(rows))

    visit(drafts, None)
    return rows


def run() -> list[dict]:
    drafts = big_plan_drafts()
    rows = _flat_rows(drafts)

    def build():
        store = open_memory()
        agencies.load_default_agencies(store.db)
        plans.create_plan(store.db, title="KH lớn", year_from=2025, drafts=drafts)
        return store

    def bare_build():
        conn = sqlite3.connect(":memory:")
        conn.execute("CREATE TABLE items (id INTEGER PRIMARY KEY, parent INTEGER, position INTEGER, code TEXT,"
                     " level TEXT, title TEXT, target TEXT)")
        conn.executemany("INSERT INTO items (parent, position, code, level, title, target) VALUES (?,?,?,?,?,?)",
                         rows)
        conn.commit()
        return conn

    # Building parses every target and folds every text; the bare insert does neither, so the
    # ratio is shown for tracking and the goal is the officer's: a big plan made within a second.
    results = [figure("tạo kế hoạch 5.050 mục", best_of(build, 3), best_of(bare_build, 3),
                      goal_ratio=None, goal_seconds=1.0)]

    store = build()
    plan_id = plans.list_plans(store.db)[0].id
    count = store.db.execute("SELECT count(*) FROM items").fetchone()[0]
    assert count == len(rows) == 5050, count
    results.append(figure(
        "nạp cây kế hoạch 5.050 mục", best_of(lambda: load_tree(store.db, plan_id)),
        best_of(lambda: store.db.execute("SELECT * FROM items WHERE plan_id = ?", [plan_id]).fetchall()),
        goal_ratio=8, goal_seconds=0.2,
    ))
    queries = ["thu tuc hanh chinh", "mot cua dung han", "so hoa", "tai chinh cong dao tao"]

    def search_all():
        for query in queries:
            search_items(store.db, query, plan_id=plan_id)

    def bare_scan():
        # the same words over the same folded column, with no join to what progress says
        for query in queries:
            words = query.split()
            where = " AND ".join("search_fold LIKE ?" for _ in words)
            store.db.execute(f"SELECT id FROM items WHERE {where}", [f"%{w}%" for w in words]).fetchall()

    results.append(figure(
        "tìm kiếm (mỗi truy vấn)", best_of(search_all) / len(queries), best_of(bare_scan) / len(queries),
        goal_ratio=4, goal_seconds=0.02,
    ))
    store.close()
    return results
