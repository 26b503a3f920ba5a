"""UN bodies, missions and parties by acronym: a curated table, and the corpus's own definitions.

Resolutions name a mission in full once ("the United Nations Iraq-Kuwait Observation Mission
(UNIKOM)") and by acronym after, or only by acronym in later renewals; users type either. The
engine reads the corpus's own "Full Name (ACRONYM)" definitions at load (`acronym_definitions`)
and falls back on this table of peacekeeping operations, Council subsidiary bodies and parties
that resolutions of 1946-2025 name, so that either form finds both.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

__all__ = ["UN_BODIES", "acronym_definitions", "AcronymTable", "ACRONYM"]

# Peace operations and observer missions (with the names the Council gave them), Council and
# Assembly subsidiary bodies, and the parties and organizations resolutions name by acronym.
UN_BODIES: dict[str, str] = {
    "UNTSO": "United Nations Truce Supervision Organization",
    "UNMOGIP": "United Nations Military Observer Group in India and Pakistan",
    "UNCIP": "United Nations Commission for India and Pakistan",
    "UNEF": "United Nations Emergency Force",
    "UNOGIL": "United Nations Observation Group in Lebanon",
    "ONUC": "United Nations Operation in the Congo",
    "UNSF": "United Nations Security Force in West New Guinea",
    "UNTEA": "United Nations Temporary Executive Authority",
    "UNYOM": "United Nations Yemen Observation Mission",
    "UNFICYP": "United Nations Peace-keeping Force in Cyprus",
    "DOMREP": "Mission of the Representative of the Secretary-General in the Dominican Republic",
    "UNIPOM": "United Nations India-Pakistan Observation Mission",
    "UNDOF": "United Nations Disengagement Observer Force",
    "UNIFIL": "United Nations Interim Force in Lebanon",
    "UNGOMAP": "United Nations Good Offices Mission in Afghanistan and Pakistan",
    "UNIIMOG": "United Nations Iran-Iraq Military Observer Group",
    "UNAVEM": "United Nations Angola Verification Mission",
    "UNTAG": "United Nations Transition Assistance Group",
    "ONUCA": "United Nations Observer Group in Central America",
    "UNIKOM": "United Nations Iraq-Kuwait Observation Mission",
    "MINURSO": "United Nations Mission for the Referendum in Western Sahara",
    "ONUSAL": "United Nations Observer Mission in El Salvador",
    "UNAMIC": "United Nations Advance Mission in Cambodia",
    "UNTAC": "United Nations Transitional Authority in Cambodia",
    "UNPROFOR": "United Nations Protection Force",
    "UNOSOM": "United Nations Operation in Somalia",
    "ONUMOZ": "United Nations Operation in Mozambique",
    "UNOMUR": "United Nations Observer Mission Uganda-Rwanda",
    "UNOMIG": "United Nations Observer Mission in Georgia",
    "UNOMIL": "United Nations Observer Mission in Liberia",
    "UNMIH": "United Nations Mission in Haiti",
    "UNAMIR": "United Nations Assistance Mission for Rwanda",
    "UNASOG": "United Nations Aouzou Strip Observer Group",
    "UNMOT": "United Nations Mission of Observers in Tajikistan",
    "UNCRO": "United Nations Confidence Restoration Operation in Croatia",
    "UNPREDEP": "United Nations Preventive Deployment Force",
    "UNMIBH": "United Nations Mission in Bosnia and Herzegovina",
    "UNTAES": "United Nations Transitional Administration for Eastern Slavonia, Baranja and Western Sirmium",
    "UNMOP": "United Nations Mission of Observers in Prevlaka",
    "UNSMIH": "United Nations Support Mission in Haiti",
    "MINUGUA": "United Nations Verification Mission in Guatemala",
    "MONUA": "United Nations Observer Mission in Angola",
    "MIPONUH": "United Nations Civilian Police Mission in Haiti",
    "MINURCA": "United Nations Mission in the Central African Republic",
    "UNOMSIL": "United Nations Observer Mission in Sierra Leone",
    "UNMIK": "United Nations Interim Administration Mission in Kosovo",
    "UNAMSIL": "United Nations Mission in Sierra Leone",
    "UNTAET": "United Nations Transitional Administration in East Timor",
    "MONUC": "United Nations Organization Mission in the Democratic Republic of the Congo",
    "UNMEE": "United Nations Mission in Ethiopia and Eritrea",
    "UNMISET": "United Nations Mission of Support in East Timor",
    "UNMIL": "United Nations Mission in Liberia",
    "UNOCI": "United Nations Operation in Côte d'Ivoire",
    "MINUSTAH": "United Nations Stabilization Mission in Haiti",
    "ONUB": "United Nations Operation in Burundi",
    "UNMIS": "United Nations Mission in the Sudan",
    "UNMIT": "United Nations Integrated Mission in Timor-Leste",
    "UNAMID": "African Union-United Nations Hybrid Operation in Darfur",
    "MINURCAT": "United Nations Mission in the Central African Republic and Chad",
    "MONUSCO": "United Nations Organization Stabilization Mission in the Democratic Republic of the Congo",
    "UNISFA": "United Nations Interim Security Force for Abyei",
    "UNMISS": "United Nations Mission in the Republic of South Sudan",
    "UNSMIS": "United Nations Supervision Mission in Syria",
    "MINUSMA": "United Nations Multidimensional Integrated Stabilization Mission in Mali",
    "MINUSCA": "United Nations Multidimensional Integrated Stabilization Mission in the Central African Republic",
    "MINUJUSTH": "United Nations Mission for Justice Support in Haiti",
    "UNAMA": "United Nations Assistance Mission in Afghanistan",
    "UNAMI": "United Nations Assistance Mission for Iraq",
    "UNSMIL": "United Nations Support Mission in Libya",
    "UNSOM": "United Nations Assistance Mission in Somalia",
    "UNITAMS": "United Nations Integrated Transition Assistance Mission in the Sudan",
    "BINUH": "United Nations Integrated Office in Haiti",
    "UNMHA": "United Nations Mission to support the Hodeidah Agreement",
    "UNSCOM": "United Nations Special Commission",
    "UNMOVIC": "United Nations Monitoring, Verification and Inspection Commission",
    "ICTY": "International Tribunal for the Prosecution of Persons Responsible for Serious Violations of "
            "International Humanitarian Law Committed in the Territory of the Former Yugoslavia",
    "ICTR": "International Criminal Tribunal for Rwanda",
    "IRMCT": "International Residual Mechanism for Criminal Tribunals",
    "UNCC": "United Nations Compensation Commission",
    "CTC": "Counter-Terrorism Committee",
    "PBC": "Peacebuilding Commission",
    "UNHCR": "United Nations High Commissioner for Refugees",
    "UNRWA": "United Nations Relief and Works Agency for Palestine Refugees in the Near East",
    "UNIDIR": "United Nations Institute for Disarmament Research",
    "UNCTAD": "United Nations Conference on Trade and Development",
    "ECOWAS": "Economic Community of West African States",
    "ECOMOG": "Military Observer Group of the Economic Community of West African States",
    "OAU": "Organization of African Unity",
    "OAS": "Organization of American States",
    "NATO": "North Atlantic Treaty Organization",
    "CSCE": "Conference on Security and Co-operation in Europe",
    "OSCE": "Organization for Security and Co-operation in Europe",
    "SWAPO": "South West Africa People's Organization",
    "PLO": "Palestine Liberation Organization",
    "FMLN": "Frente Farabundo Martí para la Liberación Nacional",
    "UNITA": "União Nacional para a Independência Total de Angola",
    "NPT": "Treaty on the Non-Proliferation of Nuclear Weapons",
    "CTBT": "Comprehensive Nuclear-Test-Ban Treaty",
    "ATT": "Arms Trade Treaty",
}

# An acronym as written: two or more capitals (digits and one hyphen allowed: "UN-Women", "P5").
ACRONYM = re.compile(r"(?<![\w-])([A-Z][A-Z0-9]*[A-Z][A-Z0-9]*(?:-[A-Z][A-Za-z]+)?)(?![\w-])")
# "the United Nations Iraq-Kuwait Observation Mission (UNIKOM)": capitalised words, small
# connecting words allowed, then the acronym in brackets.
_DEFINITION = re.compile(
    r"((?:[A-Z][\w'’.-]*|of|the|for|and|in|on|to|de|la|des|du|et|para|a)"
    r"(?:[\s,]+(?:[A-Z][\w'’.-]*|of|the|for|and|in|on|to|de|la|des|du|et|para|a)){1,14})\s*\(([A-Z][A-Z0-9-]{1,11})\)")
_SMALL = {"of", "the", "for", "and", "in", "on", "to", "de", "la", "des", "du", "et", "para", "a"}
_ROMAN = re.compile(r"^[IVXLC]+$")


def _trimmed(name: str, acronym: str) -> str | None:
    """The longest tail of name that the acronym abbreviates: its capitals (hyphenated parts
    included) appear in the acronym in order, starting with its first letter. "Welcoming the United
    Nations Protection Force" -> "United Nations Protection Force" (UNPROFOR)."""
    words = name.replace(",", " ").split()
    letters = acronym.replace("-", "")
    for start in range(len(words)):
        tail = words[start:]
        if tail[0].lower() in _SMALL or not tail[0][0].isupper():
            continue
        capitals = [part[0] for w in tail for part in w.split("-") if part and part[0].isupper()]
        if len(capitals) < 2 or capitals[0] != letters[0]:
            continue
        it = iter(letters)
        if all(ch in it for ch in capitals):
            return " ".join(tail)
    return None


