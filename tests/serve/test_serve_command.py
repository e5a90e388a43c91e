"""``kg serve`` refuses to start, with exit code 2 and a sentence, when it has no store to serve (or one of a
layout it does not read) or no port to listen on; serves an output folder as well as the store inside it, and a
store newskg did not write."""
from __future__ import annotations

import json
import shutil
import socket
import urllib.request
from pathlib import Path

from typer.testing import CliRunner

from kg.cli import app
from tests.serve.harness import running_server

runner = CliRunner()


def test_a_folder_that_is_no_store_is_exit_2_naming_it(tmp_path):
    result = runner.invoke(app, ["serve", str(tmp_path), "--port", "0"])
    assert result.exit_code == 2
    assert str(tmp_path) in result.output and "is no Oxigraph store" in result.output


def test_a_port_in_use_is_exit_2(seed_store):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        result = runner.invoke(app, ["serve", str(seed_store), "--port", str(taken.getsockname()[1])])
    assert result.exit_code == 2 and "cannot listen there" in result.output


def test_the_output_folder_serves_its_store(seed_store: Path):
    """``kg serve OUT`` finds ``OUT/store``, as ``kg query OUT`` does."""
    with running_server(seed_store.parent, timeout=10) as server:
        with urllib.request.urlopen(server.url + "sparql?query=ASK%7B%3Fs%20a%20nkg%3APerson%7D") as response:
            assert json.loads(response.read())["boolean"] is True


def test_a_bare_oxigraph_store_is_queried_through_its_union(seed_store: Path, tmp_path):
    """A store that newskg did not write has no union of its own: Oxigraph's union view is the default graph."""
    import pyoxigraph

    bare = pyoxigraph.Store(str(tmp_path / "bare"))
    bare.bulk_load(path=seed_store.parent / "graph.nq", format=pyoxigraph.RdfFormat.N_QUADS)
    bare.flush()
    del bare  # closes it: the server opens it read-only
    with running_server(tmp_path / "bare", timeout=10) as server:
        with urllib.request.urlopen(server.url + "sparql?query=ASK%7B%3Fs%20a%20nkg%3APerson%7D") as response:
            assert json.loads(response.read())["boolean"] is True


def test_a_store_of_another_format_is_exit_2_saying_to_build_it_again(seed_store: Path, tmp_path):
    old = tmp_path / "store"
    shutil.copytree(seed_store, old)
    manifest = old / "newskg" / "store.json"
    document = json.loads(manifest.read_text())
    document["format"] = 0  # a layout this newskg does not write
    manifest.write_text(json.dumps(document))
    result = runner.invoke(app, ["serve", str(old), "--port", "0"])
    assert result.exit_code == 2 and "build it again" in result.output
