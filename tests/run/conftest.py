"""A real Dask cluster for the tests: ``dask scheduler`` and one ``dask worker`` started as subprocesses on
loopback, as docs/scaling.md starts them, once per test session and stopped at its end."""
from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
DASK = Path(sys.executable).parent / "dask"
STARTUP_SECONDS = 120  # a worker on a busy machine may take long to import spaCy; it is waited for, never timed


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture(scope="session")
def dask_scheduler(tmp_path_factory) -> Iterator[str]:
    """The address (``tcp://127.0.0.1:PORT``) of a scheduler with one single-threaded worker that has joined.

    The port is chosen by the system (``--port 0``), so parallel sessions on one machine do not collide. The
    worker preloads :mod:`tests.run.worker_preload`, which makes extraction fail on one named article."""
    from distributed import Client

    folder = tmp_path_factory.mktemp("dask")
    scheduler_file = folder / "scheduler.json"
    logs = (folder / "scheduler.log").open("wb"), (folder / "worker.log").open("wb")
    scheduler = subprocess.Popen(
        [DASK, "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard", "--scheduler-file",
         scheduler_file],
        stdout=logs[0], stderr=subprocess.STDOUT,
    )
    worker = None
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while not scheduler_file.exists():
            assert scheduler.poll() is None, (folder / "scheduler.log").read_text()
            assert time.monotonic() < deadline, "the dask scheduler did not start"
            time.sleep(0.2)
        address = json.loads(scheduler_file.read_text())["address"]
        worker = subprocess.Popen(
            [DASK, "worker", address, "--nworkers", "1", "--nthreads", "1", "--no-dashboard",
             "--preload", HERE / "worker_preload.py"],
            stdout=logs[1], stderr=subprocess.STDOUT, cwd=folder,
        )
        with Client(address, timeout=STARTUP_SECONDS) as client:
            client.wait_for_workers(1, timeout=STARTUP_SECONDS)
        yield address
    finally:
        for process in (worker, scheduler):
            if process is not None:
                _stop(process)
        for log in logs:
            log.close()
