"""Regenerate the `NKG` class in kg/rdf/namespace.py from ontology/newskg.ttl.

The ontology is the single source of truth for nkg: terms; this script rewrites only the block between
the `# BEGIN GENERATED NKG` and `# END GENERATED NKG` markers, one annotated attribute per term, in the
style of rdflib's own generated namespaces (rdflib/namespace/_PROV.py).

rdflib ships `rdflib.tools.defined_namespace_creator`, but it writes a whole stand-alone module stamped
with the current time (so the output changes on every run and cannot be checked for drift) and comments
each term with its definition only. This script is deterministic, adds the label, groups terms by kind,
and refuses terms without an English label and comment.

Usage:
    python tools/generate_namespace.py           # rewrite kg/rdf/namespace.py
    python tools/generate_namespace.py --check   # exit 1 if kg/rdf/namespace.py is out of date
"""
from __future__ import annotations

import argparse
import keyword
import sys
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS

# Deliberately not imported from kg.rdf.namespace: the generator must work even when that file is broken.
ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY = ROOT / "ontology" / "newskg.ttl"
TARGET = ROOT / "kg" / "rdf" / "namespace.py"
NAMESPACE = "https://w3id.org/newskg/ontology#"
BEGIN = "# BEGIN GENERATED NKG"
END = "# END GENERATED NKG"

# Order and headings of the generated groups; a term goes in the first group whose type it has.
KINDS: list[tuple[URIRef, str]] = [
    (OWL.Class, "Classes"),
    (OWL.ObjectProperty, "Object properties"),
    (OWL.DatatypeProperty, "Datatype properties"),
    (RDF.Property, "Properties whose values may be resources or literals"),
    (OWL.NamedIndividual, "Individuals"),
]


def english(graph: Graph, subject: URIRef, predicate: URIRef) -> str | None:
    """The English value of `predicate` on `subject`, whitespace-collapsed, or None."""
    for value in graph.objects(subject, predicate):
        if isinstance(value, Literal) and value.language == "en":
            return " ".join(str(value).split())
    return None


def term_lines(graph: Graph) -> list[str]:
    """One `Name: URIRef  # label — comment` line per nkg: term, grouped by kind, sorted by name."""
    groups: dict[str, list[str]] = {heading: [] for _, heading in KINDS}
    problems: list[str] = []
    terms = {s for s in graph.subjects() if isinstance(s, URIRef) and s.startswith(NAMESPACE) and s != NAMESPACE}
    for term in sorted(terms):
        name = term[len(NAMESPACE) :]
        label = english(graph, term, RDFS.label)
        comment = english(graph, term, RDFS.comment)
        types = set(graph.objects(term, RDF.type))
        heading = next((h for kind, h in KINDS if kind in types), None)
        if not name.isidentifier() or keyword.iskeyword(name):
            problems.append(f"{name}: not a Python identifier; rename it in the ontology")
        if label is None or comment is None:
            problems.append(f"{name}: needs an rdfs:label and an rdfs:comment in English")
        if heading is None:
            problems.append(f"{name}: rdf:type must be one of {', '.join(str(k) for k, _ in KINDS)}")
        if not problems:
            groups[heading].append(f"    {name}: URIRef  # {label} — {comment}")
    if problems:
        raise SystemExit(f"{ONTOLOGY}:\n  " + "\n  ".join(problems))
    lines: list[str] = []
    for heading, members in groups.items():
        if members:
            lines += ["", f"    # {heading}", *members]
    return lines


def render(graph: Graph) -> str:
    """The generated block, markers included."""
    ontology = URIRef(NAMESPACE.rstrip("#"))
    title = english(graph, ontology, DCTERMS.title) or "newskg ontology"
    version = graph.value(ontology, OWL.versionInfo)
    return "\n".join(
        [
            f"{BEGIN}: written by tools/generate_namespace.py from ontology/newskg.ttl; do not edit.",
            "class NKG(DefinedNamespace):",
            '    """',
            f"    {title}, version {version}.",
            "",
            "    Generated from ontology/newskg.ttl by tools/generate_namespace.py.",
            '    """',
            "",
            f'    _NS = Namespace("{NAMESPACE}")',
            "    _fail = True",
            *term_lines(graph),
            END,
        ]
    )


def regenerate(source: str, block: str) -> str:
    """`source` with the text from the BEGIN marker to the END marker replaced by `block`."""
    start, end = source.find(BEGIN), source.find(END)
    if start < 0 or end < start:
        raise SystemExit(f"{TARGET}: markers {BEGIN!r} ... {END!r} not found")
    return source[:start] + block + source[end + len(END) :]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report whether kg/rdf/namespace.py is up to date")
    args = parser.parse_args(argv)

    graph = Graph().parse(ONTOLOGY, format="turtle")
    current = TARGET.read_text(encoding="utf-8")
    updated = regenerate(current, render(graph))
    if args.check:
        if updated != current:
            print(f"{TARGET} is out of date with {ONTOLOGY}; run tools/generate_namespace.py", file=sys.stderr)
            return 1
        return 0
    if updated != current:
        TARGET.write_text(updated, encoding="utf-8")
        print(f"rewrote the NKG class in {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
