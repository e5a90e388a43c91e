"""kg.evaluate.corpora and ``kg evaluate``: several gold corpora against one graph, each reported on its own, with
its articles found by file name for the baseline."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import InputError
from kg.evaluate.corpora import evaluate_corpora, find_articles, split_paths
from kg.evaluate.gold import load_gold

from .conftest import FIXTURES, write_gold

ROOT = Path(__file__).resolve().parents[2]
runner = CliRunner()


def test_split_paths_tells_gold_from_graph_by_suffix() -> None:
    paths = [Path("a.yaml"), Path("out/graph.trig"), Path("b.YML"), Path("g.nq")]
    assert split_paths(paths) == ([Path("a.yaml"), Path("b.YML")], [Path("out/graph.trig"), Path("g.nq")])


def corpus(tmp_path: Path, *files: str) -> Path:
    """A gold file at ``tmp_path/gold/test.yaml`` listing ``files``."""
    (tmp_path / "gold").mkdir(exist_ok=True)
    path = write_gold(tmp_path / "gold", "".join(f"- file: {name}\n" for name in files))
    return path.rename(tmp_path / "gold" / "test.yaml")


def touch(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("Munir Akram of Pakistan met Menissa Rambally.", encoding="utf-8")
    return path


def test_articles_are_found_directly_then_below_the_folders(tmp_path: Path) -> None:
    gold = load_gold(corpus(tmp_path, "a.txt", "b.txt", "c.txt"))
    a = touch(tmp_path / "given" / "a.txt")
    touch(tmp_path / "given" / "old" / "a.txt")  # below: loses to the direct hit
    b = touch(tmp_path / "given" / "nested" / "b.txt")
    c = touch(tmp_path / "gold" / "test" / "articles" / "c.txt")  # the default folder beside the gold
    assert find_articles(gold, [tmp_path / "given"]) == (a, b, c)


def test_an_article_found_twice_below_is_an_error(tmp_path: Path) -> None:
    gold = load_gold(corpus(tmp_path, "a.txt"))
    touch(tmp_path / "given" / "x" / "a.txt")
    touch(tmp_path / "given" / "y" / "a.txt")
    with pytest.raises(InputError, match=r"article a\.txt is in several folders .*--articles"):
        find_articles(gold, [tmp_path / "given"])


def test_missing_articles_are_named(tmp_path: Path) -> None:
    gold = load_gold(corpus(tmp_path, "a.txt", "b.txt"))
    touch(tmp_path / "given" / "a.txt")
    with pytest.raises(InputError, match=re.escape("cannot find article(s) b.txt (looked in ")):
        find_articles(gold, [tmp_path / "given"])


def test_each_corpus_is_scored_on_its_own_articles() -> None:
    from kg.evaluate.predict import predictions_from_graph
    from kg.evaluate.score import evaluate
    from kg.rdf.load import load_dataset

    golds = [load_gold(FIXTURES / "gold.yaml"), load_gold(FIXTURES / "real-gold.yaml")]
    predictions = predictions_from_graph(load_dataset([FIXTURES / "graph.trig", FIXTURES / "real-graph.trig"]))
    fixture, real = evaluate_corpora(golds, predictions)
    assert (fixture.project.corpus, real.project.corpus) == ("fixture", "seeds-000-003")
    # the other corpus's articles in the graph cost nothing
    assert real.project == evaluate(golds[1], predictions_from_graph(load_dataset([FIXTURES / "real-graph.trig"])))
    fixture_alone = evaluate(golds[0], predictions_from_graph(load_dataset([FIXTURES / "graph.trig"])))
    assert fixture.project.scores["people"] == fixture_alone.scores["people"]
    assert fixture.baseline is None and real.baseline is None


def test_cli_reports_every_corpus_with_its_baseline(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt"):
        touch(tmp_path / "articles" / name)
    args = [
        "evaluate",
        str(FIXTURES / "gold.yaml"),
        str(FIXTURES / "graph.trig"),
        str(FIXTURES / "real-gold.yaml"),
        str(FIXTURES / "real-graph.trig"),
        "--articles", str(tmp_path / "articles"),
        "--articles", str(ROOT / "data" / "articles"),
    ]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    for title in ("newskg evaluation: fixture", "headline: fixture", "newskg evaluation: seeds-000-003"):
        assert title in result.output
    assert result.output.count("base F1") == 4  # a category and a headline table per corpus

    result = runner.invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [c["corpus"] for c in data["corpora"]] == ["fixture", "seeds-000-003"]
    real = data["corpora"][1]
    assert real["gold"] == str(FIXTURES / "real-gold.yaml")
    assert real["project"]["summary"]["events_dated"]["hits"] == 3
    assert real["baseline"]["categories"]["people"]["tp"] > 0


def test_cli_without_baseline_needs_no_articles() -> None:
    args = ["evaluate", str(FIXTURES / "gold.yaml"), str(FIXTURES / "graph.trig"), "--no-baseline"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "base F1" not in result.output and "events dated right (2 of 3)" in result.output


@pytest.mark.parametrize(
    ("paths", "message"),
    [
        (["graph.trig"], "at least one gold file"),
        (["gold.yaml"], "at least one gold file"),
        (["gold.yaml", "graph.trig"], "cannot find article(s) a.txt, b.txt"),
    ],
)
def test_cli_usage_and_input_errors_exit_2(paths: list[str], message: str) -> None:
    args = [str(FIXTURES / path) for path in paths]
    result = runner.invoke(app, ["evaluate", *args, "--articles", str(FIXTURES)])
    assert result.exit_code == 2
    assert message in " ".join(result.output.split())
