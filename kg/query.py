"""Running SPARQL over newskg graphs safely, and the library of named queries in ``queries/``.

Queries are read-only and local by construction: updates, ``SERVICE`` and ``FROM``/``FROM NAMED`` of a graph
that is not already loaded are refused before evaluation, because rdflib would otherwise fetch those IRIs over
the network (or from the file system). The checks inspect the parsed algebra, not the query text, so comments
and string literals that merely contain the word ``SERVICE`` are harmless.

Parameters are bound with rdflib's ``initBindings``, never by editing the query text, so a value can never
change what the query means. Each ``.rq`` file documents itself in leading comment lines::

    # description: One line saying what the query answers.
    # param: name — what the parameter means
    # param: from (optional) — what it means

and ``run_query`` checks bindings against those declarations.

A query runs on graph files parsed into an rdflib Dataset, or on a store folder, which pyoxigraph answers from
disk (no parsing: a store is queried in the time of the query, not of reading the graph). Either way the same
checks run first (rdflib parses the query, so errors read the same), and with a time limit the evaluation runs in
a child process that is killed when the limit passes: neither rdflib (a ``REGEX`` backtracking inside Python's
``re`` holds the interpreter) nor pyoxigraph (inside Rust) can be interrupted from a thread.
"""
from __future__ import annotations

import csv
import difflib
import io
import json
import multiprocessing
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from enum import Enum
from pathlib import Path
from typing import Any, TypeVar

from pyparsing import ParseException
from rdflib import BNode, Dataset, Graph, Literal, URIRef, Variable
from rdflib.namespace import OWL, RDF, RDFS, XSD
from rdflib.plugins.sparql.algebra import traverse
from rdflib.plugins.sparql.parser import parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.plugins.sparql.processor import prepareQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.term import Identifier
from rich.console import Console
from rich.table import Table
from rich.text import Text

from kg.errors import QueryError, QuerySyntaxError, QueryTimeout, UnsafeQuery
from kg.rdf.namespace import DEFAULT_BASE, PREFIXES, bind_prefixes
from kg.resources import resource_path
from kg.store.layout import StoreFolder

#: The query library: the top-level ``queries/`` folder, shipped as package data (see ``kg.resources``).
QUERIES_DIR = resource_path("queries")
QUERY_SUFFIX = ".rq"
DEFAULT_TIMEOUT = 30.0
UNWRAPPED_WIDTH = 10_000
"""Console width for measuring a table that is printed unwrapped (into a file or pipe)."""
#: Prefixes every query may use without declaring them, besides those bound in the dataset.
STANDARD_PREFIXES: dict[str, str] = {"rdf": str(RDF), "rdfs": str(RDFS), "owl": str(OWL), "xsd": str(XSD)}

