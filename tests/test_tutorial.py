"""docs/writing-rules.md cannot rot: its files are docs/examples/ verbatim, and its commands are run here.

The tutorial's fenced blocks are read in order, in one temporary folder:

* a ``json PATH`` block is written to PATH (the reader's editing step); if docs/examples has a file of that
  name, the block must equal it;
* each ``legalcheck ...`` line of an ``sh`` block is run; it must exit 0, or the code a trailing
  ``# exit N`` comment gives;
* every line of a ``text output`` block must appear in the output of the sh block before it
  (a line ``...`` is skipped; a line ending in ``...`` is matched as a prefix).
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from conftest import ROOT, run_cli

TUTORIAL = ROOT / "docs" / "writing-rules.md"
EXAMPLES = ROOT / "docs" / "examples"
FENCE = re.compile(r"^```(\w*)[ \t]*([^\n]*)\n(.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)
EXIT = re.compile(r"#\s*exit\s+(\d+)\s*$")


def _blocks() -> list[tuple[str, str, str]]:
    return [(m.group(1), m.group(2).strip(), m.group(3)) for m in FENCE.finditer(TUTORIAL.read_text(encoding="utf-8"))]


def test_example_files_are_in_the_tutorial_verbatim() -> None:
    shown = {Path(info).name: body for lang, info, body in _blocks() if lang == "json" and info}
    for example in sorted(EXAMPLES.glob("*.json")):
        assert example.name in shown, f"{example.name} is not included in the tutorial"
        assert shown[example.name] == example.read_text(encoding="utf-8"), (
            f"the tutorial's copy of {example.name} differs from docs/examples"
        )


def test_tutorial_commands_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    ran = 0
    last_output = ""
    for lang, info, body in _blocks():
        if lang == "json" and info:
            target = tmp_path / info
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(body, encoding="utf-8")
        elif lang == "sh":
            last_output = ""
            for line in body.splitlines():
                if not line.startswith("legalcheck "):
                    continue
                expected = int(m.group(1)) if (m := EXIT.search(line)) else 0
                args = shlex.split(line, comments=True)[1:]
                result = run_cli(*args)
                assert result.exit_code == expected, (
                    f"`{line}` exited {result.exit_code}, expected {expected}:\n{result.output}"
                )
                last_output += result.output
                ran += 1
        elif lang == "text" and info == "output":
            for want in body.splitlines():
                if want.strip() == "...":
                    continue
                needle = want[:-3] if want.endswith("...") else want
                assert needle in last_output, f"{needle!r} not in the output:\n{last_output}"
    assert ran >= 10, "the tutorial should walk through validate, lint, test and analyze"
    assert (tmp_path / "reports" / "example-designation.json").is_file()
