"""What the chat says about the index it serves: the header, the input's placeholder, the example
questions, the document picker's choices and the body / years filters. All of it is read from the
engine (its documents and qa.question.examples), never written for one resolution.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from qa.answers.document import body_of, year_of
from ui.render import escape

__all__ = ["IndexTexts", "index_texts", "ALL"]

ALL = ""  # a picker's or filter's value meaning "no restriction"
BODY_CODES = {"General Assembly": "GA", "Security Council": "SC", "Human Rights Council": "HRC",
              "Economic and Social Council": "ECOSOC"}
_MAX_CHOICE_CHARS = 140


@dataclass(frozen=True)
class IndexTexts:
    header: str  # Markdown, every value escaped
    placeholder: str
    examples: tuple[str, ...]
    documents: tuple[tuple[str, str], ...]  # (label, symbol) for the picker, "All resolutions" first
    bodies: tuple[tuple[str, str], ...]  # (label, code); empty when the index holds one body
    years: tuple[tuple[str, str], ...]  # (label, "1990-1999"); empty when it holds one decade


def _md(text: str) -> str:
    """Plain text for a Markdown line: no markup of its own (the header is Markdown)."""
    return escape(text)


def _span(years: list[int]) -> str:
    if not years:
        return ""
    first, last = min(years), max(years)
    return str(first) if first == last else f"{first}–{last}"


def _describe(documents: list[dict]) -> tuple[str, dict[str, list[int]]]:
    by_body: dict[str, list[int]] = {}
    counts: Counter = Counter()
    for d in documents:
        symbol = str(d.get("symbol", ""))
        body = body_of(symbol, d.get("body")) or "Other"
        counts[body] += 1
        year = year_of(symbol, d.get("adopted"))
        by_body.setdefault(body, [])
        if year:
            by_body[body].append(year)
    parts = []
    for body, n in counts.most_common():
        span = _span(by_body[body])
        parts.append(f"{body}{' ' + span if span else ''} ({n})")
    return ", ".join(parts), by_body


def _header(documents: list[dict], passages: int) -> str:
    if len(documents) == 1:
        d = documents[0]
        symbol, title = str(d.get("symbol", "")), str(d.get("title") or "")
        facts = ", ".join(x for x in (body_of(symbol, d.get("body")), str(year_of(symbol, d.get("adopted")) or ""))
                          if x)
        named = f"**{_md(symbol)}**" + (f": {_md(title)}" if title and title != symbol else "")
        return ("# Ask a UN resolution\n"
                f"{named}{f' ({_md(facts)})' if facts else ''}. Answers are its own clauses, quoted verbatim "
                f"with their exact citation; click one to read it in the resolution.")
    summary, _ = _describe(documents)
    return ("# Ask UN resolutions\n"
            f"Searching {len(documents)} resolutions ({_md(summary)}; {passages:,} passages). Answers are their "
            "own clauses, quoted verbatim with their exact citation; click one to read it in its resolution.")


def _natural(symbol: str) -> tuple:
    """"S/RES/44 (1990)" before "S/RES/1004 (1990)": numbers compared as numbers."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in re.split(r"(\d+)", symbol))


def _choice(d: dict) -> tuple[str, str]:
    symbol = str(d.get("symbol", ""))
    title = str(d.get("title") or "")
    year = year_of(symbol, d.get("adopted"))
    shown = symbol
    if title and title != symbol:
        shown += f" — {title}"
    if year and str(year) not in shown:
        shown += f" · {year}"
    if len(shown) > _MAX_CHOICE_CHARS:
        shown = shown[: _MAX_CHOICE_CHARS - 1] + "…"
    return shown, symbol


def _filters(engine: Any, documents: list[dict]) -> tuple[tuple, tuple]:
    """The body and years choices (Engine.filters), where the index holds more than one body or decade."""
    if not callable(getattr(engine, "filters", None)):
        return (), ()
    available = engine.filters()
    names = {code: name for name, code in BODY_CODES.items()}
    bodies = [str(code) for code in available.get("bodies") or ()]
    first, last = (list(available.get("years") or ()) + [None, None])[:2]
    decades = sorted({y // 10 * 10 for d in documents if (y := year_of(str(d.get("symbol", "")), d.get("adopted")))
                      and (first is None or first <= y) and (last is None or y <= last)})
    body_choices = (("All bodies", ALL), *((names.get(b, b), b) for b in bodies)) if len(bodies) > 1 else ()
    year_choices = (("All years", ALL), *((f"{d}s", f"{d}-{d + 9}") for d in decades)) if len(decades) > 1 else ()
    return body_choices, year_choices


def _examples(engine: Any, n: int) -> tuple[str, ...]:
    maker = getattr(engine, "examples", None)
    if maker is None:
        return ()
    return tuple(example.question if hasattr(example, "question") else str(example) for example in maker(n))


def index_texts(engine: Any, n_examples: int = 4) -> IndexTexts:
    """The texts for the index `engine` serves (examples are asked once each to check them: build
    this once per engine)."""
    documents = list(engine.documents)
    examples = _examples(engine, n_examples)
    noun = "resolution" if len(documents) == 1 else "resolutions"
    placeholder = f"Ask about the {noun}" + (f", e.g. {examples[0]}" if examples else "")
    ordered = sorted(documents, key=lambda d: (year_of(str(d.get("symbol", "")), d.get("adopted")) or 0,
                                               _natural(str(d.get("symbol", "")))))
    bodies, years = _filters(engine, documents)
    return IndexTexts(
        header=_header(documents, int(getattr(engine, "passage_count", 0))),
        placeholder=placeholder,
        examples=examples,
        documents=(("All resolutions", ALL), *(_choice(d) for d in ordered)),
        bodies=bodies,
        years=years,
    )
