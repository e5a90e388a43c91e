"""Reading graphs back: files by extension, or a store folder; errors name the file.

Loading never touches the network, nor any file but the one named. rdflib would otherwise follow a JSON-LD
``@context`` given as an address (``http:``, ``https:``, and ``file:`` too, which reads any file on the machine), and
its RDF/XML parser expands the entities a document declares (a 964-byte "billion laughs" file expands to gigabytes).
So before rdflib sees a file:

- a JSON-LD document whose ``@context`` (anywhere in it) is an address rather than an object, or that ``@import``\\ s
  one, is refused: newskg's own ``graph.jsonld`` needs no context at all;
- an RDF/XML document that declares entities is refused; expat reports a declaration before any is expanded, so
  the refusal comes at once;
- a file over :data:`MAX_GRAPH_BYTES` is refused, naming the limit: rdflib holds a graph in memory, about a
  kilobyte a triple, and a graph that large belongs in a store (``kg build`` writes one, ``OUT/store``).

A store is read by pyoxigraph from its own folder, with no limit: it is not parsed into memory to be queried
(see :func:`load_source`). Read into a Dataset (to be validated, say), its integers get back the datatypes the
shapes declare, which Oxigraph does not keep (see :func:`_declared_integer_types`).
"""
from __future__ import annotations

import json
import os
import xml.parsers.expat
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, SH, XSD
from rdflib.term import Node

from kg.errors import InputError
from kg.rdf.namespace import bind_prefixes
from kg.store.layout import StoreFolder, find_store

#: rdflib parser name by file extension.
FORMATS: dict[str, str] = {
    ".ttl": "turtle",
    ".turtle": "turtle",
    ".trig": "trig",
    ".nq": "nquads",
    ".nquads": "nquads",
    ".nt": "nt",
    ".jsonld": "json-ld",
    ".rdf": "xml",
    ".owl": "xml",
}
#: Formats that carry named graphs: their graphs are kept, not merged into one graph named by the file.
DATASET_FORMATS = frozenset({"trig", "nquads", "json-ld"})

MAX_GRAPH_BYTES = int(os.environ.get("NEWSKG_MAX_GRAPH_BYTES", 256 * 2**20))
"""Largest graph file read into memory (256 MiB; ``$NEWSKG_MAX_GRAPH_BYTES`` changes it)."""


def format_of(path: Path) -> str:
    try:
        return FORMATS[path.suffix.lower()]
    except KeyError:
        known = ", ".join(sorted(FORMATS))
        raise InputError(path, f"unknown graph file extension {path.suffix!r} (known: {known})") from None


def load_source(paths: Sequence[Path | str]) -> Dataset | StoreFolder:
    """What a query runs on: one store folder as itself (pyoxigraph answers from disk), anything else parsed
    into a Dataset by :func:`load_dataset`."""
    if len(paths) == 1 and (store := find_store(paths[0])) is not None:
        return store
    return load_dataset(paths)


def load_dataset(paths: Iterable[Path | str], *, max_bytes: int = MAX_GRAPH_BYTES) -> Dataset:
    """Parse graph files and stores into one Dataset whose default graph is the union of all named graphs.

    A folder is read as a store (the store folder, or an output folder holding ``store/``). Raises
    :class:`~kg.errors.InputError`, naming the file, for anything that cannot or must not be read (see above).
    """
    dataset = Dataset(default_union=True)
    bind_prefixes(dataset)
    for path in map(Path, paths):
        if path.is_dir():
            _add_store(dataset, path)
            continue
        fmt = format_of(path)
        if not path.is_file():
            raise InputError(path, "no such file")
        _check_safe(path, fmt, max_bytes)
        try:
            if fmt in DATASET_FORMATS:
                dataset.parse(path, format=fmt)
            else:
                dataset.graph(path.resolve().as_uri()).parse(path, format=fmt)
        except Exception as error:  # rdflib raises many parser-specific types
            raise InputError(path, f"cannot parse as {fmt}: {error}") from None
    return dataset


def load_graph(paths: Iterable[Path | str]) -> Graph:
    """Parse graph files and stores into one plain graph (the union of everything in them)."""
    union = Graph()
    bind_prefixes(union)
    for graph in load_dataset(paths).graphs():
        union += graph
    return union


# --- Stores -------------------------------------------------------------------------------------------------------


def _add_store(dataset: Dataset, path: Path) -> None:
    store = find_store(path)
    if store is None:
        raise InputError(path, "is a folder but no store (no Oxigraph database in it or in its store/ folder); give "
                               "graph files, or the store folder kg build or kg ingest wrote")
    graphs: dict[ox.NamedNode | ox.BlankNode | ox.DefaultGraph, Graph] = {}
    declared = _declared_integer_types()
    derived_default = store.manifest_path.is_file()
    for quad in store.open():
        if derived_default and isinstance(quad.graph_name, ox.DefaultGraph):
            continue  # newskg's default graph is the union of the named graphs (kg.store.write): the Dataset makes it
        if (graph := graphs.get(quad.graph_name)) is None:
            name = None if isinstance(quad.graph_name, ox.DefaultGraph) else rdflib_term(quad.graph_name)
            graph = graphs[quad.graph_name] = dataset.default_context if name is None else dataset.graph(name)
        predicate, value = rdflib_term(quad.predicate), rdflib_term(quad.object)
        if predicate in declared and isinstance(value, Literal) and value.datatype == XSD.integer:
            value = Literal(value, datatype=declared[predicate])
        graph.add((rdflib_term(quad.subject), predicate, value))


