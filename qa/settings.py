"""Default places: the index folder and the bundled resolution. No heavy imports here."""

from __future__ import annotations

import os
from pathlib import Path

INDEX_ENV = "RESOLUTION_QA_INDEX"
PACKAGE_ROOT = Path(__file__).resolve().parent.parent


def default_index_path() -> Path:
    """$RESOLUTION_QA_INDEX, else $XDG_DATA_HOME/resolution-qa/index (~/.local/share/resolution-qa/index)."""
    if os.environ.get(INDEX_ENV):
        return Path(os.environ[INDEX_ENV]).expanduser()
    data_home = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data_home).expanduser() / "resolution-qa" / "index"


def bundled_resolution() -> Path:
    """The default corpus: General Assembly resolution 64/12, shipped in data/."""
    return PACKAGE_ROOT / "data" / "A_RES_64_12.txt"
