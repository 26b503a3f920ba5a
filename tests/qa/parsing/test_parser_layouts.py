"""How resolutions are written, in texts made for these tests (layouts of every body and era): the
opening words tell preambular from operative paragraphs whether numbered or not, citations never
invent a number, the adoption record is read from every kind of header and footer."""

from __future__ import annotations

from qa.model import ClauseKind, Resolution
from qa.parsing import parse_text


def ops(res: Resolution) -> list:
    return [c for c in res.of_kind(ClauseKind.OPERATIVE) if c.parent is None]


# -- unnumbered operative paragraphs -----------------------------------------------------------------
YEARBOOK_UNNUMBERED = """118 (1957). Resolution of 6 March 1957
[S/3777]

The Security Council
Having examined the application of the Federation of
Malaya for admission to the United Nations, 14

Noting with satisfaction the in-
creasing number of peace-
keeping operations,

Recommends to the General Assembly that the Federation of Malaya be admitted to membership
in the United Nations.

Decides:

(a) To keep the question under review;

(6) To request the Secretary-General to report.

Adopted at the 774th meeting by 10 votes to none,
with 1 abstention (France). 15

14 Official Records of the Security Council, Twelfth Year, document S/3760.
15 Two members (China and Iraq) did not participate in the voting.
"""


def test_unnumbered_operative_paragraphs_are_told_by_their_verb_and_cited_without_a_number() -> None:
    res = parse_text(YEARBOOK_UNNUMBERED, source="upload.txt")
    assert res.symbol == "S/RES/118 (1957)"
    assert [c.text for c in res.of_kind(ClauseKind.PREAMBULAR)] == [
        "Having examined the application of the Federation of Malaya for admission to the United Nations,",
        "Noting with satisfaction the increasing number of peace-keeping operations,",
    ]
    assert [(c.id, c.number) for c in ops(res)] == [("opu1", None), ("opu2", None)]
    assert res.clause("opu1").label == "S/RES/118 (1957), operative paragraph (unnumbered, 1st of 2)"
    assert res.clause("opu2").text == "Decides:"
    assert res.clause("opu2(b)").text == "To request the Secretary-General to report."  # "(6)" read as (b)
    assert res.clause("opu2(b)").parent == "opu2"
    assert res.clause("opu2(a)").label == ("S/RES/118 (1957), operative paragraph (unnumbered, 2nd of 2), "
                                           "sub-paragraph (a)")
    assert not any("Adopted" in c.text for c in res.clauses if c.kind != ClauseKind.META)


def test_a_yearbook_footer_and_its_footnotes_are_the_adoption_record() -> None:
    res = parse_text(YEARBOOK_UNNUMBERED, source="upload.txt")
    md = res.metadata
    assert (md["adopted"], md["meeting"], md["vote"]) == ("1957-03-06", 774, "vote")
    assert (md["votes_in_favour"], md["votes_against"], md["abstentions"], md["abstaining"]) == (10, 0, 1, ["France"])
    assert md["not_participating"] == ["China", "Iraq"]
    assert md["drafts"] == ["S/3777"] and "committee" not in md  # "[S/3777]" is the draft, not a committee
    assert [c.id for c in res.of_kind(ClauseKind.FOOTNOTE)] == ["fn14", "fn15"]  # a yearbook's numbering
    assert res.clause("pp1").footnotes == ("fn14",)
    assert res.clause("meta").footnotes == ("fn15",)
    assert res.clause("meta").text == ("118 (1957). Resolution of 6 March 1957 [S/3777] Adopted at the 774th meeting "
                                       "by 10 votes to none, with 1 abstention (France).")


ADOPTS_A_DECLARATION = """Resolution adopted by the General Assembly on 10 December 2030

[without reference to a Main Committee (A/85/L.40)]

85/61. Declaration on the Rights of Future Generations

The General Assembly

Adopts the Declaration on the Rights of Future Generations annexed to the present resolution.

70th plenary meeting
10 December 2030

Annex

Declaration on the Rights of Future Generations

1. Every generation holds the Earth in trust for those who follow.
"""


