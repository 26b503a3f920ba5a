"""UN shorthand in questions, spelled out the way resolutions write it.

Resolutions say "United Nations", "Secretary-General", "non-governmental organizations"; users type
"UN", "SG", "NGOs". Both rankers match words, and MiniLM does not know that "SG" is a person, so the
question is expanded before retrieval (the shorthand is kept, the long form appended). The question
shown back to the user is never changed. Only upper-case forms are expanded ("UN", not "un").
"""

from __future__ import annotations

import re

__all__ = ["ABBREVIATIONS", "expand_abbreviations", "long_forms"]

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
    "DSG": "Deputy Secretary-General",
    "PGA": "President of the General Assembly",
    "SRSG": "Special Representative of the Secretary-General",
    "IPU": "Inter-Parliamentary Union",
    "WTO": "World Trade Organization",
    "WHO": "World Health Organization",
    "UNESCO": "United Nations Educational, Scientific and Cultural Organization",
    "UNHCR": "Office of the United Nations High Commissioner for Refugees",
    "OHCHR": "Office of the United Nations High Commissioner for Human Rights",
    "UNCTAD": "United Nations Conference on Trade and Development",
    "UNEP": "United Nations Environment Programme",
    "UNODC": "United Nations Office on Drugs and Crime",
    "UNFPA": "United Nations Population Fund",
    "UNRWA": "United Nations Relief and Works Agency for Palestine Refugees in the Near East",
    "OCHA": "Office for the Coordination of Humanitarian Affairs",
    "IMF": "International Monetary Fund",
    "FAO": "Food and Agriculture Organization of the United Nations",
    "ILO": "International Labour Organization",
    "ITU": "International Telecommunication Union",
    "IOM": "International Organization for Migration",
    "ICJ": "International Court of Justice",
    "ICC": "International Criminal Court",
    "OECD": "Organisation for Economic Co-operation and Development",
    "AU": "African Union",
    "EU": "European Union",
    "ASEAN": "Association of Southeast Asian Nations",
    "DPKO": "Department of Peacekeeping Operations",
    "DDR": "disarmament, demobilization and reintegration",
    "CEDAW": "Convention on the Elimination of All Forms of Discrimination against Women",
    "ODA": "official development assistance",
    "FDI": "foreign direct investment",
    "MDG": "Millennium Development Goal",
    "MDGs": "Millennium Development Goals",
    "IDPs": "internally displaced persons",
    "GBV": "gender-based violence",
    "UPR": "universal periodic review",
    "AI": "artificial intelligence",
    "HIV": "human immunodeficiency virus",
    "IDEA": "International Institute for Democracy and Electoral Assistance",
}

_PATTERN = re.compile(r"(?<![\w.])(" + "|".join(re.escape(a) for a in sorted(ABBREVIATIONS, key=len, reverse=True))
                      + r")(?:'s|’s)?(?![\w])")


def long_forms(question: str) -> list[str]:
    """The long forms of the shorthand question uses, once each, in order."""
    return list(dict.fromkeys(ABBREVIATIONS[m.group(1)] for m in _PATTERN.finditer(question)))


def expand_abbreviations(question: str) -> str:
    """question + the long forms of the shorthand it uses ("Does the UN ..." -> "... United Nations")."""
    found = long_forms(question)
    return f"{question} ({'; '.join(found)})" if found else question
