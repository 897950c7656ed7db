"""The command line changes data only through ops/: no cli module calls a store writer or
opens a transaction itself (which would bypass the period lock and the undo log)."""

import ast
from pathlib import Path

import parcdesk.cli

CLI_DIR = Path(parcdesk.cli.__file__).parent

# Every function that writes the office's data outside ops/ (db/, report/, importer/).
WRITERS = frozenset({
    "transaction", "set_progress", "add_item", "insert_drafts", "update_item", "move_item", "indent_item",
    "outdent_item", "delete_item", "restore_subtree", "refresh_search_fold", "add_evidence", "update_evidence",
    "remove_evidence", "restore_evidence", "copy_in", "create_plan", "create_from_template", "create_next_year",
    "update_plan", "delete_plan", "save_settings", "add_signer", "load_default_agencies", "resolve_agency",
    "rename_agency", "merge_agencies", "add_alias", "save_draft", "save_report_defaults", "sign_off",
    "open_correction", "apply", "record", "migrate",
})
WRITING_PACKAGES = ("parcdesk.db", "parcdesk.report", "parcdesk.importer", "parcdesk.demo")


def writer_calls(source: str) -> list[str]:
    """`module.name` of each call in `source` to a writer outside ops/."""
    tree = ast.parse(source)
    modules: dict[str, str] = {}   # local name → module it stands for
    names: dict[str, str] = {}     # local name → "module.function"
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                names[alias.asname or alias.name] = f"{node.module}.{alias.name}"
                modules[alias.asname or alias.name] = f"{node.module}.{alias.name}"
        elif isinstance(node, ast.Import):
            for alias in node.names:
                modules[alias.asname or alias.name.split(".")[0]] = alias.name
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Name) and func.id in names:
            target = names[func.id]
        elif isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id in modules:
            target = f"{modules[func.value.id]}.{func.attr}"
        else:
            continue
        module, _, function = target.rpartition(".")
        if function in WRITERS and module.startswith(WRITING_PACKAGES):
            found.append(target)
    return found


def test_the_scan_finds_a_direct_writer():
    bad = ("from parcdesk.db import settings\nfrom parcdesk.db.connection import transaction\n"
           "from parcdesk.db.items import update_item as change\n"
           "def f(db):\n    settings.save_settings(db)\n    change(db, 1)\n    with transaction(db):\n        pass\n")
    assert sorted(writer_calls(bad)) == ["parcdesk.db.connection.transaction", "parcdesk.db.items.update_item",
                                         "parcdesk.db.settings.save_settings"]
    good = "from parcdesk.ops import items as item_ops\ndef f(s):\n    item_ops.update_item(s, 1)\n"
    assert writer_calls(good) == []


def test_no_cli_module_writes_except_through_ops():
    offenders = {path.name: calls for path in sorted(CLI_DIR.glob("*.py"))
                 if (calls := writer_calls(path.read_text(encoding="utf-8")))}
    assert offenders == {}