#: The datatypes derived from ``xsd:integer`` that Oxigraph stores as ``xsd:integer``.
_INTEGER_TYPES = frozenset({
    XSD.nonNegativeInteger, XSD.positiveInteger, XSD.nonPositiveInteger, XSD.negativeInteger, XSD.long, XSD.int,
    XSD.short, XSD.byte, XSD.unsignedLong, XSD.unsignedInt, XSD.unsignedShort, XSD.unsignedByte,
})


@lru_cache(maxsize=1)
def _declared_integer_types() -> dict[Node, URIRef]:
    """Property → the integer type the shapes require of its values (``nif:beginIndex`` → ``xsd:nonNegativeInteger``).

    Oxigraph normalises literals as it stores them, and gives ``"5"^^xsd:nonNegativeInteger`` back as
    ``"5"^^xsd:integer`` (oxigraph/oxigraph#526): the same value, but a graph read back from a store would then
    violate the shapes it was validated against. So a store's integers get back the type the contract declares for
    their property. (Decimals keep their type; only their lexical form is normalised, ``"57.0"`` to ``"57"``.)
    """
    from kg.rdf.validation import shapes_graph

    shapes = shapes_graph()
    declared = {}
    for shape, datatype in shapes.subject_objects(SH.datatype):
        path = shapes.value(shape, SH.path)
        if isinstance(path, URIRef) and datatype in _INTEGER_TYPES:
            declared[path] = datatype
    return declared


def rdflib_term(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> Node:
    """The rdflib term for a pyoxigraph term (:func:`kg.rdf.export.oxigraph_term` goes the other way). A plain
    literal is one without datatype, as rdflib reads it from a file, not an ``xsd:string``."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    datatype = term.datatype.value
    return Literal(term.value, datatype=None if datatype in _PLAIN else URIRef(datatype))


_PLAIN = frozenset({str(XSD.string), str(RDF.langString)})


# --- Safety -------------------------------------------------------------------------------------------------------


def _check_safe(path: Path, fmt: str, max_bytes: int) -> None:
    """Refuse a file that is too large, or whose parsing would reach beyond it (see the module docstring)."""
    size = path.stat().st_size
    if size > max_bytes:
        raise InputError(path, f"is {_megabytes(size)}, over the {_megabytes(max_bytes)} limit on graph files read "
                               "into memory; query the store kg build writes beside it (OUT/store) instead, or "
                               "raise $NEWSKG_MAX_GRAPH_BYTES")
    if fmt == "json-ld":
        _check_jsonld(path)
    elif fmt == "xml":
        _check_xml(path)


def _megabytes(size: int) -> str:
    return f"{size / 2**20:.1f} MiB" if size >= 2**20 else f"{size} bytes"


def _check_jsonld(path: Path) -> None:
    try:
        document = json.loads(path.read_bytes())
    except (ValueError, UnicodeDecodeError) as error:
        raise InputError(path, f"cannot parse as json-ld: {error}") from None
    if (address := _remote_context(document)) is not None:
        raise InputError(path, f"refers to the JSON-LD context {address!r}, which newskg does not fetch (loading never "
                               "reads the network or other files); put the context in the document as an object")


def _remote_context(node: Any) -> str | None:
    """The first context given by address (``"@context": "http://…"``, in a list, or ``@import``), or None."""
    if isinstance(node, list):
        return next((found for item in node if (found := _remote_context(item)) is not None), None)
    if not isinstance(node, dict):
        return None
    for key, value in node.items():
        if key == "@import" and isinstance(value, str):
            return value
        if key == "@context":
            contexts = value if isinstance(value, list) else [value]
            if address := next((context for context in contexts if isinstance(context, str)), None):
                return address
        if (found := _remote_context(value)) is not None:
            return found
    return None


class _EntityDeclared(Exception):
    """Raised from expat's handler at the first entity declaration, before anything is expanded."""


def _check_xml(path: Path) -> None:
    def refuse(name: str, *_: object) -> None:
        raise _EntityDeclared(name)

    parser = xml.parsers.expat.ParserCreate()
    parser.SetParamEntityParsing(xml.parsers.expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.EntityDeclHandler = refuse
    try:
        with path.open("rb") as handle:
            parser.ParseFile(handle)
    except _EntityDeclared as declared:
        raise InputError(path, f"declares the XML entity {declared.args[0]!r}; newskg refuses RDF/XML with entity "
                               "declarations (they can expand without bound, or read other files)") from None
    except xml.parsers.expat.ExpatError as error:
        raise InputError(path, f"cannot parse as xml: {error}") from None
