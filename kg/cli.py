"""The ``kg`` command: a thin layer that parses options, calls the library and turns its errors into exit codes.

Exit codes, as pySHACL's, plus one: 0 success, 1 the graph does not conform to the shapes (for ``kg build``: some
articles were quarantined, the others exported), 2 usage or input error (for ``kg build``: some inputs could not be
read, the others exported), 3 internal error (extraction failed on an article: a bug to report).
"""
from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table
from rich.text import Text

from kg.errors import NewsKGError
from kg.rdf.namespace import DEFAULT_BASE

EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3

app = typer.Typer(
    name="kg",
    help="Build, validate, query and analyse a knowledge graph of diplomacy news articles.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
# soft_wrap: rich hard-wraps at 80 columns when the stream is no terminal (a log, a pipe, a test), which would break
# a path or an IRI across lines; the terminal wraps long lines itself. Tables still fit the width.
stderr = Console(stderr=True, soft_wrap=True)
stdout = Console(soft_wrap=True)


def say(text: str, label: str = "", style: str = "yellow", *, console: Console | None = None) -> None:
    """Print one message on stderr (or ``console``): ``label`` in ``style``, then ``text`` exactly as given.

    ``text`` is never read as rich markup, because it holds user data: a file named ``[bold]x.txt`` prints as is,
    and one with ``[/x]`` in its path cannot crash the command. Use this, not an f-string with markup, for any
    message that includes a path, a file name or article text.
    """
    line = Text.assemble((label, style), " ", text) if label else Text(text)
    (console or stderr).print(line, highlight=False)


def fail(message: str, code: int = EXIT_USAGE) -> NoReturn:
    """Print ``message`` on stderr (literally, see :func:`say`) and exit with ``code``."""
    say(message, "Error:", "bold red")
    raise typer.Exit(code)


ModelOption = Annotated[
    str | None,
    typer.Option("--model", "-m", help="spaCy model name (default: $NEWSKG_MODEL, then en_core_web_sm)."),
]


GraphFiles = Annotated[
    list[Path], typer.Argument(help="Graph files (Turtle, TriG, N-Quads, JSON-LD, RDF/XML), read together, or a "
                                    "store folder (OUT/store, or OUT).")
]


@app.command()
def build(
    paths: Annotated[list[Path], typer.Argument(help="Article files or folders of .txt articles.")],
    outdir: Annotated[Path, typer.Option("--output", "-o", help="Folder for graph.trig, graph.nq, graph.ttl.")] = Path(
        "out"
    ),
    model: ModelOption = None,
    base_iri: Annotated[str, typer.Option(help="Base IRI of the instance data.")] = DEFAULT_BASE,
    workers: Annotated[
        int,
        typer.Option(
            "--workers", "-j", min=1, help="Worker processes: above 1, the build runs on an embedded Dask cluster."
        ),
    ] = 1,
    scheduler: Annotated[
        str | None,
        typer.Option(
            metavar="tcp://HOST:8786", help="Run on the Dask cluster of this scheduler (see docs/scaling.md)."
        ),
    ] = None,
    batch_size: Annotated[
        int, typer.Option(min=1, help="Articles per partition: the unit of work, and what sets memory.")
    ] = 32,
    silent: Annotated[bool, typer.Option("--silent", "-s", help="No progress bar or summary table.")] = False,
    stats: Annotated[
        Path | None,
        typer.Option(metavar="FILE.json", help="Also write the seconds of each stage and the counts to this file."),
    ] = None,
) -> None:
    """Build the knowledge graph of PATHS, validate it, and write it to OUTDIR.

    Example: kg build data/articles -o out -j 2
    """
    from kg.rdf.export import write_atomic
    from kg.rdf.outputs import check_output_dir, output_set
    from kg.store.write import write_set

    try:
        check_output_dir(outdir)  # before any work: a bad -o must not cost the user the extraction
        # The lock is held from here on, so a second build into OUTDIR is refused before it extracts anything.
        # A refusal inside the block discards the staging folder: exit codes are decided after it.
        with output_set(outdir) as staging:
            result = _run_build(paths, model, base_iri, workers, scheduler, batch_size, silent)
            if not result.articles:
                raise _NothingBuilt(result)  # leaves the block without committing: the previous set stays
            clock = time.perf_counter()
            written = write_set(staging, result.shards, base_iri, kept=len(result.articles),
                                quarantined=result.quarantined, corpus_report=result.corpus_report,
                                conflicts=result.conflicts, facts=result.facts())
            result.seconds["export"] = time.perf_counter() - clock
    except _NothingBuilt as nothing:
        result = nothing.result
    except (NewsKGError, ValueError) as error:
        fail(str(error))
    if stats is not None:
        write_atomic(stats, json.dumps(result.stats(), indent=2) + "\n")
    _report_left_out(result, silent)
    if not result.articles:
        fail("no article could be built; nothing was written", _exit_code(result) or EXIT_USAGE)
    if not silent:
        _print_summary(result.shards, len(result.articles), [outdir / p.name for p in written])
    if (code := _exit_code(result)) != EXIT_OK:
        fail(
            f"partial build: {len(result.articles)} article(s) exported; left out: {len(result.errors)} unreadable "
            f"input(s), {len(result.quarantined)} quarantined article(s), {len(result.failures)} internal error(s)",
            code,
        )


class _NothingBuilt(Exception):
    """No article could be built: the output folder must keep its previous set."""

    def __init__(self, result) -> None:
        super().__init__("nothing built")
        self.result = result


def _run_build(
    paths: list[Path], model: str | None, base_iri: str, workers: int, scheduler: str | None, batch_size: int,
    silent: bool,
):
    """The library build, with a progress bar on stderr (file names shown literally)."""
    from kg.pipeline import build as build_graph

    with _progress("Extracting", silent) as advance:
        return build_graph(
            paths,
            model=model,
            base_iri=base_iri,
            workers=workers,
            scheduler=scheduler,
            batch_size=batch_size,
            on_article=advance,
        )


@contextmanager
def _progress(description: str, silent: bool) -> Iterator[Callable[[Any], None]]:
    """A progress bar on stderr; yields the callback to call once per article (its source shown literally)."""
    from rich.markup import escape

    with Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=stderr,
        disable=silent,
        transient=True,
    ) as progress:
        task = progress.add_task(description, total=None)
        yield lambda article: progress.update(task, advance=1, description=escape(article.source))


