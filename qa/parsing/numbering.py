"""Paragraph numbers and sub-paragraph letters as printed, and as OCR damaged them.

A number is read as printed when it is clean ("5.", "(b)"). A damaged one ("S." for 5, "I." or "l."
for 1, "1," for "1.", "(6)" or "(5)" or "b)" for "(b)", "(ad)" for "(d)") is read only when it is exactly the number or letter
the sequence expects next: the sequence, not the glyph, makes the reading sure. Anything else is
left as text (and the caller may warn); a number is never invented.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from qa.parsing.openings import Opening, opening_of

NUMBERED = re.compile(r"^(\d{1,3})\.(?:\s+|$)")
# digits and the letters OCR reads for them, then a full stop or a comma
_DAMAGED_NUMBER = re.compile(r"^([0-9IlLSO]{1,3})\s?[.,](?:\s+|$)")
_OCR_DIGITS = str.maketrans({"I": "1", "l": "1", "L": "1", "i": "1", "S": "5", "O": "0"})
# a paragraph's number as OCR left it, before the verb that opens the paragraph: "S. Decides",
# "i9. Calls", "6.Calls" (its space lost), "7 Calls" (its full stop lost)
_DAMAGED_PARAGRAPH = re.compile(r"^([0-9IlLSOi]{1,3})(?:\s?[.,](?:\s+|$|(?=[A-Z]))|\s+)")
# what is left of a number at a paragraph's start, once the sequence has told the number
DAMAGED_PREFIX = re.compile(r"^[0-9IlLSOi]{1,3}(?:\s?[.,]\s*|\s+)(?=[A-Z])")
LETTERED = re.compile(r"^\(([a-z]{1,2})\)(?:\s+|$)")
ROMAN_SUB = re.compile(r"^\(((?:x{0,3})(?:ix|iv|v?i{0,3}))\)(?:\s+|$)")
NUMERAL_SUB = re.compile(r"^\((\d{1,2})\)(?:\s+|$)")
# "(6)" or "(5)" for "(b)", "{b)" or "(b}" for "(b)", "(l)" for "(i)"
_DAMAGED_SUB = re.compile(r"^[({\[]([a-z0-9]{1,4})[)}\]](?:\s+|$)")
_HALF_BRACKETED = re.compile(r"^([a-z])\)\s+")
_LOOKALIKES = {"b": {"6", "5", "h"}, "i": {"1", "l"}, "ii": {"11", "il", "li"}, "iii": {"111"},
               "g": {"8"}, "o": {"0"}, "e": {"c"}, "c": {"e"}, "l": {"1"}}
_ROMANS = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv",
           "xvi", "xvii", "xviii", "xix", "xx"]


@dataclass(frozen=True)
class Reading:
    value: str  # "5", "b", "ii"
    end: int  # where the text after the number starts
    damaged: bool  # read from an OCR-damaged form, because the sequence expected it


def read_number(text: str, expected: int) -> Reading | None:
    """'5. Decides' -> 5; 'S. Decides' -> 5 only if 5 is expected; None if no number opens the text."""
    m = NUMBERED.match(text)
    if m:
        return Reading(m.group(1), m.end(), False)
    m = _DAMAGED_PARAGRAPH.match(text)
    if m and m.group(1).translate(_OCR_DIGITS).isdigit() and int(m.group(1).translate(_OCR_DIGITS)) == expected:
        if opening_of(text[m.end():]) is Opening.OPERATIVE:  # "S. Decides", not "S. Korea"
            return Reading(str(expected), m.end(), True)
    return None


def read_item(text: str, expected: int) -> Reading | None:
    """An item of a list inside a paragraph ("Resolves:" / "1. That ..."), read by its sequence: the
    expected number, printed clean or damaged ("1, That", "I. That")."""
    m = NUMBERED.match(text) or _DAMAGED_NUMBER.match(text)
    if m and m.group(1).translate(_OCR_DIGITS).isdigit() and int(m.group(1).translate(_OCR_DIGITS)) == expected:
        return Reading(str(expected), m.end(), m.re is not NUMBERED)
    return None


def next_letter(letter: str | None) -> str:
    if letter is None:
        return "a"
    if letter == "z":
        return "aa"
    if len(letter) == 2 and letter[0] == letter[1] and letter[0] != "z":
        nxt = chr(ord(letter[0]) + 1)
        return nxt + nxt
    return chr(ord(letter[-1]) + 1) if len(letter) == 1 else letter + letter[0]


def next_roman(roman: str | None) -> str | None:
    idx = _ROMANS.index(roman) + 1 if roman in _ROMANS else 0
    return _ROMANS[idx] if idx < len(_ROMANS) else None


def read_letter(text: str, expected: str) -> Reading | None:
    """'(b) To renew' -> b when b is expected; '(6) To renew' -> b too, as OCR read it."""
    m = LETTERED.match(text)
    if m and m.group(1) == expected:
        return Reading(expected, m.end(), False)
    m = _DAMAGED_SUB.match(text)
    if m and (m.group(1) == expected or m.group(1) in _LOOKALIKES.get(expected, ())):
        return Reading(expected, m.end(), True)
    m2 = _HALF_BRACKETED.match(text)  # "b) To abstain": OCR lost the opening bracket
    if m2 and m2.group(1) == expected:
        return Reading(expected, m2.end(), True)
    # "(ad)" where "(d)" is expected: a stray glyph before the letter (a doubled letter "(dd)" or a
    # roman numeral "(iv)" is a label of its own)
    if m and len(expected) == 1 and len(label := m.group(1)) == 2 and label[1] == expected \
            and label[0] != label[1] and label[0].isalpha() and not ROMAN_SUB.match(text):
        return Reading(expected, m.end(), True)
    return None


def read_roman(text: str, expected: str | None) -> Reading | None:
    if expected is None:
        return None
    m = ROMAN_SUB.match(text)
    if m and m.group(1) == expected:
        return Reading(expected, m.end(), False)
    m = _DAMAGED_SUB.match(text)
    if m and m.group(1) in _LOOKALIKES.get(expected, ()):
        return Reading(expected, m.end(), True)
    return None


def read_numeral_sub(text: str, expected: int) -> Reading | None:
    """'(1) To withdraw' as the first item of a list under a chapeau, '(2)' next, and so on."""
    m = NUMERAL_SUB.match(text)
    if m and int(m.group(1)) == expected:
        return Reading(m.group(1), m.end(), False)
    return None
