import os
from pathlib import Path

import pytest

# GUI tests drive real widgets with no display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.fail(f"../shared is missing (expected at {SHARED}); these tests read the seeds and samples there")
    return SHARED
