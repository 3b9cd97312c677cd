"""Stories: versions of one story grouped, what changed between them (legalcheck diff), the story view in the
reports, and the console's account of a run."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import pytest

from conftest import SEEDS, run_cli
from legalcheck.report import story
from legalcheck.report.fragments import Page
from legalcheck.report.results import Found, Line

EARLIER, LATER = "boat-strike-2025-09", "boat-strike-2025-09-later"


@pytest.fixture(scope="module")
def seed_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("story-run")
    result = run_cli(
        "analyze", str(SEEDS), "--out", str(out), "--format", "json", "--format", "html", "--format", "markdown"
    )
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def seed_diff(seed_run: Path) -> dict[str, Any]:
    d: dict[str, Any] = json.loads((seed_run / f"diff-{EARLIER}-{LATER}.json").read_text(encoding="utf-8"))
    return d


def test_the_diff_names_the_questions_that_moved_and_why(seed_diff: dict[str, Any]) -> None:
    d = seed_diff
    assert d["schema"] == "urn:legalcheck:schema:diff:1"
    assert (d["old"]["id"], d["new"]["id"]) == (EARLIER, LATER) and d["old"]["story"] == d["new"]["story"]
    moved = {m["question"]: m for m in d["moved"]}
    assert len(moved) == 21
    report = moved["wp-48-hour-report"]
    assert (report["from"]["status"], report["to"]["status"]) == ("open", "answered")
    assert [x["key"] for x in report["now_cited"]] == ["events:war-powers-report"]
    # Every question that moved changed its status or its raised flag; none that did not is listed.
    assert all(m["from"] != m["to"] for m in d["moved"])
    added = {x["key"] for x in d["sources"]["added"]}
    assert "sources:war-powers-report-2025-09-04" in added and not d["sources"]["withdrawn"]
    assert len(d["claims"]["added"]) == 14 and len(d["events"]["added"]) == 4
    assert story.diff_sentence(d) == "21 questions moved, 6 sources added, 14 claims added, 4 events added."


def test_diff_of_records_and_of_results_agree(tmp_path: Path, seed_run: Path, seed_diff: dict[str, Any]) -> None:
    result = run_cli(
        "diff", str(SEEDS / f"{EARLIER}.json"), str(SEEDS / f"{LATER}.json"), "--out", str(tmp_path / "a"),
        "--format", "json", "--format", "html", "--format", "markdown", "--format", "csv",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "21 questions moved" in result.output and "now cited: Notification, 4 September 2025" in result.output
    written = sorted(p.name for p in (tmp_path / "a").iterdir() if not p.name.startswith("."))  # not the runs' folder
    stem = f"diff-{EARLIER}-{LATER}"
    assert written == sorted(f"{stem}.{s}" for s in ("csv", "html", "json", "md"))
    assert all(f"-> {tmp_path / 'a' / name}" in result.output for name in written)  # only files that were written
    from_results = run_cli(
        "diff", str(seed_run / f"{EARLIER}.json"), str(seed_run / f"{LATER}.json"), "--out", str(tmp_path / "b")
    )
    assert from_results.exit_code == 0, from_results.output
    assert (tmp_path / "a" / f"{stem}.json").read_bytes() == (tmp_path / "b" / f"{stem}.json").read_bytes()
    assert json.loads((tmp_path / "b" / f"{stem}.json").read_text()) == seed_diff
    csv_rows = (tmp_path / "a" / f"{stem}.csv").read_text(encoding="utf-8").splitlines()
    assert len(csv_rows) == 1 + 21


def test_diff_refuses_bad_input_cleanly(tmp_path: Path) -> None:
    result = run_cli("diff", str(tmp_path / "missing.json"), str(SEEDS / f"{LATER}.json"), "--no-files")
    assert result.exit_code == 2 and "missing.json" in result.output and "Traceback" not in result.output


def test_a_later_version_opens_with_what_changed(seed_run: Path) -> None:
    later = (seed_run / f"{LATER}.html").read_text(encoding="utf-8")
    main = later[later.index("<main>") :]
    assert main.index('id="since"') < main.index('id="facts"') < main.index('id="attention"')
    assert ">Since 10 September 2025</h2>" in later
    assert f'href="diff-{EARLIER}-{LATER}.html"' in later
    earlier = (seed_run / f"{EARLIER}.html").read_text(encoding="utf-8")
    assert 'id="since"' not in earlier and f'href="{LATER}.html"' in earlier  # the versions are linked both ways
    assert "<svg" in earlier and "<svg" in later
    md = (seed_run / f"{LATER}.md").read_text(encoding="utf-8")
    assert "## Since 10 September 2025" in md
    assert not re.search(r"/(claims|events|sources|legal_bases)/\d+", md)  # no JSON Pointers for a reader


def test_the_index_has_one_row_per_story(seed_run: Path) -> None:
    index = (seed_run / "index.html").read_text(encoding="utf-8")
    rows = re.findall(r'<tr data-id="([^"]+)">', index)
    assert rows == [LATER, "venezuela-planned-strikes-2025-09"] or sorted(rows) == sorted(
        [LATER, "venezuela-planned-strikes-2025-09"]
    )
    assert f'href="./{EARLIER}.html"' in index and f'href="./{LATER}.brief.html"' in index
    campaign = (seed_run / "campaign.html").read_text(encoding="utf-8")
    assert campaign.count('<tr><th scope="row">') == 57


def test_the_page_shows_each_record_item_once(seed_run: Path) -> None:
    later = (seed_run / f"{LATER}.html").read_text(encoding="utf-8")
    doc = json.loads((seed_run / f"{LATER}.json").read_text(encoding="utf-8"))
    for claim in doc["record"]["claims"]:
        assert later.count(f'id="claim-{claim["id"]}"') == 1
    for source in doc["sources"]:
        assert later.count(f'id="src-{source["id"]}"') == 1
    assert not re.search(r">[^<]*/(claims|events|sources|legal_bases)/\d+", later)  # no pointer in the text
    assert later.count('<details class="na"') == 1


def _leaf(
    depth: int, held: bool, words: str, where: str, checked: int, shown: tuple[str, ...], none: bool = False
) -> Line:
    found: Found = {"where": where, "checked": checked, "count": len(shown), "shown": list(shown), "none_wanted": none}
    return {"depth": depth, "held": held, "words": words, "found": found}


def _head(depth: int, held: bool | None, words: str) -> Line:
    return {"depth": depth, "held": held, "words": words}


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        ([_head(0, None, "Applies: yes"), _leaf(1, True, "a strike took place", "/events", 5, ("/events/0",))],
         [(True, "Applies: yes — a strike took place", ("/events/0",))]),
        ([_head(0, None, "Raised by a source: no"), _leaf(1, False, "a claim about it", "/claims", 9, ())],
         [(False, "Raised: no — a claim about it", ())]),
        ([_head(0, None, "Raised by a source: no"), _leaf(1, False, "a notice", "/events", 0, ())],
         [(False, "Raised: no — a notice: the record has none", ())]),
        ([_head(0, None, "Sources contradict each other: no"),
          _leaf(1, False, "no denial", "/claims", 4, ("/claims/1", "/claims/3"), none=True)],
         [(False, "Contested: no — no denial: 2 found", ("/claims/1", "/claims/3"))]),
        ([_head(0, None, "Answered by the record: yes"), _head(1, True, "any of"),
          _leaf(2, True, "one", "/claims", 3, ("/claims/1", "/claims/2")),
          _leaf(2, False, "two", "/events", 1, ())],
         [(True, "Answered: yes — any of", ())]),
    ],
)  # fmt: skip
def test_explanation_tree_in_plain_words(lines: list[Line], expected: list[tuple[Any, str, tuple[str, ...]]]) -> None:
    tree = story.explanation_tree(lines)
    assert [(s.held, s.text, s.pointers) for s in tree] == expected
    if lines[0]["words"].startswith("Answered"):
        (only,) = tree[0].children  # only the part that decided it: the one that held
        assert (only.held, only.text, only.pointers) == (True, "one", ("/claims/1", "/claims/2"))


def test_explanation_tree_keeps_every_top_line() -> None:
    """Roles and notes are never summed up as "more conditions of the same kind": only a condition's parts are."""
    lines = [
        _head(0, None, "In force: the provision this question asks about took effect on 2013-12-26"),
        _head(0, None, "Applies: yes"),
        _leaf(1, True, "a strike took place", "/events", 5, ("/events/0",)),
        _head(0, None, "Raised by a source: yes"),
        _leaf(1, True, "a source questions it", "/claims", 4, ("/claims/2",)),
        _head(0, None, "Sources contradict each other: no"),
        _leaf(1, False, "a denial and an assertion", "/claims", 4, ()),
        _head(0, None, "Answered by the record: no"),
        _leaf(1, False, "a notice", "/events", 5, ()),
        _head(0, None, "Law cited as in force at the incident date (2025-09-02):"),
        _head(1, None, "not cited: § 1 (in force until 2018-12-03)"),
    ]
    tree = story.explanation_tree(lines)
    assert [(s.held, s.text) for s in tree] == [
        (None, "In force: the provision this question asks about took effect on 2013-12-26"),
        (True, "Applies: yes — a strike took place"),
        (True, "Raised: yes — a source questions it"),
        (False, "Contested: no — a denial and an assertion"),
        (False, "Answered: no — a notice"),
        (None, "Law cited as in force at the incident date (2025-09-02): not cited: § 1 (in force until 2018-12-03)"),
    ]
    page = str(Page({}).explanation(lines))
    assert "more condition" not in page
    assert '<li class="n">Not contested, not answered</li>' in page


