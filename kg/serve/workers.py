"""Queries run in worker processes that can be killed, because a query is the one thing a server cannot trust.

pyoxigraph has no time limit or cancellation for a query (its Rust API and Oxigraph's own server have one, the
Python binding does not), and a thread cannot be stopped from outside while it is inside Rust code. A process can.
So :class:`QueryPool` keeps a few worker processes, each holding the store opened read-only
(``pyoxigraph.Store.read_only``, which several processes may do at once), and hands each query to an idle one.
The worker parses, evaluates and serialises the whole answer, so the time limit covers all the work; when the limit
passes, the worker is killed (``SIGKILL``: the query stops there, whatever it was doing) and a fresh one takes its
place in the background.

Workers are started with ``spawn`` (not ``fork``, which would copy a server's threads and locks) and import only
pyoxigraph and :mod:`kg.serve.negotiation`, so one starts in well under a second. A worker whose server dies sees
its pipe close and exits.
"""
from __future__ import annotations

import multiprocessing
import queue
import threading
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

from kg.serve.negotiation import GRAPH_FORMATS, RESULT_FORMATS, choose_format, describe

READY_TIMEOUT = 60.0
"""Seconds a new worker may take to open the store before the pool gives up on it."""


@dataclass(frozen=True)
class QueryJob:
    """One query as the SPARQL protocol delivers it: the text, the client's ``Accept``, and the protocol's
    ``default-graph-uri`` / ``named-graph-uri`` (empty: the default graph is the union of all graphs)."""

    query: str
    accept: str | None = None
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Answer:
    """What the endpoint sends back: an HTTP status, a ``Content-Type`` and the body."""

    status: int
    content_type: str
    body: bytes

    @classmethod
    def text(cls, status: int, message: str) -> Answer:
        """An error or refusal, as one line of plain text ending in a newline."""
        return cls(status, "text/plain; charset=utf-8", (message.rstrip("\n") + "\n").encode())


# --- Inside a worker -------------------------------------------------------------------------------------------


def execute(store, job: QueryJob, options: dict) -> Answer:
    """Run ``job`` on ``store`` (a ``pyoxigraph.Store``) and serialise the answer in the format the client accepts.

    ``options`` are the keyword arguments of ``Store.query`` for every query of the server (``prefixes``, which a
    query may use without ``PREFIX`` declarations, and ``use_default_graph_as_union``); the job's
    ``default-graph-uri`` and ``named-graph-uri`` come on top. A malformed query is a 400 carrying
    the parser's own message (``error at 1:26: expected OPTIONAL``); an answer in no acceptable format a 406.
    """
    from pyoxigraph import NamedNode, QueryTriples

    try:
        options = dict(options)
        if job.default_graphs:
            options["use_default_graph_as_union"] = False
            options["default_graph"] = [NamedNode(iri) for iri in job.default_graphs]
        if job.named_graphs:
            options["named_graphs"] = [NamedNode(iri) for iri in job.named_graphs]
        result = store.query(job.query, **options)
    except SyntaxError as error:
        return Answer.text(400, f"malformed SPARQL query: {error}")
    except ValueError as error:  # an IRI of default-graph-uri or named-graph-uri that is no IRI
        return Answer.text(400, f"bad graph IRI: {error}")
    formats = GRAPH_FORMATS if isinstance(result, QueryTriples) else RESULT_FORMATS
    fmt = choose_format(job.accept, formats)
    if fmt is None:
        return Answer.text(406, f"cannot answer in any type of Accept: {job.accept}; this answer comes as "
                                f"{describe(formats)}")
    try:
        body = result.serialize(format=fmt.writer)  # evaluation is lazy: it happens here
    except (OSError, ValueError, TypeError) as error:
        return Answer.text(500, f"the query failed: {error}")
    return Answer(200, fmt.content_type, body)


def _worker_main(store_path: str, options: dict, connection: Connection) -> None:
    """A worker's life: open the store, say so, then answer jobs until the server closes the pipe."""
    from pyoxigraph import Store

    try:
        store = Store.read_only(store_path)
    except OSError as error:
        connection.send(("error", str(error)))
        return
    connection.send(("ready", None))
    while True:
        try:
            job = connection.recv()
        except (EOFError, OSError):
            return
        connection.send(execute(store, job, options))