def _report_left_out(result, silent: bool) -> None:
    """One line per input left out of a build or an update, and why; then the conflicts unless ``silent``."""
    from kg.rdf.export import REPORT_FILE

    for error in result.errors:
        say(str(error), "Skipped")
    for duplicate, original in result.duplicates:
        say(f"{duplicate}: same article text as {original}", "Skipped")
    for failure in result.failures:
        say(str(failure), "Internal error:", "bold red")
    for quarantined in result.quarantined:
        say(f"{quarantined.source}: its graph violates the shapes; left out (see {REPORT_FILE})", "Quarantined")
    if not silent:
        for group in result.conflicts:
            say(group.describe(), "Conflicting claims")

StoreOption = Annotated[
    Path,
    typer.Option("--store", help="The store: OUT/store, or the output folder OUT holding it (made if missing)."),
]


@app.command("ingest")
def ingest_command(
    paths: Annotated[list[Path], typer.Argument(help="Article files or folders to add to the store.")],
    store: StoreOption,
    model: ModelOption = None,
    silent: Annotated[bool, typer.Option("--silent", "-s", help="No progress bar or conflict lines.")] = False,
) -> None:
    """Add articles to a store: new ones added, changed ones replaced, unchanged ones left alone; then canonical
    labels, surname merges and conflicts brought up to date over the whole store, and every file of its output
    set rewritten together (exit codes as kg build).

    Example: kg ingest data/more-articles --store out
    """
    from kg.store import ingest

    with _progress("Ingesting", silent) as advance:
        result = _update_store(lambda: ingest(paths, store, model=model, on_article=advance))
    _report_update(result, silent)


