"""What a question says about its answer, read once before ranking.

- the clauses it names by label ("operative paragraph 10", "the first preambular paragraph");
- the dates, months and years it names ("9 November 2009", "in March 1994", "the 1985 renewal");
- the resolutions it names ("resolution 242 (1967)", "resolution 242", "64/12", "S/RES/687 (1991)");
- the body it implies ("the Council", "the Assembly", "the Human Rights Council");
- its kind of act: "which resolution established / created / set up / first ..." asks for the
  establishing resolution; "what did the Council decide / demand / ask ..." for operative text;
- its question types (when -> a date, how many -> a number, where -> a place, which document -> a
  symbol, what are the ... -> a list, will / next -> the future) and whether it asks about the
  adoption record (a vote, an abstention, a meeting);
- its acronyms and names (capitalised words that are not sentence openers or UN vocabulary).

`analyze(question)` returns all of it as one `Analysis`; the rankers and the abstention checks
read it instead of each parsing the question again.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from qa.question.bodies import ACRONYM
from qa.question.places import mentions_place
from qa.references import body_code, find_references
from qa.text import ordinal_words

__all__ = ["Analysis", "analyze", "clean_question", "named_clauses", "dates_in", "months_in", "years_in",
           "QUESTION_TYPES", "FUTURE_TYPE", "PLACE_TYPE", "speaks_of_future", "resolutions_named",
           "bodies_named", "MONTH_NAMES", "DAY_OF_MONTH", "strip_references"]

# Lone surrogates (from JSON "\ud800" or undecodable argv) would crash the tokenizer: dropped too.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ud800-\udfff\ufeff]")


def clean_question(question: str) -> str:
    """Control characters (NUL, escape sequences, bidi overrides) removed, whitespace collapsed."""
    text = unicodedata.normalize("NFC", question)
    text = _CONTROL.sub(" ", text)
    return " ".join(text.split())


# -- clauses named by label ----------------------------------------------------------------------
_ORDINALS = {w: i for i, w in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
    "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth".split(), 1)}
_NUMBER = r"(\d{1,3})(?:st|nd|rd|th)?(?:\s?\(([a-z]{1,4})\))?"
_ORDINAL = r"(" + "|".join(_ORDINALS) + r"|\d{1,3}(?:st|nd|rd|th))"
_NAMED = [
    # "operative paragraph 10", "preambular paragraph 3 (b)", "footnote 4", "annex paragraph 13"
    (re.compile(rf"\b(preambular|operative|annex)\s+paragraphs?\s+(?:no\.?\s*)?{_NUMBER}"), None),
    (re.compile(rf"\b(footnote)s?\s+(?:no\.?\s*)?{_NUMBER}"), None),
    # "the first preambular paragraph", "the 3rd operative paragraph"
    (re.compile(rf"\b{_ORDINAL}\s+(preambular|operative)\s+paragraph"), "ordinal"),
    # "the second paragraph of the preamble", "paragraph 13 of the annex"
    (re.compile(rf"\b{_ORDINAL}\s+paragraph\s+of\s+the\s+(preamble|annex)"), "ordinal"),
    # "the last operative paragraph", "the final paragraph of the preamble"
    (re.compile(r"\b(?:last|final|closing)\s+(preambular|operative)\s+paragraph"), "last"),
    (re.compile(r"\b(?:last|final|closing)\s+paragraph\s+of\s+the\s+(preamble)"), "last"),
    (re.compile(rf"\bparagraph\s+{_NUMBER}\s+of\s+the\s+(preamble|annex)"), "number-of"),
]


def _ordinal_number(word: str) -> int:
    return _ORDINALS.get(word) or int(re.sub(r"\D", "", word))


def named_clauses(question: str) -> set[tuple[str, str]]:
    """(kind, number) of the clauses a question names by label, e.g. {("operative", "10")}."""
    text = question.lower()
    out: set[tuple[str, str]] = set()
    for pattern, form in _NAMED:
        for m in pattern.finditer(text):
            if form is None:
                kind, number, letter = m.group(1), m.group(2), m.group(3)
            elif form == "last":
                kind, number, letter = m.group(1), "last", None
            elif form == "ordinal":
                kind, number, letter = m.group(2), str(_ordinal_number(m.group(1))), None
            else:
                kind, number, letter = m.group(3), m.group(1), m.group(2)
            kind = "preambular" if kind == "preamble" else kind
            if number == "last":
                out.add((kind, number))
            else:
                out.add((kind, f"{int(number)}({letter})" if letter else str(int(number))))
    return out


# -- dates, months, years ----------------------------------------------------------------------
MONTH_NAMES = ("january february march april may june july august september october november december").split()
_MONTHS = "|".join(MONTH_NAMES)
_DATE_DMY = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTHS})\s*,?\s+((?:19|20)\d\d)\b", re.I)
_DATE_MDY = re.compile(rf"\b({_MONTHS})\s+(\d{{1,2}})(?:st|nd|rd|th)?\s*,?\s+((?:19|20)\d\d)\b", re.I)
_DATE_ISO = re.compile(r"\b((?:19|20)\d\d)-(\d\d)-(\d\d)\b")
# a day of a month, with or without its year ("by 31 May annually", "on 27 May 2025", "June 15")
_CAPITAL_MONTHS = "|".join(m.title() for m in MONTH_NAMES)  # "5 may be" is no date
DAY_OF_MONTH = re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_CAPITAL_MONTHS})\b|"
                          rf"\b(?:{_CAPITAL_MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?\b")
# "in March 1994", "March 1994", "mid-June 1976" (and the month of every full date)
_MONTH_YEAR = re.compile(rf"\b({_MONTHS})\s*,?\s+(?:of\s+)?((?:19|20)\d\d)\b", re.I)
_YEAR = re.compile(r"(?<![\d/(])((?:19|20)\d\d)(?![\d/)])")


def dates_in(text: str) -> set[tuple[int, int, int]]:
    """The calendar dates text names, as (year, month, day): "9 November 2009", "November 9, 2009",
    "2009-11-09" are one date. A question naming one wants the clause holding exactly it."""
    out = set()
    for d, m, y in _DATE_DMY.findall(text):
        out.add((int(y), MONTH_NAMES.index(m.lower()) + 1, int(d)))
    for m, d, y in _DATE_MDY.findall(text):
        out.add((int(y), MONTH_NAMES.index(m.lower()) + 1, int(d)))
    for y, m, d in _DATE_ISO.findall(text):
        if 1 <= int(m) <= 12:
            out.add((int(y), int(m), int(d)))
    return out


def months_in(text: str) -> set[tuple[int, int]]:
    """(year, month) of every month the text names with its year ("in March 1994")."""
    out = {(int(y), MONTH_NAMES.index(m.lower()) + 1) for m, y in _MONTH_YEAR.findall(text)}
    out |= {(y, m) for y, m, _ in dates_in(text)}
    return out


def years_in(text: str) -> set[int]:
    """The years 1900-2099 text names as years (not inside a symbol "62/7" or a "(1990)" citation)."""
    return {int(y) for y in _YEAR.findall(text)}


# -- resolutions and bodies named ------------------------------------------------------------------
_SESSION_STYLE = re.compile(r"(?<![\w/])(\d{1,2})/(\d{1,4})(?![\w/])")
# "242 (1967)" without the word "resolution": in a question, only a Council resolution is written so
_NUMBER_YEAR = re.compile(r"(?<![\w/])(\d{1,4})\s*\(((?:19|20)\d\d)\)")


def resolutions_named(question: str, own_body: str | None = None) -> list[str]:
    """Reference keys of the resolutions the question names (qa.references keys): "resolution 242
    (1967)" -> "S/RES/242 (1967)", "resolution 242" -> "S/RES/242", "64/12" -> "A/RES/64/12"
    (and "A/HRC/RES/64/12", one of which the index may hold)."""
    keys = [ref.key for ref in find_references(question, own_body)]
    for m in _NUMBER_YEAR.finditer(question):
        key = f"S/RES/{m.group(1)} ({m.group(2)})"
        if key not in keys:
            keys.append(key)
    for m in _SESSION_STYLE.finditer(question):
        for key in (f"A/RES/{m.group(1)}/{m.group(2)}", f"A/HRC/RES/{m.group(1)}/{m.group(2)}"):
            if key not in keys:
                keys.append(key)
    return keys


_CITATION = re.compile(r"\b(?:resolutions?|res\.?)\s+(?:no\.?\s*)?\d{1,4}(?:\s*\((?:\d{4}|[IVXL]+)\)|/\d{1,4})?"
                       r"|(?<![\w/])(?:[AS]/(?:HRC/)?RES/)?\d{1,4}(?:\s*\((?:19|20)\d\d\)|/\d{1,4})(?![\w/])"
                       r"|(?<![\w/])[AS]/(?:HRC/)?RES/\d{1,4}(?![\w/])", re.I)


def strip_references(question: str) -> str:
    """The question without the resolutions it names ("What does resolution 877 (1993) appoint?"
    -> "What does resolution appoint?"), for ranking the clauses of a document already chosen."""
    return " ".join(_CITATION.sub(" resolution ", question).split())


_BODY_NAMES = re.compile(
    r"\b(Security\s+Council|General\s+Assembly|Human\s+Rights\s+Council|Economic\s+and\s+Social\s+Council|"
    r"(?<!Trusteeship )(?<!Executive )(?<!General )(?<!Governing )(?<!Social )Council|Assembly|"
    r"UNSC|UNGA|HRC|ECOSOC)\b", re.I)
_BODY_SHORT = {"unsc": "SC", "unga": "GA", "hrc": "HRC", "ecosoc": "ECOSOC"}


def bodies_named(question: str) -> list[str]:
    """Bodies (SC, GA, HRC, ECOSOC) the question names as the author, in order: "the Council" is
    the Security Council, "the Assembly" the General Assembly."""
    out: list[str] = []
    for m in _BODY_NAMES.finditer(question):
        word = " ".join(m.group(1).lower().split())
        code = _BODY_SHORT.get(word) or body_code(word)
        if code and code not in out:
            out.append(code)
    return out


# -- question types ------------------------------------------------------------------------------
class _PlaceFact:
    """A fact test like the regexes below: the text names a country, city or region (qa.question.places)."""

    def search(self, text: str) -> bool:
        return mentions_place(text)


# A question of a type (left) is answered by a clause whose own text holds that kind of fact (right).
QUESTION_TYPES = (
    (re.compile(r"\b(when|what year|which year|what date|which date|until|since|how long)\b", re.I),
     re.compile(r"\b(?:1[89]\d\d|20\d\d)\b|\b(?:January|February|March|April|May|June|July|August|"
                r"September|October|November|December)\b|\bsession\b", re.I)),
    # "the number of troops" asks for a count; "the document number of the report" does not
    (re.compile(r"\b(how many|how much|(?<!document )(?<!reference )(?<!symbol )number of)\b", re.I),
     re.compile(r"\b\d[\d,.]*\b|\b(?:two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|"
                r"thirty|forty|fifty|hundred|thousand|million)\b", re.I)),
    (re.compile(r"\b(documents?|reference|symbol|published|issued)\b", re.I),
     re.compile(r"(?<![\w/])[A-Z]{1,6}(?:/[A-Za-z0-9.()\-]+){2,}")),
    # "What are the five priority areas?" is answered by the chapeau that introduces the list
    (re.compile(r"^\W*(?:what|which) (?:are|were)\b|\blist\b|\bname the\b|\b(?:areas|priorities|elements|"
                r"steps|measures|principles|tasks|objectives|components|pillars)\b", re.I),
     re.compile(r":\s*$")),
    (re.compile(r"\bwhere\b|\b(?:which|what)\s+(?:cit(?:y|ies)|countr(?:y|ies)|places?|venues?|locations?|"
                r"regions?|capitals?|towns?|host)\b|\bhost(?:s|ed|ing)?\b", re.I),
     _PlaceFact()),
)
PLACE_TYPE = len(QUESTION_TYPES) - 1
# A question about what is to come ("Which country hosts the next conference?") is answered by a
# clause about the future as seen from its adoption: a later year or a later session.
_FUTURE_QUESTION = re.compile(r"\b(?:will|next|upcoming|forthcoming|future|coming|later|shall)\b", re.I)
FUTURE_TYPE = len(QUESTION_TYPES)
_SESSION_NUMBERS = {ordinal_words(n): n for n in range(1, 100)}
_ANY_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_SESSION = re.compile(r"\b([a-z]+(?:-[a-z]+)?|\d{1,3}(?:st|nd|rd|th))\s+(?:regular\s+|special\s+)?session\b", re.I)


def speaks_of_future(text: str, year: int | None, session: int | None) -> bool:
    """Whether text names a year after `year` or a session after `session` (its document's)."""
    if year and any(int(y) > year for y in _ANY_YEAR.findall(text)):
        return True
    if session:
        for m in _SESSION.finditer(text):
            word = m.group(1).lower()
            n = _SESSION_NUMBERS.get(word) or (int(word[:-2]) if word[:-2].isdigit() else None)
            if n and n > session:
                return True
    return False


# -- kinds of act --------------------------------------------------------------------------------
_ESTABLISH_VERB = r"(?:establish(?:e[sd]|ing)?|creat(?:e[sd]?|ing)|set(?:s|ting)? up|found(?:ed|ing)?|institut(?:e[sd]?|ing)|launch(?:e[sd]|ing)?)"
_ESTABLISHING = re.compile(
    rf"\b(?:which|what)\s+(?:\w+\s+){{0,3}}(?:resolution|res|decision|text)s?\b.*\b(?:{_ESTABLISH_VERB}|first)\b"
    rf"|\b(?:when|how|by what|under which|under what)\b.*\b(?:was|were|is|did)\b.*\b{_ESTABLISH_VERB}\b"
    rf"|\b(?:who|which body)\b.*\b{_ESTABLISH_VERB}\b", re.I)
_FIRST = re.compile(r"\b(?:first|for the first time|initially|originally)\b(?!\s+(?:preambular|operative|paragraph))", re.I)
_DECISION = re.compile(
    r"\b(?:decide[sd]?|decision|demand(?:s|ed)?|ask(?:s|ed)?|request(?:s|ed)?|call(?:s|ed)?\s+(?:for|on|upon)|"
    r"urge[sd]?|authori[sz]e[sd]?|condemn(?:s|ed)?|recommend(?:s|ed)?|require[sd]?|impose[sd]?|approve[sd]?|"
    r"order(?:s|ed)?|instruct(?:s|ed)?|appeal(?:s|ed)?|invite[sd]?|endorse[sd]?|extend(?:s|ed)?|"
    r"deplore[sd]?|censure[sd]?|want(?:s|ed)?|tell|told|respond(?:s|ed)?|react(?:s|ed)?)\b"
    r"|\bwhat (?:did|does|do|will|would) (?:the )?(?:\w+ ){0,3}do\b", re.I)
_RECORD = re.compile(r"\bvot(?:e|es|ed|ing)\b|\babstain\w*|\babstention|\bunanimous\w*|\bconsensus\b|"
                     r"\bin favou?r\b|\bagainst\b.*\bvot|\bwithout a vote\b|\bplenary meeting\b|"
                     r"\badopted\b.*\bmeeting\b|\b(?:at )?(?:which|what) (?:kind of |sort of |type of )?(?:meeting|mtg)\b|"
                     r"\b(?:closed|private|public) (?:meeting|mtg)s?\b|\babsent\b", re.I)
# the answer is a day of a month: "On what date were the elections held?", "by when did it want the
# report?", "when's the vote?", "start and end dates?"
_DAY_QUESTION = re.compile(r"\b(?:what|which|exact)\s+(?:date|day)s?\b|\bby when\b|\b(?:start|end|closing|opening)"
                           r"(?:\s+and\s+end)?\s+dates?\b|\bwhen(?:'s|’s|\s+is|\s+was|\s+will)\b.{0,40}?\b(?:vote|votes|"
                           r"voting|election|elections|ballot)\b", re.I)

# "Was Japan among the States that endorsed ...?", "is Brazil on the list of countries ...?": answered
# by the clause (often a footnote) listing the States, not by the paragraph that speaks of them
_MEMBERSHIP = re.compile(r"\b(?:is|was|are|were)\s+(?:the\s+)?(.{1,40}?)\s+(?:one of|among(?:st)?|on the list|"
                         r"in the list|included in|listed|(?:a |one of the )(?:co-?)?sponsors?)\b", re.I)

# Capitalised words that say nothing about which resolution is meant.
_COMMON_NAMES = frozenset("""
what which who whom whose when where why how was were is are did does do has have had will would can could
should shall may might in on at by for of to from with after before during since until under over about the
a an and or but if as this that these those its their his her it they there here council security general
assembly united nations nation secretary-general secretary resolution resolutions member members state states
government governments republic charter committee commission mission force forces conference president
international court justice office special representative organization peace human rights economic social
people peoples year years session meeting meetings article chapter paragraph annex report reports january
february march april may june july august september october november december un
""".split())
_NAME = re.compile(r"(?<![\w'’-])([A-Z][a-zà-ÿ]+(?:[-'’][A-Za-zà-ÿ]+)*)")


def _names(question: str) -> list[str]:
    """Capitalised words of the question that may name a party, place or person."""
    out = []
    for m in _NAME.finditer(question):
        word = m.group(1)
        if word.lower() in _COMMON_NAMES:
            continue
        out.append(word)
    return list(dict.fromkeys(out))


@dataclass(frozen=True)
class Analysis:
    """One question as the rankers see it (see the module docstring)."""

    text: str  # the question as the rankers see it
    named: frozenset = field(default_factory=frozenset)  # {(kind, number)}
    dates: frozenset = field(default_factory=frozenset)  # {(year, month, day)}
    months: frozenset = field(default_factory=frozenset)  # {(year, month)}
    years: frozenset = field(default_factory=frozenset)  # {year}
    resolutions: tuple[str, ...] = ()  # reference keys
    bodies: tuple[str, ...] = ()  # SC / GA / HRC / ECOSOC, as named
    asks: frozenset = field(default_factory=frozenset)  # indices into QUESTION_TYPES, FUTURE_TYPE
    establishing: bool = False
    first: bool = False
    decision: bool = False
    record: bool = False
    day: bool = False  # asks for a day ("on what date", "by when", "when's the vote")
    member: str = ""  # "Japan" of "Was Japan among the States that ...?"
    acronyms: tuple[str, ...] = ()
    names: tuple[str, ...] = ()


def analyze(question: str, typed: str | None = None) -> Analysis:
    """Everything above. question: as the rankers see it (expanded, qa.question.expansion), from
    which labels, dates, resolutions and question types are read; typed: as the user typed it
    (cleaned), from which its body, kind of act, names and acronyms are read, so that an
    expansion ("Mongolia" -> "Ulaanbaatar") is not taken for a name the question gives."""
    typed = question if typed is None else typed
    asks = {i for i, (kind, _) in enumerate(QUESTION_TYPES) if kind.search(question)}
    if _FUTURE_QUESTION.search(question):
        asks.add(FUTURE_TYPE)
    named = named_clauses(question)
    return Analysis(
        text=question,
        named=frozenset(named),
        dates=frozenset(dates_in(question)),
        months=frozenset(months_in(question)),
        years=frozenset(years_in(question)),
        resolutions=tuple(resolutions_named(question)),
        bodies=tuple(bodies_named(typed)),
        asks=frozenset(asks),
        establishing=bool(_ESTABLISHING.search(typed)),
        first=bool(_FIRST.search(typed)) and not named,
        decision=bool(_DECISION.search(typed)),
        record=bool(_RECORD.search(typed)),
        day=bool(_DAY_QUESTION.search(typed)),
        member=m.group(1) if (m := _MEMBERSHIP.search(typed)) else "",
        acronyms=tuple(dict.fromkeys(ACRONYM.findall(typed))),
        names=tuple(_names(typed)),
    )
