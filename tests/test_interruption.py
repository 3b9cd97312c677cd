"""Interrupted runs: a reader sees one complete run, the old one or the new one, never a mix; the next run leaves
no run folder of a dead run behind; worker processes die with their run.

Runs are real processes killed with SIGKILL: at random moments, and exactly around the final switch (a wrapper
kills the process from inside ``os.replace`` just before, or just after, the link ``current`` is replaced).
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT
from legalcheck.authoring import scaffold

RECORDS_A = 40
RECORDS_B = 48  # run B has names run A lacks: a mix would show


def _records(folder: Path, title: str, count: int) -> None:
    folder.mkdir()
    for i in range(count):
        record = scaffold.incident(f"rec-{i:03d}", "")
        record.pop("$schema")
        record["title"] = title
        (folder / f"rec-{i:03d}.json").write_text(json.dumps(record))


def _command(records: Path, out: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "legalcheck", "analyze", str(records), "--out", str(out), "-q", *extra]


ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


def _run(args: list[str]) -> None:
    subprocess.run(args, check=True, env=ENV, capture_output=True, timeout=300)


def _reader_view(out: Path) -> tuple[str, set[str]]:
    """Which run a reader sees (its title), and the names that open; fails on a mix."""
    titles: set[str] = set()
    names: set[str] = set()
    for entry in out.iterdir():
        if entry.name.startswith(".") or not entry.exists():  # a link of a run not switched in opens nothing
            continue
        names.add(entry.name)
        if entry.suffix == ".json" and entry.name != "rules.json":
            titles.add(json.loads(entry.read_text())["incident"]["title"])
        elif entry.name == "index.html":
            text = entry.read_text()
            titles.update(t for t in ("Run A", "Run B") if t in text)
    assert len(titles) == 1, f"a mix of runs: {titles}"
    return titles.pop(), names


def _expected_names(count: int) -> set[str]:
    pages = {"index.html", "campaign.html", "questions.html", "rules.json"}
    return pages | {f"rec-{i:03d}.{ext}" for i in range(count) for ext in ("html", "brief.html", "json")}


def _check_one_run(out: Path) -> str:
    title, names = _reader_view(out)
    assert names == _expected_names(RECORDS_A if title == "Run A" else RECORDS_B), "an incomplete run"
    return title


def _check_clean(out: Path) -> None:
    state = out / ".legalcheck"
    runs = sorted(p.name for p in (state / "runs").iterdir())
    kept = {Path(os.readlink(state / name)).name for name in ("current", "previous") if (state / name).is_symlink()}
    assert set(runs) == kept, f"run folders of dead runs left behind: {set(runs) - kept}"
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")], "temporary links left behind"


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("inputs")
    _records(root / "a", "Run A", RECORDS_A)
    _records(root / "b", "Run B", RECORDS_B)
    return root / "a", root / "b"


def test_killed_at_random_moments(inputs: tuple[Path, Path], tmp_path: Path) -> None:
    run_a, run_b = inputs
    out = tmp_path / "out"
    started = time.monotonic()
    _run(_command(run_a, out))
    duration = time.monotonic() - started
    rng = random.Random(20250910)
    seen = set()
    for attempt in range(4):
        source = run_b if attempt % 2 == 0 else run_a
        extra = ("--jobs", "2") if attempt % 3 == 0 else ()
        process = subprocess.Popen(_command(source, out, *extra), env=ENV, stderr=subprocess.PIPE)
        time.sleep(rng.uniform(0.3, 1.2) * duration)
        process.kill()
        _, stderr = process.communicate(timeout=60)
        assert b"Traceback" not in stderr
        seen.add(_check_one_run(out))
    _run(_command(run_b, out))
    assert _check_one_run(out) == "Run B"
    _check_clean(out)


KILLER = """
import os, signal, sys
moment = sys.argv[1]
real = os.replace
def replace(src, dst, *args, **kwargs):
    if os.path.basename(os.fspath(dst)) == "current":
        if moment == "before":
            os.kill(os.getpid(), signal.SIGKILL)
        real(src, dst, *args, **kwargs)
        os.kill(os.getpid(), signal.SIGKILL)
    return real(src, dst, *args, **kwargs)
os.replace = replace
from legalcheck.cli import main
sys.argv = ["legalcheck", *sys.argv[2:]]
main()
"""


@pytest.mark.parametrize("moment", ["before", "after"])
def test_killed_around_the_switch(inputs: tuple[Path, Path], tmp_path: Path, moment: str) -> None:
    run_a, run_b = inputs
    out = tmp_path / "out"
    _run(_command(run_a, out))
    killed = subprocess.run(
        [sys.executable, "-c", KILLER, moment, *_command(run_b, out)[3:]], env=ENV, capture_output=True, timeout=300
    )
    assert killed.returncode == -signal.SIGKILL
    assert _check_one_run(out) == ("Run A" if moment == "before" else "Run B")
    _run(_command(run_a, out))
    assert _check_one_run(out) == "Run A"
    _check_clean(out)


def _children(pid: int) -> list[int]:
    found = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":\t", 1) for line in status.read_text().splitlines() if ":\t" in line)
        except OSError:
            continue
        if fields.get("PPid", "").strip() == str(pid):
            found.append(int(status.parent.name))
    return found


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_workers_die_with_their_run(inputs: tuple[Path, Path], tmp_path: Path) -> None:
    _, run_b = inputs
    process = subprocess.Popen(
        _command(run_b, tmp_path / "out", "--jobs", "2"), env=ENV, stderr=subprocess.PIPE, stdout=subprocess.PIPE
    )
    workers: list[int] = []
    deadline = time.monotonic() + 60
    while len(workers) < 2 and process.poll() is None and time.monotonic() < deadline:
        workers = _children(process.pid)
        time.sleep(0.02)
    if len(workers) < 2:
        process.communicate()
        pytest.skip("the run ended before its workers could be seen")
    process.kill()
    _, stderr = process.communicate(timeout=60)
    deadline = time.monotonic() + 10
    alive = workers
    while alive and time.monotonic() < deadline:
        alive = [pid for pid in workers if Path(f"/proc/{pid}").exists() and "Z" not in _state(pid)]
        time.sleep(0.05)
    assert not alive, "worker processes outlived their run"
    assert b"Traceback" not in stderr


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return "Z"
