"""The output folder as one set (kg.rdf.outputs): files of one build appear together, one build at a time, a killed
build's leftovers are cleaned up, and a user's own files are never deleted."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from kg.errors import ForeignFiles, OutputError, OutputLocked
from kg.rdf.export import OUTPUT_FILES, REPORT_FILE, write_atomic
from kg.rdf.outputs import OWN_NAMES, check_output_dir, output_set

ROOT = Path(__file__).resolve().parent.parent


def _write_set(outdir: Path, tag: str, names=("graph.trig", "graph.nq", "graph.ttl", "validation.txt")) -> None:
    with output_set(outdir) as staging:
        for name in names:
            write_atomic(staging / name, f"{tag} {name}")


def _contents(outdir: Path) -> dict[str, str]:
    return {path.name: path.read_text() for path in outdir.iterdir()}


def _beside(outdir: Path) -> list[str]:
    """Everything in the parent folder but the output folder: staging folders, old sets, lock files."""
    return sorted(p.name for p in outdir.parent.iterdir() if p != outdir)


def _run(script: str, *args: str, **kwargs) -> subprocess.CompletedProcess | subprocess.Popen:
    code = textwrap.dedent(script)
    return subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, **kwargs)


def test_every_name_export_writes_is_an_own_name():
    assert {*OUTPUT_FILES.values(), REPORT_FILE} <= OWN_NAMES


def test_a_committed_set_replaces_the_previous_one_and_leaves_nothing_beside(tmp_path: Path):
    out = tmp_path / "out"
    _write_set(out, "first")
    _write_set(out, "second")
    assert _contents(out) == {name: f"second {name}" for name in ("graph.trig", "graph.nq", "graph.ttl",
                                                                   "validation.txt")}
    assert _beside(out) == []


def test_a_build_that_fails_midway_leaves_the_previous_set_whole_and_no_staging(tmp_path: Path):
    out = tmp_path / "out"
    _write_set(out, "first")
    before = _contents(out)
    with pytest.raises(RuntimeError, match="disk full"), output_set(out) as staging:
        write_atomic(staging / "graph.trig", "second graph.trig")
        raise RuntimeError("disk full")
    assert _contents(out) == before
    assert _beside(out) == []


def test_a_failed_build_report_replaces_the_old_graph_instead_of_sitting_beside_it(tmp_path: Path):
    out = tmp_path / "out"
    _write_set(out, "good")
    _write_set(out, "FAILED", names=("validation.txt",))
    assert _contents(out) == {"validation.txt": "FAILED validation.txt"}


def test_sets_get_ordinary_permissions(tmp_path: Path):
    mask = os.umask(0o022)
    try:
        _write_set(tmp_path / "out", "x")
    finally:
        os.umask(mask)
    assert (tmp_path / "out").stat().st_mode & 0o777 == 0o755
    assert {(p.stat().st_mode & 0o777) for p in (tmp_path / "out").iterdir()} == {0o644}


def test_a_replaced_folder_keeps_its_mode(tmp_path: Path):
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(0o750)
    _write_set(out, "x")
    assert out.stat().st_mode & 0o777 == 0o750


def test_a_symlinked_output_folder_is_replaced_behind_its_link(tmp_path: Path):
    (tmp_path / "real").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "real")
    _write_set(tmp_path / "link", "x")
    assert (tmp_path / "link").is_symlink()
    assert (tmp_path / "real" / "graph.trig").read_text() == "x graph.trig"


def test_a_folder_with_foreign_files_is_refused_before_any_work_and_kept(tmp_path: Path):
    out = tmp_path / "out"
    _write_set(out, "first")
    (out / "notes.md").write_text("mine")
    with pytest.raises(ForeignFiles) as caught:
        check_output_dir(out)
    assert str(out) in str(caught.value) and "notes.md" in str(caught.value)
    entered = False
    with pytest.raises(ForeignFiles), output_set(out):
        entered = True
    assert not entered
    assert (out / "notes.md").read_text() == "mine" and (out / "graph.trig").exists()
    assert caught.value.exit_code == 2


def test_a_foreign_file_that_appears_during_the_build_is_moved_not_deleted(tmp_path: Path):
    out = tmp_path / "out"
    _write_set(out, "first")
    with output_set(out) as staging:
        write_atomic(staging / "graph.trig", "second")
        (out / "notes.md").write_text("mine")
    assert _contents(out) == {"graph.trig": "second", "notes.md": "mine"}
    assert _beside(out) == []


def test_a_writer_may_only_write_own_names(tmp_path: Path):
    out = tmp_path / "out"
    _write_set(out, "first")
    with pytest.raises(RuntimeError, match="OWN_NAMES"), output_set(out) as staging:
        write_atomic(staging / "graph.xml", "new format")
    assert "graph.xml" not in _contents(out)
    assert _beside(out) == []


def test_an_existing_file_as_output_folder_is_an_error_naming_it(tmp_path: Path):
    target = tmp_path / "graph.ttl"
    target.write_text("x")
    for call in (check_output_dir, lambda path: output_set(path).__enter__()):
        with pytest.raises(OutputError) as caught:
            call(target)
        assert str(target) in str(caught.value) and "is a file" in str(caught.value)
    assert target.read_text() == "x"


def test_a_folder_that_cannot_be_created_is_an_error_naming_it(tmp_path: Path):
    (tmp_path / "file").write_text("x")
    with pytest.raises(OutputError, match="cannot be created") as caught:
        check_output_dir(tmp_path / "file" / "out")
    assert str(tmp_path / "file" / "out") in str(caught.value)


def test_the_current_folder_is_refused(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(OutputError, match="current folder"):
        check_output_dir(Path("."))


def test_check_output_dir_creates_nothing(tmp_path: Path):
    check_output_dir(tmp_path / "a" / "b" / "out")
    assert list(tmp_path.iterdir()) == []


def test_a_second_build_in_the_same_process_is_refused(tmp_path: Path):
    out = tmp_path / "out"
    with output_set(out):
        with pytest.raises(OutputLocked, match=str(os.getpid())):
            check_output_dir(out)
        with pytest.raises(OutputLocked), output_set(out):
            pass
    _write_set(out, "after")  # the lock was released


HOLD = """
import sys
from kg.rdf.export import write_atomic
from kg.rdf.outputs import output_set
with output_set(sys.argv[1]) as staging:
    write_atomic(staging / "graph.trig", "held")
    print("locked", flush=True)
    sys.stdin.read()
