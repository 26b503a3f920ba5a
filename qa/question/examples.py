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
# The clause's opening verb -> the question asking what it does ({body}: "the Security Council")
_ASKS = {
    "decides": "What does {body} decide", "demands": "What does {body} demand", "condemns": "What does {body} condemn",
    "recommends": "What does {body} recommend", "welcomes": "What does {body} welcome", "urges": "What does {body} urge",
    "authorizes": "What does {body} authorize", "authorises": "What does {body} authorise",
    "deplores": "What does {body} deplore", "endorses": "What does {body} endorse",
    "approves": "What does {body} approve", "commends": "What does {body} commend",
    "requests": "What does {body} request", "reaffirms": "What does {body} reaffirm",
    "determines": "What does {body} determine", "declares": "What does {body} declare",
    "affirms": "What does {body} affirm", "expresses": "What does {body} express",
    "calls upon": "Whom does {body} call upon", "calls on": "Whom does {body} call upon",
    "calls for": "What does {body} call for", "invites": "Whom does {body} invite",
    "encourages": "Whom does {body} encourage",
}
_OPENER = re.compile(r"^(?:Also |Further |Further also |Strongly |Again |Firmly |Once again )?"
                     r"([A-Z][a-z]+(?: (?:upon|on|for)\b)?)")
# A word that is a noun by its ending ("commodities", "compensation", "hostages"): a subject when
# a clause names nothing in capitals that few documents name
_NOUN = re.compile(r"^[a-z]{4,}(?:tions?|sions?|ments?|ances?|ences?|ities|ity|isms?|ures?|ages|ships?|ists?)$")
# A name the clause gives in capitals ("the International Day of Democracy", "the Truce Supervision
# Organization"): a subject a question can name. The UN's own standing names are no subject.
_CAPITAL = r"(?:[A-Z][a-z’'\-]+|[A-Z]{2,})"
_NAMED = re.compile(rf"(?<![\w’'-])((?:the|a|an)\s+)?({_CAPITAL}(?:\s+(?:(?:of|for|and|or|on|the|in)\s+)*{_CAPITAL})+)")
_TAKES_THE = frozenset("""Treaty Convention Commission Committee Conference Agreement Protocol Declaration
Programme Program Fund Office Organization Organisation Mission Force Group Court Tribunal Panel Board Forum
Summit Decade Plan Strategy Agenda Statute Covenant Platform Framework Initiative Special International""".split())
_CONNECTORS = re.compile(r"\b(?:of|for|and|or|on|the|in)\b")
_LEADING_NAME = re.compile(rf"^({_CAPITAL}(?:\s+{_CAPITAL})*)\s+((?:(?:of|for|and|or|on|the|in)\s+)+)(.+)$")
_NOT_A_SUBJECT = re.compile(r"^(?:United Nations(?: system)?|Secretary-General|Member States?|General Assembly|"
                            r"Security Council|Human Rights Council|Economic and Social Council|Charter(?: of the "
                            r"United Nations)?|Government|Governments|Council|Assembly|State|States|"
                            r"(?:His|Her) Excellency|President|Chairman|Secretary|Member|Members)$")
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
    """The key of _ASKS the clause opens with ("decides", "calls upon"), or None."""
    opener = _OPENER.match(text)
    if not opener:
        return None
    verb = opener.group(1).lower()
    return verb if verb in _ASKS else verb.split()[0] if verb.split()[0] in _ASKS else None


def _nouns(text: str) -> list[str]:
    return list(dict.fromkeys(w for w in re.findall(r"(?<![\w’'-])[a-z]+\b", text) if _NOUN.match(w)))


def _only_places(name: str) -> bool:
    """"Cuba and Yemen", "Iraq": places, each a subject of its own."""
    rest = name
    for place in places_named(name):
        rest = rest.replace(place, " ")
    return not _CONNECTORS.sub(" ", rest).strip()