@pytest.mark.parametrize(
    ("checklist", "lines", "expected"),
    [
        ({"applicable": True},
         [_head(0, None, "Applies: no"), _leaf(1, False, "a report (written) is recorded", "/events", 1, ())],
         "the record does not show that a report (written) is recorded"),
        ({"applicable": False},
         [_head(0, None, "The checklist does not apply to this record:"),
          _leaf(1, False, "force was used at sea", "/events", 2, ())],
         "the checklist does not apply: the record does not show that force was used at sea"),
        ({"applicable": True},
         [_head(0, None, "Not applicable: the provision this question asks about took effect on 2013-12-26, after "
                         "the incident (2010-05-01)")],
         "the provision this question asks about took effect on 2013-12-26, after the incident (2010-05-01)"),
    ],
)  # fmt: skip
def test_not_applicable_reason_in_the_condition_words(
    checklist: dict[str, Any], lines: list[Line], expected: str
) -> None:
    assert story.not_applicable_reason(checklist, {"explanation": lines}) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2025-09-10", "10 September 2025"), ("2025-09", "September 2025"), ("2025", "2025"), ("soon", "soon")],
)
def test_nice_date(value: str, expected: str) -> None:
    assert story.nice_date(value) == expected


def test_plural_and_thousands() -> None:
    assert story.plural(1, "file") == "1 file"
    assert story.plural(12345, "file") == "12,345 files"
    assert story.plural(2, "legal basis") == "2 legal bases"
    assert story.plural(2, "story", "stories") == "2 stories"


