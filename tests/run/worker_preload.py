"""Preloaded into the test cluster's worker (``dask worker --preload``): extraction fails on the article named
:data:`FAILING_SOURCE`, as a bug in newskg would, so a test can see how one worker's failure reaches the build.
Only that worker process is changed; the code under test is the same everywhere else."""
from __future__ import annotations

import kg.pipeline

FAILING_SOURCE = "fails-on-worker.txt"

# Dask may run a preload file more than once in the same module: wrap the original, never a wrapper.
_extract_article = getattr(kg.pipeline.extract_article, "__wrapped__", kg.pipeline.extract_article)


def _failing_extract_article(article, doc):
    if article.source == FAILING_SOURCE:
        raise RuntimeError(f"extraction made to fail on {FAILING_SOURCE} by the test worker")
    return _extract_article(article, doc)


_failing_extract_article.__wrapped__ = _extract_article  # type: ignore[attr-defined]


kg.pipeline.extract_article = _failing_extract_article