def test_a_resolution_of_one_unnumbered_paragraph_adopting_a_declaration() -> None:
    res = parse_text(ADOPTS_A_DECLARATION, source="upload.txt")
    assert res.symbol == "A/RES/85/61"
    assert res.of_kind(ClauseKind.PREAMBULAR) == []
    assert [c.id for c in ops(res)] == ["opu1"]
    assert res.clause("opu1").label == "A/RES/85/61, operative paragraph (unnumbered, 1st of 1)"
    assert res.clause("opu1").text.startswith("Adopts the Declaration")
    assert [c.id for c in res.of_kind(ClauseKind.ANNEX)] == ["annex.1"]
    assert (res.metadata["adopted"], res.metadata["plenary_meeting"]) == ("2030-12-10", 70)


def test_participles_are_preambular_and_finite_verbs_operative_whatever_the_numbering() -> None:
    text = ("The Human Rights Council:\n\nWelcoming the report of the Special Rapporteur,\n\n"
            "Deeply concerned at the situation,\n\nWelcomes the cooperation of the Government;\n\n"
            "Strongly condemns all attacks on journalists;\n\nAlso requests the Special Rapporteur to report.\n")
    res = parse_text(text, source="A_HRC_RES_60_1.txt")
    assert [c.text.split()[0] for c in res.of_kind(ClauseKind.PREAMBULAR)] == ["Welcoming", "Deeply"]
    assert [c.text.split()[0] for c in ops(res)] == ["Welcomes", "Strongly", "Also"]
    assert res.metadata["body"] == "Human Rights Council"


def test_an_unnumbered_verb_among_preambular_paragraphs_stays_in_the_preamble() -> None:
    text = ("The Security Council,\n\nRecalling its resolutions,\n\nRecalls that the Force was established,\n\n"
            "Noting the report,\n\n1. Decides to extend the mandate;\n\n2. Decides to remain seized of the matter.\n")
    res = parse_text(text, source="S_RES_3001_2031.txt")
    assert len(res.of_kind(ClauseKind.PREAMBULAR)) == 3
    assert [c.id for c in ops(res)] == ["op1", "op2"]
    assert any("stands in the preamble" in w for w in res.warnings)


# -- numbers: OCR damage read by the sequence, never invented ----------------------------------------
NUMBERED_WITH_DAMAGE = """Resolution 2001 (1994)
of 3 March 1994

The Security Council,

Recalling its earlier resolutions,

I. Decides to extend the mandate;

2. Requests the Secretary-General to report;

3, Calls upon the parties to cooperate;

4. Urges all States to contribute;

Decides to review the matter;

6. Requests a further report;

S. Korea and others are mentioned here.

Adopted unanimously at the 3400th meeting.
"""


def test_damaged_numbers_are_read_where_the_sequence_makes_them_sure() -> None:
    res = parse_text(NUMBERED_WITH_DAMAGE, source="upload.txt")
    assert [c.id for c in ops(res)] == ["op1", "op2", "op3", "op4", "op5", "op6"]
    assert res.clause("op1").text == "Decides to extend the mandate;"
    assert res.clause("op3").text == "Calls upon the parties to cooperate;"
    # between 4 and 6 the lost number is sure, and said
    assert res.clause("op5").text == "Decides to review the matter;"
    assert any("between operative paragraphs 4 and 6" in w for w in res.warnings)
    # "S." is no paragraph 7: 7 is not what follows 6 here, and "Korea" opens no paragraph
    assert res.clause("op6").text.endswith("S. Korea and others are mentioned here.")


