"""Where the map runs: in the calling process, or on a Dask cluster (embedded or remote), with the same code.

A :class:`Runner` applies a function to a stream of partitions and yields the results as they come. The
in-process runner just calls it. The Dask runner submits partitions to a ``distributed`` cluster, keeping only a
window of them in flight (so the client never holds more than a few partitions, whatever the corpus size), and
yields each result as it completes; the caller orders them by the partition number they carry.

Why Dask and not Ray or Spark: the map is plain Python functions over picklable records, and Dask's
``distributed`` runs exactly that, from ``pip install``, on one laptop (an embedded ``LocalCluster``) or on many
machines (``dask scheduler`` / ``dask worker``), with a worker plugin to load spaCy once per worker. Ray does the
same with a heavier runtime (its own object store, a dashboard and daemons, wheels tied to platforms) for features
a batch map does not use; Spark needs a JVM and pays for moving Python objects through it (pickled rows, Arrow).
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

if TYPE_CHECKING:
    from spacy.language import Language

Item = TypeVar("Item")
Result = TypeVar("Result")


@lru_cache(maxsize=1)
def worker_pipeline(model: str | None) -> Language:
    """The spaCy pipeline of ``model`` for the map's tasks in this process: loaded by the first task (or by the
    worker plugin when a Dask worker starts) and kept, since loading takes seconds and a worker runs many
    partitions. Private to the map: the library's callers get pipelines of their own (:func:`kg.nlp.create_pipeline`).
    """
    from kg.nlp import create_pipeline

    return create_pipeline(model)


class Runner(Protocol):
    """Applies a function to partitions, yielding results as they complete (in any order)."""

    workers: int
    """How many partitions can run at once."""
    in_process: bool
    """True when the function runs in the calling process (objects such as a loaded pipeline can be passed)."""

    def map(self, function: Callable[..., Result], items: Iterable[Item], *args: Any) -> Iterator[Result]:
        """``function(item, *args)`` for every item; ``items`` is read lazily, a window at a time."""
        ...


class InProcess:
    """Runs every partition in the calling process, one after another: the default, nothing to start."""

    workers = 1
    in_process = True

    def map(self, function: Callable[..., Result], items: Iterable[Item], *args: Any) -> Iterator[Result]:
        for item in items:
            yield function(item, *args)


@contextmanager
def open_runner(workers: int = 1, scheduler: str | None = None, model: str | None = None) -> Iterator[Runner]:
    """The runner of a build: in-process for one worker and no scheduler; else a Dask client, on an embedded
    ``LocalCluster`` of ``workers`` processes, or on the cluster whose scheduler is at ``scheduler``
    (``tcp://host:8786``), whose workers load the pipeline of ``model`` (see :mod:`kg.run.cluster`)."""
    if scheduler is None and workers <= 1:
        yield InProcess()
        return
    from kg.run.cluster import open_cluster  # Dask is imported only by builds that use it

    with open_cluster(workers, scheduler, model) as runner:
        yield runner