@app.command("remove")
def remove_command(
    targets: Annotated[
        list[str], typer.Argument(help="Article IRIs, or the files articles were read from (by name).")
    ],
    store: StoreOption,
    model: ModelOption = None,
    silent: Annotated[bool, typer.Option("--silent", "-s", help="No conflict lines.")] = False,
) -> None:
    """Take articles out of a store, then bring the corpus-level results up to date, as if the store had been
    built without them.

    Example: kg remove 2024-05-01-unga.txt --store out
    """
    from kg.store import remove

    result = _update_store(lambda: remove(targets, store, model=model))
    _report_update(result, silent)


def _update_store(update):
    """Run an ingest or a removal, turning its refusals into exit code 2."""
    try:
        return update()
    except (NewsKGError, ValueError) as error:
        fail(str(error), getattr(error, "exit_code", EXIT_USAGE))


def _report_update(result, silent: bool) -> None:
    """What an update did, one line per kind of change, then the exit code of what went wrong (as kg build)."""
    from kg.rdf.export import REPORT_FILE

    _report_left_out(result, silent)
    if result.changed:
        say(f"{result.store}: {len(result.added)} added, {len(result.replaced)} replaced, {len(result.removed)} "
            f"removed, {len(result.unchanged)} unchanged; {result.articles} article(s) in the store",
            "Updated", "green")
    else:
        say(f"{result.store}: nothing to change ({len(result.unchanged)} unchanged); the store was not touched",
            "Unchanged", "green")
    if (code := _exit_code(result)) != EXIT_OK:
        left_out = len(result.errors) + len(result.quarantined) + len(result.failures)
        fail(f"partial update: {left_out} input(s) left out (see above and {REPORT_FILE})", code)


def _exit_code(result) -> int:
    """The most serious thing that happened: internal error (3), unreadable input (2), quarantine (1), none (0)."""
    if result.failures or (result.corpus_report is not None and not result.corpus_report.conforms):
        return EXIT_INTERNAL
    if result.errors:
        return EXIT_USAGE
    return EXIT_INVALID if result.quarantined else EXIT_OK


def _print_summary(shards, article_count: int, written: list[Path]) -> None:
    """The table of counts per newskg class, streamed from the build's shards (never the graph in memory)."""
    from rdflib import URIRef

    from kg.rdf.mapping import ENTITY_CLASSES
    from kg.rdf.namespace import NKG

    triples, classes = shards.union_counts()
    counts = Counter({URIRef(iri): n for iri, n in classes.items() if iri.startswith(str(NKG))})
    table = Table(title=f"Knowledge graph of {article_count} article(s): {triples} triples")
    table.add_column("type")
    table.add_column("count", justify="right")
    for cls in (*ENTITY_CLASSES.values(), *sorted(c for c in counts if c not in ENTITY_CLASSES.values())):
        if counts[cls]:
            table.add_row(f"nkg:{cls.removeprefix(str(NKG))}", str(counts[cls]))
    stderr.print(table)
    say("Wrote " + ", ".join(str(p) for p in written))


@app.command("validate")
def validate_command(
    files: GraphFiles,
) -> None:
    """Validate graph files or a store against the newskg SHACL shapes (exit 0 conforms, 1 violations, 2 error).

    Example: kg validate out/store
    """
    from kg.rdf.load import load_graph
    from kg.rdf.validation import validate_graph

    try:
        graph = load_graph(files)
    except NewsKGError as error:
        fail(str(error))
    report = validate_graph(graph)
    stdout.print(str(report), highlight=False, markup=False, end="")
    raise typer.Exit(EXIT_OK if report.conforms else EXIT_INVALID)


