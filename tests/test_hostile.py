"""The bad-input corpus: every case in tests/cases/hostile/FAMILY/NAME.json (see scripts/make_hostile_cases.py).

Each case is run in a fresh folder, in process with click's runner (an uncaught exception fails the test, as a
traceback would), or as a subprocess where only a real process shows the fault (deep recursion, worker
processes, a billion laughs). Every case checks: the exit code; each expected fragment (the file, the line or
pointer, the key fact) in the output; no traceback; no input modified; and, when the command fails, nothing
written (no output folder, or the previous run's outputs exactly as they were).
"""

from __future__ import annotations

import base64
import copy
import errno
import hashlib
import json
import os
import pathlib
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import CASES, ROOT, SEEDS, run_cli
from legalcheck.authoring import scaffold

HOSTILE = CASES / "hostile"
CASE_FILES = sorted(HOSTILE.glob("*/*.json"))


def test_the_corpus_is_large_and_covers_every_family() -> None:
    families = {p.parent.name for p in CASE_FILES}
    assert len(CASE_FILES) >= 300
    assert {"json-syntax", "encodings", "depth", "numbers", "yaml-tags", "yaml-aliases", "record-schema"} <= families
    assert {"rule-references", "rule-regex", "ids", "dates", "cli", "faults"} <= families


def _base(kind: str) -> Any:
    data = scaffold.incident("case", "") if kind == "incident" else scaffold.checklist("case-rules", "")
    data.pop("$schema", None)
    return data


def _tokens(pointer: str) -> list[str]:
    return [t.replace("~1", "/").replace("~0", "~") for t in pointer.split("/")[1:]]


def _get(data: Any, pointer: str) -> Any:
    for token in _tokens(pointer):
        data = data[int(token)] if isinstance(data, list) else data[token]
    return data


def _set(data: Any, pointer: str, value: Any) -> None:
    *parents, last = _tokens(pointer)
    for token in parents:
        data = data[int(token)] if isinstance(data, list) else data.setdefault(token, {})
    if isinstance(value, str) and value.startswith("@copy:"):
        value = copy.deepcopy(_get(_ROOT[0], value[len("@copy:") :]))
    if isinstance(data, list):
        index = int(last)
        if index == len(data):
            data.append(value)
        else:
            data[index] = value
    else:
        data[last] = value


_ROOT: list[Any] = [None]


def _remove(data: Any, pointer: str) -> None:
    *parents, last = _tokens(pointer)
    for token in parents:
        data = data[int(token)] if isinstance(data, list) else data[token]
    del data[int(last) if isinstance(data, list) else last]


def _content(spec: dict[str, Any]) -> bytes:
    if "text" in spec:
        return str(spec["text"]).encode("utf-8")
    if "base64" in spec:
        return base64.b64decode(spec["base64"])
    if "nested" in spec:
        n = spec["nested"]
        return (n["before"] + n["open"] * n["depth"] + n["inner"] + n["close"] * n["depth"] + n["after"]).encode()
    data = _base(spec["base"])
    _ROOT[0] = data
    for pointer in spec.get("remove", []):
        _remove(data, pointer)
    for pointer, value in spec.get("set", {}).items():
        _set(data, pointer, value)
    if spec["format"] == "yaml":
        written = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    else:
        written = json.dumps(data, indent=2, ensure_ascii=True) + "\n"
    for old, new in spec.get("replace", []):
        written = written.replace(old, new)
    return written.encode("utf-8")


def _snapshot(folder: Path) -> dict[str, str]:
    """Every entry under ``folder`` (links not followed): its kind and, for a file, a hash of its bytes."""
    found = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if path.is_symlink():
            found[rel] = "link:" + os.readlink(path)
        elif path.is_file():
            found[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
        elif path.is_dir():
            found[rel] = "dir"
        else:
            found[rel] = "special"
    return found


def _reader_view(out: Path) -> dict[str, str]:
    """What a reader of the output folder sees: each visible file's bytes."""
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(out.iterdir())
        if not p.name.startswith(".") and p.is_file()
    }


