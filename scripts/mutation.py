"""Mutation testing of the engine, loading and the CLI's exit-code logic: how many deliberate bugs the tests catch.

    pip install -e '.[test,mutation]'
    python scripts/mutation.py              # run every mutant not yet run (results are kept in mutants/), then report
    python scripts/mutation.py --report     # only report the results kept from earlier runs
    python scripts/mutation.py --rerun      # run the surviving mutants again (after adding tests), then report
    python scripts/mutation.py --fresh      # forget earlier results and run everything
    python scripts/mutation.py --sample 600 # run (and report on) a fixed random sample of the mutants

mutmut makes each mutant (an operator, constant or call changed in one function), runs the tests that reach that
function (from the fast subset that pyproject.toml's [tool.mutmut] names) and records whether a test failed. This
script prints the score per package and overall, and every surviving mutant: each either shows a missing test or
is equivalent to the original code; docs/mutation-testing.md lists the equivalent ones with the reason, and the
score is given both as measured and with those set aside. It is CPU-heavy (every mutant of the three packages takes
over an hour on two busy cores), so it is not part of tests/run.sh; it runs at low priority with at most --jobs
worker processes, and --sample N measures a fixed random sample (the same N mutants for the same code) instead.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EQUIVALENTS_DOC = ROOT / "docs" / "mutation-testing.md"
PACKAGES = ("legalcheck.engine", "legalcheck.loading", "legalcheck.cli")
CAUGHT = {"killed", "timeout", "caught by type check", "segfault"}
RESULT = re.compile(r"^\s*(legalcheck\.\S+): (.+)$")
SAMPLE_FILE = ROOT / "mutants" / "sample.txt"


def mutmut(*args: str, check: bool = True) -> str:
    env = dict(os.environ, HYPOTHESIS_PROFILE=os.environ.get("HYPOTHESIS_PROFILE", "quick"))
    done = subprocess.run(
        [sys.executable, "-m", "mutmut", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    if check and done.returncode != 0:
        sys.exit(f"mutmut {' '.join(args)} failed ({done.returncode}):\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    return done.stdout


def results() -> dict[str, str]:
    """Every mutant's name and status, from the results mutmut keeps."""
    found: dict[str, str] = {}
    for line in mutmut("results", "--all", "true").splitlines():
        m = RESULT.match(line)
        if m:
            found[m.group(1)] = m.group(2).strip()
    return found


def documented_equivalents() -> set[str]:
    """Mutant names listed in docs/mutation-testing.md as equivalent (each in backticks at the start of a line)."""
    if not EQUIVALENTS_DOC.is_file():
        return set()
    return set(re.findall(r"^\s*[-*] `(legalcheck\.[^`]+)`", EQUIVALENTS_DOC.read_text(encoding="utf-8"), re.M))


def package_of(name: str) -> str:
    return next((p for p in PACKAGES if name.startswith(p + ".")), "other")


def report(found: dict[str, str], show: bool) -> int:
    equivalents = documented_equivalents()
    if SAMPLE_FILE.is_file():
        sample = set(SAMPLE_FILE.read_text(encoding="utf-8").split())
        print(f"a sample of {len(sample & set(found))} of the {len(found)} mutants (python scripts/mutation.py --all)")
        found = {n: s for n, s in found.items() if n in sample}
    print(
        f"{'package':<20} {'mutants':>8} {'caught':>8} {'survived':>9} {'not run':>8} {'score':>7} {'w/o equiv.':>11}"
    )
    totals: Counter[str] = Counter()
    for package in (*PACKAGES, "all"):
        names = [n for n in found if package == "all" or package_of(n) == package]
        caught = sum(found[n] in CAUGHT for n in names)
        unchecked = sum(found[n] == "not checked" for n in names)
        survived = len(names) - caught - unchecked
        equivalent = sum(n in equivalents and found[n] not in CAUGHT for n in names)
        checked = len(names) - unchecked
        score = 100 * caught / checked if checked else 0.0
        adjusted = 100 * caught / (checked - equivalent) if checked - equivalent else 0.0
        print(
            f"{package:<20} {len(names):>8} {caught:>8} {survived:>9} {unchecked:>8} {score:>6.1f}% {adjusted:>10.1f}%"
        )
        if package == "all":
            totals.update(caught=caught, checked=checked)
    survivors = sorted(n for n, s in found.items() if s not in CAUGHT and s != "not checked")
    unexplained = [n for n in survivors if n not in equivalents]
    print(f"\n{len(survivors)} surviving mutants, {len(survivors) - len(unexplained)} of them documented as equivalent")
    for name in survivors:
        mark = "equivalent" if name in equivalents else found[name]
        print(f"  {name}  [{mark}]")
        if show and name not in equivalents:
            diff = [ln for ln in mutmut("show", name, check=False).splitlines() if ln.startswith(("-    ", "+    "))]
            print("\n".join("      " + ln.strip() for ln in diff[:6]))
    stale = sorted(n for n in equivalents if found.get(n) in CAUGHT)
    if stale:
        print(f"\nlisted as equivalent but not surviving (update {EQUIVALENTS_DOC.relative_to(ROOT)}): {stale}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--jobs", type=int, default=2, help="worker processes (default 2)")
    parser.add_argument("--report", action="store_true", help="report the kept results without running mutants")
    parser.add_argument("--rerun", action="store_true", help="run the surviving mutants again, then report")
    parser.add_argument("--fresh", action="store_true", help="forget kept results (delete mutants/) and run all")
    parser.add_argument("--show", action="store_true", help="print each unexplained survivor's change")
    parser.add_argument("--sample", type=int, help="run and report on a fixed random sample of this many mutants")
    parser.add_argument("--all", action="store_true", help="report on every mutant, not on the sample")
    parser.add_argument("names", nargs="*", help="run only these mutants (mutmut names or globs)")
    args = parser.parse_args()
    if shutil.which("nice") and os.nice(0) < 10:
        os.nice(10)  # the machine is shared: mutants run at low priority
    if args.fresh:
        shutil.rmtree(ROOT / "mutants", ignore_errors=True)
    if args.all or args.fresh:
        SAMPLE_FILE.unlink(missing_ok=True)
    if args.sample:
        if not (ROOT / "mutants").is_dir():
            mutmut("run", "--max-children", str(args.jobs), "legalcheck.cli.x__register__mutmut_1", check=False)
        every = sorted(results())
        chosen = sorted(random.Random(20251201).sample(every, min(args.sample, len(every))))  # noqa: S311 - not a secret
        SAMPLE_FILE.write_text("\n".join(chosen) + "\n", encoding="utf-8")
    if not args.report:
        names = list(args.names)
        if args.sample:
            names = chosen
        if args.rerun:
            sample = set(SAMPLE_FILE.read_text(encoding="utf-8").split()) if SAMPLE_FILE.is_file() else None
            names = [
                n
                for n, s in results().items()
                if s not in CAUGHT and s != "not checked" and (sample is None or n in sample)
            ]
            if not names:
                print("no surviving mutants to run again")
        if names or not args.rerun:
            mutmut("run", "--max-children", str(args.jobs), *names, check=False)
    return report(results(), args.show)


if __name__ == "__main__":
    raise SystemExit(main())
