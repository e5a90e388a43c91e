"""A non-editable install works on its own: the wheel carries the ontology, shapes, queries and knowledge files.

The wheel is built offline from a copy of the working tree, installed with ``--no-deps --no-index`` into a fresh
venv that borrows the dependencies of the test venv (a ``.pth`` line naming its site-packages), and the ``kg``
command is run from a folder that is not the repository. One test, since the seed build dominates its run time.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from .conftest import ROOT, SEEDS_DIR

# Mirrors .gitignore: what a fresh checkout would not have.
NOT_IN_A_CHECKOUT = shutil.ignore_patterns(
    ".git", ".venv", "build", "dist", "out", "*.egg-info", "__pycache__", ".pytest_cache"
)


def run(*command: str | Path, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(c) for c in command], cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


def check(result: subprocess.CompletedProcess[str]) -> subprocess.CompletedProcess[str]:
    assert result.returncode == 0, f"{result.args}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}"
    return result


def setuptools_major() -> int:
    """The major version of the setuptools that builds the wheel (the test extras pin >= 77), 0 if none."""
    try:
        return int(version("setuptools").split(".")[0])
    except PackageNotFoundError:
        return 0


def test_installed_wheel_builds_validates_and_lists_queries(tmp_path: Path) -> None:
    assert setuptools_major() >= 77, "this venv's setuptools cannot build newskg offline; `make test` installs it"
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP"}}
    env["PIP_NO_INDEX"] = "1"  # nothing touches the network, whatever the user's pip configuration says

    source = tmp_path / "source"
    shutil.copytree(ROOT, source, symlinks=True, ignore=NOT_IN_A_CHECKOUT)
    check(run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
              "--wheel-dir", tmp_path / "dist", source, cwd=tmp_path, env=env))
    [wheel] = (tmp_path / "dist").glob("newskg-*.whl")

    venv = tmp_path / "venv"
    check(run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=tmp_path, env=env))
    python = venv / "bin" / "python"
    site = Path(check(run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])",
                          cwd=tmp_path, env=env)).stdout.strip())
    # A plain path line: the test venv's own .pth files (its editable install of newskg) are not processed.
    dependencies = dict.fromkeys(sysconfig.get_paths()[key] for key in ("purelib", "platlib"))
    (site / "newskg-test-dependencies.pth").write_text("".join(f"{path}\n" for path in dependencies))
    check(run(sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index", wheel,
              cwd=tmp_path, env=env))

    work = tmp_path / "work"
    shutil.copytree(SEEDS_DIR, work / "articles")
    where = check(run(python, "-c", "import kg, kg.query as q, kg.rdf.namespace as n; "
                      "print(kg.__file__, n.ONTOLOGY_PATH, n.SHAPES_PATH, q.QUERIES_DIR, sep='\\n')",
                      cwd=work, env=env)).stdout.splitlines()
    for path in where:
        assert Path(path).resolve().is_relative_to(site.resolve()), f"{path} is not the wheel's copy"
    for path in where[1:]:
        assert Path(path).exists() and not Path(path).is_symlink(), path

    kg = venv / "bin" / "kg"
    build = run(kg, "build", "articles", "-o", "out", "--silent", cwd=work, env=env)
    assert build.returncode in {0}, f"kg build exited {build.returncode}\n{build.stdout}\n{build.stderr}"
    assert (work / "out" / "graph.trig").is_file()
    check(run(kg, "validate", work / "out" / "graph.ttl", cwd=work, env=env))

    listing = check(run(kg, "query", "--list", cwd=work, env=env)).stdout
    shipped = sorted(p.stem for p in (ROOT / "queries").glob("*.rq"))
    assert shipped and all(name in listing for name in shipped), listing

    usage = check(run(python, "-m", "kg", "--help", cwd=work, env=env)).stdout
    assert "Usage: kg " in usage and "build" in usage
