"""The small tables the parser reads resolutions by: opening words, damaged numbers, line-end hyphens,
adoption notes."""

from __future__ import annotations

import pytest

from qa.parsing.adoption import footnote_facts, states, vote_facts
from qa.parsing.hyphenation import Joiner
from qa.parsing.numbering import read_letter, read_number, read_roman
from qa.parsing.openings import Opening, opening_of

P, O = Opening.PREAMBULAR, Opening.OPERATIVE


@pytest.mark.parametrize(("text", "part"), [
    ("Recalling its resolution 1514 (XV),", P), ("Having considered the report", P), ("Noting with concern", P),
    ("Deeply concerned at the situation", P), ("Convinced that", P), ("Mindful of", P), ("Bearing in mind", P),
    ("Whereas the Council", P), ("Acting under Chapter VII", P), ("Welcoming the report", P), ("Mourning the loss", P),
    ("Strongly condemning the attacks", P), ("Re-affirming its support", P), ("Recaliing its resolution", P),
    ("Decides to extend", O), ("Decides:", O), ("Calls upon all States", O), ("Requests the Secretary-General", O),
    ("Adopts the Declaration", O), ("Resolves that", O), ("Welcomes the report", O), ("Notes with satisfaction", O),
    ("Takes note of", O), ("Also decides", O), ("Further requests", O), ("Strongly condemns", O),
    ("Once again calls upon", O), ("Re-emphasizes the terms", O), ("Reguests the Secretary-General", O),
    ("Calis on the Government", O), ("Hereby records its approval", O), ("Issues a solemn warning", O),
    ("It is resolved that the Council", O),
    ("To call upon the parties", None), ("That the Secretary-General", None), ("Japan will become a party", None),
    ("The Security Council", None), ("“Requests the Council”", None), ("Records of the Council", None),
    ("Beijing Declaration", None), ("States Parties shall", None), ("the voting", None),
])
def test_opening_words(text: str, part: Opening | None) -> None:
    assert opening_of(text) is part


def test_damaged_numbers_only_where_the_sequence_expects_them() -> None:
    assert read_number("5. Decides", 5).value == "5"
    assert read_number("12. Decides", 5).value == "12"  # clean numbers are read as printed
    assert (read_number("S. Decides", 5).value, read_number("S. Decides", 5).damaged) == ("5", True)
    assert read_number("S. Decides", 6) is None
    assert read_number("S. Korea is", 5) is None  # no verb opens what follows
    assert read_number("I. Requests", 1).value == "1" and read_number("1, Calls upon", 1).value == "1"
    assert read_letter("(6) To renew", "b").value == "b" and read_letter("(6) To renew", "c") is None
    assert read_letter("(c} An undertaking", "c").value == "c"
    assert read_roman("(1) Withdrawal", "i").value == "i" and read_roman("(ii) Termination", "i") is None


def test_line_end_hyphens_follow_the_texts_own_words() -> None:
    joiner = Joiner("the Force, the peace-keeping operations")
    assert joiner.join(["the in-", "creasing number of peace-", "keeping forces"]) == \
        "the increasing number of peace-keeping forces"
    assert Joiner("our peacekeeping mission").join(["peace-", "keeping"]) == "peacekeeping"
    assert Joiner("").join(["the Secre-", "tary-General and self-", "determination"]) == \
        "the Secretary-General and self-determination"
    assert Joiner("").join(["pre- and post-conflict, nuclear- weapon-free zones"]) == \
        "pre- and post-conflict, nuclear-weapon-free zones"


def test_adoption_notes_of_every_era() -> None:
    facts = vote_facts("Adopted at the resumed 2190th meeting by 12 votes to 2 (German Democratic Republic. "
                       "Union of Soviet Socialist Republics), with 1 abstention (Zambia).")
    assert (facts["meeting"], facts["votes_in_favour"], facts["votes_against"], facts["abstentions"]) == (2190, 12, 2, 1)
    assert facts["voted_against"] == ["German Democratic Republic", "Union of Soviet Socialist Republics"]
    assert facts["abstaining"] == ["Zambia"]
    assert vote_facts("Adopted at the 848th meeting by 10 votes to I (Union of Soviet Socialist Republics). 4")[
        "votes_against"] == 1
    unanimous = vote_facts("Adopted unanimously at the\n716th meeting.")
    assert (unanimous["vote"], unanimous["meeting"]) == ("unanimously", 716)
    assert vote_facts("Adopted without a vote at the 3251st meeting.")["vote"] == "without a vote"
    assert vote_facts("[Adopted by a recorded vote of 31 to 9, with 7 abstentions.]")["vote"] == "recorded vote"
    assert states("Canada, France, Germany, Federal Republic of, United Kingdom of Great Britain and Northern "
                  "Ireland") == ["Canada", "France", "Germany, Federal Republic of",
                                 "United Kingdom of Great Britain and Northern Ireland"]
    assert footnote_facts("Two members (China and Iraq) did not participate in the voting.") == {
        "not_participating": ["China", "Iraq"]}
    assert footnote_facts("Adopted without vote.") == {"vote": "without a vote"}
