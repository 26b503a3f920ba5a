"""Progress of the long index commands: a tqdm bar on a terminal, a plain line now and then when
the output is piped (a log file or CI gets lines, not carriage returns), nothing with --quiet."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from enum import Enum
from typing import TextIO

LINE_EVERY_S = 10.0  # piped output: one line per stage at most this often, and one when it ends


class ProgressMode(str, Enum):
    BAR = "bar"
    LINES = "lines"
    OFF = "off"

    @classmethod
    def for_stream(cls, stream: TextIO, quiet: bool) -> ProgressMode:
        if quiet:
            return cls.OFF
        isatty = getattr(stream, "isatty", None)
        return cls.BAR if isatty is not None and isatty() else cls.LINES


class StageProgress:
    """The progress of one stage ("Reading files", "Embedding passages") of `total` units."""

    def __init__(self, desc: str, total: int, unit: str, mode: ProgressMode, stream: TextIO | None = None,
                 every_s: float = LINE_EVERY_S, clock: Callable[[], float] = time.monotonic) -> None:
        self.desc, self.total, self.unit, self.mode = desc, total, unit, mode
        self.stream = stream if stream is not None else sys.stderr
        self.every_s, self.clock = every_s, clock
        self.done = 0
        self.printed = 0  # `done` at the last plain line: the end is not printed twice
        self.started = self.last_line = clock()
        self.first: tuple[float, int] | None = None  # (time, done) at the first update: the rate
        # starts there, so a model load before the first batch does not count as slow embedding
        self.bar = None
        if mode is ProgressMode.BAR and total:
            from tqdm import tqdm

            self.bar = tqdm(total=total, desc=desc, unit=unit, file=self.stream)

    def update(self, n: int) -> None:
        self.done += n
        if self.first is None:
            self.first = (self.clock(), self.done)
        if self.bar is not None:
            self.bar.update(n)
        elif self.mode is ProgressMode.LINES and self.clock() - self.last_line >= self.every_s:
            self._line()

    def write(self, text: str) -> None:
        """A message during the stage, printed without breaking the bar."""
        if self.bar is not None:
            self.bar.write(text, file=self.stream)
        else:
            print(text, file=self.stream, flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None
        elif self.mode is ProgressMode.LINES and self.total and self.printed != self.done:
            self._line()

    def _line(self) -> None:
        now = self.clock()
        self.last_line, self.printed = now, self.done
        share = f" ({100 * self.done // self.total}%)" if self.total else ""
        rate = ""
        if self.first is not None and now > self.first[0] and self.done > self.first[1]:
            rate = f", {(self.done - self.first[1]) / (now - self.first[0]):.0f} {self.unit}s/s"
        print(f"{self.desc}: {self.done}/{self.total} {self.unit}s{share}, {now - self.started:.0f} s{rate}",
              file=self.stream, flush=True)


def progress_factory(desc: str, unit: str, mode: ProgressMode,
                     stream: TextIO | None = None) -> Callable[[int], StageProgress]:
    """What index.store's `progress` takes: called with the total once it is known."""
    return lambda total: StageProgress(desc, total, unit, mode, stream)
