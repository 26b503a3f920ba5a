"""Example questions for the chat, built by rule from what the index holds, each kept only when the
engine answers it with the clause it was built from.

Rules, over each indexed document's own clauses (a question a delegate would ask of that clause):
- HOST: "Welcomes the offer of the Government of Qatar to host the seventh conference ..." ->
  "Which country will host the seventh conference ...?"
- REQUEST: "Requests the Secretary-General to ..." -> "What is the Secretary-General requested to
  do?" (with "regarding Iraq" when the clause names a place)
- ACT: an operative verb (Decides, Demands, Condemns, Recommends, Welcomes, Urges, Authorizes ...)
  and a subject the clause names (a place, or a name in capitals such as "the International Day of
  Democracy") -> "What does the Security Council demand regarding Iraq?"; without one, when the
  verb opens no other clause of its document -> "What does the General Assembly decide?"
- RECORD: an adoption date in the record -> "When was resolution 64/12 adopted?" (the meta unit)
Candidates are ordered by how surely they point at one clause (a place few documents name, an
operative clause of moderate length), at most one per document and rule, and then checked one by
one with `ask` (the engine over all documents): kept only when the answer is given, not abstained,
and its best citation is the very clause. Nothing is hard-coded per document.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from qa.answers.answer import Answer
from qa.answers.document import Document, DocumentClause
from qa.question.places import places_named

__all__ = ["Example", "candidate_examples", "choose_examples", "resolution_number", "subjects_named"]

_HOST = re.compile(r"\b(?:offer|decision|invitation) of the Government of (?:the )?[A-Z][\w'’ -]+? to host "
                   r"(the [^,;:.]{6,90}?)"
                   r"(?: in (?:19|20)\d\d)?\s*[,;:.]")
_REQUEST_SG = re.compile(r"^(?:Also |Further |Further also )?Requests the Secretary-General to\b")
_VERBS = {
    "decides": "decide", "demands": "demand", "condemns": "condemn", "recommends": "recommend",
    "welcomes": "welcome", "urges": "urge", "authorizes": "authorize", "authorises": "authorise",
    "deplores": "deplore", "endorses": "endorse", "approves": "approve", "commends": "commend",
    "requests": "request", "reaffirms": "reaffirm",
}
_OPENER = re.compile(r"^(?:Also |Further |Further also |Strongly |Again |Firmly )?([A-Z][a-z]+)\b")
# A name the clause gives in capitals ("the International Day of Democracy", "the Truce Supervision
# Organization"): a subject a question can name. The UN's own standing names are no subject.
_CAPITAL = r"(?:[A-Z][a-z’'\-]+|[A-Z]{2,})"
_NAMED = re.compile(rf"\b(the\s+)?({_CAPITAL}(?:\s+(?:(?:of|for|and|or|on|the|in)\s+)*{_CAPITAL})+)")
_LEADING_NAME = re.compile(rf"^({_CAPITAL}(?:\s+{_CAPITAL})*)\s+((?:(?:of|for|and|or|on|the|in)\s+)+)(.+)$")
_NOT_A_SUBJECT = re.compile(r"^(?:United Nations(?: system)?|Secretary-General|Member States?|General Assembly|"
                            r"Security Council|Human Rights Council|Economic and Social Council|Charter(?: of the "
                            r"United Nations)?|Government|Governments|Council|Assembly|State|States)$")
_SHORT_BODY = {"Security Council": "Security Council", "General Assembly": "General Assembly",
               "Human Rights Council": "Human Rights Council"}


@dataclass(frozen=True)
class Example:
    question: str
    doc: str
    unit: str  # the clause that answers it
    rule: str


def resolution_number(symbol: str) -> str | None:
    """"A/RES/64/12" -> "64/12", "S/RES/661 (1990)" -> "661 (1990)", as resolutions cite each other."""
    m = re.search(r"/RES/(?:[A-Z\-]+/)?(\d+/\d+)$", symbol) or re.search(r"/RES/(\d+ \((?:\d{4}|[IVXL]+)\))$", symbol)
    return m.group(1) if m else None


def _words(text: str) -> int:
    return len(text.split())


def _opening_verb(text: str) -> str | None:
    opener = _OPENER.match(text)
    return _VERBS.get(opener.group(1).lower()) if opener else None


def subjects_named(text: str) -> list[str]:
    """What a clause names that a question can ask about: places (qa.question.places), then names
    written in capitals ("the International Day of Democracy"), in reading order."""
    found = list(dict.fromkeys(places_named(text)))
    for m in _NAMED.finditer(text[1:]):  # the clause's opening verb is capitalised, not a name
        article, name = m.group(1), m.group(2)
        # "the United Nations of the International Day of Democracy": a standing name, then the subject
        lead = _LEADING_NAME.match(name)
        while lead and _NOT_A_SUBJECT.match(lead.group(1)):
            article, name = ("the " if "the" in lead.group(2).split() else None), lead.group(3)
            lead = _LEADING_NAME.match(name)
        if not _NOT_A_SUBJECT.match(name) and not any(name in p or p in name for p in found):
            found.append(f"the {name}" if article else name)
    return found


def _subject(document: Document) -> str:
    return f"the {_SHORT_BODY[document.body]}" if document.body in _SHORT_BODY else "the resolution"


def _clause_candidates(document: Document, clause: DocumentClause, subject_df: Counter,
                       openers: Counter) -> list[tuple[float, Example]]:
    """(sort key, example) of one clause; lower keys are surer."""
    out: list[tuple[float, Example]] = []
    text = clause.text
    size = _words(text)
    if not 6 <= size <= 90 or clause.kind not in ("operative", "preambular", "annex"):
        return out
    length_penalty = abs(size - 30) / 60  # a clause of a few lines reads best as an answer
    kind_penalty = 0.0 if clause.kind == "operative" else 0.5
    named = subjects_named(text)
    rare = min(named, key=lambda p: (subject_df[p], len(p), p)) if named else None
    rarity = (subject_df[rare] - 1) if rare else 0
    host = _HOST.search(text)
    if host:
        out.append((0.0 + length_penalty, Example(f"Which country will host {host.group(1).strip()}?",
                                                   document.symbol, clause.unit, "host")))
    if _REQUEST_SG.match(text):
        tail = f" regarding {rare}" if rare else ""
        out.append((1.0 + rarity + length_penalty + kind_penalty,
                    Example(f"What is the Secretary-General requested to do{tail}?", document.symbol, clause.unit,
                            "request")))
    verb = _opening_verb(text)
    if verb and rare and not _REQUEST_SG.match(text):
        out.append((1.0 + rarity + length_penalty + kind_penalty,
                    Example(f"What does {_subject(document)} {verb} regarding {rare}?", document.symbol, clause.unit,
                            f"act:{verb}")))
    elif verb and clause.kind == "operative" and openers[verb] == 1:
        # the only clause of its document that opens so: sure within it, rarely over many documents
        out.append((5.0 + length_penalty, Example(f"What does {_subject(document)} {verb}?", document.symbol,
                                                   clause.unit, f"act:{verb}")))
    return out


def candidate_examples(documents: Iterable[Document]) -> list[Example]:
    """Every example the rules build from the documents, surest first."""
    documents = list(documents)
    subject_df: Counter = Counter()  # in how many documents each subject is named
    for document in documents:
        subject_df.update({p for c in document.body_clauses for p in subjects_named(c.text)})
    scored: list[tuple[float, str, Example]] = []
    for document in documents:
        openers = Counter(_opening_verb(c.text) for c in document.body_clauses if c.kind == "operative")
        for clause in document.body_clauses:
            for key, example in _clause_candidates(document, clause, subject_df, openers):
                scored.append((key, example.question, example))
        number = resolution_number(document.symbol)
        if number and document.adopted and document.record is not None:
            scored.append((2.5, f"When was resolution {number} adopted?",
                           Example(f"When was resolution {number} adopted?", document.symbol, document.record.unit,
                                   "record")))
    # a question built from two clauses points at neither
    sources = Counter(example.question for _, _, example in scored)
    scored.sort(key=lambda s: (s[0], s[1]))
    return [example for _, _, example in scored if sources[example.question] == 1]


def choose_examples(documents: Iterable[Document], ask: Callable[[str], Answer], n: int = 4,
                    budget: int = 40) -> list[Example]:
    """Up to n examples, each answered by its clause when asked over the whole index (at most
    `budget` questions are asked). Spread over documents and rules first; an index of one or two
    resolutions then gives more than one per document, never two of one clause or rule."""
    candidates = candidate_examples(documents)
    chosen: list[Example] = []
    asked: set[str] = set()
    for spread in (True, False):
        for example in candidates:
            if len(chosen) >= n or len(asked) >= budget:
                return chosen
            if example.question in asked or _clashes(example, chosen, spread):
                continue
            asked.add(example.question)
            if _answered_by_its_clause(example, ask):
                chosen.append(example)
    return chosen


def _clashes(example: Example, chosen: list[Example], spread: bool) -> bool:
    for other in chosen:
        if (other.doc, other.unit) == (example.doc, example.unit):
            return True
        same_doc, same_rule = other.doc == example.doc, other.rule == example.rule
        if (same_doc or same_rule) if spread else (same_doc and same_rule):
            return True
    return False


def _answered_by_its_clause(example: Example, ask: Callable[[str], Answer]) -> bool:
    try:
        answer = ask(example.question)
    except Exception:  # an example that cannot be asked is not offered
        return False
    best = answer.citations[0] if answer.citations else None
    return bool(answer.answered and best is not None and (best.doc, best.unit) == (example.doc, example.unit))
