"""How a resolution was adopted, read from its adoption note: the vote and who cast it.

Every body and era writes it in words:
- "[Adopted without a vote.]", "Adopted by consensus.", "Adopted unanimously at the 716th meeting."
- "[Adopted by a recorded vote of 31 to 9, with 7 abstentions. The voting was as follows: ...]"
- "Adopted at the 1234th meeting by 10 votes to none, with 1 abstention (France)."
- "Adopted at the 2190th meeting by 12 votes to 2 (German Democratic Republic, Union of Soviet
  Socialist Republics), with 1 abstention (Zambia)."
and a yearbook's footnote to the note may add "Two members (China and Iraq) did not participate in
the voting." Only what the note says is reported. OCR's "I" for 1 ("by 10 votes to I") is read as 1
where a count stands.
"""

from __future__ import annotations

import re

_COUNT = r"(\d+|[Ili]|none|no)\b"
# parts of a State's name that a comma separates from the rest ("Germany, Federal Republic of")
_NAME_TAILS = re.compile(r"^(?:Federal|Islamic|Bolivarian|Plurinational|United|Democratic|People's|Republic)\b"
                         r".*\bof(?: the)?$|^Republic of\b|^the\b")


def _count(word: str | None) -> int | None:
    if word is None:
        return None
    word = word.lower()
    if word in ("no", "none"):
        return 0
    return 1 if word in ("i", "l") else int(word)


def states(listing: str, expected: int | None = None) -> list[str]:
    """'France, United Kingdom of Great Britain and Northern Ireland' -> two names; OCR's full stop
    between names is read as the comma it stands for. "China and Iraq" is split at its "and" only
    when the text says how many names there are (a name may hold "and": Trinidad and Tobago)."""
    parts = [p.strip() for p in re.split(r"[,;]\s+|\.\s+(?=[A-Z])", listing.strip().rstrip(".")) if p.strip()]
    names: list[str] = []
    for p in parts:
        if names and (_NAME_TAILS.match(p) or p[:1].islower()):
            names[-1] = f"{names[-1]}, {p}"
        else:
            names.append(p)
    if expected is not None and len(names) == expected - 1 and names and " and " in names[-1]:
        head, tail = names[-1].rsplit(" and ", 1)
        names[-1:] = [head, tail]
    return names


_NUMBER_WORDS = {w: i for i, w in enumerate("one two three four five six seven eight nine ten".split(), 1)}


def vote_facts(note: str) -> dict:
    """The vote from an adoption note, and the note itself (vote_text).

    '[Adopted without a vote.]' -> vote 'without a vote'; 'Adopted at the 645th meeting by 10 votes
    to none, with 1 abstention (France).' -> vote 'vote', votes_in_favour 10, votes_against 0,
    abstentions 1, abstaining ['France'], meeting 645.
    """
    text = re.sub(r"\s+", " ", note).strip()
    inner = text[1:-1].strip() if text.startswith("[") and text.endswith("]") else text.lstrip("[").strip()
    inner = re.sub(r"(?<=[.)])\s*\d{1,3}$", "", inner).strip()  # a yearbook's footnote marker
    facts: dict = {"vote_text": inner}
    low = inner.lower()
    if m := re.search(r"\b(?:[au][ti] )?(?:the|its) (?:resumed )?([\doil]*\d[\doil]*(?: [\doil]+)?)(?:st|nd|rd|th)?_?\s+"
                      r"mee?t(?:- ?)?ing\b", low):
        digits = m.group(1).replace(" ", "").translate(str.maketrans({"o": "0", "i": "1", "l": "1"}))
        if digits.isdigit():
            facts["meeting"] = int(digits)
    counts = re.search(r"by (?:a )?(?:(recorded|roll-call) )?(?:vote of )?" + _COUNT + r"(?: v[oa]tes?)? to "
                       + _COUNT + r"(?: v[oa]tes?)?", low)
    if counts:
        facts["vote"] = f"{counts.group(1)} vote" if counts.group(1) else "vote"
        facts["votes_in_favour"] = _count(counts.group(2))
        facts["votes_against"] = _count(counts.group(3))
        after = inner[counts.end():]
        if against := re.match(r"\s*\(([^)]*)\)", after):
            facts["voted_against"] = states(against.group(1), facts["votes_against"])
        if abst := re.search(r"\b(?:with|and) " + _COUNT + r" abstentions?(?: \(([^)]*)\))?", after, re.I):
            facts["abstentions"] = _count(abst.group(1))
            if abst.group(2):
                facts["abstaining"] = states(abst.group(2), facts["abstentions"])
    elif re.search(r"without (?:a )?v[oa]te", low):
        facts["vote"] = "without a vote"
    elif "by consensus" in low:
        facts["vote"] = "by consensus"
    elif "unanimous" in low:
        facts["vote"] = "unanimously"
    elif m := re.search(r"by (?:a )?(recorded|roll-call) vote", low):
        facts["vote"] = f"{m.group(1)} vote"
    return facts


