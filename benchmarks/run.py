"""Benchmark `legalcheck analyze` against the limit, every figure measured in this one run.

    python benchmarks/run.py [--records 2000] [--memory-sizes 1000 100000] [--repeat 2]

The limit is the work no analysis can avoid: reading each record and evaluating every distinct compiled condition of
the project's own rule files on every item it selects (benchmarks/limit.py), on one core. Analysis times are printed
as ratios to it, each the fastest of ``--repeat`` runs in a fresh process, taken in turn with the limit (timings on
a shared machine vary from run to run, and drift within one). Verdicts are on wall time; the CPU time the run used
(its own and its workers') is printed beside it, as ratios that other load on the machine changes less. Targets:
JSON output on one core within 1.5 times the limit, HTML within 3 times; the default worker processes at least 1.7
times as fast as one (a JSON run on one core and one with the workers, taken one after the other in each round: the
best round's ratio, every round's printed); peak memory (the larger of the main process's and the largest worker's)
at the large JSON Lines corpus at most 1.2 times that at the small one; a one-record run, start to finish, at most
0.2 s (with the package's bytecode compiled, as an installed package has it).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpus import make_corpus, make_lines

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
LIMITS = {"json": 1.5, "html": 3.0}
WORKER_GAIN = 1.7
MEMORY_RATIO_LIMIT = 1.2
START_UP_LIMIT = 0.2


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # measure with compiled bytecode, as an installed package has it
    return env


def child(script: str, *args: str) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, str(HERE / script), *args], check=True, capture_output=True, text=True, env=_env()
    )
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def analyze(corpus: Path, out: Path, fmt: str, jobs: int | None, repeat: int) -> dict[str, float]:
    """The fastest of ``repeat`` runs (each in a fresh process), with the highest peak memory seen."""
    runs = []
    for i in range(repeat):
        args = [str(corpus), "--out", str(out / str(i)), "--format", fmt]
        if jobs is not None:
            args += ["--jobs", str(jobs)]
        runs.append(child("measure.py", *args))
    return {
        "seconds": min(r["seconds"] for r in runs),
        "cpu_seconds": min(r["cpu_seconds"] for r in runs),
        "peak_mib": max(max(r["peak_mib"], r["worker_peak_mib"]) for r in runs),
    }


def start_up(record: Path, out: Path, repeat: int) -> tuple[float, float]:
    """Wall time of a one-record run in a fresh interpreter, and of an interpreter that does nothing (best of)."""

    def best(cmd: list[str]) -> float:
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            subprocess.run(cmd, check=True, capture_output=True, env=_env())
            times.append(time.perf_counter() - start)
        return min(times)

    cmd = [sys.executable, "-m", "legalcheck", "analyze", str(record), "--out", str(out), "--format", "json", "-q"]
    return best(cmd), best([sys.executable, "-c", "pass"])


def verdict(ok: bool, failures: list[str], name: str) -> str:
    if not ok:
        failures.append(name)
    return "ok" if ok else "NOT MET"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, default=2000, help="records in the corpus timed against the limit")
    parser.add_argument("--memory-sizes", type=int, nargs=2, default=[1000, 100_000], metavar=("SMALL", "LARGE"))
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    failures: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        corpus = root / "corpus"
        make_corpus(corpus, args.records)
        warm = root / "warm-up"
        make_corpus(warm, 100)
        analyze(warm, root / "warm-out", "html", None, 1)  # unmeasured: compiles bytecode, warms the disk cache
        os.sync()
        # Taken in turn, round after round (the limit, JSON on one core, JSON with the workers, HTML, then again), so
        # that a machine whose speed drifts during the run slows them alike; each figure is the fastest of its
        # rounds, and the workers' gain is that of the best round (the two JSON runs of a round are taken one after
        # the other, so that drift between rounds does not count as gain or loss).
        rounds: dict[str, list[dict[str, float]]] = {"limit": [], "json": [], "html": [], "workers": []}
        for i in range(args.repeat):
            rounds["limit"].append(child("limit.py", str(corpus)))
            rounds["json"].append(analyze(corpus, root / f"out-json-{i}", "json", 1, 1))
            rounds["workers"].append(analyze(corpus, root / f"out-workers-{i}", "json", None, 1))
            rounds["html"].append(analyze(corpus, root / f"out-html-{i}", "html", 1, 1))
        limit = min(m["seconds"] for m in rounds["limit"])
        limit_cpu = min(m["cpu_seconds"] for m in rounds["limit"])
        n = args.records
        print(
            f"limit: {n} records, {rounds['limit'][0]['evaluations'] / n:.0f} evaluations of "
            f"{rounds['limit'][0]['conditions']:.0f} distinct conditions per record: {limit:.2f} s, "
            f"{n / limit:.0f} records/s on one core (CPU {limit_cpu:.2f} s)"
        )
        one: dict[str, float] = {}
        for fmt in ("json", "html"):
            seconds = min(m["seconds"] for m in rounds[fmt])
            cpu = min(m["cpu_seconds"] for m in rounds[fmt])
            one[fmt] = seconds
            ratio = seconds / limit
            ok = verdict(ratio <= LIMITS[fmt], failures, f"--format {fmt}")
            print(
                f"--format {fmt:<4} on one core: {seconds:.2f} s, {n / seconds:.0f} records/s = "
                f"{ratio:.2f}x the limit (target {LIMITS[fmt]}x: {ok}); CPU {cpu:.2f} s = "
                f"{cpu / limit_cpu:.2f}x the limit's CPU"
            )
        seconds = min(m["seconds"] for m in rounds["workers"])
        gains = [j["seconds"] / w["seconds"] for j, w in zip(rounds["json"], rounds["workers"], strict=True)]
        gain = max(gains)
        ok = verdict(gain >= WORKER_GAIN, failures, "workers")
        print(
            f"--format json, default workers ({os.cpu_count()} cores): {seconds:.2f} s = "
            f"{seconds / limit:.2f}x the limit, {gain:.2f}x one core in the best round (target {WORKER_GAIN}x: "
            f"{ok}; rounds: {', '.join(f'{g:.2f}x' for g in gains)})"
        )
        small, large = args.memory_sizes
        peaks = {}
        for size in (small, large):
            lines = root / f"corpus-{size}.jsonl"
            make_lines(lines, size)
            m = analyze(lines, root / f"out-mem-{size}", "json", None, 1)
            peaks[size] = m["peak_mib"]
            print(
                f"JSON Lines corpus of {size} records, --format json: {m['seconds']:.1f} s, "
                f"peak {m['peak_mib']:.0f} MiB"
            )
            lines.unlink()
            subprocess.run(["rm", "-rf", str(root / f"out-mem-{size}")], check=True)
        ratio = peaks[large] / peaks[small]
        ok = verdict(ratio <= MEMORY_RATIO_LIMIT, failures, "memory")
        print(f"peak memory {large} vs {small} records: {ratio:.2f}x (target {MEMORY_RATIO_LIMIT}x: {ok})")
        record = root / "one.json"
        record.write_bytes((ROOT / "seeds" / "boat-strike-2025-09.json").read_bytes())
        seconds, bare = start_up(record, root / "out-one", max(5, args.repeat))
        ok = verdict(seconds <= START_UP_LIMIT, failures, "start-up")
        print(
            f"start-up, one record, --format json: {seconds:.3f} s (target {START_UP_LIMIT} s: {ok}); "
            f"an interpreter that does nothing: {bare:.3f} s"
        )
    if failures:
        print("not met: " + ", ".join(failures))
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