"""


def test_a_live_build_holding_the_lock_gives_a_clear_error_naming_folder_and_pid(tmp_path: Path):
    out = tmp_path / "out"
    _write_set(out, "first")
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(out)], cwd=ROOT, stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        for call in (check_output_dir, lambda path: output_set(path).__enter__()):
            with pytest.raises(OutputLocked) as caught:
                call(out)
            assert caught.value.pid == holder.pid and caught.value.exit_code == 2
            assert f"{out}: another build (PID {holder.pid}) is writing this output folder" in str(caught.value)
    finally:
        holder.communicate("", timeout=60)
    assert holder.returncode == 0
    assert _contents(out)["graph.trig"] == "held"
    assert _beside(out) == []


KILLED = """
import os, signal, sys
from kg.rdf.export import atomic_writer, write_atomic
from kg.rdf.outputs import output_set
out = sys.argv[1]
with output_set(out) as staging:
    write_atomic(staging / "graph.trig", "killed")
    with atomic_writer(staging / "graph.nq") as handle:
        handle.write(b"half a graph")
        handle.flush()
        os.kill(os.getpid(), signal.SIGKILL)
"""


def test_a_killed_build_is_cleaned_up_by_the_next_one(tmp_path: Path):
    out = tmp_path / "out"
    _write_set(out, "first")
    (out / ".graph.ttl.abc123.tmp").write_text("from a killed pre-set writer")
    killed = _run(KILLED, str(out))
    assert killed.returncode == -signal.SIGKILL
    leftovers = _beside(out)
    assert ".out.lock" in leftovers and any(name.startswith(".out.build-") for name in leftovers)
    assert (tmp_path / ".out.lock").read_text().strip().isdigit()
    assert _contents(out)["graph.trig"] == "first graph.trig"  # the killed build changed nothing
    check_output_dir(out)  # a dead build's lock is no lock
    _write_set(out, "next")
    assert _contents(out) == {name: f"next {name}" for name in ("graph.trig", "graph.nq", "graph.ttl",
                                                                 "validation.txt")}
    assert _beside(out) == []


KILLED_IN_SWAP = """
import os, signal, sys
from kg.rdf import outputs
from kg.rdf.export import write_atomic
renames = []
real_rename = os.rename
def rename(src, dst):
    renames.append((src, dst))
    if len(renames) == 2:  # the old set is aside, the new one not yet in place
        os.kill(os.getpid(), signal.SIGKILL)
    real_rename(src, dst)
outputs.os.rename = rename
with outputs.output_set(sys.argv[1]) as staging:
    write_atomic(staging / "graph.trig", "killed")
"""


def test_a_build_killed_between_the_two_renames_leaves_the_old_set_to_be_put_back(tmp_path: Path):
    out = tmp_path / "out"
    _write_set(out, "first")
    assert _run(KILLED_IN_SWAP, str(out)).returncode == -signal.SIGKILL
    assert not out.exists() and any(name.startswith(".out.old-") for name in _beside(out))
    with pytest.raises(RuntimeError), output_set(out):
        assert _contents(out)["graph.trig"] == "first graph.trig"  # put back before the build starts
        raise RuntimeError("this build fails too")
    assert _contents(out)["graph.trig"] == "first graph.trig"
    assert _beside(out) == []
