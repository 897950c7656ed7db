"""The layers stay layers: which package may import which, and SQL only in the store (db/).

Read from the source with ast, so a function-level import counts as much as one at the top
of a module (that is how the old db ↔ report cycle hid)."""

import ast
import re
from pathlib import Path

import parcdesk

ROOT = Path(parcdesk.__file__).parent
PACKAGES = ("db", "parsing", "importer", "report", "ops", "consolidate", "cli", "ui")
# what each package must never import (directly or inside a function)
FORBIDDEN = {
    "db": {"report", "ops", "cli", "ui", "importer", "consolidate"},
    "parsing": {"db", "report", "ops", "cli", "ui", "importer", "consolidate"},
    "importer": {"report", "ops", "cli", "ui", "consolidate"},
    "report": {"ops", "cli", "ui", "consolidate"},
    "ops": {"cli", "ui", "consolidate"},
    # the superior body's mode reads report files; it never changes an office's data
    "consolidate": {"ops", "cli", "ui", "importer"},
}
SQL = re.compile(r"^\s*(SELECT|INSERT|UPDATE|DELETE|REPLACE|CREATE|DROP|ALTER|PRAGMA|WITH|BEGIN|COMMIT|"
                 r"ROLLBACK|SAVEPOINT|RELEASE|VACUUM|ATTACH)\b", re.IGNORECASE)
RUNS_SQL = {"execute", "executemany", "executescript", "query"}


def modules():
    for path in sorted(ROOT.rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        yield path, parts, ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def node_of(parts: tuple[str, ...]) -> str:
    """The package a module belongs to, or the top-level module itself (model, statuses…)."""
    return parts[0]


def imported(tree: ast.AST, parts: tuple[str, ...]):
    package = ("parcdesk",) + parts[:-1]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                module = ".".join(base + ((node.module,) if node.module else ()))
            else:
                module = node.module or ""
            names = [module] + [f"{module}.{alias.name}" for alias in node.names]
        else:
            continue
        for name in names:
            pieces = name.split(".")
            if pieces[0] == "parcdesk" and len(pieces) > 1:
                yield pieces[1]


def package_graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for _path, parts, tree in modules():
        here = node_of(parts)
        graph.setdefault(here, set()).update(n for n in imported(tree, parts) if n != here)
    return graph


def test_packages_import_only_downwards():
    graph = package_graph()
    assert set(PACKAGES) <= set(graph)
    wrong = {package: sorted(graph[package] & banned) for package, banned in FORBIDDEN.items()
             if graph[package] & banned}
    assert wrong == {}


def test_no_import_cycle_between_packages():
    graph = {node: targets & set(PACKAGES) for node, targets in package_graph().items() if node in PACKAGES}
    state: dict[str, str] = {}
    cycles = []

    def visit(node, path):
        state[node] = "open"
        for target in sorted(graph[node]):
            if state.get(target) == "open":
                cycles.append(path[path.index(target):] + [target])
            elif target not in state:
                visit(target, path + [target])
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    assert cycles == []


def _literal_text(node: ast.AST) -> str:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(_literal_text(v) for v in node.values)
    if isinstance(node, ast.BinOp):
        return _literal_text(node.left) + _literal_text(node.right)
    return ""


def test_sql_only_in_the_store():
    """Outside db/, no statement is run (`.execute/.query(...)` with SQL) and no table is reached
    through sqlite-utils (`db["table"]`): every table has one owner, the store."""
    found = []
    for _path, parts, tree in modules():
        if parts[0] == "db":
            continue
        for node in ast.walk(tree):
            where = f"{'/'.join(parts)}.py:{getattr(node, 'lineno', 0)}"
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr in RUNS_SQL and node.args and SQL.match(_literal_text(node.args[0]))):
                found.append(where)
            elif (isinstance(node, ast.Subscript) and _literal_text(node.slice)
                  and (getattr(node.value, "attr", None) == "db" or getattr(node.value, "id", None) == "db")):
                found.append(where)
    assert found == []


def test_the_scan_sees_sql_and_imports():
    """The scans above would notice what they look for (so an empty list means something)."""
    tree = ast.parse('def f(db):\n    from parcdesk.report import signoff\n'
                     '    db.execute(f"SELECT 1 FROM {x}")\n    db["settings"].insert({})\n')
    assert list(imported(tree, ("db", "example"))) == ["report", "report"]
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and getattr(n.func, "attr", "") == "execute"]
    assert SQL.match(_literal_text(calls[0].args[0]))
