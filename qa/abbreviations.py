"""UN shorthand in questions, spelled out the way resolutions write it.

Resolutions say "United Nations", "Secretary-General", "non-governmental organizations"; users type
"UN", "SG", "NGOs". Both rankers match words, and MiniLM does not know that "SG" is a person, so the
question is expanded before retrieval (the shorthand is kept, the long form appended). The question
shown back to the user is never changed. Only upper-case forms are expanded ("UN", not "un").
"""

from __future__ import annotations

import re

__all__ = ["ABBREVIATIONS", "expand_abbreviations"]

ABBREVIATIONS: dict[str, str] = {
    "UN": "United Nations",
    "U.N.": "United Nations",
    "UNGA": "United Nations General Assembly",
    "GA": "General Assembly",
    "UNSC": "United Nations Security Council",
    "SC": "Security Council",
    "SG": "Secretary-General",
    "SecGen": "Secretary-General",
    "UNSG": "United Nations Secretary-General",
    "NGO": "non-governmental organization",
    "NGOs": "non-governmental organizations",
    "HRC": "Human Rights Council",
    "ECOSOC": "Economic and Social Council",
    "ICT": "information and communications technologies",
    "ICTs": "information and communications technologies",
    "LLDC": "landlocked developing country",
    "LLDCs": "landlocked developing countries",
    "LDC": "least developed country",
    "LDCs": "least developed countries",
    "SIDS": "small island developing States",
    "SDG": "Sustainable Development Goal",
    "SDGs": "Sustainable Development Goals",
    "IAEA": "International Atomic Energy Agency",
    "UNDP": "United Nations Development Programme",
    "UNICEF": "United Nations Children's Fund",
    "CRC": "Convention on the Rights of the Child",
    "DRC": "Democratic Republic of the Congo",
    "DR Congo": "Democratic Republic of the Congo",
    "IGF": "Internet Governance Forum",
    "WSIS": "World Summit on the Information Society",
    "UNDEF": "United Nations Democracy Fund",
}

_PATTERN = re.compile(r"(?<![\w.])(" + "|".join(re.escape(a) for a in sorted(ABBREVIATIONS, key=len, reverse=True))
                      + r")(?:'s|’s)?(?![\w])")


def expand_abbreviations(question: str) -> str:
    """question + the long forms of the shorthand it uses ("Does the UN ..." -> "... United Nations")."""
    found = dict.fromkeys(ABBREVIATIONS[m.group(1)] for m in _PATTERN.finditer(question))
    return f"{question} ({'; '.join(found)})" if found else question
