"""Build qa/parsing/data/vocabulary.txt: the words of a collection of resolutions, as printed.

Usage: python qa/parsing/data/build_vocabulary.py FOLDER... > qa/parsing/data/vocabulary.txt

Each line is "word count", lower-cased: words and hyphenated compounds ("peace-keeping") as they
stand whole in the texts. A word split by a hyphen at a line end ("in-" / "creasing") is not
counted: telling those apart is what the vocabulary is for (qa.parsing.hyphenation). Words seen
once are left out unless hyphenated (OCR damage is mostly seen once; a compound may be rare).
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")
LINE_BREAK_SPLIT = re.compile(r"[A-Za-z]+-[ \t]*\n\s*[A-Za-z]+")


def count_words(text: str, counts: Counter[str]) -> None:
    text = LINE_BREAK_SPLIT.sub(" ", text.replace("\u00ad", "").replace("\u2011", "-"))
    counts.update(w.lower() for w in WORD.findall(text))


def main(folders: list[str]) -> None:
    counts: Counter[str] = Counter()
    for folder in folders:
        for path in sorted(Path(folder).rglob("*")):
            if path.suffix in (".txt", ".md") and path.name != "SOURCES.md":
                count_words(path.read_text(encoding="utf-8", errors="replace"), counts)
    for word, n in sorted(counts.items()):
        if n >= 2 or "-" in word:
            print(word, n)


if __name__ == "__main__":
    main(sys.argv[1:] or ["../shared/corpus"])