@app.command("evaluate")
def evaluate_command(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="Gold files (.yaml, see data/gold/README.md) and the built graph (TriG, N-Quads or Turtle files), "
            "in any order; each gold file is scored as a corpus of its own."
        ),
    ],
    articles: Annotated[
        list[Path] | None,
        typer.Option(
            help="Folder holding gold articles (by the gold's file names), for the baseline; may be given several "
            "times. Also searched: <gold dir>/<gold name>/articles and data/articles."
        ),
    ] = None,
    baseline: Annotated[bool, typer.Option(help="Score the naive spaCy baseline beside the project.")] = True,
    model: ModelOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON instead of tables.")] = False,
) -> None:
    """Score a built graph against gold annotations: P/R/F1 per category and headline measures, one report per
    gold corpus, with the naive spaCy baseline beside it.

    Example: kg evaluate data/gold/real-dev.yaml data/gold/real-test.yaml out/graph.trig --articles data/gold
    """
    import json

    from kg.evaluate import evaluate_corpora, format_report, load_gold, predictions_from_graph, split_paths
    from kg.nlp import load_model
    from kg.rdf.load import load_dataset

    gold_files, graphs = split_paths(paths)
    if not gold_files or not graphs:
        fail("give at least one gold file (.yaml) and one graph file (.trig, .nq, .ttl)")
    try:
        golds = [load_gold(path) for path in gold_files]
        predictions = predictions_from_graph(load_dataset(graphs))
        nlp = load_model(model) if baseline else None
        results = evaluate_corpora(golds, predictions, nlp=nlp, article_dirs=articles or ())
    except NewsKGError as error:
        fail(str(error))
    if as_json:
        stdout.print_json(json.dumps({"corpora": [result.to_dict() for result in results]}))
    else:
        text = "\n".join(format_report(result.project, result.baseline) for result in results)
        stdout.print(text, highlight=False, markup=False)



@app.command("query")
def query_command(
    graphs: Annotated[
        list[Path] | None,
        typer.Argument(help="Graph files, read together, or one store folder (OUT/store, or OUT).", show_default=False),
    ] = None,
    sparql: Annotated[str | None, typer.Option("--query", "-q", help="The SPARQL query text.")] = None,
    query_file: Annotated[Path | None, typer.Option("--query-file", help="A file holding the query (.rq).")] = None,
    name: Annotated[str | None, typer.Option("--name", "-n", help="A query of the library (see --list).")] = None,
    params: Annotated[
        list[str] | None,
        typer.Option(
            "--param",
            "-p",
            help="Bind a variable, as name=value (repeatable). <...> and http(s):// values are IRIs; integers, "
            "decimals, YYYY-MM-DD and YYYY-MM are typed literals; anything else is text.",
        ),
    ] = None,
    fmt: Annotated[
        str,
        typer.Option(
            "--format", "-f", help="table, csv, tsv or json (SPARQL 1.1 results). CONSTRUCT gives Turtle, or JSON-LD."
        ),
    ] = "table",
    timeout: Annotated[
        float | None, typer.Option(help="Seconds the query may run before it is stopped (default 30).")
    ] = None,
    list_only: Annotated[bool, typer.Option("--list", help="List the library's queries and exit.")] = False,
) -> None:
    """Run a read-only SPARQL query over graph files or a store (SERVICE, remote FROM and updates are refused).

    Examples: kg query out --name who-met-whom --param name="FULL NAME";
    kg query out/graph.trig -q 'SELECT ?p WHERE { ?p a nkg:Person }' --format csv
    """
    from kg.query import (
        DEFAULT_TIMEOUT,
        format_result,
        get_query,
        list_queries,
        parse_param,
        result_format,
        run_query,
    )
    from kg.rdf.load import load_source

    if list_only:
        _print_query_list(list_queries())
        return
    if sum(source is not None for source in (sparql, query_file, name)) != 1:
        fail("give exactly one of --query, --query-file or --name (or --list)")
    if not graphs:
        fail("give at least one graph file to query")
    origin = ""
    try:
        result_format(fmt)
        bindings = dict(parse_param(param) for param in params or ())
        if query_file is not None:
            origin = f"{query_file}: "
            text = _read_text(query_file)
        elif name is not None:
            named = get_query(name)
            origin, text = f"{named.path}: ", named.text
        else:
            text = sparql
        source = load_source(graphs)
        result = run_query(source, text, bindings=bindings, timeout=DEFAULT_TIMEOUT if timeout is None else timeout)
        output = format_result(result, fmt, width=stdout.width if stdout.is_terminal else None)
    except NewsKGError as error:
        fail(f"{origin}{error}", error.exit_code)
    typer.echo(output, nl=False)


