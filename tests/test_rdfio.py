"""Reading graph files back: format from the extension, errors that name the file, and never a request to the
network (remote JSON-LD contexts, XML entities and oversized files are refused; tested against a local server)."""
from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from rdflib.compare import isomorphic
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import InputError
from kg.rdf.export import union_graph, write_outputs
from kg.rdf.load import load_dataset, load_graph

runner = CliRunner()


def test_every_export_format_reads_back_as_the_same_graph(seed_build, tmp_path: Path):
    write_outputs(seed_build.dataset, tmp_path)
    expected = union_graph(seed_build.dataset)
    for name in ("graph.trig", "graph.nq", "graph.ttl"):
        assert isomorphic(load_graph([tmp_path / name]), expected), name
    assert len(list(load_dataset([tmp_path / "graph.trig"]).query("ASK { ?s ?p ?o }"))) == 1


@pytest.mark.parametrize(("name", "content", "message"), [
    ("graph.xyz", "", "unknown graph file extension"),
    ("broken.ttl", "<a> <b> .", "cannot parse as turtle"),
])
def test_unreadable_graph_files_are_named(tmp_path: Path, name, content, message):
    path = tmp_path / name
    path.write_text(content)
    with pytest.raises(InputError, match=message) as caught:
        load_dataset([path])
    assert name in str(caught.value)


def test_missing_graph_file(tmp_path: Path):
    with pytest.raises(InputError, match="no such file"):
        load_dataset([tmp_path / "none.trig"])


# --- Loading never touches the network ----------------------------------------------------------------------------


class _Recorder(BaseHTTPRequestHandler):
    """Answers every request with a valid JSON-LD context (so a fetch would succeed, not fail unseen) and records
    it: the tests assert that the list stays empty."""

    seen: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        self.seen.append(self.path)
        body = json.dumps({"@context": {"name": "http://schema.org/name"}}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/ld+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def server() -> Iterator[tuple[str, list[str]]]:
    """A local HTTP server on a loopback port, in a thread: (its address, the paths requested from it)."""
    seen: list[str] = []
    handler = type("Recorder", (_Recorder,), {"seen": seen})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", seen
    httpd.shutdown()
    httpd.server_close()


def _jsonld(context: object) -> str:
    return json.dumps({"@context": context, "@id": "http://example.org/a", "name": "A"})


@pytest.mark.parametrize("document", [
    lambda url: _jsonld(f"{url}/context.jsonld"),
    lambda url: _jsonld([{"ex": "http://example.org/"}, f"{url}/context.jsonld"]),
    lambda url: _jsonld({"@import": f"{url}/context.jsonld"}),
    lambda url: json.dumps({"@graph": [{"@context": f"{url}/context.jsonld", "@id": "http://example.org/a"}]}),
    lambda url: _jsonld({"ex": {"@id": "http://example.org/p", "@context": f"{url}/scoped.jsonld"}}),
], ids=["top", "in-a-list", "import", "nested", "scoped"])
def test_remote_json_ld_context_is_refused_without_a_request(server, tmp_path: Path, document):
    url, seen = server
    path = tmp_path / "remote.jsonld"
    path.write_text(document(url), encoding="utf-8")
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 2
    assert f"{path}: refers to the JSON-LD context" in result.output
    assert "does not fetch" in result.output
    assert seen == []


def test_file_json_ld_context_is_refused(tmp_path: Path):
    """A ``file:`` context would read any file of the machine."""
    path = tmp_path / "local.jsonld"
    path.write_text(_jsonld("file:///etc/passwd"), encoding="utf-8")
    with pytest.raises(InputError, match="'file:///etc/passwd', which newskg does not fetch"):
        load_dataset([path])


def test_json_ld_with_an_inline_context_is_read(tmp_path: Path):
    path = tmp_path / "inline.jsonld"
    path.write_text(_jsonld({"name": "http://schema.org/name"}), encoding="utf-8")
    assert len(load_dataset([path])) == 1


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [
 <!ENTITY lol "lol">
""" + "".join(
    f' <!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n' for i in range(1, 10)
) + """]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/">
  <rdf:Description rdf:about="http://example.org/a"><ex:p>&lol9;</ex:p></rdf:Description>
</rdf:RDF>
"""


def test_billion_laughs_is_refused_at_once(tmp_path: Path):
    path = tmp_path / "laughs.rdf"
    path.write_text(BILLION_LAUGHS, encoding="utf-8")
    assert path.stat().st_size < 1200
    started = time.monotonic()
    result = runner.invoke(app, ["validate", str(path)])
    assert time.monotonic() - started < 1.0
    assert result.exit_code == 2
    assert f"{path}: declares the XML entity 'lol'" in result.output


def test_rdf_xml_external_entities_and_dtds_are_not_fetched(server, tmp_path: Path):
    url, seen = server
    entity = tmp_path / "entity.rdf"
    entity.write_text(f"""<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [ <!ENTITY ext SYSTEM "{url}/entity.txt"> ]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/">
  <rdf:Description rdf:about="http://example.org/a"><ex:p>&ext;</ex:p></rdf:Description>
</rdf:RDF>
""", encoding="utf-8")
    with pytest.raises(InputError, match="declares the XML entity 'ext'"):
        load_dataset([entity])
    dtd = tmp_path / "dtd.rdf"
    dtd.write_text(f"""<?xml version="1.0"?>
<!DOCTYPE rdf:RDF SYSTEM "{url}/rdf.dtd">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/">
  <rdf:Description rdf:about="http://example.org/a"><ex:p>x</ex:p></rdf:Description>
</rdf:RDF>
""", encoding="utf-8")
    assert len(load_dataset([dtd])) == 1  # read, without its external DTD
    assert seen == []


def test_files_over_the_size_limit_are_refused_unread(tmp_path: Path):
    path = tmp_path / "large.nt"
    path.write_text("<http://example.org/a> <http://example.org/p> \"x\" .\n" * 100, encoding="utf-8")
    with pytest.raises(InputError, match=r"is 5200 bytes, over the 4096 bytes limit on graph files") as caught:
        load_dataset([path], max_bytes=4096)
    assert str(path) in str(caught.value)
    assert len(load_dataset([path], max_bytes=5200)) == 1


def test_queries_reach_no_address(server, tmp_path: Path):
    """FROM and SERVICE name addresses rdflib would fetch: refused before evaluation."""
    url, seen = server
    path = tmp_path / "graph.ttl"
    path.write_text("<http://example.org/a> <http://example.org/p> 1 .\n", encoding="utf-8")
    for query in (f"SELECT * FROM <{url}/g.ttl> WHERE {{ ?s ?p ?o }}",
                  f"SELECT * WHERE {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}"):
        result = runner.invoke(app, ["query", str(path), "-q", query])
        assert result.exit_code == 2, result.output
        assert "is refused" in result.output
    assert seen == []
