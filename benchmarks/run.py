"""Benchmark `legalcheck analyze`: records per second with JSON and with HTML output, and peak memory.

    python benchmarks/run.py [--sizes 1000 10000]

Every figure is measured in this one run, each in a fresh process (the fastest of two), and the ratios compare
them. Peak memory is the larger of the main process's and the largest worker's resident set.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from corpus import make_corpus

HERE = Path(__file__).resolve().parent
TARGETS = {"json": 500.0, "html": 200.0}
MEMORY_RATIO_LIMIT = 1.5


def run(
    corpus: Path, out: Path, fmt: str, evaluator: str | None = None, jobs: int | None = None, repeat: int = 2
) -> dict[str, float]:
    """The fastest of ``repeat`` runs (this machine's timings vary run to run), with the highest peak memory seen."""
    runs = [run_once(corpus, out / str(i), fmt, evaluator, jobs) for i in range(repeat)]
    return {
        "seconds": min(r["seconds"] for r in runs),
        **{k: max(r[k] for r in runs) for k in ("peak_mib", "worker_peak_mib")},
    }


def run_once(
    corpus: Path, out: Path, fmt: str, evaluator: str | None = None, jobs: int | None = None
) -> dict[str, float]:
    env = dict(os.environ)
    if evaluator:
        env["LEGALCHECK_EVALUATOR"] = evaluator
    cmd = [sys.executable, str(HERE / "measure.py"), str(corpus), "--out", str(out), "--format", fmt]
    if jobs is not None:
        cmd += ["--jobs", str(jobs)]
    done = subprocess.run(cmd, check=True, capture_output=True, text=True, env=env)
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs=2, default=[1000, 10000], metavar=("SMALL", "LARGE"))
    args = parser.parse_args()
    small, large = args.sizes
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        peaks: dict[int, float] = {}
        warm = root / "warm-up"
        make_corpus(warm, 200)
        run_once(warm, root / "warm-up-out", "html")  # unmeasured: the first run on a fresh machine is slower
        for size in (small, large):
            corpus = root / f"corpus-{size}"
            make_corpus(corpus, size)
            os.sync()  # let the corpus reach the disk before anything is timed
            for fmt in ("json", "html"):
                m = run(corpus, root / f"out-{size}-{fmt}", fmt)
                rate = size / m["seconds"]
                verdict = "ok" if rate >= TARGETS[fmt] else "BELOW TARGET"
                if verdict != "ok":
                    failures.append(f"{fmt} at {size}")
                print(
                    f"{size:>6} records, --format {fmt:<4}: {m['seconds']:7.2f} s, {rate:8.0f} records/s "
                    f"({rate / TARGETS[fmt]:.2f}x the {TARGETS[fmt]:.0f}/s target, {verdict}), "
                    f"peak {m['peak_mib']:.0f} MiB (largest worker {m['worker_peak_mib']:.0f} MiB)"
                )
                peaks[size] = max(peaks.get(size, 0.0), m["peak_mib"], m["worker_peak_mib"])
        ratio = peaks[large] / peaks[small]
        verdict = "ok" if ratio <= MEMORY_RATIO_LIMIT else "ABOVE LIMIT"
        if verdict != "ok":
            failures.append("memory")
        print(
            f"peak memory {large} vs {small} records: {peaks[large]:.0f} / {peaks[small]:.0f} MiB = {ratio:.2f}x "
            f"(limit {MEMORY_RATIO_LIMIT}x, {verdict})"
        )
        corpus = root / f"corpus-{small}"
        fast = run(corpus, root / "eval-rs", "json", "jsonschema_rs")
        slow = run(corpus, root / "eval-py", "json", "jsonschema")
        serial = run(corpus, root / "serial", "json", jobs=1)
        print(
            f"workers, {small} records, --format json: one process {small / serial['seconds']:.0f} records/s, "
            f"default workers {small / fast['seconds']:.0f} records/s: {serial['seconds'] / fast['seconds']:.2f}x"
        )
        print(
            f"evaluator, {small} records, --format json: jsonschema_rs {small / fast['seconds']:.0f} records/s, "
            f"jsonschema {small / slow['seconds']:.0f} records/s: jsonschema_rs is "
            f"{slow['seconds'] / fast['seconds']:.1f}x faster"
        )
    if failures:
        print("not met: " + ", ".join(failures))
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
