"""Follow-up questions: does a question have subjects of its own, or does it ask about the answer
just given ("When was it adopted?", "What does the next paragraph say?", "And the footnote?")?

A question is a follow-up when, once its question words, the words every resolution uses of itself
(adopted, vote, paragraph, decides, Council ...), clause numbers and stopwords are set aside,
nothing is left; or when it points back at the previous text ("does it", "its", "this
resolution"). A question naming a resolution ("When was resolution 678 (1990) adopted?") or a
document symbol has a subject of its own. The chat asks a follow-up within the previous answer's
resolution; `clauses_asked` names the clause itself when the question says which one ("the next
paragraph", "the previous one", "the footnote").
"""

from __future__ import annotations

import re
from enum import Enum

from qa.answers.document import Document
from qa.references import find_references
from qa.text import content_terms

__all__ = ["FollowUp", "follow_up", "own_subjects", "clauses_asked"]


class FollowUp(str, Enum):
    NONE = "none"  # a question of its own: search as asked
    DOCUMENT = "document"  # about the previous answer's resolution
    NEXT = "next"  # the paragraph after the one cited
    PREVIOUS = "previous"  # the paragraph before it
    FOOTNOTE = "footnote"  # the footnotes of the clause cited

    def __str__(self) -> str:
        return self.value


# Words any resolution uses of itself, and question words: they name no subject.
_GENERIC = set("""
when date day month year years time long ago who whom whose how many much what which where why
adopt adopted adopting adoption pass passed approve approved vote voted votes voting unanimous unanimously
abstain abstained abstention abstentions favour favor against meeting meetings plenary session sessions
agenda item draft committee sponsor sponsors sponsored cosponsor record title titled called name named
about topic subject main purpose point points summary summarize summarise mean means meaning gist
overview content contents provision provisions key important
paragraph paragraphs clause clauses preamble preambular operative annex annexes footnote footnotes
note notes endnote sentence section part article line lines page item items subparagraph sub-paragraph
next following subsequent previous preceding prior last first second third fourth fifth sixth seventh
eighth ninth tenth before after above below else more other further rest remaining another same
decide decides decided request requests requested urge urges urged call calls called demand demands
demanded condemn condemns condemned welcome welcomes welcomed recall recalls recalled reaffirm
reaffirms reaffirmed recommend recommends recommended invite invites invited encourage encourages
encouraged express expresses expressed take takes taken stress stresses stressed emphasize
emphasizes emphasise emphasises recognize recognizes recognise recognises affirm affirms declare
declares endorse endorses authorize authorizes authorise authorises appeal appeals deplore deplores
commend commends acknowledge acknowledges consider considers considering note noted noting having
council assembly security general body organ un united nations resolution resolutions document
documents text texts decision decisions quote quoted show give read full whole word words exactly
please thanks thank ok okay also again then and so now say says said state states stated mention
mentions mentioned tell explain list cite cited cites refer refers referred reference
""".split()) - {"states"}  # "Member States" is a subject
_GENERIC_TERMS = {t for w in _GENERIC for t in content_terms(w)}
_NUMBERING = re.compile(r"^(?:\d{1,3}|[ivxl]{1,6}|[a-z])$")

# The previous text pointed at: "does it", "its", "this resolution", "Who adopted it?"
_ANAPHORA = re.compile(
    r"\b(?:does|did|do|was|is|has|had|will|would|can|could|were)\s+it\b(?!\s+(?:true|possible|necessary|"
    r"likely|legal|the\s+case|right|fair|known)\b)"
    r"|\bits\b|\bit\s*[?.!]*\s*$"
    r"|\b(?:this|that|the\s+same|the\s+above|the\s+previous|the\s+last|said)\s+"
    r"(?:resolution|text|document|decision|one|paragraph|clause|provision)\b",
    re.I,
)
_NEXT = re.compile(r"\b(?:next|following|subsequent)\s+(?:one|paragraph|clause|sub-?paragraph|provision|line)\b"
                   r"|\b(?:paragraph|clause|one)\s+(?:after|following)\s+(?:it|that|this)\b"
                   r"|\bwhat\s+comes\s+(?:next|after)\b|\band\s+then\b", re.I)
_PREVIOUS = re.compile(r"\b(?:previous|preceding|prior)\s+(?:one|paragraph|clause|sub-?paragraph|provision|line)\b"
                       r"|\b(?:paragraph|clause|one)\s+before\s+(?:it|that|this)\b|\bwhat\s+comes\s+before\b", re.I)
# "the footnote", "its footnotes", "And the footnote?" -- not "footnote 4", which names its own clause
_FOOTNOTE = re.compile(r"\bfootnotes?\b(?!\s*(?:no\.?\s*)?\d)", re.I)
_SYMBOL = re.compile(r"(?<![\w/])[A-Z]{1,6}(?:/[A-Za-z0-9.()\-]+){2,}")


def own_subjects(question: str) -> list[str]:
    """The question's terms that name something of its own (stemmed, in order)."""
    return [t for t in content_terms(question)
            if t not in _GENERIC_TERMS and not _NUMBERING.match(t) and "/" not in t]


def follow_up(question: str) -> FollowUp:
    """Whether `question` is asked of the previous answer, and of which clause."""
    if find_references(question) or _SYMBOL.search(question):
        return FollowUp.NONE  # it names a resolution or a document of its own
    if _NEXT.search(question):
        return FollowUp.NEXT
    if _PREVIOUS.search(question):
        return FollowUp.PREVIOUS
    if _FOOTNOTE.search(question) and not own_subjects(question):
        return FollowUp.FOOTNOTE
    if not own_subjects(question) or _ANAPHORA.search(question):
        return FollowUp.DOCUMENT
    return FollowUp.NONE


def clauses_asked(kind: FollowUp, document: Document, unit: str | None) -> list[str] | None:
    """The units a follow-up asks for, after an answer citing `unit` of `document`; None when the
    question does not say which clause (the engine then searches the document)."""
    if unit is None:
        return None
    if kind in (FollowUp.NEXT, FollowUp.PREVIOUS):
        clause = document.neighbour(unit, 1 if kind is FollowUp.NEXT else -1)
        return [clause.unit] if clause is not None else None
    if kind is FollowUp.FOOTNOTE:
        clause = document.clause(unit)
        if clause is None:
            return None
        if clause.kind == "footnote":  # the answer was the footnote itself
            return [clause.unit]
        return [f.unit for f in clause.footnotes] or None
    return None
