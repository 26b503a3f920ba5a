"""The opening words of a resolution's paragraphs: preambular or operative.

How resolutions are written: the body is one sentence whose subject is the opener ("The Security
Council,"). Preambular paragraphs open with a participle or an adjective phrase (Recalling, Having
considered, Noting, Deeply concerned, Convinced, Mindful, Bearing in mind, Whereas ...); operative
paragraphs open with a verb in the present tense (Decides, Calls upon, Requests, Adopts, Resolves
...), alone or after an adverb ("Also decides", "Further requests", "Strongly condemns", "Once again
calls upon"). The verb tells the parts apart whether or not the paragraphs are numbered.

The table below lists verbs by their base form; each gives a finite form, which opens an operative
paragraph ("Welcomes", "Notes", "Takes note"), and a participle, which opens a preambular one
("Welcoming", "Noting", "Taking note"), so a verb used in both parts is told by its form. Adjectives
and fixed phrases open preambular paragraphs only. A word the table does not hold is read by its
form where that is safe: a capitalised "-ing" word followed by a lower-case word is a participle.
OCR damage ("Reguests", "Recaliing") is tolerated for long words one letter away from a table form.
"""

from __future__ import annotations

import re
from enum import Enum
from functools import lru_cache


class Opening(str, Enum):
    PREAMBULAR = "preambular"
    OPERATIVE = "operative"


# Verbs of resolutions, base form. A trailing "+" marks a doubled final consonant in the participle
# (commit -> committing); "word:participle" gives an irregular participle.
_VERBS = """
accept acknowledge acquit+ address adopt advise affirm agree allocate amend anticipate appeal
applaud appoint appreciate approve ask assert assign assume assure attach authorize await bear
believe call cease censure charge choose commend commit+ condemn confirm congratulate consent
conclude consider continue convene decide declare deem define demand denounce deplore deprecate designate
desire determine direct discharge dissolve draw elect emphasise emphasize encourage endorse enjoin
entrust envisage establish exhort expect express extend find note hold honour hope implore
inform insist instruct intend invite keep lend look maintain mandate mourn
observe offer order pay place pledge praise proclaim promise propose provide reaffirm
realize recall receive recognise recognize recommend reconfirm refer+ regret+ reiterate
reject rely remain remind renew repose request require reserve resolve respond reverse
salute seek share solicit stress submit+ suggest support suspend take:taking
terminate thank transmit+ trust undertake underline underscore urge view warn welcome wish
""".split()
_PARTICIPLE_ONLY = """
having being bearing acting guided inspired motivated reminding recalling seized taking mindful
""".split()
# Adjectives and past participles that open preambular paragraphs, after an optional adverb.
_ADJECTIVES = """
alarmed anxious appalled apprehensive appreciative aware cognisant cognizant concerned confident conscious convinced
desirous determined disappointed dismayed distressed disturbed encouraged gratified grieved
guided horrified indignant inspired mindful motivated outraged persuaded pleased reassured
hopeful resolved satisfied shocked supportive sure troubled whereas
""".split()
# Words that may stand before the verb or adjective: "Also decides", "Deeply concerned", "Once again".
_ADVERBS = """
again also categorically deeply earnestly ever emphatically equally especially finally firmly formally
fully further furthermore gravely hereby highly keenly most particularly profoundly reluctantly
resolutely seriously sincerely solemnly strongly therefore unanimously urgently very warmly
""".split()
_PHRASES_OPERATIVE = ("it is resolved", "it is decided")
# finite forms that are also nouns ("Records of the ..."): operative only after an adverb or before
# the words a verb takes ("Hereby records its approval", "Places on record")
_WEAK_FINITE = {"records", "states", "places", "issues", "orders", "charges"}
_WEAK_OBJECTS = {"its", "that", "on", "with", "the", "a", "an"}
_PHRASES_PREAMBULAR = ("in view of", "with a view to", "in accordance with", "in the light of",
                       "as a preliminary step", "having regard to", "taking into account", "without prejudice",
                       "in the exercise of", "pending the")
# Capitalised -ing words that are not participles (names, nouns opening a heading or a line).
_NOT_PARTICIPLES = {"beijing", "nanjing", "king", "ring", "sterling", "pershing", "spring", "thing",
                    "building", "meeting", "planning", "financing", "peacebuilding", "peacekeeping",
                    "nothing", "something", "during", "morning", "evening", "wording", "funding",
                    "stockpiling", "training", "reporting", "voting", "according"}