def test_console_lists_incidents_up_to_a_limit_then_a_total(tmp_path: Path) -> None:
    record = json.loads((SEEDS / "venezuela-planned-strikes-2025-09.json").read_text(encoding="utf-8"))
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(
        "".join(json.dumps({**record, "id": f"incident-{i:02d}", "story": f"story-{i:02d}"}) + "\n" for i in range(25)),
        encoding="utf-8",
    )
    result = run_cli("analyze", str(corpus), "--out", str(tmp_path / "out"), "--format", "csv")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert len([line for line in lines if line.startswith("incident-")]) == 20
    assert "... and 5 more incidents" in result.output
    assert lines[-1] == f"25 incidents (25 stories) analyzed, 2 files written to {tmp_path / 'out'}"
    assert f"-> {tmp_path / 'out' / 'results.csv'}" in lines[0]
    quiet = run_cli("analyze", str(corpus), "--out", str(tmp_path / "q"), "--format", "csv", "--quiet")
    assert quiet.exit_code == 0 and quiet.output == ""


def test_what_a_run_keeps_per_record_is_the_same_on_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Past a few entries, a run keeps its lists on disk: the console says the same."""
    from legalcheck import spill

    record = json.loads((SEEDS / "venezuela-planned-strikes-2025-09.json").read_text(encoding="utf-8"))
    record["claims"][0]["proposition"] = "a_key_nobody_declared"
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(
        "".join(json.dumps({**record, "id": f"incident-{i:02d}", "story": f"story-{i % 5}"}) + "\n" for i in range(12)),
        encoding="utf-8",
    )
    outputs = []
    for in_memory in (spill.IN_MEMORY, 3):
        monkeypatch.setattr(spill, "IN_MEMORY", in_memory)
        result = run_cli("analyze", str(corpus), "--out", str(tmp_path / f"out-{in_memory}"), "--format", "csv")
        assert result.exit_code == 0, result.output
        warned = [line for line in result.output.splitlines() if "a_key_nobody_declared" in line]
        assert [w.split(":")[1] for w in warned] == [str(i + 1) for i in range(12)], "one per line, in order"
        assert result.output.splitlines()[-1].startswith("12 incidents (5 stories) analyzed, ")
        outputs.append(result.output.replace(f"out-{in_memory}", "out"))
    assert outputs[0] == outputs[1]


def test_progress_bar_only_on_a_terminal_for_many_records(monkeypatch: pytest.MonkeyPatch) -> None:
    from legalcheck.cli import analyze

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    screen = Terminal()
    monkeypatch.setattr(analyze.click, "get_text_stream", lambda name: screen)
    bar = analyze.Bar()
    bar.start(analyze.PROGRESS_FROM - 1)
    assert bar.bar is None  # too few records to bother
    bar.start(1000)
    for _ in range(1000):
        bar.advance()
    bar.finish()
    assert "Analyzing" in screen.getvalue() and "100%" in screen.getvalue()
    monkeypatch.setattr(analyze.click, "get_text_stream", lambda name: io.StringIO())  # not a terminal
    bar = analyze.Bar()
    bar.start(1000)
    assert bar.bar is None


def test_csv_byte_order_mark_on_request(tmp_path: Path) -> None:
    for bom in (False, True):
        out = tmp_path / str(bom)
        result = run_cli("analyze", str(SEEDS), "--out", str(out), "--format", "csv", *(["--bom"] if bom else []))
        assert result.exit_code == 0, result.output
        assert (out / "results.csv").read_bytes().startswith(b"\xef\xbb\xbfincident_id" if bom else b"incident_id")


def test_facts_set_disputed_casualty_figures_side_by_side() -> None:
    """Records may carry casualty figures as each source gives them; the facts panel lists them side by side."""
    doc: dict[str, Any] = {
        "incident": {"id": "x", "title": "X", "as_of": "2025-01-01", "date": "2025-01"},
        "actors": [{"id": "gov", "name": "The government", "kind": "government"}],
        "sources": [{"id": "a", "kind": "news_report", "title": "A"}, {"id": "b", "kind": "ngo_report", "title": "B"}],
        "checklists": [],
        "record": {
            "casualty_figures": [
                {"id": "f1", "source": "a", "claimant": "gov", "killed": 3},
                {"id": "f2", "source": "b", "killed": {"min": 9, "max": 12}, "civilians_killed": {"min": 4}},
            ]
        },
    }
    rows = story.casualty_table(story.Record(doc))
    assert [(r["who"], r["source"], r["killed"], r["civilians_killed"]) for r in rows] == [
        ("The government", "a", "3", ""),
        ("", "b", "9–12", "at least 4"),
    ]
    from legalcheck.report.view import provenance

    assert "publisher not named" in provenance(doc["sources"][0])
