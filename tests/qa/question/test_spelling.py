"""Typos and everyday shorthand read as the corpus writes them (qa.question.spelling)."""

from qa.question.spelling import Spelling, read_as_corpus, shorthand_forms
from qa.text import content_terms

CORPUS = ["Recommends to the General Assembly that it admit Siam to membership",
          "Recommends the admission of Türkiye", "Türkiye welcomes the recommendation",
          "The Council recommends the membership of Siam", "kingdom membership membership"]


def _spelling() -> Spelling:
    ids: dict[str, int] = {}
    df: list[int] = []
    for text in CORPUS:
        for term in set(content_terms(text)):
            if term not in ids:
                ids[term] = len(ids)
                df.append(0)
            df[ids[term]] += 1
    return Spelling(ids, df)


def test_a_typo_is_read_as_the_corpus_term_one_edit_away():
    assert _spelling().corrections("which kingdom did the council recomend?") == {"recomend": "recommend"}


def test_an_unaccented_name_finds_its_accented_form():
    assert _spelling().corrections("was turkiye recommended?") == {"turkiy": "türkiy"}


def test_english_words_and_names_are_not_typos():
    spelling = _spelling()
    # "react" is a word the corpus does not use, not a misspelt "recommend"; "Siamm" inside the
    # sentence is a name as typed
    assert spelling.corrections("How did the Council react?") == {}
    assert spelling.corrections("Did the Council admit Siamm?") == {}
    assert spelling.corrections("") == {}


def test_everyday_shorthand_is_spelt_out_in_any_case():
    assert shorthand_forms("which plenary mtg in Aug 93 heard the govt's 2nd report") == [
        "meeting", "August", "government", "second"]
    assert shorthand_forms("resolution on development") == []


def test_the_question_as_the_confidence_stage_reads_it():
    long_forms = {"SC": "Security Council", "MINURSO": "United Nations Mission for the Referendum in Western Sahara"}
    known = {t: i for i, t in enumerate(content_terms("Security Council mission referendum western sahara meeting"))}
    read = read_as_corpus("did the SC set up MINURSO at a mtg, and went on to recomend it?", long_forms,
                          {"recomend": "recommend"}, known)
    assert "Security Council" in read and "Western Sahara" in read and "meeting" in read and "recommend" in read
    # a very common English word the corpus never uses says nothing of the topic: left out
    assert "went" not in read.split()
    # a rare word the corpus lacks stays: it is what an out-of-scope question is about
    assert "cryptocurrency" in read_as_corpus("the SC on cryptocurrency", long_forms, {}, known)
