"""Atomic writes of an index folder: fill a new folder beside the target, then swap it in.

A writer holds an exclusive lock (`.NAME.lock` beside the target) for its whole build, add or
remove. It fills `.NAME.tmp-*`, fsyncs every file and folder, then renames the target to
`.NAME.old-*` and the new folder to the target. A write that fails, is interrupted or killed, or
meets a full disk leaves the previous index as it was; a kill between the two renames leaves only
the old folder, which the next reader or writer puts back (`recover_interrupted_swap`).
"""

from __future__ import annotations

import errno
import fcntl
import os
import shutil
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from index.errors import IndexBuildError

__all__ = ["writing", "write_atomically", "write_file", "write_lines", "recover_interrupted_swap", "swap_in"]


def tmp_prefix(target: Path) -> str:
    return f".{target.name}.tmp-"


def old_prefix(target: Path) -> str:
    return f".{target.name}.old-"


def recover_interrupted_swap(target: Path, locked: bool = False) -> None:
    """A write killed between its two renames leaves only the old folder: put it back.

    Done under the write lock (unless the caller holds it), so a reader never undoes the swap of
    a writer that is between its renames.
    """
    if target.exists() or not target.parent.is_dir():
        return
    if not any(target.parent.glob(old_prefix(target) + "*")):
        return
    if not locked:
        try:
            with write_lock(target, wait=30.0):
                recover_interrupted_swap(target, locked=True)
            return
        except (IndexBuildError, OSError):
            pass  # a read-only folder or a writer that holds on: try without the lock
    olds = sorted(target.parent.glob(old_prefix(target) + "*"), key=_mtime)
    if olds and not target.exists():
        try:
            os.rename(olds[-1], target)
        except OSError:
            pass


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


@contextmanager
def write_lock(target: Path, wait: float = 0.0) -> Iterator[None]:
    lock_path = target.parent / f".{target.name}.lock"
    with open(lock_path, "a") as fh:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise IndexBuildError(
                        f"{target}: another build is writing this index; wait for it to finish"
                    ) from None
                time.sleep(0.05)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


@contextmanager
def writing(target: Path) -> Iterator[None]:
    """Hold the write lock for a whole build, add or remove (reading, embedding and writing), after
    putting back an interrupted swap and clearing what killed writes left behind."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise IndexBuildError(f"{target.parent}: cannot create the folder ({exc.strerror})") from exc
    if target.exists() and not target.is_dir():
        raise IndexBuildError(f"{target}: exists and is not an index folder; choose another --out")
    try:
        lock = write_lock(target)
        lock.__enter__()
    except OSError as exc:
        raise IndexBuildError(f"{target.parent}: cannot write here ({exc.strerror or exc})") from exc
    try:
        recover_interrupted_swap(target, locked=True)
        for stale in [*target.parent.glob(tmp_prefix(target) + "*"), *target.parent.glob(old_prefix(target) + "*")]:
            shutil.rmtree(stale, ignore_errors=True)  # left by a killed write; we hold the lock
        yield
    finally:
        lock.__exit__(None, None, None)


def fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_tree(root: Path) -> None:
    """Every file and folder under root on disk before the swap (bm25s writes without fsync)."""
    for folder, _, files in os.walk(root):
        for name in files:
            fd = os.open(os.path.join(folder, name), os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        fsync_dir(Path(folder))


def swap_in(tmp: Path, target: Path) -> None:
    if target.exists():
        old = target.parent / f"{old_prefix(target)}{os.getpid()}-{uuid.uuid4().hex[:8]}"
        os.rename(target, old)
        try:
            os.rename(tmp, target)
        except OSError:
            os.rename(old, target)  # put the previous index back before reporting
            raise
        fsync_dir(target.parent)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.rename(tmp, target)
    fsync_dir(target.parent)


def write_atomically(target: Path, fill: Callable[[Path], None]) -> None:
    """Fill a new folder beside target and swap it in; the caller holds the write lock."""
    tmp = target.parent / f"{tmp_prefix(target)}{os.getpid()}-{uuid.uuid4().hex[:8]}"
    try:
        tmp.mkdir()
        fill(tmp)
        fsync_tree(tmp)
        swap_in(tmp, target)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        reason = "no space left on device" if exc.errno == errno.ENOSPC else (exc.strerror or str(exc))
        raise IndexBuildError(
            f"{target}: could not write the index ({reason}); the previous index is unchanged"
        ) from exc
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def write_lines(path: Path, lines: Iterable[str], chunk: int = 1 << 20) -> None:
    """Text lines as UTF-8, written in chunks of about `chunk` characters, then fsynced."""
    with open(path, "wb") as fh:
        pending: list[str] = []
        size = 0
        for line in lines:
            pending.append(line)
            size += len(line)
            if size >= chunk:
                fh.write("".join(pending).encode("utf-8"))
                pending, size = [], 0
        fh.write("".join(pending).encode("utf-8"))
        fh.flush()
        os.fsync(fh.fileno())


def write_file(path: Path, data: bytes) -> None:
    with open(path, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
