"""Schema migrations, numbered; PRAGMA user_version holds the number reached.

Each migration is a list of statements run in one transaction together with the
version bump, so a file is always at one whole version. Never edit a migration that
has shipped: add the next one.
"""

from __future__ import annotations

STATUSES_SQL = "('not_started','in_progress','done','done_late','failed','not_applicable')"
COMPARATORS_SQL = "('>=','>','=','<=','<')"
# The widest table the operation log can hold a row image of (items has 19 columns).
OPLOG_COLUMNS = 32

MIGRATION_1 = [
    # The office's own settings: unit name, kind, superior body, place, report deadline day…
    "CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    """CREATE TABLE signers (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        position TEXT NOT NULL,            -- CHỦ TỊCH, PHÓ CHỦ TỊCH
        authority TEXT NOT NULL DEFAULT '', -- TM. ỦY BAN NHÂN DÂN, KT. CHỦ TỊCH
        sort INTEGER NOT NULL DEFAULT 0,
        active INTEGER NOT NULL DEFAULT 1
    )""",
    """CREATE TABLE agencies (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL DEFAULT 'section'
            CHECK (kind IN ('section','leadership','group','other')),
        sort INTEGER NOT NULL DEFAULT 0
    )""",
    # Every spelling met (the name itself included) under its canonical key.
    """CREATE TABLE agency_aliases (
        key TEXT PRIMARY KEY,
        alias TEXT NOT NULL,
        agency_id INTEGER NOT NULL REFERENCES agencies(id) ON DELETE CASCADE
    )""",
    "CREATE INDEX agency_aliases_agency ON agency_aliases(agency_id)",
    """CREATE TABLE plans (
        id INTEGER PRIMARY KEY,
        number TEXT NOT NULL DEFAULT '',   -- 13/KH-UBND
        issued_on TEXT,                    -- ISO date
        title TEXT NOT NULL,
        year_from INTEGER NOT NULL,
        year_to INTEGER NOT NULL,
        basis TEXT NOT NULL DEFAULT '[]',  -- JSON list of "Căn cứ …" documents
        appendix_title TEXT NOT NULL DEFAULT '',
        template TEXT,
        source_plan_id INTEGER REFERENCES plans(id) ON DELETE SET NULL,
        created_at TEXT NOT NULL,
        CHECK (year_to >= year_from)
    )""",
    f"""CREATE TABLE items (
        id INTEGER PRIMARY KEY,
        plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
        parent_id INTEGER REFERENCES items(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        code TEXT NOT NULL DEFAULT '',
        level TEXT NOT NULL CHECK (level IN ('area','criterion','subcriterion','task')),
        title TEXT NOT NULL,
        target_text TEXT NOT NULL DEFAULT '',
        -- the measurable threshold, parsed from target_text or corrected by the officer
        target_comparator TEXT CHECK (target_comparator IS NULL OR target_comparator IN {COMPARATORS_SQL}),
        target_value REAL,
        target_unit TEXT,
        target_baseline_year INTEGER,
        target_baseline_value REAL,
        target_manual INTEGER NOT NULL DEFAULT 0,
        output TEXT NOT NULL DEFAULT '',
        timeframe_text TEXT NOT NULL DEFAULT '',
        notes TEXT NOT NULL DEFAULT '',
        search_fold TEXT NOT NULL DEFAULT '',
        CHECK ((target_comparator IS NULL) = (target_value IS NULL))
    )""",
    "CREATE INDEX items_tree ON items(plan_id, parent_id, position)",
    "CREATE INDEX items_parent ON items(parent_id)",
    """CREATE TABLE item_agencies (
        item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
        role TEXT NOT NULL CHECK (role IN ('lead','partner','monitor')),
        position INTEGER NOT NULL,
        agency_id INTEGER NOT NULL REFERENCES agencies(id),
        PRIMARY KEY (item_id, role, agency_id)
    )""",
    "CREATE INDEX item_agencies_agency ON item_agencies(agency_id)",
    f"""CREATE TABLE progress (
        item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
        period TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'not_started' CHECK (status IN {STATUSES_SQL}),
        actual_value REAL,
        result TEXT NOT NULL DEFAULT '',
        difficulties TEXT NOT NULL DEFAULT '',
        proposals TEXT NOT NULL DEFAULT '',
        updated_at TEXT NOT NULL,
        search_fold TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (item_id, period)
    )""",
    "CREATE INDEX progress_period ON progress(period)",
    # Tài liệu kiểm chứng: a document by number/date/summary, with its file copied beside the database.
    """CREATE TABLE evidence (
        id INTEGER PRIMARY KEY,
        item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
        period TEXT NOT NULL,
        number TEXT NOT NULL DEFAULT '',
        issued_on TEXT,
        summary TEXT NOT NULL DEFAULT '',
        file_name TEXT,
        stored_path TEXT,
        sha256 TEXT,
        added_at TEXT NOT NULL
    )""",
    "CREATE INDEX evidence_item ON evidence(item_id, period)",
    # What changed, old → new, when; kept even when the plan itself is deleted.
    """CREATE TABLE history (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        plan_id INTEGER,
        entity TEXT NOT NULL,
        entity_id INTEGER,
        field TEXT NOT NULL,
        old TEXT,
        new TEXT,
        source TEXT NOT NULL DEFAULT ''
    )""",
    "CREATE INDEX history_entity ON history(entity, entity_id)",
]

MIGRATION_2 = [
    # The office's own parts of a period's report, written before signing (one row per plan+period).
    """CREATE TABLE report_drafts (
        plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
        period TEXT NOT NULL,
        results TEXT NOT NULL DEFAULT '',       -- kết quả đạt được (the office's narrative)
        shortcomings TEXT NOT NULL DEFAULT '',  -- tồn tại, hạn chế và nguyên nhân
        next_tasks TEXT NOT NULL DEFAULT '',    -- nhiệm vụ trọng tâm kỳ tới
        proposals TEXT NOT NULL DEFAULT '',     -- đề xuất, kiến nghị
        addressee TEXT,                         -- "Kính gửi"; NULL: the office default
        recipients TEXT,                        -- JSON list for "Nơi nhận"; NULL: the office default
        number TEXT NOT NULL DEFAULT '',        -- "12" of "12/BC-UBND"; blank until the clerk assigns one
        report_date TEXT,                       -- ISO date on the dateline; NULL: the day it is printed
        signer_id INTEGER REFERENCES signers(id) ON DELETE SET NULL,
        correction_reason TEXT,                 -- set while a signed report is reopened for a new version
        updated_at TEXT NOT NULL,
        PRIMARY KEY (plan_id, period)
    )""",
    # Signed-off reports: the frozen content (JSON), its SHA-256, and the hashes of the files
    # exported from it. No foreign key to plans: a record outlives the plan's deletion; the
    # plan's created_at tells a later plan that reuses the id apart.
    """CREATE TABLE signed_reports (
        id INTEGER PRIMARY KEY,
        plan_id INTEGER NOT NULL,
        plan_created_at TEXT NOT NULL,
        period TEXT NOT NULL,
        version INTEGER NOT NULL CHECK (version >= 1),
        snapshot TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        pdf_sha256 TEXT NOT NULL,
        xlsx_sha256 TEXT NOT NULL,
        signer_name TEXT NOT NULL,
        signer_position TEXT NOT NULL,
        signer_authority TEXT NOT NULL,
        signed_at TEXT NOT NULL,
        reason TEXT,                            -- why this version corrects the previous one
        CHECK (version = 1 OR length(trim(coalesce(reason, ''))) > 0),
        UNIQUE (plan_id, plan_created_at, period, version)
    )""",
    "CREATE INDEX signed_reports_sha ON signed_reports(sha256)",
    """CREATE VIEW current_signed_reports AS
        SELECT s.* FROM signed_reports s
        WHERE s.version = (SELECT max(version) FROM signed_reports o
                           WHERE o.plan_id = s.plan_id AND o.plan_created_at = s.plan_created_at
                             AND o.period = s.period)""",
]

MIGRATION_3 = [
    # The operation log behind undo and redo (see db/oplog.py): one row per operation, and the
    # before/after image of every row it touched. Images are kept column by column in untyped
    # columns (b0…, a0…), in the table's column order, so that every value comes back exactly
    # as SQLite held it (a JSON copy would round a REAL to 15 digits).
    """CREATE TABLE operations (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,                  -- "progress.set", "item.edit", "report.signoff" …
        label TEXT NOT NULL,                 -- what the officer reads: "Ghi tiến độ TCTP 3.4.2"
        plan_id INTEGER,
        at TEXT NOT NULL,
        source TEXT NOT NULL DEFAULT '',     -- ui, cli, import …
        state TEXT NOT NULL DEFAULT 'done' CHECK (state IN ('done', 'undone')),
        undoable INTEGER NOT NULL DEFAULT 1, -- 0: a sign-off, which undo never crosses
        merge_key TEXT                       -- consecutive operations with one key merge (typing)
    )""",
    f"""CREATE TABLE operation_rows (
        id INTEGER PRIMARY KEY,
        op_id INTEGER NOT NULL REFERENCES operations(id) ON DELETE CASCADE,
        tbl TEXT NOT NULL,
        row_key INTEGER NOT NULL,            -- the row's rowid
        kind TEXT NOT NULL CHECK (kind IN ('i', 'u', 'd')),
        {", ".join(f"b{n}" for n in range(OPLOG_COLUMNS))},
        {", ".join(f"a{n}" for n in range(OPLOG_COLUMNS))}
    )""",
    "CREATE INDEX operation_rows_op ON operation_rows(op_id)",
    # The items each signed report shows, so that the lock on an item's printed fields is one lookup.
    """CREATE TABLE signed_report_items (
        report_id INTEGER NOT NULL REFERENCES signed_reports(id) ON DELETE CASCADE,
        item_id INTEGER NOT NULL,
        PRIMARY KEY (report_id, item_id)
    )""",
    "CREATE INDEX signed_report_items_item ON signed_report_items(item_id)",
    """INSERT OR IGNORE INTO signed_report_items (report_id, item_id)
        SELECT s.id, json_extract(r.value, '$.id') FROM signed_reports s, json_each(s.snapshot, '$.appendix.rows') r
        WHERE json_extract(r.value, '$.id') IS NOT NULL""",
]

MIGRATION_4_CARRIED_PROGRESS = [
    # Cumulative periods (carry.py): a record copied from an earlier period of the year says which
    # one, until it is edited in its own period. Added at the end: old operation images still fit.
    "ALTER TABLE progress ADD COLUMN carried_from TEXT",
]

MIGRATION_5_YEAR_TARGETS = [
    # A multi-year plan's per-year targets ("Năm 2024: 80%; năm 2025: 85%", or one appendix
    # column per year): each year of the item judged against its own (model.PlanItem.threshold_for).
    f"""CREATE TABLE item_year_targets (
        item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
        year INTEGER NOT NULL,
        text TEXT NOT NULL DEFAULT '',
        comparator TEXT CHECK (comparator IS NULL OR comparator IN {COMPARATORS_SQL}),
        value REAL,
        unit TEXT,
        manual INTEGER NOT NULL DEFAULT 0,  -- 1: the threshold is the officer's, not parsed from text
        CHECK ((comparator IS NULL) = (value IS NULL)),
        PRIMARY KEY (item_id, year)
    )""",
]

MIGRATIONS: list[list[str]] = [MIGRATION_1, MIGRATION_2, MIGRATION_3, MIGRATION_4_CARRIED_PROGRESS,
                               MIGRATION_5_YEAR_TARGETS]
CURRENT_VERSION = len(MIGRATIONS)