def _participle(base: str) -> str:
    if ":" in base:
        return base.split(":", 1)[1]
    if base.endswith("+"):
        base = base[:-1]
        return base + base[-1] + "ing"
    if base.endswith("ie"):
        return base[:-2] + "ying"
    if base.endswith("e") and not base.endswith(("ee", "ye", "oe")):
        return base[:-1] + "ing"
    return base + "ing"


def _finite(base: str) -> str:
    base = base.split(":", 1)[0].rstrip("+")
    if base.endswith(("s", "sh", "ch", "x", "z")):
        return base + "es"
    if base.endswith("y") and base[-2:-1] not in "aeiou":
        return base[:-1] + "ies"
    return base + "s"


def _tables() -> tuple[set[str], set[str]]:
    finite = {_finite(b) for b in _VERBS}
    participles = {_participle(b) for b in _VERBS} | set(_PARTICIPLE_ONLY)
    return finite, participles


_FINITE, _PARTICIPLES = _tables()
_PREAMBULAR_WORDS = _PARTICIPLES | set(_ADJECTIVES)
_WORD = re.compile(r"[A-Za-z][a-z'’-]*")


@lru_cache(maxsize=4096)
def _near(word: str, operative: bool) -> bool:
    """One letter substituted, dropped or added (OCR), for words long enough to be unambiguous."""
    if len(word) < 7:
        return False
    table = _FINITE if operative else _PREAMBULAR_WORDS
    return any(abs(len(c) - len(word)) <= 1 and c[0] == word[0] and _one_edit(word, c) for c in table)


_VERB_OBJECTS = {"upon", "on", "for", "the", "its", "that", "all"}


@lru_cache(maxsize=4096)
def _near_short(word: str) -> bool:
    """A short finite verb one letter away ("Calis on"), trusted only before the words verbs take."""
    return any(len(c) == len(word) and c[0] == word[0] and _one_edit(word, c) for c in _FINITE)


def _one_edit(a: str, b: str) -> bool:
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    if len(a) > len(b):
        a, b = b, a
    for i in range(len(b)):
        if a == b[:i] + b[i + 1:]:
            return True
    return False


def opening_of(text: str, guess: bool = True) -> Opening | None:
    """The part of the resolution a paragraph opening so belongs to, or None if its words do not say.

    "Decides to ...", "Also requests", "Calls upon" -> OPERATIVE; "Recalling", "Deeply concerned",
    "Having considered", "Bearing in mind", "Whereas" -> PREAMBULAR; "To call upon" (a
    sub-paragraph), "Japan will become" (continued text) -> None. With guess=False only the table's
    own words count (no "-ing" form read as a participle, no OCR damage forgiven).
    """
    if text[:1] in "“\"'‘":
        return None  # a quotation opens no paragraph of its own: it stays inside the one it is in
    words = _WORD.findall(text[:80].replace("'", "").replace("’", ""))
    if not words or not words[0][:1].isupper():
        return None
    low = [w.lower() for w in words[:6]]
    if low[0].startswith("re-"):  # "Re-emphasizes", "Re-affirming"
        low[0] = low[0][3:]
    head = " ".join(low)
    if any(head.startswith(p) for p in _PHRASES_PREAMBULAR):
        return Opening.PREAMBULAR
    if any(head.startswith(p) for p in _PHRASES_OPERATIVE):
        return Opening.OPERATIVE
    i = 0
    if low[0] == "once" and len(low) > 1 and low[1] == "again":
        i = 2
    while i < len(low) - 1 and low[i] in _ADVERBS and i < 3:
        i += 1
    word = low[i]
    if word in _FINITE:
        return Opening.OPERATIVE
    if word in _WEAK_FINITE and (i > 0 or (len(low) > 1 and low[1] in _WEAK_OBJECTS)):
        return Opening.OPERATIVE
    nxt = words[i + 1] if i + 1 < len(words) else ""
    if word in _PARTICIPLES or (word in _PREAMBULAR_WORDS and not nxt[:1].isupper()):
        return Opening.PREAMBULAR  # "Aware of", not "Sure Start" or a name
    if not guess:
        return None
    if word.endswith("ing") and len(word) > 5 and word not in _NOT_PARTICIPLES and nxt[:1].islower():
        return Opening.PREAMBULAR
    if nxt[:1].islower() or not nxt:
        if _near(word, True) or (len(word) >= 5 and nxt in _VERB_OBJECTS and _near_short(word)):
            return Opening.OPERATIVE
        if _near(word, False):
            return Opening.PREAMBULAR
    return None


def is_opening(text: str) -> bool:
    return opening_of(text) is not None