def test_numbers_that_lost_their_full_stop_or_space_or_read_as_other_glyphs() -> None:
    text = NUMBERED_WITH_DAMAGE.replace("2. Requests", "2 Requests").replace("3, Calls", "3.Calls") \
        .replace("Decides to review", "8. Decides to review").replace("I. Decides", "i. Decides")
    res = parse_text(text, source="upload.txt")
    assert [c.id for c in ops(res)] == ["op1", "op2", "op3", "op4", "op5", "op6"]
    assert res.clause("op2").text == "Requests the Secretary-General to report;"
    assert res.clause("op3").text == "Calls upon the parties to cooperate;"
    assert res.clause("op5").text == "Decides to review the matter;"  # "8." between 4 and 6: the number is 5
    assert any("the number printed 8 stands between operative paragraphs 4 and 6" in w for w in res.warnings)
    assert res.clause("op1").text == "Decides to extend the mandate;"  # "i." for 1


def test_a_number_out_of_sequence_is_kept_as_printed_and_warned() -> None:
    text = ("The Security Council,\n\nNoting the report,\n\n1. Decides to act;\n\n"
            "3. Requests a report;\n")
    res = parse_text(text, source="S_RES_3002_2031.txt")
    assert [c.id for c in ops(res)] == ["op1", "op3"]
    assert any("no paragraph numbered 2" in w for w in res.warnings)


PARTS_RESTARTING = """Resolution 3003 (2031)
of 1 May 2031

The Security Council,

Recalling its resolutions,

A

1. Finds that the action was a violation;

2. Calls upon the parties to refrain from such action;

B

1. Requests the Chief of Staff to report;
"""


def test_parts_that_restart_their_numbering_are_cited_with_the_part() -> None:
    res = parse_text(PARTS_RESTARTING, source="upload.txt")
    assert [c.id for c in ops(res)] == ["A.op1", "A.op2", "B.op1"]
    assert res.clause("B.op1").label == "S/RES/3003 (2031), part B, operative paragraph 1"
    assert res.clause("B.op1").number == "1"
    assert not any(c.text in ("A", "B") or c.text.endswith(" B") for c in res.clauses)


def test_parts_whose_numbering_runs_on_keep_plain_ids() -> None:
    text = PARTS_RESTARTING.replace("B\n\n1. Requests", "B\n\n3. Requests")
    res = parse_text(text, source="upload.txt")
    assert [c.id for c in ops(res)] == ["op1", "op2", "op3"]


PARTS_WITH_PREAMBLES = """RESOLUTION 1820 (2033)

Adopted by the Security Council at its 9200th meeting,
on 17 April 2033

The Security Council,

Reaffirming all its earlier relevant resolutions,

Recalling the provisions of Chapter VIII of the Charter of the United Nations,

A

1. Commends the peace plan;

2. Welcomes the fact that this plan has now been accepted;

B

Determined to strengthen the implementation of the measures,

Acting under Chapter VII of the Charter of the United Nations,

3. Decides that the provisions set forth below shall come into force;

c

Desirous of achieving the full readmittance of the State to the international community,

4. Expresses its readiness to review all the measures;
"""


def test_a_parts_own_preamble_is_cited_within_its_part_not_as_the_resolutions() -> None:
    # the resolution's preamble ends at its first operative paragraph; "Acting under Chapter VII"
    # after paragraph 2 opens part B's own preamble, and OCR's "c" after "A" and "B" is part C
    res = parse_text(PARTS_WITH_PREAMBLES, source="upload.txt")
    pre = [c.id for c in res.of_kind(ClauseKind.PREAMBULAR)]
    assert pre == ["pp1", "pp2", "B.pp1", "B.pp2", "C.pp1"]
    assert res.clause("B.pp2").label == "S/RES/1820 (2033), part B, preambular paragraph 2"
    assert res.clause("B.pp2").text == "Acting under Chapter VII of the Charter of the United Nations,"
    assert [c.id for c in ops(res)] == ["op1", "op2", "op3", "op4"]  # the numbering runs on
    assert res.clause("op3").text == "Decides that the provisions set forth below shall come into force;"


