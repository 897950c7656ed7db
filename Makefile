# ParcDesk – one command to run, one to test; both set everything up first.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
BUNDLE_STAMP := $(VENV)/.installed-bundle
DEMO_DB ?= demo/parcdesk-demo.sqlite

.PHONY: setup run test lint bench soak demo screenshots bundle windows clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

demo: $(STAMP)
	@mkdir -p $(dir $(DEMO_DB))
	@test -f $(DEMO_DB) || $(BIN)/parcdesk demo --db $(DEMO_DB)

run: demo
	$(BIN)/parcdesk --db $(DEMO_DB)

test: $(STAMP)
	$(BIN)/python -m pytest -q

# ruff over everything, mypy over the Qt-free core (pyproject.toml says which rules and files)
lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy

screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m parcdesk.ui.screenshots docs/screenshots

bench: $(STAMP)
	$(BIN)/python -m bench

# The long reliability runs (kill -9 during edits, import, backup, migration, sign-off; full disk,
# read-only file and folder, WAL removed): a table, exit 1 on any loss. Linux, as root for the
# tmpfs and the mounts (those rows are skipped otherwise). Not part of `make test`; ~5 minutes.
soak: $(STAMP)
	$(BIN)/python tools/soak.py

# The one-folder program, dist/parcdesk/parcdesk (PyInstaller builds for the system it runs on;
# the Windows build and installer are .github/workflows/windows-installer.yml). Check it with
# `dist/parcdesk/parcdesk --smoke`. Editable install, so the dev venv keeps seeing src/.
$(BUNDLE_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,bundle]'
	touch $(BUNDLE_STAMP)

bundle: $(BUNDLE_STAMP)
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build installer/parcdesk.spec
	@echo "Đã đóng gói: dist/parcdesk/parcdesk ($$(du -sh dist/parcdesk | cut -f1) trên đĩa)"

# The Windows program built and checked here under Wine: tests, bundle, smokes, installer, install,
# upgrade, uninstall, the tests on a Vietnamese Windows (tools/windows/lane.sh; ~10 minutes once
# its apt packages are in; downloads kept in .cache/windows). dist/windows/parcdesk, dist/installer/.
windows: $(STAMP)
	HOST_PY=$(BIN)/python tools/windows/lane.sh

clean:
	rm -rf $(VENV) build dist demo .pytest_cache
