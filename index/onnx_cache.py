"""Where exported ONNX models live: $XDG_CACHE_HOME/resolution-qa/onnx/<model fingerprint>/, written once.

The fingerprint covers every file of the model folder (name, size, modification time, and the
content of the small ones: configs, tokenizer, pooling) plus the export recipe, so a changed model
or a new recipe gets a new export, and the query path finds its export with a few stat calls
instead of hashing 90 MB of weights on every start. An export is written into a temporary folder
beside the cache and renamed into place: an interrupted export leaves nothing that would be used.
A model that cannot be exported is remembered (a one-line reason file), so later runs fall back
to torch at once instead of tracing again.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
import tempfile
from pathlib import Path

from index.onnx_export import META, RECIPE, ExportError, export_model

CACHE_ENV = "RESOLUTION_QA_CACHE"
SMALL_FILE = 4 << 20  # files up to this size are hashed by content (configs, tokenizer, vocabulary)
FAILED = "failed.txt"


def cache_root() -> Path:
    """$RESOLUTION_QA_CACHE, else $XDG_CACHE_HOME/resolution-qa (~/.cache/resolution-qa); then onnx/."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV]).expanduser() / "onnx"
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base).expanduser() / "resolution-qa" / "onnx"


def fingerprint(location: str | Path) -> str:
    """A digest of the model folder's files and the export recipe (see the module docstring)."""
    folder = Path(location).resolve()
    digest = hashlib.sha256(f"recipe {RECIPE}\n".encode())
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and ".git" not in p.parts):
        stat = path.stat()
        digest.update(f"{path.relative_to(folder).as_posix()}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
        if stat.st_size <= SMALL_FILE:
            digest.update(path.read_bytes())
    return digest.hexdigest()[:24]


def exported(location: str | Path) -> Path:
    """The folder holding the model's export, exporting it first when none is cached (once, with torch).
    Raises ExportError when the model cannot be exported (now or, remembered, before)."""
    if not Path(location).is_dir():
        raise ExportError(f"{location} is not a local model folder")
    entry = cache_root() / fingerprint(location)
    if (entry / META).is_file():
        return entry
    failed = entry.with_name(entry.name + "." + FAILED)
    if failed.is_file():
        raise ExportError(failed.read_text(encoding="utf-8").strip() or "a previous export failed")
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        scratch = Path(tempfile.mkdtemp(prefix=f".{entry.name}-", dir=entry.parent))
    except OSError as exc:
        raise ExportError(f"cannot write the model cache {entry.parent} ({exc.strerror or exc})") from None
    print(f"resolution-qa: exporting the embedding model to ONNX once (cached in {entry})", file=sys.stderr)
    try:
        export_model(str(location), scratch)
        try:
            os.rename(scratch, entry)
        except OSError:  # another process exported it meanwhile: theirs is as good
            if not (entry / META).is_file():
                raise
    except ExportError as error:
        try:
            failed.write_text(str(error) + "\n", encoding="utf-8")
        except OSError:
            pass  # not remembered: the next run tries again
        raise
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return entry
