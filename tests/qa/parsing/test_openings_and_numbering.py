"""The small tables the parser reads resolutions by: opening words, damaged numbers, line-end hyphens,
adoption notes."""

from __future__ import annotations

import pytest

from qa.parsing.adoption import footnote_facts, states, vote_facts
from qa.parsing.hyphenation import Joiner
from qa.parsing.numbering import read_letter, read_number, read_roman
from qa.parsing.openings import Opening, opening_of

PRE, OP = Opening.PREAMBULAR, Opening.OPERATIVE


@pytest.mark.parametrize(("text", "part"), [
    ("Recalling its resolution 1514 (XV),", PRE), ("Having considered the report", PRE), ("Noting with concern", PRE),
    ("Deeply concerned at the situation", PRE), ("Convinced that", PRE), ("Mindful of", PRE), ("Bearing in mind", PRE),
    ("Whereas the Council", PRE), ("Acting under Chapter VII", PRE), ("Welcoming the report", PRE), ("Mourning the loss", PRE),
    ("Strongly condemning the attacks", PRE), ("Re-affirming its support", PRE), ("Recaliing its resolution", PRE),
    ("Decides to extend", OP), ("Decides:", OP), ("Calls upon all States", OP), ("Requests the Secretary-General", OP),
    ("Adopts the Declaration", OP), ("Resolves that", OP), ("Welcomes the report", OP), ("Notes with satisfaction", OP),
    ("Takes note of", OP), ("Also decides", OP), ("Further requests", OP), ("Strongly condemns", OP),
    ("Once again calls upon", OP), ("Re-emphasizes the terms", OP), ("Reguests the Secretary-General", OP),
    ("Calis on the Government", OP), ("Hereby records its approval", OP), ("Issues a solemn warning", OP),
    ("It is resolved that the Council", OP),
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
    # a stray glyph before the expected letter ("(ad)" for "(d)"), read only where d is expected; a
    # doubled letter and a roman numeral are labels of their own
    assert (read_letter("(ad) Assistance", "d").value, read_letter("(ad) Assistance", "d").damaged) == ("d", True)
    assert read_letter("(ad) Assistance", "e") is None
    assert read_letter("(dd) Assistance", "d") is None and read_letter("(iv) Assistance", "v") is None
    assert read_letter("b) To abstain", "b").value == "b" and read_letter("b) To abstain", "c") is None


def test_line_end_hyphens_follow_the_texts_own_words() -> None:
    joiner = Joiner("the Force, the peace-keeping operations")
    assert joiner.join(["the in-", "creasing number of peace-", "keeping forces"]) == \
        "the increasing number of peace-keeping forces"
    assert Joiner("our peacekeeping mission").join(["peace-", "keeping"]) == "peacekeeping"
    assert Joiner("").join(["the Secre-", "tary-General and self-", "determination"]) == \
        "the Secretary-General and self-determination"
    assert Joiner("").join(["pre- and post-conflict, nuclear- weapon-free zones"]) == \
        "pre- and post-conflict, nuclear-weapon-free zones"


def test_a_line_break_an_extraction_left_inside_a_line_is_read_as_a_break() -> None:
    # semi-cleaned PDF text: "Secretary- General", "post- cold-war", "ambassadorial- level"
    joiner = Joiner("")
    assert joiner.join(["convened by the Secretary- General in the post- cold-war era, for its ambassadorial- "
                        "level meetings, the third- State nationals, a Secre- tary"]) == \
        ("convened by the Secretary-General in the post-cold-war era, for its ambassadorial-level meetings, "
         "the third-State nationals, a Secretary")


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
