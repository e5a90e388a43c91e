"""The map on a Dask ``distributed`` cluster: an embedded ``LocalCluster`` (``-j N``) or a running one (``--scheduler``).

The spaCy pipeline is never pickled: a worker loads it by model name when it joins (:class:`PipelinePlugin`), and
:func:`kg.run.engine.worker_pipeline` keeps it for every later task on that worker. Partitions are submitted a window at
a time, so the client holds a few partitions, not the corpus, and a worker always has its next one waiting.
Workers of a remote cluster need newskg and the model installed (the same versions as the client); they send
their results back to the client, so no file system has to be shared.
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from itertools import islice
from typing import Any, TypeVar

from distributed import Client, LocalCluster, WorkerPlugin, as_completed

from kg.run.engine import worker_pipeline

Item = TypeVar("Item")
Result = TypeVar("Result")

#: Partitions in flight per worker thread: one running and one waiting, so a worker never idles for the client.
WINDOW_PER_THREAD = 2


class PipelinePlugin(WorkerPlugin):
    """Loads the spaCy pipeline of ``model`` when a worker starts: once per worker process, before its first task."""

    name = "newskg-pipeline"

    def __init__(self, model: str | None) -> None:
        self.model = model

    def setup(self, worker: Any) -> None:
        worker_pipeline(self.model)


class OnDask:
    """Runs partitions on the workers of a Dask client, yielding each result as it completes."""

    in_process = False

    def __init__(self, client: Client) -> None:
        self.client = client
        self.workers = max(1, sum(client.nthreads().values()))

    def map(self, function: Callable[..., Result], items: Iterable[Item], *args: Any) -> Iterator[Result]:
        items = iter(items)

        def submit(item: Item) -> Any:
            return self.client.submit(function, item, *args, pure=False)

        window = as_completed([submit(item) for item in islice(items, self.workers * WINDOW_PER_THREAD)])
        for future in window:
            result = future.result()  # a task's exception is raised here, in the caller
            future.release()
            for item in islice(items, 1):
                window.add(submit(item))
            yield result


@contextmanager
def open_cluster(workers: int, scheduler: str | None, model: str | None) -> Iterator[OnDask]:
    """A client on the cluster at ``scheduler``, else on an embedded cluster of ``workers`` single-threaded
    processes (spaCy and the extractors hold the GIL, so threads would only queue); closed on leaving."""
    if scheduler is not None:
        with Client(scheduler) as client:
            client.register_plugin(PipelinePlugin(model))
            yield OnDask(client)
        return
    # The scheduler's HTTP server (health, and the dashboard when bokeh is installed) starts even without a
    # dashboard; on a port of the system's choosing, so two builds on one machine never contend for 8787.
    with LocalCluster(
        n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0", silence_logs=logging.ERROR
    ) as cluster, Client(cluster) as client:
        client.register_plugin(PipelinePlugin(model))
        yield OnDask(client)