def _read_text(path: Path) -> str:
    from kg.errors import InputError

    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(path, f"cannot read the query: {error}") from None


def _print_query_list(queries) -> None:
    from rich.markup import escape

    table = Table(title="Queries (kg query GRAPH... --name NAME [--param name=value])")
    table.add_column("name", style="bold", no_wrap=True)
    table.add_column("parameters")
    table.add_column("description")
    for query in queries:
        params = ", ".join(f"{param.name}{' (optional)' if param.optional else ''}" for param in query.parameters)
        table.add_row(query.name, params, escape(query.description))
    stdout.print(table)


#: How many people the centrality table shows; the exported network has them all.
CENTRALITY_ROWS = 25


@app.command("network")
def network_command(
    graphs: GraphFiles,
    since: Annotated[
        str | None, typer.Option(metavar="DATE", help="Keep encounters dated on or after DATE (YYYY[-MM[-DD]]).")
    ] = None,
    until: Annotated[
        str | None, typer.Option(metavar="DATE", help="Keep encounters dated on or before DATE (YYYY[-MM[-DD]]).")
    ] = None,
    ego: Annotated[
        str | None, typer.Option(metavar="NAME", help="Keep only this person (label, alias or IRI) and neighbours.")
    ] = None,
    radius: Annotated[int, typer.Option(min=1, help="How many links out from --ego to keep.")] = 1,
    path: Annotated[
        tuple[str, str] | None,
        typer.Option(metavar="A B", help="Print the shortest chain of meetings from A to B (exit 1 if there is none)."),
    ] = None,
    include_co_attendance: Annotated[
        bool, typer.Option(help="Also link people who attended the same conference or vote (kind co-attended).")
    ] = False,
    fmt: Annotated[
        str | None, typer.Option("--format", "-f", help="graphml, gexf or json (default: -o's extension, else json).")
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the network here (default: stdout, unless --path "
                                  "prints a chain there).")
    ] = None,
    plot: Annotated[Path | None, typer.Option(metavar="FILE.png", help="Draw the network into a PNG file.")] = None,
) -> None:
    """Build the who-met-whom network of graph files: centrality and components on stderr, the network as
    GraphML, GEXF or node-link JSON.

    Example: kg network out/graph.trig --since 2024-01 -o network.graphml --plot network.png
    """
    from kg.rdf.export import atomic_writer, write_atomic
    from kg.network import EXPORTERS, ego_network, meeting_graph, meeting_path, plot_png
    from kg.rdf.load import load_source

    fmt = fmt or (output.suffix.lstrip(".").lower() if output is not None else "json")
    if fmt not in EXPORTERS:
        where = f" of {output}" if output is not None else ""
        fail(f"unknown network format {fmt!r}{where}: give --format {', '.join(EXPORTERS)}")
    try:
        network = meeting_graph(
            load_source(graphs), since=since, until=until, include_co_attendance=include_co_attendance
        )
        if ego is not None:
            network = ego_network(network, ego, radius)
        chain = meeting_path(network, *path) if path else None
    except NewsKGError as error:
        fail(str(error), error.exit_code)
    _print_network(network)
    if chain:
        _print_chain(network, chain)
    if output is not None:
        write_atomic(output, EXPORTERS[fmt](network))
        say(f"Wrote {output}")
    elif not path:
        typer.echo(EXPORTERS[fmt](network), nl=False)
    if plot is not None:
        with atomic_writer(plot) as handle:
            handle.write(plot_png(network))
        say(f"Wrote {plot}")