def test_a_stray_quote_before_a_preambular_opening_is_no_quotation() -> None:
    # OCR's "‘" before "Recalling", after a paragraph that ended with its comma: a paragraph of its
    # own; a quotation introduced by a colon stays inside its paragraph
    text = PARTS_WITH_PREAMBLES.replace("\nRecalling the provisions", "\n‘Recalling the provisions")
    res = parse_text(text, source="upload.txt")
    assert [c.id for c in res.of_kind(ClauseKind.PREAMBULAR)][:2] == ["pp1", "pp2"]
    assert res.clause("pp2").text.startswith("‘Recalling the provisions")
    quoted = PARTS_WITH_PREAMBLES.replace("earlier relevant resolutions,", "earlier resolution, which provides:")
    quoted = quoted.replace("\nRecalling the provisions", "\n“Recalling the provisions")
    res = parse_text(quoted, source="upload.txt")
    assert res.clause("pp1").text.endswith("which provides: “Recalling the provisions of Chapter VIII of the "
                                           "Charter of the United Nations,")


def test_quoted_text_and_numbered_items_stay_inside_their_paragraph() -> None:
    text = ("12 (1946). Resolution of 10 December 1946\n\nThe Security Council\n"
            "Adopts the following rules of procedure:\n\n"
            "1. The representatives of Greece are invited to participate;\n\n"
            "2. The representatives of Albania are invited;\n\n"
            "“Rule 39. The Council may invite members of the Secretariat.”\n\n"
            "Adopted at the 82nd meeting.\n")
    res = parse_text(text, source="upload.txt")
    assert [c.id for c in ops(res)] == ["opu1"]
    op = res.clause("opu1").text
    assert op.startswith("Adopts the following rules of procedure: 1. The representatives of Greece")
    assert op.endswith("the Secretariat.”")
    assert not any("no paragraph numbered" in w for w in res.warnings)


def test_numbered_paragraphs_under_a_bare_resolves_are_the_operative_paragraphs() -> None:
    # "The Security Council / Resolves:" then "1. That ...": the verb alone belongs to the opener
    # (it governs every paragraph), and the paragraphs are cited by the numbers they print, OCR's
    # "1," for "1." read by the sequence
    text = ("70 (1949). Resolution of 7 March 1949\n\nWhereas the Charter provides for it,\n\n"
            "The Security Council\nResolves:\n\n"
            "1, That the Trusteeship Council be requested to perform those functions;\n\n"
            "2. That the Secretary-General be requested to advise the Council;\n\n"
            "“Rule 39. The Council may invite members of the Secretariat.”\n\n"
            "3, That the Trusteeship Council be requested to report.\n\n"
            "Adopted at the 415th meeting.\n")
    res = parse_text(text, source="upload.txt")
    assert [c.id for c in ops(res)] == ["op1", "op2", "op3"]
    assert res.clause("op1").text == "That the Trusteeship Council be requested to perform those functions;"
    assert res.clause("op2").text.endswith("the Secretariat.”")  # the quotation stays in its paragraph
    assert res.clause("op3").text == "That the Trusteeship Council be requested to report."
    assert [c.id for c in res.of_kind(ClauseKind.PREAMBULAR)] == ["pp1"]
    # a bare verb after another operative paragraph is no opener's: its numbered items stay in it
    later = parse_text(text.replace("Resolves:\n", "Notes the report;\n\nResolves:\n"), source="upload.txt")
    assert [c.id for c in ops(later)] == ["opu1", "opu2"]
    assert later.clause("opu2").text.startswith("Resolves: 1, That the Trusteeship Council")


# -- what is not the resolution ---------------------------------------------------------------------
def test_matter_before_the_heading_is_left_out_and_said() -> None:
    text = ("At its 900th meeting, the President made the following statement on behalf of the Council:\n"
            "The Council expresses its deep concern at the situation.\n\n" + YEARBOOK_UNNUMBERED)
    res = parse_text(text, source="upload.txt")
    assert not any("deep concern at the situation" in c.text for c in res.clauses)
    assert any("before the resolution's heading (from line 1)" in w for w in res.warnings)
    assert len(ops(res)) == 2


