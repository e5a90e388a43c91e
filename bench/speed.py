"""Speed of newskg against raw spaCy on the same corpus, in one run.

The baseline is what any spaCy user pays anyway: ``nlp.pipe`` of the bare statistical model over the article
texts. newskg's cost is shown stage by stage (its pipeline with the extra components, the extraction into RDF,
SHACL validation, serialisation) and as a ratio to that baseline. The corpus is repeated ``--repeat`` times so that
timings are not dominated by noise; every stage runs on the same texts in the same process.

Usage: python bench/speed.py data/articles [--repeat 20] [--json bench/results.json]
"""
from __future__ import annotations

import argparse
import json
import platform
import time
from collections.abc import Callable
from pathlib import Path

from kg.rdf.export import to_nquads, to_trig, to_turtle, union_graph
from kg.rdf.iris import IRIs
from kg.nlp import create_pipeline, load_model
from kg.pipeline import extract_article, read_articles
from kg.rdf.validation import validate_graph


def timed(function: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    value = function()
    return time.perf_counter() - start, value


def run(folder: Path, repeat: int) -> dict[str, float | int | str]:
    articles, errors, _ = read_articles([folder])
    if errors:
        raise SystemExit(f"unreadable articles: {errors}")
    texts = [a.text for a in articles] * repeat
    raw, full = load_model(), create_pipeline()
    for nlp in (raw, full):  # warm-up: first calls allocate
        list(nlp.pipe(texts[:2]))

    raw_seconds, _ = timed(lambda: list(raw.pipe(texts)))
    nlp_seconds, docs = timed(lambda: list(full.pipe(texts)))
    iris = IRIs()
    extract_seconds, graphs = timed(
        lambda: [extract_article(article, doc, iris) for article, doc in zip(articles * repeat, docs)]
    )
    from rdflib import Dataset

    dataset = Dataset()
    for graph in graphs[: len(articles)]:
        named = dataset.graph(graph.identifier)
        named += graph
    union = union_graph(dataset)
    validate_seconds, _ = timed(lambda: validate_graph(union))
    serialise_seconds, _ = timed(lambda: (to_trig(dataset), to_nquads(dataset), to_turtle(dataset)))
    newskg_seconds = nlp_seconds + extract_seconds
    return {
        "articles": len(texts),
        "characters": sum(map(len, texts)),
        "raw_spacy_s": round(raw_seconds, 3),
        "newskg_nlp_s": round(nlp_seconds, 3),
        "newskg_extract_s": round(extract_seconds, 3),
        "newskg_total_s": round(newskg_seconds, 3),
        "ratio_newskg_to_raw_spacy": round(newskg_seconds / raw_seconds, 2),
        "validate_corpus_once_s": round(validate_seconds, 3),
        "serialise_corpus_once_s": round(serialise_seconds, 3),
        "triples_corpus_once": len(union),
        "python": platform.python_version(),
        "machine": platform.machine(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--repeat", type=int, default=20, help="times the corpus is processed (default 20)")
    parser.add_argument("--json", type=Path, help="also write the numbers to this JSON file")
    args = parser.parse_args()
    results = run(args.folder, args.repeat)
    width = max(map(len, results))
    for key, value in results.items():
        print(f"{key:<{width}}  {value}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
