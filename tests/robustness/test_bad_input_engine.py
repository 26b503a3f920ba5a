"""Bad input through the Python API: `Engine.ask` gives an Answer or a BadQuestion, nothing else."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from robustness_inputs import NASTY_QUESTIONS, QUESTION

from qa.answers.answer import Answer
from qa.engine import Engine
from qa.errors import BadQuestion


def assert_sound(answer: Answer, engine: Engine, k: int = 5) -> None:
    """Every citation is a clause of the index, verbatim, with its highlight inside its text."""
    assert isinstance(answer, Answer)
    assert 1 <= len(answer.citations) <= k
    for c in answer.citations:
        assert c.text == engine._clauses[(c.doc, c.unit)]["text"]  # the stored clause, verbatim
        start, end = c.highlight
        assert 0 <= start <= end <= len(c.text)
    assert answer.answered or answer.message


@pytest.mark.parametrize("name, question, refused", NASTY_QUESTIONS, ids=[n for n, _, _ in NASTY_QUESTIONS])
def test_nasty_questions_get_an_answer_or_a_clear_message(engine, name, question, refused):
    if refused:
        with pytest.raises(BadQuestion) as caught:
            engine.ask(question)
        message = str(caught.value)
        assert ("empty" in message) or (f"limit is {Engine.MAX_QUESTION_CHARS}" in message), message
        return
    answer = engine.ask(question)
    assert_sound(answer, engine)
    # what is echoed back is the question without control characters, escapes or lone surrogates
    assert not any(ch in answer.question for ch in ("\x00", "\x1b", "\x07", "\x7f", "\u202e", "\ud800"))


@pytest.mark.parametrize("length", [Engine.MAX_QUESTION_CHARS + 1, 10_000, 1_000_000])
def test_over_long_question_is_refused_before_any_model_work(engine, monkeypatch, length):
    encoded: list[list[str]] = []
    real_encode = engine._index.encode

    def spy(texts, *args, **kwargs):
        encoded.append(list(texts))
        return real_encode(texts, *args, **kwargs)

    monkeypatch.setattr(engine._index, "encode", spy)
    with pytest.raises(BadQuestion, match=rf"{length} characters long; the limit is {Engine.MAX_QUESTION_CHARS}"):
        engine.ask("a" * length)
    with pytest.raises(BadQuestion):  # in a batch, too: the whole batch is refused before encoding
        engine.ask_batch([QUESTION, "a" * length])
    assert encoded == []
    engine.ask("a" * Engine.MAX_QUESTION_CHARS)  # the limit itself is allowed, and the spy sees it
    assert len(encoded) == 1


@pytest.mark.parametrize("k", [0, -1, -(10**30), 51, 10**30, 2.5, float("nan"), "5", None, True, [5]])
def test_bad_k_is_refused_with_the_range(engine, k):
    with pytest.raises(BadQuestion, match="k must be a whole number from 1 to 50"):
        engine.ask(QUESTION, k=k)


@pytest.mark.parametrize("k", [1, 50])
def test_k_bounds_are_allowed(engine, k):
    assert_sound(engine.ask(QUESTION, k=k), engine, k=k)


@pytest.mark.parametrize("doc", ["A/RES/1/1", "", "\x1b[31m"])
def test_unknown_doc_is_refused_with_the_known_symbols(engine, doc):
    with pytest.raises(BadQuestion) as caught:
        engine.ask(QUESTION, doc=doc)
    assert "unknown document" in str(caught.value) and "A/RES/64/12" in str(caught.value)


@pytest.mark.parametrize("doc", [5, 4.5, [5]])
def test_a_doc_that_is_no_symbol_is_refused_saying_what_is_wanted(engine, doc):
    with pytest.raises(BadQuestion, match="doc must be a document symbol or a list of them"):
        engine.ask(QUESTION, doc=doc)


@pytest.mark.parametrize("doc", ["a/res/64/12", "A/RES/64/12 ", "A/RES/64/12", "A / RES / 64 / 12"])
def test_a_symbol_as_typed_in_another_case_or_spacing_finds_its_document(engine, doc):
    answer = engine.ask(QUESTION, doc=doc)
    assert answer.citations and {c.doc for c in answer.citations} == {"A/RES/64/12"}


@pytest.mark.parametrize("question", [None, 42, b"bytes", ["a list"]])
def test_non_text_question_is_refused(engine, question):
    with pytest.raises(BadQuestion, match="must be text"):
        engine.ask(question)


# Every code point, surrogates and unassigned ones included (hypothesis' default text leaves surrogates out).
ANY_TEXT = st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x10FFFF), max_size=300)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(question=st.one_of(ANY_TEXT, st.text(max_size=2100), st.sampled_from([n[1] for n in NASTY_QUESTIONS])),
       k=st.integers(min_value=-(10**6), max_value=10**6))
def test_fuzz_ask_gives_an_answer_or_bad_question(engine, question, k):
    try:
        answer = engine.ask(question, k=k)
    except BadQuestion as error:
        assert str(error)
        return
    assert 1 <= k <= Engine.MAX_K
    assert_sound(answer, engine, k=k)