def test_the_next_resolutions_heading_ends_the_text() -> None:
    text = YEARBOOK_UNNUMBERED + "\nResolution 119 (1957)\nof 7 March 1957\n\n16 Ibid., document S/3790.\n"
    res = parse_text(text, source="upload.txt")
    assert [c.id for c in res.of_kind(ClauseKind.FOOTNOTE)] == ["fn14", "fn15"]


def test_no_opener_and_no_comma_a_preamble_before_the_opener() -> None:
    text = ("30 (1947). Resolution of 25 August 1947\n\nWhereas the Council called upon the parties\n"
            "to cease hostilities,\n\nThe Security Council\n\n1. Notes with satisfaction the steps taken;\n")
    res = parse_text(text, source="upload.txt")
    assert res.clause("pp1").text == "Whereas the Council called upon the parties to cease hostilities,"
    assert [c.id for c in ops(res)] == ["op1"]
    no_opener = parse_text("Resolution 466 (1980)\nof 11 April 1980\n\nTaking note of the letter,\n\n"
                           "1. Strongly condemns the attack;\n", source="upload.txt")
    assert (len(no_opener.of_kind(ClauseKind.PREAMBULAR)), len(ops(no_opener))) == (1, 1)


# -- headers, titles, front matter ------------------------------------------------------------------
def test_document_header_over_lines_with_ocr_damage() -> None:
    text = ("RESOLUTION 854 (1993)\n\nAdopted by the Security Council at _ its 326lst meeting,\n"
            "on 6 Auqust 1993\n\nThe Security Council,\n\nRecalling its resolution,\n\n"
            "1. Approves the proposal;\n")
    md = parse_text(text, source="upload.txt").metadata
    assert (md["meeting"], md["adopted"], md["body"]) == (3261, "1993-08-06", "Security Council")


def test_a_date_without_its_day_is_no_adoption_date() -> None:
    text = ("RESOLUTION 801 (1993)\n\nAdopted by the Security Council at its 3158th meeting, on January 1993\n\n"
            "The Security Council,\n\nHaving examined the application,\n\nRecommends admission.\n")
    md = parse_text(text, source="upload.txt").metadata
    assert md["meeting"] == 3158 and "adopted" not in md


FRONT_MATTER_CUT_TITLE = """---
symbol: A/RES/85/9
title: "A title of another resolution :"
date: "2030-12-05"
---

Resolution adopted by the General Assembly on 1 December 2030

85/9. Treaty for the Prohibition of Nuclear Weapons in Latin America

The General Assembly,

Recalling the Treaty,

1. Welcomes the Treaty;
"""


def test_front_matter_never_overrides_the_text_and_a_cut_title_is_completed_from_the_agenda_item() -> None:
    res = parse_text(FRONT_MATTER_CUT_TITLE, source="upload.txt")
    assert res.title == "Treaty for the Prohibition of Nuclear Weapons in Latin America"  # not the front matter's
    assert res.metadata["adopted"] == "2030-12-01" and res.metadata["distributed"] == "2030-12-05"
    with_agenda = FRONT_MATTER_CUT_TITLE.replace(
        "Resolution adopted", "Eighty-fifth session Agenda item 93 Treaty for the Prohibition of Nuclear Weapons "
        "in Latin America and the Caribbean (Treaty of Tlatelolco)\n\nResolution adopted")
    res = parse_text(with_agenda, source="upload.txt")
    assert res.title == ("Treaty for the Prohibition of Nuclear Weapons in Latin America and the Caribbean "
                         "(Treaty of Tlatelolco)")
    assert res.metadata["title_source"] == "title line completed from the agenda item"
    only_front = parse_text(FRONT_MATTER_CUT_TITLE.replace("85/9. Treaty for the Prohibition of Nuclear Weapons "
                                                           "in Latin America\n", ""), source="upload.txt")
    assert only_front.symbol == "A/RES/85/9"  # the text does not state it: the front matter may
    assert only_front.title == "A title of another resolution"
    assert only_front.metadata["title_source"] == "front matter"