class _FullFile:
    """A file on a disk with ``room`` bytes left."""

    def __init__(self, handle: Any, room: int) -> None:
        self._handle = handle
        self._room = room

    def write(self, data: Any) -> int:
        self._room -= len(data)
        if self._room < 0:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return int(self._handle.write(data))

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def __enter__(self) -> _FullFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self._handle.close()

    def close(self) -> None:
        self._handle.close()


def _inject(fault: str, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_open = pathlib.Path.open
    if fault == "disk-full":

        def full_open(self: Path, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
            handle = real_open(self, mode, *args, **kwargs)
            if "w" in mode and "/.legalcheck/runs/" in self.as_posix():
                return _FullFile(handle, room=2000)
            return handle

        monkeypatch.setattr(pathlib.Path, "open", full_open)
    elif fault == "read-only":

        def read_only(*args: Any, **kwargs: Any) -> None:
            raise OSError(errno.EROFS, os.strerror(errno.EROFS))

        monkeypatch.setattr(os, "replace", read_only)
    elif fault == "unreadable":

        def unreadable(self: Path, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
            if self.is_relative_to(folder):
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self))
            return real_open(self, mode, *args, **kwargs)

        monkeypatch.setattr(pathlib.Path, "open", unreadable)
    else:  # pragma: no cover - a case naming an unknown fault
        raise AssertionError(f"unknown fault {fault!r}")


@pytest.mark.parametrize("case_file", CASE_FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_hostile_case(case_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    spec = json.loads(case_file.read_text())
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    for name, file_spec in spec.get("files", {}).items():
        (inputs / name).parent.mkdir(parents=True, exist_ok=True)
        (inputs / name).write_bytes(_content(file_spec))
    if "fifo" in spec:
        (inputs / spec["fifo"]).parent.mkdir(parents=True, exist_ok=True)
        os.mkfifo(inputs / spec["fifo"])
    if spec.get("previous_run"):
        assert run_cli("analyze", str(SEEDS), "--out", str(out), "-q").exit_code == 0
    before_inputs, before_seeds = _snapshot(inputs), _snapshot(SEEDS)
    before_view = _reader_view(out) if out.exists() else None
    places = {"{in}": str(inputs), "{out}": str(out), "{tmp}": str(tmp_path), "{seeds}": str(SEEDS)}
    args = []
    for arg in spec["command"]:
        for key, value in places.items():
            arg = arg.replace(key, value)
        args.append(arg)
    monkeypatch.chdir(tmp_path)
    for key, value in spec.get("env", {}).items():
        monkeypatch.setenv(key, value)

    if spec.get("subprocess"):
        env = {**os.environ, **spec.get("env", {}), "PYTHONPATH": str(ROOT)}
        done = subprocess.run(
            [sys.executable, "-m", "legalcheck", *args],
            capture_output=True,
            text=True,
            errors="replace",
            env=env,
            cwd=tmp_path,
            timeout=120,
            check=False,
        )
        exit_code, output = done.returncode, done.stdout + done.stderr
    else:
        if "fault" in spec:
            _inject(spec["fault"], inputs, monkeypatch)
        result = run_cli(*args)
        monkeypatch.undo()
        exit_code, output = result.exit_code, result.output

    assert "Traceback" not in output, output
    assert exit_code == spec["exit"], output
    for fragment in spec["expect"]:
        assert fragment in output, f"{fragment!r} not in:\n{output}"
    after_inputs = _snapshot(inputs)
    assert {k: after_inputs.get(k) for k in before_inputs} == before_inputs, "an input was modified"
    assert _snapshot(SEEDS) == before_seeds, "a seed was modified"
    if exit_code != 0:
        assert after_inputs == before_inputs, "a failed run wrote into the input folder"
        if before_view is None:
            assert not out.exists(), "a failed run must write nothing"
        else:
            assert _reader_view(out) == before_view, "a failed run changed what readers see"
            runs = list((out / ".legalcheck" / "runs").iterdir())
            assert len(runs) == 1, "a failed run leaves no run folder behind"
