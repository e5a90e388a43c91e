"""Unusual but valid articles: the build finishes, the graph conforms, and one failing article spares the rest."""
from __future__ import annotations

import shutil
from pathlib import Path

from kg import pipeline
from kg.errors import ExtractionError
from kg.rdf.export import union_graph
from kg.pipeline import build
from kg.rdf.validation import validate_graph

from .conftest import SEEDS_DIR

ODD_ARTICLES = {
    "numbers.txt": "12 34 56. 7,890 and 1.5 per cent. $3 billion.",
    "quotes.txt": '“We will not accept this,” he said. "Never," she added. ‘No’ — they all said.',
    "titles-only.txt": "Ambassador Ambassador Minister of Foreign Affairs. President President Trump Trump. Secretary-General.",
    "long-list.txt": "The meeting was attended by "
    + ", ".join(f"Ambassador Amira Haddad{i} of France" for i in range(40))
    + ".",
    "unicode.txt": "Le président Emmanuel Macron a rencontré Olaf Scholz à Genève. 北京 ✓ 🙂 Ñandú Ångström.",
    "one-word.txt": "Pakistan.",
    "datelines.txt": "GENEVA — UNITED NATIONS — The UN Security Council voted 13-0-2 on Friday; Russia and China abstained.",
    "relative.txt": "Last week, the envoy met the minister on Tuesday, and will meet her again next month in Paris.",
    "symbols.txt": "((( ))) ... ;;; --- *** ### @@@ \t\t\n\n\n   \u200b\u200b zero width. A. B. C.",
    "joint.txt": "Norway and Fiji co-hosted the talks; they were co-chaired by Brazil and co-sponsored by 40 others.",
}


def test_odd_articles_build_into_a_valid_graph(nlp, tmp_path: Path):
    for name, text in ODD_ARTICLES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = build([tmp_path], nlp=nlp)
    assert not result.errors
    assert len(result.articles) == len(ODD_ARTICLES)
    report = validate_graph(union_graph(result.dataset))
    assert report.conforms, str(report)


def test_an_article_that_fails_extraction_spares_the_others(nlp, monkeypatch, tmp_path: Path):
    shutil.copy(SEEDS_DIR / "000_afc1ce9a15f3338a.txt", tmp_path / "good.txt")
    shutil.copy(SEEDS_DIR / "003_5658af3f2e5c4cbd.txt", tmp_path / "bad.txt")
    original = pipeline.extract_article

    def failing_on_bad(article, doc):
        if article.source == "bad.txt":
            raise RuntimeError("simulated bug")
        return original(article, doc)

    monkeypatch.setattr(pipeline, "extract_article", failing_on_bad)
    result = build([tmp_path], nlp=nlp)
    assert [a.source for a in result.articles] == ["good.txt"]
    assert not result.errors
    [error] = result.failures
    assert isinstance(error, ExtractionError) and "bad.txt" in str(error) and "simulated bug" in str(error)
    assert result.partial
    assert validate_graph(union_graph(result.dataset)).conforms


def test_a_long_article_builds(nlp, tmp_path: Path):
    text = "Foreign Minister Lina Haddad met Ambassador Tomas Berg in Vienna on Monday. " * 200
    (tmp_path / "long.txt").write_text(text, encoding="utf-8")
    graph = union_graph(build([tmp_path], nlp=nlp).dataset)
    assert validate_graph(graph).conforms
