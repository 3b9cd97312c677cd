"""`legalcheck analyze` end to end: outputs, exit codes, determinism, atomicity, and clean errors."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from conftest import SEEDS, assert_clean_error, run_cli
from legalcheck import resources
from legalcheck.report.jsonfmt import dumps, dumps_stdlib


def _tree(folder: Path) -> dict[str, str]:
    """The outputs a reader sees (the run folders behind them are the tool's own)."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
        if p.is_file() and not p.name.startswith(".")
    }


def test_analyze_writes_reports_json_and_index(tmp_path: Path) -> None:
    out = tmp_path / "reports"
    result = run_cli("analyze", str(SEEDS), "--out", str(out))
    assert result.exit_code == 0, result.output
    ids = sorted(json.loads(p.read_text())["id"] for p in SEEDS.glob("*.json"))
    diff = "diff-boat-strike-2025-09-boat-strike-2025-09-later"  # between the seed story's two versions
    assert sorted(p.stem for p in out.glob("*.json")) == sorted([*ids, "rules", diff])
    pages = [*ids, *(f"{i}.brief" for i in ids), "index", "campaign", "questions", diff]
    assert sorted(p.stem for p in out.glob("*.html")) == sorted(pages)
    for incident in ids:
        assert f"{incident}: " in result.output
    index = (out / "index.html").read_text()
    for incident in ids:
        assert f'href="./{incident}.html"' in index
    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == [".legalcheck"], "no staging folder left behind"
    assert len(list((out / ".legalcheck" / "runs").iterdir())) == 1, "one run folder: the current one"


def test_results_documents_match_the_results_schema(
    seed_folder: Path, seed_compact: dict[str, dict[str, object]]
) -> None:
    validator = jsonschema.Draft202012Validator(resources.schema("results"))
    for doc in seed_compact.values():
        errors = [e.message for e in validator.iter_errors(doc)]
        assert errors == []
    rules = json.loads((seed_folder / "rules.json").read_text())
    assert [e.message for e in jsonschema.Draft202012Validator(resources.schema("rules")).iter_errors(rules)] == []


def test_same_inputs_give_byte_identical_outputs(tmp_path: Path, seeds_copy: Path) -> None:
    before = _tree(seeds_copy)
    for name in ("a", "b"):
        result = run_cli("analyze", str(seeds_copy), "--out", str(tmp_path / name))
        assert result.exit_code == 0, result.output
    first = _tree(tmp_path / "a")
    # per record a report, a brief and a results file; the index, rules.json, the campaign and questions pages, and
    # the comparison of the seed story's two versions (HTML and JSON)
    assert len(first) == 3 * len(before) + 6, sorted(first)
    assert first == _tree(tmp_path / "b")
    assert _tree(seeds_copy) == before, "inputs are never modified"


def test_orjson_writes_what_the_standard_library_would(seed_compact: dict[str, dict[str, object]]) -> None:
    for doc in seed_compact.values():
        assert dumps(doc) == dumps_stdlib(doc)


def test_yaml_records_are_read_like_json(tmp_path: Path) -> None:
    record = json.loads((SEEDS / "boat-strike-2025-09.json").read_text())
    record["id"] = "yaml-copy"
    record.pop("$schema")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "copy.yaml").write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False))
    assert run_cli("analyze", str(tmp_path / "in"), "--out", str(tmp_path / "y"), "--format", "json").exit_code == 0
    assert (
        run_cli(
            "analyze", str(SEEDS / "boat-strike-2025-09.json"), "--out", str(tmp_path / "j"), "--format", "json"
        ).exit_code
        == 0
    )
    from_yaml = json.loads((tmp_path / "y" / "yaml-copy.json").read_text())
    from_json = json.loads((tmp_path / "j" / "boat-strike-2025-09.json").read_text())
    assert from_yaml["checklists"] == from_json["checklists"]


def test_fail_on_exits_1_only_when_a_status_is_found(tmp_path: Path) -> None:
    """On the seeds; tests/test_exit_codes.py tells every --fail-on value and severity apart on a fixed checklist."""
    failing = run_cli("analyze", str(SEEDS), "--out", str(tmp_path / "o1"), "--fail-on", "open")
    assert failing.exit_code == 1
    assert "met --fail-on open" in failing.stderr
    assert (tmp_path / "o1" / "index.html").exists(), "reports are still written when --fail-on is met"
    record = {"id": "quiet", "title": "Nothing happened", "as_of": "2025-01-01"}
    (tmp_path / "quiet.json").write_text(json.dumps(record))
    for status in ("open", "raised-open", "unraised-open", "contested"):
        quiet = run_cli("analyze", str(tmp_path / "quiet.json"), "--out", str(tmp_path / "o2"), "--fail-on", status)
        assert quiet.exit_code == 0, quiet.output