def subjects_named(text: str) -> list[str]:
    """What a clause names that a question can ask about, in reading order: names written in capitals
    ("the International Day of Democracy", "the Vienna Convention on Diplomatic Relations") and the
    places (qa.question.places) no such name already holds."""
    names: list[str] = []
    for m in _NAMED.finditer(text, 1):  # the clause's opening verb is capitalised, not a name
        article, name = m.group(1), m.group(2)
        # "the United Nations of the International Day of Democracy": a standing name, then the subject
        lead = _LEADING_NAME.match(name)
        while lead and _NOT_A_SUBJECT.match(lead.group(1)):
            article, name = ("the " if "the" in lead.group(2).split() else None), lead.group(3)
            lead = _LEADING_NAME.match(name)
        if _NOT_A_SUBJECT.match(name) or _only_places(name) or text[m.end():m.end() + 1] in "]|[{}":
            continue  # a standing name, places only, or a name an OCR error cuts ("Conventional] Armaments")
        # a quoted title ("the item entitled “Treaty for ...”") reads with its article
        article = article or name.split()[0] in _TAKES_THE
        names.append(f"the {name}" if article else name)
    places = [p for p in dict.fromkeys(places_named(text)) if not any(p in n for n in names)]
    return list(dict.fromkeys(places + names))


def _subject(document: Document) -> str:
    return f"the {_SHORT_BODY[document.body]}" if document.body in _SHORT_BODY else "the resolution"


def _clause_candidates(document: Document, clause: DocumentClause, named: list[str], df: Counter,
                       openers: Counter) -> list[tuple[float, Example]]:
    """(sort key, example) of one clause; lower keys are surer. named: its subjects_named; df: in
    how many documents each subject is named."""
    out: list[tuple[float, Example]] = []
    text = clause.text
    size = _words(text)
    if not 6 <= size <= 90 or clause.kind not in ("operative", "preambular", "annex"):
        return out
    penalty = abs(size - 30) / 60 + (0.0 if clause.kind == "operative" else 0.5)  # a few lines read best
    # the subjects few documents name, names before plain nouns, at most two a clause
    named = sorted(named, key=lambda p: (df[p], len(p), p))
    nouns = sorted((w for w in _nouns(text) if df[w] == 1), key=lambda w: (-len(w), w))
    subjects = [(p, df[p] - 1) for p in named[:2]] + [(w, 1.5) for w in nouns[:1]]
    subjects = sorted(subjects, key=lambda s: s[1])[:2]
    host = _HOST.search(text)
    if host:
        out.append((penalty, Example(f"Which country will host {host.group(1).strip()}?", document.symbol,
                                     clause.unit, "host")))
    verb = _opening_verb(text)
    if _REQUEST_SG.match(text):
        asks, rule = "What is the Secretary-General requested to do", "request"
    elif verb:
        asks, rule = _ASKS[verb].format(body=_subject(document)), f"act:{verb}"
    else:
        return out
    for subject, rarity in subjects:
        out.append((1.0 + rarity + penalty, Example(f"{asks} regarding {subject}?", document.symbol, clause.unit,
                                                    rule)))
    if not subjects and clause.kind == "operative" and (verb is None or openers[verb] == 1):
        # the only clause of its document that opens so: sure within it, rarely over many documents
        out.append((5.0 + penalty, Example(f"{asks}?", document.symbol, clause.unit, rule)))
    return out


def candidate_examples(documents: Iterable[Document]) -> list[Example]:
    """Every example the rules build from the documents, surest first."""
    documents = list(documents)
    named = {c.text: subjects_named(c.text) for d in documents for c in d.body_clauses}  # once: the slow part
    df: Counter = Counter()  # in how many documents each subject is named
    for document in documents:
        df.update({p for c in document.body_clauses for p in named[c.text] + _nouns(c.text)})
    scored: list[tuple[float, str, Example]] = []
    for document in documents:
        openers = Counter(_opening_verb(c.text) for c in document.body_clauses if c.kind == "operative")
        for clause in document.body_clauses:
            for key, example in _clause_candidates(document, clause, named[clause.text], df, openers):
                scored.append((key, example.question, example))
        number = resolution_number(document.symbol)
        if number and document.adopted and document.record is not None:
            scored.append((0.9, f"When was resolution {number} adopted?",
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
