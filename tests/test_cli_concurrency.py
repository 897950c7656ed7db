"""Two processes saving different fields of one item at the same time lose nothing (issue 10):
each operation reads what it changes inside its own transaction and writes only its fields."""

import subprocess
import sys
import textwrap

from parcdesk.db import plans
from parcdesk.db.items import find_item
from parcdesk.db.store import open_store

SAVES = 500
PERIOD = "2025-Q1"

# One process: open the data file once and save one field SAVES times, values 0…SAVES-1.
DRIVER = textwrap.dedent("""
    import sys
    from parcdesk.db.store import open_store
    from parcdesk.ops.progress import set_progress

    path, item_id, field, saves = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
    with open_store(path) as store:
        print("ready", flush=True)
        sys.stdin.readline()  # both processes start saving on the same signal
        for i in range(saves):
            set_progress(store, item_id, "%s", source=field, **{field: str(i)})
""" % PERIOD)


def test_two_processes_saving_different_fields_lose_nothing(tmp_path):
    path = tmp_path / "office.sqlite"
    with open_store(path, create=True) as store:
        plans.create_from_template(store.db, "par-xa", 2025)  # test setup: the plan, written directly
        item_id = find_item(store.db, 1, "TC 1.1")
    driver = tmp_path / "driver.py"
    driver.write_text(DRIVER, encoding="utf-8")
    workers = [subprocess.Popen([sys.executable, str(driver), str(path), str(item_id), field, str(SAVES)],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for field in ("result", "difficulties")]
    for worker in workers:
        assert worker.stdout.readline().strip() == "ready", worker.stderr.read()
    for worker in workers:
        worker.stdin.write("go\n")
        worker.stdin.flush()
    for worker in workers:
        _, err = worker.communicate(timeout=120)
        assert worker.returncode == 0, err

    with open_store(path) as store:
        row = store.db.execute("SELECT result, difficulties FROM progress WHERE item_id = ? AND period = ?",
                               [item_id, PERIOD]).fetchone()
        saved = dict(store.db.execute(
            "SELECT field, count(*) FROM history WHERE entity = 'progress' AND entity_id = ? GROUP BY field",
            [item_id]).fetchall())
        last = dict(store.db.execute(
            "SELECT field, new FROM history WHERE entity = 'progress' AND entity_id = ? AND id IN "
            "(SELECT max(id) FROM history WHERE entity = 'progress' GROUP BY field)", [item_id]).fetchall())
    final = str(SAVES - 1)
    assert row == (final, final)
    assert saved == {f"{PERIOD}:result": SAVES, f"{PERIOD}:difficulties": SAVES}  # 1000 changes, none lost
    assert {field: last[f"{PERIOD}:{field}"] for field in ("result", "difficulties")} == {
        "result": final, "difficulties": final}  # the history holds what the file holds
