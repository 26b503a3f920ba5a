"""BM25 tokens: document symbols stay whole tokens, in passages and in questions alike."""

from __future__ import annotations

import json

import pytest
from synthetic import make_doc

from index import sparse
from index.errors import IndexLoadError
from index.passage import DocumentInfo, Passage
from index.store import MANIFEST, PassageIndex


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the report A/58/387 and", ["a/58/387"]),
        ("(see A/58/387)", ["a/58/387"]),  # the sentence's parenthesis is not part of the symbol
        ("draft A/64/L.12.", ["a/64/l.12"]),
        ("resolution GC(67)/RES/15, entitled", ["gc(67)/res/15"]),  # IAEA General Conference style
        ("A/C.3/64/L.12/Rev.1;", ["a/c.3/64/l.12/rev.1"]),
        ("resolution 62/7 of 8 November", ["62/7"]),
        ("(A/RES/55/2)", ["a/res/55/2", "55/2"]),  # also cited by its number alone
        ("A/RES/2625(XXV)", ["a/res/2625(xxv)", "2625(xxv)"]),
        ("resolution 1514 (XV) of 1960", ["1514(xv)"]),
    ],
)
def test_symbols_are_whole_tokens(text, expected):
    tokens = sparse.tokenize(text)
    for token in expected:
        assert token in tokens, tokens


def test_symbols_are_not_cut_into_numbers_and_words_are_stemmed():
    tokens = sparse.tokenize("Recalling its resolution A/RES/62/7 on the conferences")
    assert "62" not in tokens and "7" not in tokens and "res" not in tokens
    assert "confer" in tokens and "recal" in tokens  # English Snowball stems
    assert "the" not in tokens and "on" not in tokens  # English stopwords


def test_slashed_words_without_digits_stay_words():
    tokens = sparse.tokenize("States and/or organizations")
    assert "and/or" not in tokens and "organiz" in tokens


def test_empty_and_stopword_only_text():
    assert sparse.tokenize("") == []
    assert sparse.tokenize("   ") == []
    assert sparse.tokenize("of the and") == []


def _symbol_corpus() -> list[tuple[DocumentInfo, list[Passage]]]:
    texts = [
        "Takes note of the report of the Secretary-General (A/58/387) on cooperation",
        "Takes note of the report of the Secretary-General (A/58/388) on cooperation",
        "Recalling its resolution 62/7 of 8 November 2007 on cooperation",
        "Recalling its resolution 62/8 of 8 November 2007 on cooperation",
        "Decides to include in the provisional agenda of its sixty-fifth session the item 58",
    ]
    passages = [Passage(id=f"D/1#p{i}", doc="D/1", text=t) for i, t in enumerate(texts)]
    return [(DocumentInfo("D/1", "/d1.txt", "0" * 64), passages)]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("A/58/387", 0),
        ("report A/58/388", 1),
        ("what does resolution 62/7 say", 2),
        ("A/RES/62/8", 3),  # the full symbol finds the passage citing its number
    ],
)
def test_bm25_finds_the_passage_that_cites_the_symbol(tmp_path, embedder, query, expected):
    built = PassageIndex.build(tmp_path / "index", _symbol_corpus(), progress=False)
    loaded = PassageIndex.load(tmp_path / "index")
    for index in (built, loaded):
        hits = index.bm25_search([query], k=5)[0]
        assert hits and hits[0][0] == expected, hits
        assert all(position != expected for position, _ in hits[1:])
        # the near-miss symbol is not matched by a shared number
        assert len([h for h in hits if h[1] >= hits[0][1] * 0.999]) == 1


def test_bm25_is_saved_in_bm25s_format_not_pickle(tmp_path, embedder):
    PassageIndex.build(tmp_path / "index", [make_doc("A/X/1", 5)], progress=False)
    files = sorted(p.name for p in (tmp_path / "index" / "bm25").iterdir())
    assert "vocab.index.json" in files and "params.index.json" in files
    assert not [f for f in files if f.endswith((".pkl", ".pickle"))]
    for f in (tmp_path / "index" / "bm25").iterdir():
        assert not f.read_bytes().startswith(b"\x80")  # no pickle protocol header anywhere


def test_tokenizer_is_recorded_and_another_one_refused(tmp_path, embedder):
    path = tmp_path / "index"
    PassageIndex.build(path, [make_doc("A/X/1", 5)], progress=False)
    manifest = json.loads((path / MANIFEST).read_text())
    assert manifest["bm25"] == {"tokenizer": sparse.TOKENIZER, "stemmer": "english", "stopwords": "en"}
    del manifest["bm25"]  # an index from before the tokenizer was recorded
    (path / MANIFEST).write_text(json.dumps(manifest))
    with pytest.raises(IndexLoadError) as caught:
        PassageIndex.load(path)
    assert MANIFEST in str(caught.value) and "tokenizer" in str(caught.value)