def _print_network(network) -> None:
    from rich.markup import escape

    from kg.network import centrality_table, components

    rows = centrality_table(network)
    people, links = network.number_of_nodes(), network.number_of_edges()
    table = Table(title=f"Who met whom: {people} {'person' if people == 1 else 'people'}, "
                        f"{links} link{'' if links == 1 else 's'}")
    table.add_column("person", no_wrap=True)
    table.add_column("state")
    for column in ("links", "meetings", "degree", "betweenness"):
        table.add_column(column, justify="right")
    table.caption = "degree and betweenness: normalised centralities"
    for row in rows[:CENTRALITY_ROWS]:
        table.add_row(
            escape(row["label"]), escape(row["state"] or ""), str(row["degree"]), str(row["meetings"]),
            f"{row['degree_centrality']:.3f}", f"{row['betweenness']:.3f}",
        )
    if len(rows) > CENTRALITY_ROWS:
        table.caption += f"; {len(rows) - CENTRALITY_ROWS} more people in the exported network"
    stderr.print(table)
    groups = Table(title="Connected components")
    groups.add_column("size", justify="right")
    groups.add_column("people")
    for group in components(network):
        groups.add_row(str(len(group)), escape(", ".join(network.nodes[node]["label"] for node in group)))
    stderr.print(groups)


def _print_chain(network, chain: list[str]) -> None:
    """One line per link of the chain, with what the link rests on."""
    labels = [network.nodes[node]["label"] for node in chain]
    links = len(chain) - 1
    stdout.print(f"{' → '.join(labels)} ({links} link{'' if links == 1 else 's'})", highlight=False, markup=False)
    for (a, b), (label_a, label_b) in zip(zip(chain, chain[1:]), zip(labels, labels[1:])):
        edge = network.edges[a, b]
        times = f" {edge['meetings']}×" if edge["meetings"] > 1 else ""
        details = ", ".join(edge["dates"] + edge["places"])
        sources = f" [{', '.join(edge['sources'])}]" if edge["sources"] else ""
        stdout.print(f"  {label_a} — {label_b}: {edge['kind']}{times}{f' ({details})' if details else ''}{sources}",
                     highlight=False, markup=False, soft_wrap=True)


@app.command("serve")
def serve_command(
    store: Annotated[Path, typer.Argument(help="The output folder of kg build (OUT) or its store (OUT/store).")],
    host: Annotated[str, typer.Option(help="Address to listen on (127.0.0.1: this machine only).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="Port to listen on.")] = 7878,
    timeout: Annotated[
        float, typer.Option(min=0.1, help="Seconds a query may run; past them it is stopped and answered 503.")
    ] = 30.0,
    workers: Annotated[int, typer.Option(min=1, help="Queries answered at the same time (one process each).")] = 2,
) -> None:
    """Serve STORE read-only: a SPARQL 1.1 Protocol endpoint at /sparql and the web explorer at /, until Ctrl+C.

    Example: kg serve out --port 7878, then open http://127.0.0.1:7878/ or
    curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT ?p WHERE { ?p a nkg:Person }' http://127.0.0.1:7878/sparql
    """
    from kg.serve.app import serve

    def ready(url: str) -> None:
        say(f"{store} at {url} (SPARQL endpoint: {url}sparql); Ctrl+C stops", "Serving")

    try:
        serve(store, host=host, port=port, timeout=timeout, workers=workers, on_ready=ready)
    except NewsKGError as error:
        fail(str(error), error.exit_code)
