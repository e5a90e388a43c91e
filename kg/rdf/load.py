"""Reading graph files back: the format comes from the file extension, errors name the file."""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from rdflib import Dataset, Graph

from kg.errors import InputError
from kg.rdf.namespace import bind_prefixes

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


def format_of(path: Path) -> str:
    try:
        return FORMATS[path.suffix.lower()]
    except KeyError:
        known = ", ".join(sorted(FORMATS))
        raise InputError(path, f"unknown graph file extension {path.suffix!r} (known: {known})") from None


def load_dataset(paths: Iterable[Path | str]) -> Dataset:
    """Parse graph files into one Dataset whose default graph is the union of all named graphs."""
    dataset = Dataset(default_union=True)
    bind_prefixes(dataset)
    for path in map(Path, paths):
        fmt = format_of(path)
        if not path.is_file():
            raise InputError(path, "no such file")
        try:
            if fmt in ("trig", "nquads"):
                dataset.parse(path, format=fmt)
            else:
                dataset.graph(path.resolve().as_uri()).parse(path, format=fmt)
        except Exception as error:  # rdflib raises many parser-specific types
            raise InputError(path, f"cannot parse as {fmt}: {error}") from None
    return dataset


def load_graph(paths: Iterable[Path | str]) -> Graph:
    """Parse graph files into one plain graph (the union of everything in them)."""
    union = Graph()
    bind_prefixes(union)
    for graph in load_dataset(paths).graphs():
        union += graph
    return union
