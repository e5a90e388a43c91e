"""SHACL validation with pySHACL, and a report a person can act on.

pySHACL names the focus node; newskg adds the article (source file) and the sentence the focus node was found in,
so a violation can be traced to the text that caused it.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pyshacl import validate
from rdflib import Dataset, Graph, Node
from rdflib.namespace import DCTERMS, RDF, SH
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query

from kg.rdf.namespace import GAF, NIF, NKG, SHAPES_PATH


@lru_cache(maxsize=1)
def shapes_graph() -> Graph:
    """The SHACL shapes, parsed once per process."""
    return Graph().parse(SHAPES_PATH, format="turtle")


@lru_cache(maxsize=64)
def _prepared(sparql: str) -> Query:
    """A SPARQL constraint's query, parsed once per process (pySHACL sends the same text for every focus node)."""
    return prepareQuery(sparql)


class _PreparedQueries(Graph):
    """A view of a graph (the same store, nothing copied) that parses each query text once: parsing the shapes'
    SPARQL constraints again for every article was a third of the time of validation."""

    def query(self, query_object: str | Query, *args: Any, **kwargs: Any) -> Any:
        if isinstance(query_object, str):
            query_object = _prepared(query_object)
        return super().query(query_object, *args, **kwargs)


@dataclass(frozen=True)
class Violation:
    """One failed constraint, located in the source text where possible."""

    focus: str
    message: str
    path: str | None
    article: str | None
    sentence: str | None

    def __str__(self) -> str:
        lines = [f"- {self.focus}: {self.message}"]
        if self.path:
            lines.append(f"    property: {self.path}")
        if self.article:
            lines.append(f"    article:  {self.article}")
        if self.sentence:
            lines.append(f"    sentence: {self.sentence!r}")
        return "\n".join(lines)


@dataclass(frozen=True)
class ValidationReport:
    conforms: bool
    violations: tuple[Violation, ...]

    def __str__(self) -> str:
        if self.conforms:
            return "Validation: the graph conforms to the newskg SHACL shapes.\n"
        head = f"Validation FAILED: {len(self.violations)} violation(s) of the newskg SHACL shapes.\n"
        return head + "\n".join(str(v) for v in self.violations) + "\n"


def validate_graph(data: Graph) -> ValidationReport:
    """Validate ``data`` (a graph with explicit type closure, so no inference) against the shapes.

    Core SHACL and SHACL-SPARQL only: the shapes use no SHACL-AF feature, so pySHACL's advanced mode (which copies
    the data graph first) stays off."""
    target = data
    if not isinstance(data, Dataset):  # a dataset's named graphs live in its store's contexts: validated as given
        target = _PreparedQueries(data.store, data.identifier, namespace_manager=data.namespace_manager)
    conforms, report, _ = validate(target, shacl_graph=shapes_graph(), inference="none", advanced=False)
    violations = sorted(
        (_locate(data, report, result) for result in report.subjects(RDF.type, SH.ValidationResult)),
        key=lambda v: (v.article or "", v.focus, v.message),
    )
    return ValidationReport(bool(conforms), tuple(violations))


def _locate(data: Graph, report: Graph, result: Node) -> Violation:
    focus = report.value(result, SH.focusNode)
    path = report.value(result, SH.resultPath)
    message = report.value(result, SH.resultMessage) or report.value(result, SH.sourceConstraintComponent)
    mention = _first_mention(data, focus)
    article = str(data.value(focus, DCTERMS.source)) if (focus, DCTERMS.source, None) in data else None
    sentence = None
    if mention is not None:
        context = data.value(mention, NIF.referenceContext)
        article = str(data.value(context, DCTERMS.source) or context) if context is not None else None
        sentence_node = data.value(mention, NIF.sentence)
        sentence = str(data.value(sentence_node, NIF.anchorOf)) if sentence_node is not None else None
    return Violation(
        focus=str(focus), message=str(message), path=str(path) if path else None, article=article, sentence=sentence
    )


def _first_mention(data: Graph, focus: Node | None) -> Node | None:
    """The mention that grounds ``focus``: itself, its first ``gaf:denotedBy``, or its trigger/evidence."""
    if focus is None:
        return None
    if (focus, NIF.referenceContext, None) in data:
        return focus
    for predicate in (GAF.denotedBy, NKG.trigger, NKG.evidence):
        mentions = sorted(data.objects(focus, predicate))
        if mentions:
            return mentions[0]
    return None
