"""Agreement of the built-in checklists with the labelled corpus of real incidents (tests/corpus/).

Every record in tests/corpus/records/ is analyzed with the built-in checklists; each label in
tests/corpus/labels/<record id>.json ({question id: {status, raised, reason, source}}) is compared with the
tool's status and raised flag. Agreement is counted per checklist and overall, for status and for raised
separately and together; a labelled question the checklists do not ask counts as a disagreement on both.
The suite fails when overall agreement is below THRESHOLD.

The hold-out set (tests/corpus/holdout/records and labels, same formats) holds incidents the checklists were not
written or tuned against; its agreement is measured and reported separately, per checklist and overall, and fails
below the same threshold. Run `python tests/test_corpus.py` for both reports alone. How the records and labels were
written, and how to treat a disagreement: tests/corpus/README.md.
"""

from __future__ import annotations

import json
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from legalcheck.cli import main

CORPUS = Path(__file__).resolve().parent / "corpus"
RECORDS = CORPUS / "records"
LABELS = CORPUS / "labels"
HOLDOUT_RECORDS = CORPUS / "holdout" / "records"
HOLDOUT_LABELS = CORPUS / "holdout" / "labels"
THRESHOLD = 0.90
STATUSES = ("answered", "contested", "open", "not_applicable")
CHECKLIST_OF_PREFIX = {
    "dp": "due-process",
    "ml": "maritime-law",
    "wp": "congressional-notification",
    "ev": "evidentiary-basis",
    "uf": "use-of-force",
    "ac": "armed-conflict",
}
MISSING = "(not asked)"


@dataclass(frozen=True)
class Disagreement:
    record: str
    question: str
    checklist: str
    label_status: str
    label_raised: bool
    tool_status: str
    tool_raised: bool | None
    reason: str

    def line(self) -> str:
        tool_raised = "-" if self.tool_raised is None else str(self.tool_raised).lower()
        return (
            f"{self.record} {self.question}: label {self.label_status}/raised={str(self.label_raised).lower()}, "
            f"tool {self.tool_status}/raised={tool_raised} ({self.reason})"
        )


@dataclass
class Tally:
    labels: int = 0
    status: int = 0
    raised: int = 0

    def add(self, status_ok: bool, raised_ok: bool) -> None:
        self.labels += 1
        self.status += status_ok
        self.raised += raised_ok

    @property
    def both(self) -> float:
        return (self.status + self.raised) / (2 * self.labels) if self.labels else 1.0


@dataclass
class Agreement:
    per_checklist: dict[str, Tally] = field(default_factory=dict)
    overall: Tally = field(default_factory=Tally)
    disagreements: list[Disagreement] = field(default_factory=list)

    def report(self) -> str:
        def row(name: str, t: Tally) -> str:
            return (
                f"{name:<28} {t.labels:>6} {t.status / t.labels:>8.1%} {t.raised / t.labels:>8.1%} {t.both:>8.1%}"
                if t.labels
                else f"{name:<28} {0:>6}"
            )

        lines = [f"{'checklist':<28} {'labels':>6} {'status':>8} {'raised':>8} {'both':>8}"]
        lines += [row(name, self.per_checklist[name]) for name in sorted(self.per_checklist)]
        lines.append(row("overall", self.overall))
        lines.append(f"{len(self.disagreements)} labelled questions disagree:")
        lines += ["  " + d.line() for d in self.disagreements]
        return "\n".join(lines)


def load_labels(labels_dir: Path = LABELS) -> dict[str, dict[str, dict[str, Any]]]:
    """record id -> question id -> label, checked for shape so that a malformed label fails loudly."""
    labels: dict[str, dict[str, dict[str, Any]]] = {}
    for path in sorted(labels_dir.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for qid, label in data.items():
            assert label.get("status") in STATUSES, f"{path.name}: {qid}: status must be one of {STATUSES}"
            assert isinstance(label.get("raised"), bool), f"{path.name}: {qid}: raised must be true or false"
            assert label.get("reason") and label.get("source"), f"{path.name}: {qid}: reason and source are required"
        labels[path.stem] = data
    return labels


def analyze_corpus(records_dir: Path = RECORDS) -> dict[str, dict[str, Any]]:
    """Every record in records_dir analyzed with the built-in checklists: record id -> results document."""
    with tempfile.TemporaryDirectory() as out:
        result = CliRunner().invoke(
            main, ["analyze", str(records_dir), "--out", out, "--format", "json", "--quiet"], catch_exceptions=False
        )
        assert result.exit_code == 0, result.output
        return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(Path(out).glob("*.json"))}