def council_members(year: int) -> int:
    """The Security Council's membership: 11, and 15 from 1966 (the Charter amended in 1965)."""
    return 15 if year >= 1966 else 11


_DIGIT_LOOKALIKES = {"7": "1", "4": "1"}  # OCR's "73 votes" for 13


def check_council_vote(facts: dict, members: int) -> str | None:
    """A Security Council vote counts no more votes than the Council has members. A count beyond
    them is OCR damage: read as the one lookalike digit's reading that fits ("73" -> 13 of 15),
    else left out. Returns the warning to give, or None when the counts fit."""
    favour = facts.get("votes_in_favour")
    if favour is None:
        return None
    others = (facts.get("votes_against") or 0) + (facts.get("abstentions") or 0)
    if favour + others <= members:
        return None
    digits = str(favour)
    readings = {int(digits[:i] + _DIGIT_LOOKALIKES[d] + digits[i + 1:])
                for i, d in enumerate(digits) if d in _DIGIT_LOOKALIKES}
    fitting = sorted(r for r in readings if r + others <= members)
    if len(fitting) == 1:
        facts["votes_in_favour"] = fitting[0]
        return (f"the adoption note counts {favour} votes in favour, more than the Council's {members} "
                f"members: read as {fitting[0]} (OCR damage)")
    for key in ("votes_in_favour", "votes_against", "abstentions"):
        facts.pop(key, None)
    return (f"the adoption note counts {favour} votes in favour, more than the Council's {members} "
            "members: the counts are left out (OCR damage)")


_PARTICIPATE = re.compile(r"(?:\b(\w+) members?\s*)?\(([^)]*)\)\s*did not participate in the vot", re.I)
_PARTICIPATE_PLAIN = re.compile(r"^(?:The )?([A-Z][^.]*?) did not participate in the vot", re.I)
_UNANIMOUS_NOTE = re.compile(r"\badopted unanimously\b|\bwithout (?:a )?vote\b|\bno vote was taken\b", re.I)


def footnote_facts(text: str) -> dict:
    """Facts a footnote to the adoption note adds: who did not take part, or how it was adopted
    ('Adopted without vote.', '... the President stated that the draft resolution was adopted
    unanimously.')."""
    text = re.sub(r"\s+", " ", text).strip()
    facts: dict = {}
    if m := _PARTICIPATE.search(text):
        how_many = m.group(1) and (_NUMBER_WORDS.get(m.group(1).lower()) or
                                   (int(m.group(1)) if m.group(1).isdigit() else None))
        facts["not_participating"] = states(m.group(2), how_many or None)
    elif m := _PARTICIPATE_PLAIN.search(text):
        facts["not_participating"] = states(m.group(1))
    elif _UNANIMOUS_NOTE.search(text):
        low = text.lower()
        if "no vote was taken" in low:
            facts["vote_note"] = text
        elif re.search(r"without (?:a )?vote", low):
            facts["vote"] = "without a vote"
        else:
            facts["vote"] = "unanimously"
    return facts
