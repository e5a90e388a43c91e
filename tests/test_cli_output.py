"""How the ``kg`` command prints and where it writes: messages are one line each whatever the width, user data prints
literally (never as rich markup), and a wrong ``-o`` is refused before any work."""
from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app

from .conftest import SEEDS_DIR

runner = CliRunner()


@pytest.mark.parametrize("name", ["[bold]x.ttl", "in[/x]/[red]a.ttl", "[link=http://x]y[/link].ttl"])
def test_file_names_with_rich_markup_print_literally(name: str, tmp_path: Path):
    path = tmp_path / name
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 2, result.output
    assert f"Error: {path}: no such file" in result.output


def test_messages_are_not_hard_wrapped_however_long_the_path(tmp_path: Path):
    path = tmp_path / ("a-rather-long-folder-name-" * 8) / "graph.ttl"
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 2
    assert f"Error: {path}: no such file\n" in result.output


def test_build_refuses_an_existing_file_as_output_before_any_work(tmp_path: Path, monkeypatch):
    import kg.pipeline

    def no_work(*args, **kwargs):
        raise AssertionError("the build started before the output folder was checked")

    monkeypatch.setattr(kg.pipeline, "build", no_work)
    target = tmp_path / "graph.ttl"
    target.write_text("mine")
    result = runner.invoke(app, ["build", str(SEEDS_DIR), "-o", str(target), "-s"])
    assert result.exit_code == 2, result.output
    assert f"{target}: is a file, not a folder" in result.output
    assert target.read_text() == "mine"
