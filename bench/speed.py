"""Speed and memory of ``kg build`` against raw spaCy, whole process, on corpora of growing size.

For every size (``--sizes``, default 100 and 1,000 articles; see :mod:`bench.corpus` for how they are made from the
real articles), the runs are interleaved in one benchmark: ``raw`` (``bench/raw_spacy.py``: the bare model's
``nlp.pipe`` over the same texts), ``kg build -s -j 1`` and ``kg build -s -j 2``, their order rotated between
repetitions so that a slow minute of a shared machine does not fall on one contender only. Each run is a fresh
process, timed from start to exit (start-up and model loading included), with

- ``wall_s``: elapsed seconds; ``cpu_s``: user + system seconds of the process and every process it started;
- ``peak_rss_mb``: the largest resident set of any one of those processes (from ``wait4``; the corpora are made
  in a process of their own, so the benchmark's children do not inherit a loaded model's memory), and
  ``peak_tree_rss_mb``: the largest sum over the process tree at once (sampled every 0.2 s; Dask workers included);
- for ``kg build``, the seconds per stage it reports (``kg build --stats``): model load, NLP, extraction,
  mapping, validation (summed over workers), reduce, export.

Results go to ``--json`` (default ``bench/results.json``) and a plot of time and memory against corpus size to
``--plot`` (default ``docs/scaling.png``). Benchmarks measure; nothing here asserts a time.

Usage: python bench/speed.py [--sizes 100 1000 10000] [--repeat 1] [--contenders raw "kg -j 1" "kg -j 2"]
                             [--work /tmp/newskg-bench] [--json bench/results.json] [--plot docs/scaling.png]
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil

BENCH = Path(__file__).resolve().parent
KG = Path(sys.executable).parent / "kg"
CONTENDERS = ("raw", "kg -j 1", "kg -j 2")
STAGES = ("load", "nlp", "extraction", "mapping", "validation", "reduce", "corpus", "export")


def command(contender: str, corpus: Path, out: Path, stats: Path) -> list[str]:
    if contender == "raw":
        return [sys.executable, str(BENCH / "raw_spacy.py"), str(corpus)]
    jobs = contender.rsplit(" ", 1)[1]
    return [str(KG), "build", str(corpus), "-o", str(out), "-s", "-j", jobs, "--stats", str(stats)]


def measure(argv: list[str]) -> dict[str, float | int]:
    """Run ``argv`` to its end: wall and CPU seconds, exit code, peak RSS of one process and of the tree."""
    start = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak_tree = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak_tree
        root = psutil.Process(process.pid)
        while not done.wait(0.2):
            try:
                tree = [root, *root.children(recursive=True)]
                peak_tree = max(peak_tree, sum(_rss(p) for p in tree))
            except psutil.NoSuchProcess:
                return

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stderr = process.stderr.read() if process.stderr else b""
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    done.set()
    sampler.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 1):  # 1: some articles quarantined, the others built: still a build
        raise SystemExit(f"{' '.join(argv)} failed with exit code {process.returncode}:\n{stderr.decode()[-2000:]}")
    return {
        "wall_s": round(wall, 2),
        "cpu_s": round(usage.ru_utime + usage.ru_stime, 2),
        "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),  # Linux reports kilobytes
        "peak_tree_rss_mb": round(peak_tree / 2**20, 1),
        "exit_code": process.returncode,
    }


def _sizes(out: Path) -> dict[str, float]:
    """Megabytes of each file and folder of an output set (the store folder as a whole)."""
    sizes = {}
    for path in sorted(out.iterdir()):
        files = [path] if path.is_file() else [f for f in path.rglob("*") if f.is_file()]
        sizes[path.name] = round(sum(f.stat().st_size for f in files) / 2**20, 2)
    return sizes


def _rss(process: psutil.Process) -> int:
    try:
        return process.memory_info().rss
    except psutil.NoSuchProcess:
        return 0


def run(sizes: list[int], repeat: int, work: Path, contenders: tuple[str, ...], results: Path) -> dict:
    """Every run, interleaved; the results file is rewritten after each run, so a long benchmark cut short (a
    shared machine, a deadline) still leaves what it measured."""
    corpora = {size: work / f"corpus-{size}" for size in sizes}
    pairs = [str(part) for size, folder in corpora.items() for part in (size, folder)]
    subprocess.run([sys.executable, str(BENCH / "corpus.py"), *pairs], check=True)
    runs = []
    for size_index, size in enumerate(sizes):
        corpus = corpora[size]
        for rep in range(repeat):
            shift = (size_index + rep) % len(contenders)
            for contender in contenders[shift:] + contenders[:shift]:
                out, stats = work / "out", work / "stats.json"
                shutil.rmtree(out, ignore_errors=True)
                stats.unlink(missing_ok=True)
                print(f"{size} articles, {contender} ...", file=sys.stderr, flush=True)
                record = {"articles": size, "contender": contender, "repetition": rep}
                record.update(measure(command(contender, corpus, out, stats)))
                if stats.exists():
                    record["build"] = json.loads(stats.read_text())
                    record["output_mb"] = _sizes(out)
                print(f"  {record}", file=sys.stderr, flush=True)
                runs.append(record)
                report = {"machine": _machine(), "runs": runs, "summary": summarise(runs)}
                results.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return report


def _machine() -> dict[str, object]:
    return {
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "load_average_at_end": [round(x, 2) for x in os.getloadavg()],
        "note": "a 2-core machine shared with other work while measured: wall times are noisy; compare ratios",
    }


def summarise(runs: list[dict]) -> dict[str, dict[str, float]]:
    """Per corpus size: the median of each measure per contender, the ratios, and the stages' shares."""
    summary = {}
    for size in sorted({run["articles"] for run in runs}):
        row: dict[str, float] = {}
        for contender in CONTENDERS:
            mine = [run for run in runs if run["articles"] == size and run["contender"] == contender]
            if not mine:
                continue
            key = contender.replace("kg -j ", "j").replace(" ", "")
            for measure_name in ("wall_s", "cpu_s", "peak_rss_mb", "peak_tree_rss_mb"):
                row[f"{key}_{measure_name}"] = _median([run[measure_name] for run in mine])
            stages = [run["build"]["seconds"] for run in mine if "build" in run]
            if stages:
                worked = {stage: _median([s.get(stage, 0.0) for s in stages]) for stage in STAGES}
                total = sum(worked.values())
                for stage, seconds in worked.items():
                    row[f"{key}_{stage}_s"] = seconds
                row[f"{key}_validation_share"] = round(worked["validation"] / total, 3) if total else 0.0
        if "raw_wall_s" in row:
            for key in ("j1", "j2"):
                if f"{key}_wall_s" in row:
                    row[f"{key}_to_raw_wall"] = round(row[f"{key}_wall_s"] / row["raw_wall_s"], 2)
                    row[f"{key}_to_raw_cpu"] = round(row[f"{key}_cpu_s"] / row["raw_cpu_s"], 2)
        if "j1_wall_s" in row and "j2_wall_s" in row:
            row["j2_speedup_over_j1"] = round(row["j1_wall_s"] / row["j2_wall_s"], 2)
        summary[str(size)] = row
    return summary


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else round((ordered[middle - 1] + ordered[middle]) / 2, 3)