# -- footnotes in extractions -----------------------------------------------------------------------
SEMI_CLEANED = """80/99. Cooperation in outer space

The General Assembly,

Recalling the Treaty on Outer Space,1 among others,

Noting that the report of 20242 was welcomed and that the matter is left

1 United Nations, Treaty Series, vol. 610, No. 8843.

2 A/79/100.

unfinished here, and continued after the footnotes,

1. Welcomes the report;[^3]

52nd plenary meeting 1 December 2030

---

[^3]: A/80/1, as from
[^7]: February 2031.
"""


def test_footnotes_between_paragraphs_markdown_notes_and_a_converters_fake_footnote() -> None:
    res = parse_text(SEMI_CLEANED, source="A_RES_80_99.md")
    assert [c.id for c in res.of_kind(ClauseKind.FOOTNOTE)] == ["fn1", "fn2", "fn3"]
    assert res.clause("fn3").text == "A/80/1, as from 7 February 2031."
    pp2 = res.clause("pp2")
    assert pp2.text == ("Noting that the report of 2024 was welcomed and that the matter is left unfinished here, "
                        "and continued after the footnotes,")
    assert pp2.footnotes == ("fn2",)
    assert res.clause("op1").footnotes == ("fn3",)
    assert res.clause("op1").text == "Welcomes the report;"


# -- text extracted from a UN PDF (pypdf-like: indented paragraph starts, no blank lines) ------------
PDF_TEXT = """ United Nations  S/RES/2999 (2030) \n  \nSecurity Council \n \nDistr.: General \n2 May 2030 \n \n
30-01234 (E)     \n*3001234*   \n  Resolution 2999 (2030) \n \n \n  Adopted by the Security Council at its 9999th meeting, on \n\
1 May 2030 \n \n \n The Security Council, \n Recalling its previous resolutions on the situation, and \n\
underlining the importance of the peace process, \n Mourning the loss of life, \n 1. Decides to extend the \n\
mandate of the Mission until 30 April 2031; \n Arms Embargo \n 2. Requests all States to refrain from the \n\
S/RES/2999 (2030) \n \n30-01234 2/2 \n \nsupply of arms to the parties; \n 3. Decides to remain seized of the matter. \n \n"""


def test_text_extracted_from_a_pdf() -> None:
    res = parse_text(PDF_TEXT, source="upload.txt")
    assert res.symbol == "S/RES/2999 (2030)"
    assert (res.metadata["adopted"], res.metadata["meeting"]) == ("2030-05-01", 9999)
    assert res.metadata["distributed"] == "2030-05-02"  # the masthead's date is not the adoption date
    assert [c.text for c in res.of_kind(ClauseKind.PREAMBULAR)] == [
        "Recalling its previous resolutions on the situation, and underlining the importance of the peace process,",
        "Mourning the loss of life,",
    ]
    assert [c.id for c in ops(res)] == ["op1", "op2", "op3"]
    assert res.clause("op2").text == "Requests all States to refrain from the supply of arms to the parties;"
    assert res.clause("op2").heading == "Arms Embargo"  # a section heading is no paragraph


def test_a_long_section_heading_before_a_numbered_paragraph_is_no_part_of_the_paragraph_above() -> None:
    # the PDF reader's layout (one paragraph a line, blank lines between), an SC 2025 heading of 94 characters
    text = ("Resolution 2999 (2030)\n\nAdopted by the Security Council at its 9999th meeting, on 1 May 2030\n\n"
            "The Security Council,\n\nRecalling its previous resolutions,\n\n"
            "1. Requests the Committee to inform the Permanent Mission, as appropriate;\n\n"
            "Prevention of Illicit Exports of Petroleum, including Crude Oil and Refined Petroleum Products\n\n"
            "2. Condemns attempts to illicitly export petroleum;\n")
    res = parse_text(text, source="upload.txt")
    assert res.clause("op1").text == "Requests the Committee to inform the Permanent Mission, as appropriate;"
    assert res.clause("op2").heading.startswith("Prevention of Illicit Exports of Petroleum")
