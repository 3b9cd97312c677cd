"""`--fail-on` and `--fail-severity`: which questions count, and the exit code and message they give.

tests/data/fail-on/ holds a checklist with one question of each kind and a record that gives them: raised and open
(high and low severity), open and raised by nobody (medium), contested (low), answered and not applicable (high).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT, run_cli

DATA = ROOT / "tests" / "data" / "fail-on"

# (--fail-on values, --fail-severity or None, the number of questions that meet them)
MATRIX = [
    (("open",), None, 3),
    (("open",), "low", 3),
    (("open",), "medium", 2),
    (("open",), "high", 1),
    (("raised-open",), None, 2),
    (("raised-open",), "medium", 1),
    (("raised-open",), "high", 1),
    (("unraised-open",), None, 1),
    (("unraised-open",), "medium", 1),
    (("unraised-open",), "high", 0),
    (("contested",), None, 1),
    (("contested",), "medium", 0),
    (("raised-open", "contested"), None, 3),
    (("unraised-open", "contested"), None, 2),
    (("open", "raised-open"), None, 3),  # a question that meets two values counts once
    ((), None, 0),
    ((), "high", 0),
]


def _analyze(tmp_path: Path, *extra: str) -> tuple[int, str, Path]:
    out = tmp_path / "out"
    result = run_cli(
        "analyze",
        str(DATA / "record.json"),
        "--rules",
        str(DATA / "rules.json"),
        "--checklist",
        "fail-on-kinds",
        "--out",
        str(out),
        "--format",
        "json",
        *extra,
    )
    return result.exit_code, result.output, out


@pytest.mark.parametrize(("fail_on", "severity", "meeting"), MATRIX)
def test_fail_on_counts_the_questions_it_names(
    tmp_path: Path, fail_on: tuple[str, ...], severity: str | None, meeting: int
) -> None:
    args = [a for value in fail_on for a in ("--fail-on", value)]
    if severity is not None:
        args += ["--fail-severity", severity]
    code, output, out = _analyze(tmp_path, *args)
    assert code == (1 if meeting else 0), output
    if meeting:
        noun = "question" if meeting == 1 else "questions"
        assert f"{meeting} {noun} met --fail-on {', '.join(fail_on)}" in output
    else:
        assert "met --fail-on" not in output
    assert (out / "fail-on-record.json").is_file(), "reports are written whether or not --fail-on is met"


def test_quiet_keeps_the_exit_code_and_drops_the_message(tmp_path: Path) -> None:
    code, output, _ = _analyze(tmp_path, "--fail-on", "raised-open", "--quiet")
    assert (code, output) == (1, "")


def test_summary_line_counts_raised_and_unraised_open_apart(tmp_path: Path) -> None:
    code, output, _ = _analyze(tmp_path)
    assert code == 0, output
    assert "fail-on-record: 6 questions: 3 open (2 raised, 1 raised by nobody), 1 contested, 1 answered, " in output
    assert "1 not applicable" in output


@pytest.mark.parametrize("value", ["closed", "Open", ""])
def test_unknown_fail_on_values_are_usage_errors(tmp_path: Path, value: str) -> None:
    code, output, out = _analyze(tmp_path, "--fail-on", value)
    assert code == 2
    assert "Invalid value for '--fail-on'" in output
    assert not out.exists()


def test_unknown_fail_severity_is_a_usage_error(tmp_path: Path) -> None:
    code, output, out = _analyze(tmp_path, "--fail-on", "open", "--fail-severity", "critical")
    assert code == 2
    assert "Invalid value for '--fail-severity'" in output
    assert not out.exists()


@pytest.mark.parametrize(
    ("formats", "shown"),
    [
        ((), "fail-on-record.html"),
        (("json",), "fail-on-record.json"),
        (("csv", "markdown"), "fail-on-record.md"),
        (("markdown", "json"), "fail-on-record.json"),
        (("csv",), "results.csv"),
    ],
)
def test_summary_line_points_at_a_file_the_run_wrote(tmp_path: Path, formats: tuple[str, ...], shown: str) -> None:
    out = tmp_path / "out"
    args = [a for f in formats for a in ("--format", f)]
    result = run_cli(
        "analyze", str(DATA / "record.json"), "--rules", str(DATA / "rules.json"), "--checklist", "fail-on-kinds",
        "--out", str(out), *args,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    target = out / shown if shown else out
    line = next(line for line in result.stdout.splitlines() if line.startswith("fail-on-record: "))
    assert line.endswith(f" -> {target}")
    assert target.exists()
    assert ("; open " in result.stdout) == ("html" in formats or not formats)


def test_every_command_is_registered() -> None:
    result = run_cli("--help")
    assert result.exit_code == 0
    for command in ("analyze", "validate", "rules", "new", "schema"):
        assert f"  {command} " in result.stdout, command