def test_an_incident_id_that_names_another_output_is_a_clean_error(tmp_path: Path) -> None:
    """An incident with id `index` would overwrite the index page: the run stops, and writes nothing."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "index.json").write_text(json.dumps({"id": "index", "title": "t", "as_of": "2025-01-01"}))
    out = tmp_path / "out"
    result = run_cli("analyze", str(tmp_path / "in"), "--out", str(out))
    assert_clean_error(result, "/id: the incident id 'index' is reserved")
    assert not out.exists(), "nothing is left behind"
    out.mkdir()
    (out / "keep.txt").write_text("kept")
    assert run_cli("analyze", str(tmp_path / "in"), "--out", str(out)).exit_code == 2
    assert [p.name for p in out.iterdir()] == ["keep.txt"], "an existing output folder is left as it was"
    json_only = run_cli("analyze", str(tmp_path / "in"), "--out", str(tmp_path / "j"), "--format", "json")
    assert json_only.exit_code in (0, 2) and (json_only.exit_code == 0) == (tmp_path / "j" / "index.json").is_file()


def test_checklist_option_selects_and_rejects_unknown_ids(tmp_path: Path) -> None:
    ok = run_cli("analyze", str(SEEDS), "--out", str(tmp_path / "o"), "--checklist", "due-process", "--format", "json")
    assert ok.exit_code == 0
    doc = json.loads((tmp_path / "o" / "boat-strike-2025-09.json").read_text())
    assert [c["id"] for c in doc["checklists"]] == ["due-process"]
    bad = run_cli("analyze", str(SEEDS), "--out", str(tmp_path / "p"), "--checklist", "no-such-list")
    assert_clean_error(bad, "unknown checklist id 'no-such-list'")
    assert not (tmp_path / "p").exists()


def test_missing_input_path_is_a_clean_error(tmp_path: Path) -> None:
    result = run_cli("analyze", str(tmp_path / "nope.json"), "--out", str(tmp_path / "o"))
    assert result.exit_code == 2
    assert "nope.json: no such file or folder" in result.output


def test_empty_folder_is_a_clean_error(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = run_cli("analyze", str(tmp_path / "empty"), "--out", str(tmp_path / "o"))
    assert result.exit_code == 2
    assert "no incident records" in result.output


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs /proc, where nobody can create folders")
def test_unwritable_output_folder_is_a_clean_error(tmp_path: Path) -> None:
    result = run_cli("analyze", str(SEEDS), "--out", "/proc/self/legalcheck-reports")
    assert_clean_error(result, "cannot write the output folder")


def test_output_path_that_is_a_file_is_a_clean_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = run_cli("analyze", str(SEEDS), "--out", str(blocker / "out"))
    assert_clean_error(result, "cannot write the output folder")
    assert blocker.read_text() == "x"


def test_existing_reports_survive_a_failed_run(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run_cli("analyze", str(SEEDS), "--out", str(out)).exit_code == 0
    before = _tree(out)
    broken = tmp_path / "broken.json"
    broken.write_text('{"id": "b", "title": "t"}')
    assert run_cli("analyze", str(SEEDS), str(broken), "--out", str(out)).exit_code == 2
    assert _tree(out) == before


def test_usage_errors_exit_2() -> None:
    assert run_cli("analyze").exit_code == 2
    assert run_cli("analyze", "seeds", "--format", "pdf").exit_code == 2


def test_schema_command_prints_each_schema() -> None:
    versions = {"incident": 2, "checklist": 2, "results": 2, "rules": 1}
    for name in resources.SCHEMA_NAMES:
        result = run_cli("schema", name)
        assert result.exit_code == 0
        assert json.loads(result.output)["$id"] == f"urn:legalcheck:schema:{name}:{versions[name]}"


def test_python_dash_m_runs_the_cli() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "legalcheck", "--version"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0 and "legalcheck" in done.stdout


def test_a_short_json_run_imports_only_what_it_needs(tmp_path: Path) -> None:
    """What keeps a one-record run quick to start: the HTML, database, story view and worker modules are imported
    only by runs that use them."""
    code = (
        "import sys; from legalcheck.cli import main\n"
        "try: main(['analyze', sys.argv[1], '--out', sys.argv[2], '--format', 'json', '-q'])\n"
        "except SystemExit: pass\n"
        "print(' '.join(sorted(m for m in sys.modules if m in sys.argv[3:])))"
    )
    heavy = ["jinja2", "sqlite3", "multiprocessing", "legalcheck.report.story", "legalcheck.report.html", "yaml"]
    args = [sys.executable, "-c", code, str(SEEDS / "boat-strike-2025-09.json"), str(tmp_path / "out"), *heavy]
    done = subprocess.run(args, capture_output=True, text=True, check=True)
    assert done.stdout.split() == [] and (tmp_path / "out" / "boat-strike-2025-09.json").is_file()
    html = [*args[:3], str(SEEDS), str(tmp_path / "html"), *heavy]
    html[2] = code.replace("'json'", "'html'")
    assert set(subprocess.run(html, capture_output=True, text=True, check=True).stdout.split()) >= {
        "jinja2",
        "legalcheck.report.story",
    }, "the check above would notice these modules"


def test_summaries_round_trip(seed_results: dict[str, dict[str, object]]) -> None:
    from legalcheck.report.registry import Summaries, summary_of

    held = Summaries()
    expected = [summary_of(doc) for doc in seed_results.values()]  # type: ignore[arg-type]
    for summary in expected:
        held.append(summary)
    assert len(held) == len(expected)
    assert list(held) == expected
    assert held[0] == expected[0] and held[-1:] == expected[-1:]


def test_worker_processes_change_nothing_in_the_output(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    seeds = [json.loads(p.read_text()) for p in sorted(SEEDS.glob("*.json"))]
    for i in range(36):
        record = dict(seeds[i % len(seeds)], id=f"copy-{i:02d}")
        (corpus / f"copy-{i:02d}.json").write_text(json.dumps(record))
    (corpus / "broken.json").write_text('{"id": "broken", "title": "t"}')
    for jobs in ("1", "2"):
        failed = run_cli("analyze", str(corpus), "--out", str(tmp_path / f"bad-{jobs}"), "--jobs", jobs)
        assert failed.exit_code == 2 and "'as_of' is a required property" in failed.output
        assert not (tmp_path / f"bad-{jobs}").exists()
    (corpus / "broken.json").unlink()
    outputs = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"out-{jobs}"
        result = run_cli(
            "analyze",
            str(corpus),
            "--out",
            str(out),
            "--jobs",
            jobs,
            "--format",
            "json",
            "--format",
            "html",
            "--format",
            "csv",
            "--fail-on",
            "open",
        )
        assert result.exit_code == 1, result.output
        outputs[jobs] = (_tree(out), result.output.replace(str(out), "OUT"))
    assert outputs["1"] == outputs["2"]


def test_stories_rendered_again_in_worker_processes_change_nothing(tmp_path: Path) -> None:
    """Many stories of two versions each: the worker processes render them again, a chunk of stories per task, and
    the outputs (pages with their story, what changed between versions) are those of one process."""
    earlier = json.loads((SEEDS / "boat-strike-2025-09.json").read_text(encoding="utf-8"))
    later = json.loads((SEEDS / "boat-strike-2025-09-later.json").read_text(encoding="utf-8"))
    corpus = tmp_path / "corpus.jsonl"
    with corpus.open("w", encoding="utf-8") as handle:
        for version, record in enumerate((earlier, later)):
            for i in range(20):
                handle.write(json.dumps({**record, "id": f"s{i:02d}-v{version}", "story": f"story-{i:02d}"}) + "\n")
    trees = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"out-{jobs}"
        formats = ("--format", "json", "--format", "html", "--format", "markdown")
        result = run_cli("analyze", str(corpus), "--out", str(out), "--jobs", jobs, *formats, "--quiet")
        assert result.exit_code == 0, result.output
        trees[jobs] = _tree(out)
    assert trees["1"] == trees["2"]
    assert sum(name.startswith("diff-") for name in trees["1"]) == 20 * 3  # JSON, HTML and Markdown per story
    assert "Since " in (tmp_path / "out-2" / "s07-v1.html").read_text(encoding="utf-8")


def test_two_outputs_with_one_name_stop_the_run(tmp_path: Path) -> None:
    """The last line of defence behind reserved ids: a second file of the same name is refused, and nothing stays."""
    from legalcheck.errors import OutputError
    from legalcheck.report.output import Output

    output = Output(tmp_path / "out")
    output.write("a.json", "{}")
    with pytest.raises(OutputError, match="two outputs of this run have the same name"):
        output.write("a.json", "{}")
    output.abort()
    assert not (tmp_path / "out").exists()
