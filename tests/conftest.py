"""Shared fixtures: the spaCy pipeline is loaded once per test session, since loading it dominates run time."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = ROOT / "data" / "articles"


@pytest.fixture(scope="session")
def raw_nlp():
    """The bare statistical model, without newskg's components."""
    from kg.nlp import load_model

    return load_model()