def plot(results: dict, path: Path) -> None:
    """Time (wall) and peak memory against corpus size, one line per contender."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sizes = sorted(int(size) for size in results["summary"])
    figure, (times, memory) = plt.subplots(1, 2, figsize=(10, 4))
    for contender in CONTENDERS:
        key = contender.replace("kg -j ", "j").replace(" ", "")
        for axes, measure_name in ((times, "wall_s"), (memory, "peak_tree_rss_mb")):
            points = [(s, results["summary"][str(s)].get(f"{key}_{measure_name}")) for s in sizes]
            points = [(s, v) for s, v in points if v is not None]
            if points:
                axes.plot(*zip(*points), marker="o", label=contender)
    for axes, label in ((times, "seconds, whole process (wall)"), (memory, "peak RSS of the process tree, MB")):
        axes.set_xscale("log")
        axes.set_xlabel("articles")
        axes.set_ylabel(label)
        axes.grid(True, which="both", alpha=0.3)
        axes.legend()
    times.set_yscale("log")
    figure.suptitle("kg build against raw spaCy (2 shared cores: noisy, compare ratios)")
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=100)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000], help="corpus sizes (articles)")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each contender per size (median kept)")
    parser.add_argument("--contenders", nargs="+", choices=CONTENDERS, default=CONTENDERS, help="what to run")
    parser.add_argument("--work", type=Path, default=Path("/tmp/newskg-bench"), help="corpora and outputs")
    parser.add_argument("--json", type=Path, default=BENCH / "results.json", help="where the results go")
    parser.add_argument("--plot", type=Path, default=BENCH.parent / "docs" / "scaling.png", help="the plot")
    args = parser.parse_args()
    results = run(args.sizes, args.repeat, args.work, tuple(args.contenders), args.json)
    plot(results, args.plot)
    print(json.dumps(results["summary"], indent=2))


if __name__ == "__main__":
    main()
