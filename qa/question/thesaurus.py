"""Plain words -> the words resolutions use for them.

Users ask in everyday English ("kids", "blue helmets", "beef up", "sue"); resolutions speak their
own register ("children", "peacekeeping personnel", "strengthen", "legal proceedings"). MiniLM
bridges some of that gap, BM25 none of it. This table holds general correspondences of that
register (not answers to particular questions); qa.question.expansion appends the register words to the
question for the rankers.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["REGISTER", "register_words"]

# plain word or phrase (matched case-insensitively on word boundaries) -> resolution words
REGISTER: dict[str, str] = {
    # people
    "kid": "child", "kids": "children", "minor": "child", "minors": "children", "juvenile": "child",
    "juveniles": "children", "youngsters": "children young people", "teenagers": "adolescents",
    "disabled": "persons with disabilities", "handicapped": "persons with disabilities",
    "female": "women girls", "lawmakers": "parliaments", "legislators": "parliaments",
    "legislatures": "parliaments", "mps": "parliamentarians", "congress": "parliament",
    "un chief": "Secretary-General", "head of the un": "Secretary-General",
    "blue helmets": "peacekeeping personnel", "peacekeepers": "peacekeeping personnel",
    "troops": "personnel military", "soldiers": "military personnel", "army": "armed forces",
    "militia": "armed groups", "militias": "armed groups", "rebels": "armed groups",
    "fighters": "combatants armed groups", "charities": "non-governmental organizations",
    "activists": "civil society human rights defenders", "donors": "donor countries",
    "poor countries": "developing countries", "poorer countries": "developing countries",
    "poorest countries": "least developed countries", "rich countries": "developed countries",
    "third world": "developing countries", "nations": "States", "governments": "States",
    # law and justice
    "lawyer": "legal assistance representation", "lawyers": "legal assistance representation",
    "attorney": "legal representation", "sue": "legal proceedings remedy",
    "suing": "legal proceedings remedy", "lawsuit": "legal proceedings", "court case": "judicial proceedings",
    "courts": "judicial justice system", "judges": "judicial judiciary", "jail": "detention deprivation of liberty",
    "prison": "detention deprivation of liberty", "time limit": "statute of limitations",
    "comes of age": "age of majority", "grown up": "adult", "adulthood": "age of majority",
    "death penalty": "capital punishment", "execution": "capital punishment",
    "life sentence": "life imprisonment", "free speech": "freedom of expression",
    "punish": "accountability prosecute", "punished": "accountability prosecuted",
    # action words of the register
    "ask": "requests calls upon", "asks": "requests calls upon", "asked": "requested called upon",
    "tell": "inform", "told": "informed", "report back": "report",
    # how a vote went: the adoption records say "4 abstentions (China, ...)", users "who abstained"
    "abstained": "abstentions", "abstain": "abstentions", "abstaining": "abstentions",
    "urge": "urges calls upon", "welcome": "welcomes", "praise": "commends", "praises": "commends",
    "thank": "appreciation", "thanks": "appreciation", "worried": "concern", "worry": "concern",
    "alarmed": "grave concern", "reminds": "recalling", "remember": "recalling",
    "help": "assistance support", "aid": "assistance", "boost": "strengthen enhance",
    "beef up": "strengthen", "bolster": "strengthen", "step up": "strengthen enhance",
    "improve": "improve enhance strengthen", "joined-up": "coherence coordination",
    "coordinated": "coordination coherence", "streamline": "coherence efficiency",
    "stop": "prevent end combat", "ban": "prohibit", "fight": "combat",
    "tackle": "address combat", "crack down": "combat", "look into": "examine",
    "look at": "examine consider", "study": "examine",
    "keep an eye on": "monitor", "celebrate": "commemorate observance",
    "celebrated": "commemorated observance", "renew": "extend renew", "prolong": "extend",
    "expire": "until", "deadline": "until date",
    "pay for": "finance fund", "team up": "collaboration cooperation", "work together": "cooperation",
    "join forces": "cooperation collaboration", "set up": "establish establishment",
    "create": "establish", "created": "established", "organise": "holding convening",
    "organize": "holding convening", "approve": "adopt endorse", "approved": "adopted endorsed",
    "agree": "decides", "agreed": "decided", "disarm": "disarmament demobilization",
    # things
    "pitch in": "contribute", "chip in": "contribute", "meddle": "sovereignty interference",
    "interfere": "sovereignty interference", "learn from each other": "best practices exchange experience",
    "stay on": "remain seized", "keep working on": "remain seized", "stay involved": "remain seized",
    "keep dealing with": "remain seized", "come back to": "consider session agenda",
    "use force": "all necessary means", "military force": "all necessary means",
    "illegal": "illicit", "chief": "Director General head", "head of": "Director General",
    "extra": "additional increase", "more money": "additional resources", "bigger": "increase",
    "money": "financial resources", "cash": "financial resources", "funding": "financial resources funding",
    "budget": "budgetary resources", "costs": "resources", "spend": "resources", "pay": "contributions",
    "tv": "media broadcast", "television": "media", "radio": "media", "newspapers": "media press",
    "hate speech": "incitement hatred", "online": "Internet",
    "web": "Internet", "tech": "technology", "computers": "information and communications technologies",
    "phones": "telecommunications", "digital": "digital information and communications technologies",
    "school": "education", "schools": "education", "schooling": "education",
    "doctors": "health", "hospitals": "health", "killing": "killings violence", "murder": "killings",
    "rape": "sexual violence", "sexual assault": "sexual violence abuse", "guns": "arms weapons",
    "weapons": "arms", "minerals": "natural resources", "mining": "natural resources exploitation",
    "no coastline": "landlocked", "no sea access": "landlocked", "no access to the sea": "landlocked",
    "islands": "small island developing States", "roads": "transport infrastructure",
    "railways": "transport infrastructure", "ports": "transport infrastructure",
    "elections": "electoral", "voting": "electoral",
    "summit": "conference summit", "gathering": "conference meeting", "rooms": "facilities premises", "skills": "capacity-building", "training": "training capacity-building",
    "plans": "plans of action", "fairness": "equality equity",
    "unfair": "discrimination", "bias": "discrimination", "kicked out": "expelled",
}


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    keys = sorted(REGISTER, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(" + "|".join(re.escape(k) for k in keys) + r")(?![\w-])", re.I)


def register_words(question: str) -> list[str]:
    """The resolution words for the plain words of question, once each, none already in it."""
    present = set(re.findall(r"[\w-]+", question.lower()))
    out: list[str] = []
    for m in _pattern().finditer(question):
        new = [w for w in REGISTER[m.group(1).lower()].split() if w.lower() not in present]
        if new and " ".join(new) not in out:
            out.append(" ".join(new))
    return out
