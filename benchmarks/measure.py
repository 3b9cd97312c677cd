"""Run one `legalcheck analyze` in this process and print its wall time, CPU time and peak memory as JSON.

Run as a child process by benchmarks/run.py, so each measurement has its own peak.
"""

from __future__ import annotations

import json
import resource
import sys
import time

from click.testing import CliRunner

from legalcheck.cli import main


def measure(args: list[str]) -> dict[str, float]:
    start = time.perf_counter()
    cpu = _cpu()
    result = CliRunner().invoke(main, ["analyze", *args, "--quiet"], catch_exceptions=False)
    seconds = time.perf_counter() - start
    cpu = _cpu() - cpu
    if result.exit_code != 0:
        raise SystemExit(f"analyze failed ({result.exit_code}): {result.output}")
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # the largest worker process
    return {"seconds": seconds, "cpu_seconds": cpu, "peak_mib": own / 1024, "worker_peak_mib": workers / 1024}


def _cpu() -> float:
    """CPU seconds of this process and its finished worker processes: what the run itself used, whatever else the
    machine is running."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime


if __name__ == "__main__":
    print(json.dumps(measure(sys.argv[1:])))