def acronym_definitions(text: str) -> list[tuple[str, str]]:
    """(acronym, full name) pairs a text defines: "... Observation Mission (UNIKOM)"."""
    if "(" not in text:
        return []
    out = []
    for m in _DEFINITION.finditer(text):
        acronym = m.group(2)
        if _ROMAN.match(acronym) or sum(ch.isupper() for ch in acronym) < 2:
            continue  # "(XV)" is a session number, not an acronym
        name = _trimmed(m.group(1), acronym)
        if name and len(name.split()) >= 2:
            out.append((acronym, name))
    return out


class AcronymTable:
    """Acronym -> full name, from the corpus's own definitions (the most frequent one wins) over
    the curated table; and the reverse, full name -> acronym, for questions that spell it out."""

    def __init__(self, definitions: Iterable[tuple[str, str]] = ()) -> None:
        counts: dict[str, Counter[str]] = {}
        for acronym, name in definitions:
            counts.setdefault(acronym, Counter())[name] += 1
        self.long: dict[str, str] = dict(UN_BODIES)
        for acronym, names in counts.items():
            self.long[acronym] = names.most_common(1)[0][0]
        self._short = {_words(name): acronym for acronym, name in self.long.items()}
        self._longest = max((len(k) for k in self._short), default=0)

    def expand(self, question: str) -> list[str]:
        """What the question's acronyms stand for, and the acronyms of the names it spells out."""
        out = [self.long[a] for a in ACRONYM.findall(question) if a in self.long]
        words = _words(question)
        # the question's word runs looked up (not every known name scanned): the cost does not
        # grow with the corpus
        for start in range(len(words)):
            for end in range(start + 2, min(len(words), start + self._longest) + 1):
                acronym = self._short.get(words[start:end])
                if acronym is not None:
                    out.append(acronym)
        return list(dict.fromkeys(out))


def _words(text: str) -> tuple[str, ...]:
    return tuple(re.findall(r"[\w'’-]+", text.lower()))
