"""The baseline of the benchmark: what any spaCy user pays to run the model over the same texts, whole process.

Starts Python, loads the bare model (the one newskg uses, without its components), reads the article texts as
``kg build`` reads them, and runs ``nlp.pipe`` over them, keeping nothing. ``bench/speed.py`` runs it as a
subprocess beside ``kg build``, so both are timed the same way: start to exit, start-up and model loading included.

Usage: python bench/raw_spacy.py FOLDER
"""
from __future__ import annotations

import sys
from pathlib import Path

from kg.ingest import read_corpus
from kg.nlp import load_model


def main() -> None:
    articles, errors, _ = read_corpus([Path(sys.argv[1])])
    if errors:
        raise SystemExit(f"{len(errors)} unreadable article(s), first: {errors[0]}")
    nlp = load_model()
    for _doc in nlp.pipe(article.text for article in articles):
        pass


if __name__ == "__main__":
    main()