_HEADER_LINE = re.compile(r"^\s*#\s*(description|param)\s*:\s*(.*?)\s*$")
_PARAM = re.compile(r"^[?$]?(?P<name>\w+)\s*(?P<optional>\(optional\))?\s*(?:—|–|-|:)\s*(?P<meaning>.*)$")
_VARIABLE_NAME = re.compile(r"^[A-Za-z_]\w*$")
_INTEGER = re.compile(r"^[+-]?\d+$")
_DECIMAL = re.compile(r"^[+-]?(\d+\.\d*|\.\d+)$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_YEAR_MONTH = re.compile(r"^\d{4}-\d{2}$")


class ResultFormat(str, Enum):
    """How ``format_result`` writes a result. Graph results (CONSTRUCT, DESCRIBE) are Turtle as a table, JSON-LD
    as JSON, and have no CSV or TSV form."""

    TABLE = "table"
    CSV = "csv"
    TSV = "tsv"
    JSON = "json"


# --- The query library ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Parameter:
    """A variable a query expects to be bound from outside (``--param name=value``)."""

    name: str
    meaning: str
    optional: bool = False


@dataclass(frozen=True)
class NamedQuery:
    """A documented query of the library: ``queries/NAME.rq``."""

    name: str
    description: str
    path: Path
    parameters: tuple[Parameter, ...] = ()

    @property
    def text(self) -> str:
        return self.path.read_text(encoding="utf-8")


def parse_header(text: str) -> tuple[str, tuple[Parameter, ...]]:
    """The description and parameters declared in the leading comment lines of a query."""
    description, parameters = "", []
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            break
        match = _HEADER_LINE.match(line)
        if not match:
            continue
        key, value = match.groups()
        if key == "description":
            description = value
        elif param := _PARAM.match(value):
            parameters.append(Parameter(param["name"], param["meaning"], optional=bool(param["optional"])))
        else:
            raise QueryError(f"cannot read {line.strip()!r}: declare a parameter as '# param: name — meaning'")
    return description, tuple(parameters)


def list_queries(directory: Path = QUERIES_DIR) -> list[NamedQuery]:
    """Every ``.rq`` file of the library, by name."""
    queries = []
    for path in sorted(directory.glob(f"*{QUERY_SUFFIX}")):
        description, parameters = parse_header(path.read_text(encoding="utf-8"))
        queries.append(NamedQuery(path.stem, description, path, parameters))
    return queries


def get_query(name: str, directory: Path = QUERIES_DIR) -> NamedQuery:
    """The library query called ``name``; an unknown name is an error that suggests close ones."""
    queries = {query.name: query for query in list_queries(directory)}
    if name in queries:
        return queries[name]
    close = difflib.get_close_matches(name, list(queries), n=3, cutoff=0.5)
    hint = f"did you mean {', '.join(close)}? " if close else ""
    raise QueryError(f"no query called {name!r} in {directory}; {hint}`kg query --list` shows them all")


# --- Parameters -----------------------------------------------------------------------------------------------


def param_term(value: str) -> Identifier:
    """The RDF term a ``--param`` value stands for.

    ``<...>`` and ``http(s)://...`` are IRIs; integers, decimals, ``YYYY-MM-DD`` and ``YYYY-MM`` are typed
    literals (so a bare year is an integer); anything else is a plain literal, compared as text.
    """
    if value.startswith("<") and value.endswith(">"):
        return URIRef(value[1:-1])
    if value.startswith(("http://", "https://")):
        return URIRef(value)
    if _INTEGER.match(value):
        return Literal(int(value))
    if _DECIMAL.match(value):
        try:
            return Literal(Decimal(value))
        except InvalidOperation:
            pass
    if _DATE.match(value):
        return Literal(value, datatype=XSD.date)
    if _YEAR_MONTH.match(value):
        return Literal(value, datatype=XSD.gYearMonth)
    return Literal(value)


def parse_param(text: str) -> tuple[str, Identifier]:
    """``name=value`` (as given to ``--param``) as a variable name and an RDF term."""
    name, sep, value = text.partition("=")
    name = name.strip().lstrip("?$")
    if not sep or not _VARIABLE_NAME.match(name):
        raise QueryError(f"--param {text!r}: write name=value, where name is a query variable without '?'")
    return name, param_term(value)


def _as_term(value: Any) -> Identifier:
    if isinstance(value, Identifier):
        return value
    if isinstance(value, str):
        return param_term(value)
    return Literal(value)


# --- Preparing and running ------------------------------------------------------------------------------------


def _parse(query: str, namespaces: Mapping[str, str]) -> Query:
    try:
        return prepareQuery(query, initNs=dict(namespaces))
    except ParseException as error:
        if _is_update(query):
            raise UnsafeQuery(
                "SPARQL Update (INSERT, DELETE, LOAD, CLEAR, DROP, ...) is refused: kg query only reads graphs"
            ) from None
        raise QuerySyntaxError(error) from None
    except Exception as error:  # rdflib's algebra translation raises bare Exception, e.g. for an unknown prefix
        raise QueryError(f"invalid SPARQL: {error}") from None


def _is_update(text: str) -> bool:
    try:
        return bool(parseUpdate(text).request)
    except ParseException:
        return False


def _check_safe(prepared: Query, loaded_graphs: set[Identifier] | None) -> None:
    """Refuse everything that would make the engine leave the loaded dataset: ``SERVICE`` (both rdflib and
    pyoxigraph send it over HTTP) and, for files (``loaded_graphs`` given), a ``FROM`` graph that is not loaded,
    which rdflib would fetch. A store reads a ``FROM`` graph from itself only (``loaded_graphs`` None)."""

    def visit(node: Any) -> None:
        if isinstance(node, CompValue) and node.name == "ServiceGraphPattern":
            raise UnsafeQuery(f"SERVICE <{node.term}> is refused: kg query only reads the loaded files")

    traverse(prepared.algebra, visitPre=visit)
    if loaded_graphs is None:
        return
    for clause in prepared.algebra.get("datasetClause") or ():
        iri = clause.default if clause.default is not None else clause.named
        keyword = "FROM" if clause.default is not None else "FROM NAMED"
        if iri not in loaded_graphs:
            raise UnsafeQuery(
                f"{keyword} <{iri}> is refused: it is not a graph of the loaded files, and kg query does not "
                "fetch graphs from elsewhere"
            )


def _variables(prepared: Query) -> set[str]:
    found: set[str] = set()

    def visit(node: Any) -> None:
        if isinstance(node, Variable):
            found.add(str(node))

    traverse(prepared.algebra, visitPre=visit)
    return found


def _check_bindings(query: str, prepared: Query, bindings: Mapping[str, Identifier]) -> None:
    _, declared = parse_header(query)
    if declared:
        names = {param.name for param in declared}
        unknown = sorted(set(bindings) - names)
        if unknown:
            raise QueryError(f"unknown parameter {', '.join(unknown)}: the query takes {', '.join(sorted(names))}")
        missing = [param for param in declared if not param.optional and param.name not in bindings]
        if missing:
            needed = ", ".join(f"--param {param.name}=... ({param.meaning})" for param in missing)
            raise QueryError(f"the query needs {needed}")
    else:
        unknown = sorted(set(bindings) - _variables(prepared))
        if unknown:
            raise QueryError(f"the query has no variable {', '.join('?' + name for name in unknown)} to bind")


@dataclass
class QueryResult:
    """The outcome of a query, materialised: rows for SELECT, a boolean for ASK, a graph for CONSTRUCT/DESCRIBE."""

    type: str
    """``SELECT``, ``ASK``, ``CONSTRUCT`` or ``DESCRIBE``."""
    variables: list[str] = field(default_factory=list)
    bindings: list[dict[str, Identifier]] = field(default_factory=list)
    """The SELECT solutions as RDF terms (unbound variables absent): what the CSV, TSV and JSON writers use."""
    boolean: bool | None = None
    graph: Graph | None = None
    prefixes: dict[str, str] = field(default_factory=dict)
    """Prefixes for display: the contract's, the standard ones, and ``data`` as bound in the dataset."""

    @property
    def rows(self) -> list[dict[str, Any]]:
        """SELECT solutions as plain Python values: every variable present, ``None`` when unbound; IRIs as ``str``;
        numbers, booleans and ``xsd:date`` as Python values; every other literal as its lexical ``str``."""
        return [{name: _python(row.get(name)) for name in self.variables} for row in self.bindings]


def _python(term: Identifier | None) -> Any:
    if term is None:
        return None
    if isinstance(term, BNode):
        return f"_:{term}"
    if isinstance(term, Literal):
        value = term.toPython()
        return str(term) if isinstance(value, Identifier) else value
    return str(term)


def _prefixes(source: Graph | StoreFolder) -> dict[str, str]:
    if isinstance(source, StoreFolder):
        data = source.manifest().base_iri
    else:
        data = next((str(ns) for prefix, ns in source.namespaces() if prefix == "data"), DEFAULT_BASE)
    return {**STANDARD_PREFIXES, **PREFIXES, "data": data}


def run_query(
    source: Graph | StoreFolder,
    query: str,
    *,
    bindings: Mapping[str, Any] | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
) -> QueryResult:
    """Run a read-only SPARQL query over ``source``: a Dataset (usually from ``kg.rdf.load.load_dataset``) or a
    store folder (``kg.rdf.load.load_source`` gives one or the other).

    ``bindings`` maps variable names (without ``?``) to RDF terms, or to strings read as ``param_term`` does,
    or to other Python values made literals. With a ``timeout`` (seconds; ``None``: no limit, in this process),
    the query is evaluated in a child process, killed when the limit passes, and ``QueryTimeout`` is raised.
    ``SELECT *`` gives its columns in the order the variables first appear in the query.

    The contract's prefixes (``nkg:``, ``schema:``, ``prov:``, ...) and ``rdf:``, ``rdfs:``, ``owl:``, ``xsd:``
    may be used without ``PREFIX`` declarations.
    """
    if timeout is not None and timeout <= 0:
        raise QueryError(f"the timeout must be positive, not {timeout:g}")
    store = source if isinstance(source, StoreFolder) else None
    prefixes = _prefixes(source)
    prepared = _parse(query, prefixes if store else {**dict(source.namespaces()), **prefixes})
    _check_safe(prepared, None if store else _loaded_graphs(source))
    terms = {name: _as_term(value) for name, value in (bindings or {}).items()}
    _check_bindings(query, prepared, terms)
    if store is not None:
        result = _call_with_timeout(lambda: _evaluate_on_store(store.path, query, terms, prefixes), timeout)
    else:
        result = _call_with_timeout(lambda: _evaluate(source, prepared, terms, prefixes), timeout)
    if result.type == "SELECT" and _is_select_star(query):
        result.variables = _in_order_of_appearance(query, result.variables)
    return result


def _evaluate(dataset: Graph, prepared: Query, terms: dict[str, Identifier], prefixes: dict[str, str]) -> QueryResult:
    """rdflib's answer, materialised."""
    try:
        result = dataset.query(prepared, initBindings=terms)
        if result.type == "SELECT":
            variables = [str(var) for var in result.vars or ()]
            rows = [{str(var): term for var, term in row.asdict().items()} for row in result]
            return QueryResult("SELECT", variables=variables, bindings=rows, prefixes=prefixes)
        if result.type == "ASK":
            return QueryResult("ASK", boolean=bool(result.askAnswer), prefixes=prefixes)
        graph = bind_prefixes(Graph(), prefixes["data"])
        graph += result.graph
        return QueryResult(result.type, graph=graph, prefixes=prefixes)
    except Exception as error:  # evaluation errors of rdflib have no common base class
        raise QueryError(f"the query failed: {type(error).__name__}: {error}") from None


def _evaluate_on_store(
    path: Path, query: str, terms: dict[str, Identifier], prefixes: dict[str, str]
) -> QueryResult:
    """pyoxigraph's answer from the store at ``path`` (opened read-only), materialised as rdflib terms. The default
    graph is the union of the named graphs as a set, as in a Dataset read from files: a newskg store holds it (see
    :mod:`kg.store.write`); for another Oxigraph store, Oxigraph's union view stands in (it repeats a triple once
    per graph that holds it). Bindings are given by :func:`_prebound` (pyoxigraph's own ``substitutions`` only bind
    projected variables)."""
    import pyoxigraph as ox

    from kg.rdf.load import rdflib_term

    folder = StoreFolder(path)
    union_stored = folder.manifest_path.is_file()  # newskg writes the union as the default graph (kg.store.write)
    store = folder.open()
    try:
        result = store.query(_prebound(query, terms), prefixes=prefixes, use_default_graph_as_union=not union_stored)
        if isinstance(result, ox.QuerySolutions):
            variables = [variable.value for variable in result.variables]
            rows = [
                {name: rdflib_term(term) for name in variables if (term := solution[name]) is not None}
                for solution in result
            ]
            return QueryResult("SELECT", variables=variables, bindings=rows, prefixes=prefixes)
        if isinstance(result, ox.QueryBoolean):
            return QueryResult("ASK", boolean=bool(result), prefixes=prefixes)
        graph = bind_prefixes(Graph(), prefixes["data"])
        for triple in result:
            graph.add((rdflib_term(triple.subject), rdflib_term(triple.predicate), rdflib_term(triple.object)))
        kind = "DESCRIBE" if re.search(r"\bDESCRIBE\b", _without_comments(query), re.IGNORECASE) else "CONSTRUCT"
        return QueryResult(kind, graph=graph, prefixes=prefixes)
    except (OSError, SyntaxError, ValueError, TypeError) as error:
        raise QueryError(f"the query failed: {error}") from None


_OPAQUE = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""' r"|'''(?:[^'\\]|\\.|'(?!''))*'''" r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'" r'|<[^<>"{}|^`\\\x00-\x20]*>' r"|#[^\n]*",
)
"""Strings, IRIs and comments: text in which a brace or a keyword is no syntax."""


def _prebound(query: str, terms: Mapping[str, Identifier]) -> str:
    """``query`` with ``terms`` bound before evaluation, as rdflib's ``initBindings`` bind them: every use of a
    variable in the ``WHERE`` clause (nested groups and filters included) replaced by its term (``BOUND(?v)`` by
    ``true``), and a ``VALUES``
    row opening the clause, so that a projected variable still has its value. pyoxigraph's own ``substitutions``
    only bind projected variables. The terms are written by pyoxigraph in N-Triples form (escaped), so a value can
    never change what the query means."""
    if not terms:
        return query
    from kg.rdf.export import oxigraph_term

    written = {name: str(oxigraph_term(term)) for name, term in terms.items()}
    masked = _OPAQUE.sub(lambda match: " " * len(match.group()), query)
    where = re.search(r"\bWHERE\b", masked, re.IGNORECASE)
    brace = masked.find("{", where.end() if where else 0)
    names = "|".join(map(re.escape, written))
    uses = re.compile(rf"(?i:BOUND)\s*\(\s*[?$](?P<bound>{names})\s*\)|[?$](?P<use>{names})(?!\w)")
    body = query[brace + 1:]
    for match in reversed(list(uses.finditer(masked, brace + 1))):
        start, stop = match.start() - brace - 1, match.end() - brace - 1
        body = body[:start] + ("true" if match["bound"] else written[match["use"]]) + body[stop:]
    row = f"VALUES ({' '.join(f'?{name}' for name in written)}) {{ ({' '.join(written.values())}) }}"
    return f"{query[:brace + 1]} {row} {body}"


_SELECT = re.compile(r"\bSELECT\s+(?:(?:DISTINCT|REDUCED)\s+)?(\*)?", re.IGNORECASE)


def _is_select_star(query: str) -> bool:
    """Whether the query's (first, outer) projection is ``SELECT *``."""
    match = _SELECT.search(_without_comments(query))
    return match is not None and match.group(1) is not None


def _without_comments(query: str) -> str:
    """``query`` without its comment lines (the library's headers); a ``#`` inside an IRI cuts nothing that
    matters to the checks that use this, which only look for keywords."""
    return "\n".join(line for line in query.splitlines() if not line.lstrip().startswith("#"))


def _in_order_of_appearance(query: str, variables: list[str]) -> list[str]:
    """The columns of ``SELECT *`` in the order their variables first appear in the query text. Engines give them
    in an order of their own (rdflib's follows a set, so it changed from run to run)."""
    first: dict[str, int] = {}
    for match in re.finditer(r"[?$]([A-Za-z_]\w*)", _without_comments(query)):
        first.setdefault(match.group(1), match.start())
    return sorted(variables, key=lambda name: (first.get(name, len(query)), name))


def _loaded_graphs(dataset: Graph) -> set[Identifier]:
    """Names of the non-empty graphs of ``dataset``: rdflib fetches a FROM graph that is missing or empty."""
    if not isinstance(dataset, Dataset):
        return set()
    return {graph.identifier for graph in dataset.graphs() if len(graph)}


T = TypeVar("T")


def _call_with_timeout(function: Callable[[], T], timeout: float | None) -> T:
    """``function()``: in this process without a ``timeout``, else in a forked child that is killed (``SIGKILL``)
    once ``timeout`` seconds have passed, raising ``QueryTimeout``.

    A child, because a query cannot be stopped from a thread: rdflib evaluates ``REGEX`` with Python's ``re``,
    which holds the interpreter while it backtracks, and pyoxigraph evaluates inside Rust; a killed process stops
    whatever it was doing. Forked rather than spawned, so the child has the dataset already in memory (a query
    of files must not parse them again). ``kg serve`` keeps a pool of spawned workers over a store instead
    (:mod:`kg.serve.workers`): the same principle for a long-lived server. ``function`` may raise ``QueryError``;
    its message comes back to this process.
    """
    if timeout is None:
        return function()
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)

    def child() -> None:
        try:
            sender.send(("value", function()))
        except QueryError as error:
            sender.send(("error", str(error)))
        except BaseException as error:  # any other failure of the evaluation, told as one sentence
            sender.send(("error", f"the query failed: {type(error).__name__}: {error}"))

    process = context.Process(target=child, name="kg-query", daemon=True)
    process.start()
    sender.close()
    try:
        if not receiver.poll(timeout):
            raise QueryTimeout(timeout)
        kind, value = receiver.recv()
    except EOFError:
        raise QueryError("the query process died while answering (out of memory?); narrow the query down") from None
    finally:
        process.kill()
        process.join()
        receiver.close()
    if kind == "error":
        raise QueryError(value)
    return value


# --- Formatting -----------------------------------------------------------------------------------------------


def result_format(name: ResultFormat | str) -> ResultFormat:
    """The format called ``name``; an unknown one is a ``QueryError`` naming the known ones."""
    try:
        return ResultFormat(name)
    except ValueError:
        known = ", ".join(fmt.value for fmt in ResultFormat)
        raise QueryError(f"unknown result format {name!r}: use one of {known}") from None


def format_result(
    result: QueryResult, fmt: ResultFormat | str = ResultFormat.TABLE, *, width: int | None = None
) -> str:
    """``result`` as text: a table (wrapped to ``width`` columns, or as wide as it needs), SPARQL 1.1 CSV, TSV or
    Results JSON.

    ASK results are ``true``/``false`` (a SPARQL JSON boolean in JSON); CONSTRUCT and DESCRIBE results are
    Turtle, or JSON-LD with ``json``.
    """
    fmt = result_format(fmt)
    if result.graph is not None:
        if fmt is ResultFormat.TABLE:
            return result.graph.serialize(format="turtle")
        if fmt is ResultFormat.JSON:
            return result.graph.serialize(format="json-ld", indent=2)
        raise QueryError(f"a {result.type} result is a graph: use --format table (Turtle) or json (JSON-LD)")
    if result.boolean is not None:
        if fmt is ResultFormat.JSON:
            return json.dumps({"head": {}, "boolean": result.boolean}) + "\n"
        return f"{str(result.boolean).lower()}\n"
    return _SELECT_WRITERS[fmt](result, width)


def _table(result: QueryResult, width: int | None) -> str:
    count = len(result.bindings)
    table = Table(*result.variables, caption=f"{count} row{'' if count == 1 else 's'}", caption_justify="left")
    prefixes = sorted(result.prefixes.items(), key=lambda item: -len(item[1]))
    for row in result.bindings:
        table.add_row(*(Text(_display(row.get(name), prefixes)) for name in result.variables))
    buffer = io.StringIO()
    if width is None:
        width = Console(file=io.StringIO(), width=UNWRAPPED_WIDTH).measure(table).maximum
    Console(file=buffer, width=width, color_system=None, highlight=False).print(table)
    return buffer.getvalue()


def _display(term: Identifier | None, prefixes: list[tuple[str, str]]) -> str:
    """A term as a reader wants it in a table: IRIs shortened with a prefix, literals as their text."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        for prefix, namespace in prefixes:
            if term.startswith(namespace) and len(term) > len(namespace):
                return f"{prefix}:{term[len(namespace):]}"
        return f"<{term}>"
    return _plain(term)


def _csv(result: QueryResult, width: int | None) -> str:
    """SPARQL 1.1 CSV: a header of variable names, then each term's plain text (IRIs bare, literals lexical)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(result.variables)
    for row in result.bindings:
        writer.writerow([_plain(row.get(name)) for name in result.variables])
    return buffer.getvalue()


def _plain(term: Identifier | None) -> str:
    if term is None:
        return ""
    return f"_:{term}" if isinstance(term, BNode) else str(term)


def _tsv(result: QueryResult, width: int | None) -> str:
    """SPARQL 1.1 TSV: a header of ``?variables``, then terms in their N-Triples form."""
    lines = ["\t".join(f"?{name}" for name in result.variables)]
    for row in result.bindings:
        lines.append("\t".join(_ntriples(row.get(name)) for name in result.variables))
    return "\n".join(lines) + "\n"


_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"})


def _ntriples(term: Identifier | None) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    text = f'"{str(term).translate(_ESCAPES)}"'
    if term.language:
        return f"{text}@{term.language}"
    return f"{text}^^<{term.datatype}>" if term.datatype else text


def _json(result: QueryResult, width: int | None) -> str:
    """SPARQL 1.1 Query Results JSON."""
    bindings = [{name: _json_term(term) for name, term in row.items()} for row in result.bindings]
    document = {"head": {"vars": result.variables}, "results": {"bindings": bindings}}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _json_term(term: Identifier) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    encoded = {"type": "literal", "value": str(term)}
    if term.language:
        encoded["xml:lang"] = term.language
    elif term.datatype:
        encoded["datatype"] = str(term.datatype)
    return encoded


_SELECT_WRITERS: dict[ResultFormat, Callable[[QueryResult, int | None], str]] = {
    ResultFormat.TABLE: _table,
    ResultFormat.CSV: _csv,
    ResultFormat.TSV: _tsv,
    ResultFormat.JSON: _json,
}
