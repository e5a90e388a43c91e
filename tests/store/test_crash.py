"""A store is never half-written: ``kg ingest`` killed with SIGKILL leaves the previous set whole and usable, and
the next update cleans up after it."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox

from .conftest import copy_set, exports


def _staging(out: Path) -> list[Path]:
    return sorted(out.parent.glob(f".{out.name}.build-*"))


def test_kill_during_ingest_leaves_the_old_store_whole(kg, seed_parts, part_a_build: Path, full_build: Path,
                                                      tmp_path: Path):
    out = copy_set(part_a_build, tmp_path / "out")
    before = exports(out)
    quads = len(ox.Store.read_only(str(out / "store")))
    ingest = subprocess.Popen(
        [sys.executable, "-m", "kg", "ingest", str(seed_parts[1]), "--store", str(out), "-s"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 120
    while not _staging(out) and ingest.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    assert _staging(out), f"the ingest wrote no staging folder: {ingest.stderr.read().decode()}"
    os.kill(ingest.pid, signal.SIGKILL)
    ingest.wait()
    assert ingest.returncode == -signal.SIGKILL

    assert exports(out) == before  # the old set, whole
    assert len(ox.Store.read_only(str(out / "store"))) == quads  # and its store opens, with every quad
    result = kg("query", out, "-q", "ASK { ?a a nkg:Article }", "--format", "csv")
    assert result.exit_code == 0 and result.output.strip() == "true", result.output

    result = kg("ingest", seed_parts[1], "--store", out, "-s")  # the leftovers block nothing
    assert result.exit_code == 0, result.output
    assert exports(out) == exports(full_build)
    assert sorted(os.listdir(tmp_path)) == ["out"]  # staging folder and stale lock gone
