"""The server's engine, following its index folder: a rebuilt or extended index is served without
a restart, and no question is lost on the way.

How (README "Indexing a collection"):
- Noticing. Every `poll_s` seconds (2 by default; `serve --reload-every`) a thread looks at the
  folder's `manifest.json` with one `stat` (a write swaps in a whole new folder, so its manifest
  is a new file); when it changed, the manifest's `build_id` says whether the index did. SIGHUP
  (`kill -HUP`) asks for a look at once.
- Loading beside. The new index is loaded and validated in that thread while the old one keeps
  answering (for a while both are in memory).
- Swapping. One assignment under a lock: a question takes the engine current when it starts and
  finishes on it, so questions in flight end on the old index, the next ones start on the new.
- Refusing. A new index that fails to load (damaged, another dimension...) is refused with one
  log line; the old one keeps serving, and the folder is looked at again when it changes again.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

log = logging.getLogger("resolution_qa.reload")

DEFAULT_POLL_S = 2.0
MANIFEST = "manifest.json"

# (engine, manifest) of the index folder at a path; raises on any problem with it.
Loader = Callable[[Path], tuple[Any, dict]]


def load_engine(path: Path) -> tuple[Any, dict]:
    """The answering engine over the index at path, and its manifest."""
    from index.store import PassageIndex
    from qa.engine import Engine

    index = PassageIndex.load(path)
    return Engine(index), index.manifest


@dataclass(eq=False)
class _Generation:
    """One loaded index and the questions running on it."""

    engine: Any
    manifest: dict
    loaded_at: str
    in_flight: int = 0
    retired: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def build_id(self) -> str:
        return str(self.manifest.get("build_id") or self.manifest.get("built_at") or "")


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def _signature(path: Path) -> tuple | None:
    """What changes when a write swaps in a new folder: the manifest's inode, size and time."""
    try:
        st = os.stat(path / MANIFEST)
    except OSError:
        return None  # between a writer's two renames, or no index: look again next time
    return st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns


class LiveEngine:
    """The Engine's API (ask, ask_batch, documents, passage_count, filters...) over the
    index currently at `path`, reloaded when it changes (see the module docstring)."""

    def __init__(self, path: str | Path, loader: Loader = load_engine, poll_s: float = DEFAULT_POLL_S) -> None:
        self.path = Path(path)
        self.poll_s = poll_s
        self._loader = loader
        self._lock = threading.Lock()  # guards _current and the in-flight counts
        self._check_lock = threading.Lock()  # one check (and load) at a time
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.reloads = 0
        self.refused: dict | None = None  # the last refused build: {"build_id", "error", "at"}
        self._seen = _signature(self.path)
        engine, manifest = loader(self.path)  # the first load's errors are the caller's to report
        self._current = _Generation(engine, manifest, _now())

    # -- the engine's API, on the current index --------------------------------------------------
    @property
    def current(self) -> Any:
        return self._current.engine

    def _enter(self) -> _Generation:
        with self._lock:
            generation = self._current
            generation.in_flight += 1
            return generation

    def _leave(self, generation: _Generation) -> None:
        with self._lock:
            generation.in_flight -= 1

    def ask_batch(self, questions: list[str], k: int = 5, doc: Any = None, **filters: Any) -> list:
        """Engine.ask_batch on the current index; filters: doc, body, years as Engine takes them."""
        generation = self._enter()
        try:
            return generation.engine.ask_batch(questions, k=k, doc=doc, **filters)
        finally:
            self._leave(generation)

    def ask(self, question: str, k: int = 5, doc: Any = None, **filters: Any):
        """Engine.ask on the current index (the one current when the question starts)."""
        generation = self._enter()
        try:
            return generation.engine.ask(question, k=k, doc=doc, **filters)
        finally:
            self._leave(generation)

    @property
    def documents(self) -> list[dict]:
        return self._current.engine.documents

    @property
    def passage_count(self) -> int:
        return self._current.engine.passage_count

    def __getattr__(self, name: str) -> Any:
        # anything else of the Engine (features, rank, MAX_K...): the current one's
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self._current.engine, name)

    def status(self) -> dict:
        """For /healthz: which build is served, since when, and the last refused one."""
        generation = self._current
        return {
            "build_id": generation.build_id,
            "built_at": generation.manifest.get("built_at"),
            "loaded_at": generation.loaded_at,
            "document_count": len(generation.manifest.get("documents") or []),
            "passage_count": int(generation.manifest.get("passage_count") or 0),
            "reloads": self.reloads,
            "refused": self.refused,
        }

    # -- following the folder --------------------------------------------------------------------
    def check(self) -> bool:
        """Load and swap in the index at path if it is a new build; True when it was swapped."""
        with self._check_lock:
            signature = _signature(self.path)
            if signature is None or signature == self._seen:
                return False
            build_id = self._build_id_on_disk()
            if build_id is not None and build_id == self._current.build_id:
                self._seen = signature
                return False
            try:
                engine, manifest = self._loader(self.path)
            except Exception as error:  # noqa: BLE001 - any failure: refuse it, keep serving the old one
                message = " ".join(str(error).split()) or type(error).__name__
                self.refused = {"build_id": build_id, "error": message, "at": _now()}
                log.warning("refusing the new index at %s (build %s): %s; still serving build %s",
                            self.path, build_id or "unknown", message, self._current.build_id)
                self._seen = signature  # looked at again when the folder changes again
                return False
            self._swap(_Generation(engine, manifest, _now()))
            self._seen = signature
            return True

    def _build_id_on_disk(self) -> str | None:
        try:
            manifest = json.loads((self.path / MANIFEST).read_text(encoding="utf-8"))
            return str(manifest.get("build_id") or manifest.get("built_at") or "") or None
        except (OSError, ValueError, AttributeError):
            return None  # the load will say what is wrong

    def _swap(self, new: _Generation) -> None:
        with self._lock:
            old, self._current = self._current, new
            old.retired = True  # freed when its last question in flight lets go of it
        self.reloads += 1
        log.warning("serving the new index at %s: build %s (%s), %d documents, %d passages; was build %s",
                    self.path, new.build_id, new.manifest.get("built_at"), len(new.manifest.get("documents") or []),
                    int(new.manifest.get("passage_count") or 0), old.build_id)

    def reload_soon(self) -> None:
        """Look at the folder now rather than at the next poll (what SIGHUP does)."""
        self._seen = None  # even an unchanged signature is looked at (its build id decides)
        self._wake.set()

    def start_following(self) -> None:
        if self._thread is not None:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._follow, name="index-follower", daemon=True)
        self._thread.start()

    def stop_following(self) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=30)
            self._thread = None

    def _follow(self) -> None:
        while not self._stop.is_set():
            self._wake.wait(self.poll_s if self.poll_s > 0 else None)
            self._wake.clear()
            if self._stop.is_set():
                return
            try:
                self.check()
            except Exception:  # noqa: BLE001 - the follower must outlive any surprise
                log.exception("checking the index folder %s failed", self.path)

    def install_sighup(self) -> bool:
        """SIGHUP asks for a look at once (main thread only; False where there is no SIGHUP)."""
        if not hasattr(signal, "SIGHUP") or threading.current_thread() is not threading.main_thread():
            return False
        signal.signal(signal.SIGHUP, lambda signum, frame: self.reload_soon())
        return True
