"""kg.nlp.parse: nlp.pipe for texts of any length; a long text is parsed in pieces and joined, true to the text."""
from __future__ import annotations

from collections.abc import Iterator

import pytest

from kg.ingest import read_article
from kg.nlp import parse, split_text
from kg.nlp.components import TITLES_KEY

from tests.conftest import SEEDS_DIR


def spans(doc, key: str | None = None) -> set[tuple[int, int, str, str]]:
    group = doc.ents if key is None else doc.spans[key]
    return {(s.start_char, s.end_char, s.label_, s.kb_id_) for s in group}


def cut_offsets(text: str, max_chars: int) -> list[int]:
    pieces = split_text(text, max_chars)
    return [sum(map(len, pieces[:i])) for i in range(1, len(pieces))]


def away_from(cuts: list[int], margin: int):
    return lambda span: all(not (span[0] - margin <= cut <= span[1] + margin) for cut in cuts)


@pytest.mark.parametrize("max_chars", [1, 2, 7, 40, 500, 10_000])
def test_pieces_are_within_the_limit_and_join_to_the_text(max_chars: int):
    text = read_article(SEEDS_DIR / "001_a30e08b1d2274aad.txt").text + "\n\n  trailing  \n"
    pieces = split_text(text, max_chars)
    assert "".join(pieces) == text
    assert all(0 < len(piece) <= max_chars for piece in pieces)


def test_cuts_prefer_paragraphs_then_sentences_then_spaces():
    assert split_text("One two. Three four.\n\nFive six.", 25) == ["One two. Three four.\n\n", "Five six."]
    assert split_text("One two three. Four five six.", 20) == ["One two three. ", "Four five six."]
    assert split_text("One. Two three four five.", 20) == ["One. Two three four ", "five."]  # too early a sentence end
    assert split_text("Onetwo threefour", 12) == ["Onetwo ", "threefour"]
    assert split_text("x" * 25, 10) == ["x" * 10, "x" * 10, "x" * 5]


def test_short_texts_are_parsed_as_nlp_pipe_parses_them(nlp):
    texts = [read_article(path).text for path in sorted(SEEDS_DIR.glob("*.txt"))]
    for ours, theirs in zip(parse(nlp, texts), nlp.pipe(texts), strict=True):
        assert ours.text == theirs.text
        assert spans(ours) == spans(theirs)
        assert spans(ours, TITLES_KEY) == spans(theirs, TITLES_KEY)


def test_text_cut_into_pieces_keeps_text_offsets_entities_and_title_spans(nlp):
    text = read_article(SEEDS_DIR / "001_a30e08b1d2274aad.txt").text
    cuts = cut_offsets(text, 1000)
    assert len(cuts) >= 3
    whole = nlp(text)
    (joined,) = parse(nlp, [text], max_chars=1000)
    assert joined.text == text
    for ent in joined.ents:
        assert text[ent.start_char:ent.end_char] == ent.text
    assert TITLES_KEY in joined.spans and len(joined.spans[TITLES_KEY]) > 0
    away = away_from(cuts, margin=100)
    expected = {span for span in spans(whole) if away(span)}
    assert len(expected) >= 20
    assert {span for span in spans(joined) if away(span)} == expected
    assert {s for s in spans(joined, TITLES_KEY) if away(s)} == {s for s in spans(whole, TITLES_KEY) if away(s)}
    assert [s.start_char for s in joined.sents][0] == 0 and set(cuts) <= {s.start_char for s in joined.sents}


def test_texts_keep_their_order_and_are_streamed(nlp):
    short = "The Secretary-General met Munir Akram in New York."
    long = read_article(SEEDS_DIR / "000_afc1ce9a15f3338a.txt").text
    consumed = 0

    def texts() -> Iterator[str]:
        nonlocal consumed
        for i in range(40):
            consumed += 1
            yield long if i % 3 == 0 else f"{short} ({i})"

    docs = parse(nlp, texts(), batch_size=2, max_chars=600)
    first = next(docs)
    assert first.text == long
    assert consumed < 40  # the first doc came before the last text was read
    rest = list(docs)
    assert [doc.text for doc in rest] == [long if i % 3 == 0 else f"{short} ({i})" for i in range(1, 40)]


@pytest.fixture
def small_max_length(nlp):
    """The session's pipeline with spaCy's length limit lowered to 60,000 characters for one test: the same refusal
    (E088) and the same cutting as at the default 1,000,000, at a twentieth of the parsing time."""
    default = nlp.max_length
    nlp.max_length = 60_000
    yield nlp
    nlp.max_length = default


def test_text_over_spacy_max_length_is_parsed_whole(small_max_length):
    """A real article repeated past the limit: spaCy alone refuses it (E088); parse gives one doc true to the text."""
    nlp = small_max_length
    unit = read_article(SEEDS_DIR / "002_33bf733fa1a55635.txt").text + "\n\n"
    text = unit * (int(nlp.max_length * 1.2) // len(unit) + 1)
    assert len(text) > nlp.max_length
    with pytest.raises(ValueError, match="E088"):
        nlp(text)
    (doc,) = parse(nlp, [text])
    assert doc.text == text
    # Each repetition away from a cut is parsed as the same article in the same surroundings is parsed whole.
    reference = nlp(unit * 3)
    middle = {(s - len(unit), e - len(unit), label, kb) for s, e, label, kb in spans(reference)
              if len(unit) <= s < 2 * len(unit)}
    assert middle
    cuts = cut_offsets(text, nlp.max_length)
    by_repetition: dict[int, set[tuple[int, int, str, str]]] = {}
    for s, e, label, kb in spans(doc):
        k = s // len(unit)
        by_repetition.setdefault(k, set()).add((s - k * len(unit), e - k * len(unit), label, kb))
    repetitions = len(text) // len(unit)
    checked = [k for k in range(1, repetitions - 1)
               if all(not ((k - 1) * len(unit) <= cut <= (k + 2) * len(unit)) for cut in cuts)]
    assert len(checked) > repetitions * 0.8  # all but the repetitions beside a cut and at the ends
    for k in checked:
        assert by_repetition.get(k, set()) == middle, f"repetition {k}"
    assert len(doc.spans[TITLES_KEY]) > 0