def tool_answers(doc: dict[str, Any]) -> dict[str, tuple[str, str, bool]]:
    """question id -> (checklist id, status, raised) for one results document."""
    return {q["id"]: (c["id"], q["status"], q["raised"]) for c in doc["checklists"] for q in c["questions"]}


def agreement(labels: dict[str, dict[str, dict[str, Any]]], results: dict[str, dict[str, Any]]) -> Agreement:
    found = Agreement()
    for record, record_labels in sorted(labels.items()):
        answers = tool_answers(results[record])
        for qid, label in sorted(record_labels.items()):
            checklist, status, raised = answers.get(
                qid, (CHECKLIST_OF_PREFIX.get(qid.split("-")[0], "unknown"), MISSING, None)
            )
            status_ok = status == label["status"]
            raised_ok = raised is label["raised"]
            found.per_checklist.setdefault(checklist, Tally()).add(status_ok, raised_ok)
            found.overall.add(status_ok, raised_ok)
            if not (status_ok and raised_ok):
                found.disagreements.append(
                    Disagreement(
                        record, qid, checklist, label["status"], label["raised"], status, raised, label["reason"]
                    )
                )
    return found


def test_every_record_has_labels_and_every_label_a_record() -> None:
    records = {p.stem for p in RECORDS.glob("*.json")}
    labels = load_labels()
    assert records == set(labels)
    assert len(records) >= 15
    for record, record_labels in labels.items():
        assert len(record_labels) >= 8, f"{record}: at least 8 labelled questions"


def test_corpus_records_validate() -> None:
    result = CliRunner().invoke(main, ["validate", str(RECORDS)], catch_exceptions=False)
    assert result.exit_code == 0, result.output


def test_agreement_with_labels_is_at_least_the_threshold(capsys: pytest.CaptureFixture[str]) -> None:
    found = agreement(load_labels(), analyze_corpus())
    report = found.report()
    with capsys.disabled():
        print("\n" + report)
    overall = found.overall.both
    assert overall >= THRESHOLD, f"agreement {overall:.1%} is below {THRESHOLD:.0%}\n{report}"


def test_holdout_every_record_has_labels_and_every_label_a_record() -> None:
    records = {p.stem for p in HOLDOUT_RECORDS.glob("*.json")}
    labels = load_labels(HOLDOUT_LABELS)
    assert records == set(labels)
    assert len(records) >= 8
    assert not records & {p.stem for p in RECORDS.glob("*.json")}, "a hold-out incident must not be in the main set"
    for record, record_labels in labels.items():
        assert len(record_labels) >= 10, f"{record}: at least 10 labelled questions"


def test_holdout_records_validate() -> None:
    result = CliRunner().invoke(main, ["validate", str(HOLDOUT_RECORDS)], catch_exceptions=False)
    assert result.exit_code == 0, result.output


def test_holdout_agreement_is_at_least_the_threshold(capsys: pytest.CaptureFixture[str]) -> None:
    found = agreement(load_labels(HOLDOUT_LABELS), analyze_corpus(HOLDOUT_RECORDS))
    report = found.report()
    with capsys.disabled():
        print("\nhold-out set\n" + report)
    overall = found.overall.both
    assert overall >= THRESHOLD, f"hold-out agreement {overall:.1%} is below {THRESHOLD:.0%}\n{report}"


if __name__ == "__main__":
    print("main set\n" + agreement(load_labels(), analyze_corpus()).report())
    print("\nhold-out set\n" + agreement(load_labels(HOLDOUT_LABELS), analyze_corpus(HOLDOUT_RECORDS)).report())
    sys.exit(0)