# --- In the server ---------------------------------------------------------------------------------------------


class StoreUnusable(Exception):
    """A worker could not open the store; the message is pyoxigraph's."""


class _Worker:
    """One worker process and the server's end of its pipe."""

    def __init__(self, context, store: Path, options: dict) -> None:
        self.connection, child = context.Pipe()
        self.process = context.Process(
            target=_worker_main, args=(str(store), options, child), name="kg-serve-query", daemon=True
        )
        self.process.start()
        child.close()
        if not self.connection.poll(READY_TIMEOUT):
            self.kill()
            raise StoreUnusable(f"the query worker did not open the store within {READY_TIMEOUT:g} s")
        try:
            status, message = self.connection.recv()
        except EOFError:
            status, message = "error", "the query worker exited while opening the store"
        if status != "ready":
            self.kill()
            raise StoreUnusable(message)

    def kill(self) -> None:
        self.process.kill()
        self.process.join()
        self.connection.close()


class QueryPool:
    """A fixed number of query workers over one store, each query limited to ``timeout`` seconds.

    Use as a context manager, or call :meth:`start` and :meth:`close`. :meth:`run` blocks its caller (the server
    calls it from a thread) until a worker is free and the answer is in. ``union_stored`` says that the store's
    default graph holds the union of its graphs, as newskg writes it; otherwise Oxigraph's union view stands in.
    """

    def __init__(self, store: Path, *, size: int = 2, timeout: float = 30.0, prefixes: dict[str, str] | None = None,
                 union_stored: bool = False):
        if size < 1:
            raise ValueError(f"a query pool needs at least one worker, not {size}")
        if timeout <= 0:
            raise ValueError(f"the query time limit must be positive, not {timeout:g}")
        self.store, self.size, self.timeout = Path(store), size, timeout
        self.options = {"prefixes": dict(prefixes or {}), "use_default_graph_as_union": not union_stored}
        self._context = multiprocessing.get_context("spawn")
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._workers: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False

    def start(self) -> QueryPool:
        """Start the workers; raises :class:`StoreUnusable` when the store cannot be opened read-only."""
        for _ in range(self.size):
            self._add(self._spawn())
        return self

    def __enter__(self) -> QueryPool:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _spawn(self) -> _Worker:
        return _Worker(self._context, self.store, self.options)

    def _add(self, worker: _Worker) -> None:
        with self._lock:
            if self._closed:
                worker.kill()
                return
            self._workers.add(worker)
        self._idle.put(worker)

    def _retire(self, worker: _Worker) -> None:
        """Kill ``worker`` and start its replacement in the background, so the caller need not wait for it."""
        with self._lock:
            self._workers.discard(worker)
        worker.kill()

        def replace() -> None:
            try:
                self._add(self._spawn())
            except StoreUnusable:
                pass  # the store went away under the server; the remaining workers answer with its errors

        threading.Thread(target=replace, name="kg-serve-respawn", daemon=True).start()

    @property
    def pids(self) -> list[int]:
        """The process IDs of the live workers (for tests and diagnostics)."""
        with self._lock:
            return sorted(worker.process.pid for worker in self._workers if worker.process.pid is not None)

    def run(self, job: QueryJob) -> Answer:
        """The answer to ``job``: from a worker within the time limit, or a 503 once the limit has passed and the
        worker running the query has been killed (or when no worker became free within the limit)."""
        try:
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            return Answer.text(503, f"all {self.size} query workers stayed busy for {self.timeout:g} s; try again later")
        try:
            worker.connection.send(job)
            if worker.connection.poll(self.timeout):
                answer = worker.connection.recv()
                self._idle.put(worker)
                return answer
        except (EOFError, OSError, BrokenPipeError):
            self._retire(worker)
            return Answer.text(500, "the query worker died while answering (out of memory?); try a smaller query")
        self._retire(worker)
        return Answer.text(
            503, f"the query ran longer than the time limit of {self.timeout:g} s and was stopped; narrow it down "
                 "(more specific patterns, a LIMIT) or ask the server's operator for a longer --timeout"
        )

    def close(self) -> None:
        """Kill every worker; queries still waiting get no worker."""
        with self._lock:
            self._closed = True
            workers, self._workers = list(self._workers), set()
        for worker in workers:
            worker.kill()
