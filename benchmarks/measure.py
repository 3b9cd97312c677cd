"""Run one `legalcheck analyze` in this process and print its wall time and peak memory as JSON.

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
    result = CliRunner().invoke(main, ["analyze", *args, "--quiet"], catch_exceptions=False)
    seconds = time.perf_counter() - start
    if result.exit_code != 0:
        raise SystemExit(f"analyze failed ({result.exit_code}): {result.output}")
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # the largest worker process
    return {"seconds": seconds, "peak_mib": own / 1024, "worker_peak_mib": workers / 1024}


if __name__ == "__main__":
    print(json.dumps(measure(sys.argv[1:])))
