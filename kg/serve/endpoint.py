"""The SPARQL 1.1 Protocol (https://www.w3.org/TR/sparql11-protocol/), read-only: ``/sparql`` and ``/update``.

A query arrives in one of the protocol's three ways: ``GET /sparql?query=...``, ``POST`` of an
``application/x-www-form-urlencoded`` form with ``query=...``, or ``POST`` of the bare query as
``application/sparql-query``. ``default-graph-uri`` and ``named-graph-uri`` choose the dataset; without them the
default graph is the union of every article's graph and the corpus graph, so queries need no ``GRAPH``.

Refused with 403 and a sentence saying why: any update (an ``update=`` parameter, an
``application/sparql-update`` body, an update sent as a query, anything at ``/update``) and federated queries
(``SERVICE``, see :mod:`kg.serve.guard`). Everything else goes to the :class:`~kg.serve.workers.QueryPool`, whose
answer (results, a 400 with the parser's message, a 406, a 503 after the time limit) is sent as it is.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from urllib.parse import parse_qs

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from kg.serve.guard import looks_like_update, uses_service
from kg.serve.workers import Answer, QueryJob, QueryPool

MAX_REQUEST_BYTES = 1 << 20
"""The largest request body read (1 MiB): a query longer than that is no query a person wrote."""

FORM = "application/x-www-form-urlencoded"
SPARQL_QUERY = "application/sparql-query"
SPARQL_UPDATE = "application/sparql-update"

READ_ONLY = ("this endpoint is read-only: SPARQL Update is refused (the store is opened with "
             "pyoxigraph's Store.read_only); change the store with kg build or kg ingest instead")
NO_SERVICE = ("SERVICE is refused: this endpoint answers from its own store and never sends queries to other "
              "endpoints; run the federated query from a client that queries both")


class _Refusal(Exception):
    """A request answered without running anything: carries the answer."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.answer = Answer.text(status, message)


def _send(answer: Answer) -> Response:
    return Response(answer.body, status_code=answer.status, headers={"Content-Type": answer.content_type,
                                                                      "Vary": "Accept"})


async def _body(request: Request) -> bytes:
    """The request body, refused with 413 past :data:`MAX_REQUEST_BYTES`."""
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_REQUEST_BYTES:
            raise _Refusal(413, f"the request body is over {MAX_REQUEST_BYTES} bytes; send a shorter query")
        chunks.append(chunk)
    return b"".join(chunks)


def _text(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise _Refusal(400, f"the request body is not UTF-8 ({error}); send the query as UTF-8") from None


def _job(params: Mapping[str, Sequence[str]], query: str | None, accept: str | None) -> QueryJob:
    """The job of a request whose parameters are ``params`` (and whose query, for a bare query body, is
    ``query``), after the protocol's checks."""
    if "update" in params:
        raise _Refusal(403, READ_ONLY)
    if query is None:
        queries = params.get("query", [])
        if len(queries) != 1:
            raise _Refusal(400, "give exactly one query, as query=... (GET or a form POST) or as an "
                                f"{SPARQL_QUERY} body; the explorer's editor is at /sparql.html")
        query = queries[0]
    if looks_like_update(query):
        raise _Refusal(403, READ_ONLY)
    if uses_service(query):
        raise _Refusal(403, NO_SERVICE)
    return QueryJob(query, accept, tuple(params.get("default-graph-uri", ())), tuple(params.get("named-graph-uri", ())))


def _params(request: Request) -> dict[str, list[str]]:
    """The URL's query parameters, each name with all its values."""
    params: dict[str, list[str]] = {}
    for name, value in request.query_params.multi_items():
        params.setdefault(name, []).append(value)
    return params


async def _request_job(request: Request) -> QueryJob:
    accept = request.headers.get("accept")
    if request.method == "GET":
        return _job(_params(request), None, accept)
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type == SPARQL_UPDATE:
        raise _Refusal(403, READ_ONLY)
    if content_type == FORM:
        form = parse_qs(_text(await _body(request)), keep_blank_values=True)
        return _job(form, None, accept)
    if content_type == SPARQL_QUERY:
        return _job(_params(request), _text(await _body(request)), accept)
    raise _Refusal(415, f"cannot read a POST body of type {content_type or '(none)'}: send {FORM} with "
                        f"query=... or the query itself as {SPARQL_QUERY}")


def sparql_routes(pool: QueryPool) -> list[Route]:
    """``/sparql`` (queries, answered by ``pool``) and ``/update`` (refused)."""

    async def sparql(request: Request) -> Response:
        try:
            job = await _request_job(request)
        except _Refusal as refusal:
            return _send(refusal.answer)
        return _send(await run_in_threadpool(pool.run, job))

    async def update(request: Request) -> Response:
        return _send(Answer.text(403, READ_ONLY))

    return [
        Route("/sparql", sparql, methods=["GET", "POST"]),
        Route("/update", update, methods=["GET", "POST"]),
    ]
