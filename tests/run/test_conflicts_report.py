"""Conflicting claims are reported as groups: one line per subject and measure on stderr (none with ``--silent``),
and the full list in OUT/conflicts.txt, the same either way. The seeds disagree on Pakistan's peacekeepers."""
from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg import pipeline
from kg.cli import app
from kg.rdf.export import CONFLICTS_FILE

from ..conftest import SEEDS_DIR

LABEL = "Conflicting claims"


@pytest.fixture
def build_seeds(nlp, monkeypatch, tmp_path: Path):
    """``kg build`` of the seeds with extra options, on the session's pipeline: (stderr lines, conflicts.txt lines)."""
    monkeypatch.setattr(pipeline, "create_pipeline", lambda model=None: nlp)

    def run(*options: str) -> tuple[list[str], list[str]]:
        out = tmp_path / f"out{len(options)}"
        result = CliRunner().invoke(app, ["build", str(SEEDS_DIR), "-o", str(out), *options])
        assert result.exit_code == 0, result.output
        return result.output.splitlines(), (out / CONFLICTS_FILE).read_text(encoding="utf-8").splitlines()

    return run


def test_one_line_per_subject_and_measure_and_the_full_list_in_the_output_folder(build_seeds):
    said, listed = build_seeds()
    groups = [line.split(": ")[:2] for line in listed]  # "Pakistan: peacekeepers killed: 181 [a.txt]; 182 [b.txt]"
    assert ["Pakistan", "peacekeepers killed"] in groups
    assert len(groups) == len({tuple(group) for group in groups}), "a subject and measure reported twice"
    killed = next(line for line in listed if line.startswith("Pakistan: peacekeepers killed:"))
    assert killed.count("[") >= 2, "a group names every source with its value"
    assert [line.removeprefix(f"{LABEL} ") for line in said if line.startswith(LABEL)] == listed


def test_silent_says_nothing_of_them_and_still_lists_them_all(build_seeds):
    said, listed = build_seeds("--silent")
    assert not any(LABEL in line for line in said)
    assert listed and all(line.count("[") >= 2 for line in listed)
