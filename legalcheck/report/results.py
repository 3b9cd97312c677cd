"""Results documents and the rule set they name: the compact form written to disk, and the full view renderers read.

A results document (``urn:legalcheck:schema:results:2``) holds only what is specific to its incident: statuses,
raised flags, the record items that are evidence (once each, by JSON Pointer, in ``items``) and a trace of every
condition evaluated (each distinct leaf once, in ``leaves``, named by its index). It names the rule set it was made
with (``rules``: checklist ids, versions and content hashes, and the hash of the whole set). The checklists
themselves (their questions' text, reasons and law, and their conditions) are written once per run, to
``rules.json`` beside the results. :func:`expand` joins the two into the full view every renderer reads; the
explanation lines are laid out here from the conditions' descriptions and traces (:class:`Line`), and worded by
whoever prints them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, NotRequired, TypedDict

from legalcheck.engine.describe import Describer
from legalcheck.engine.model import ROLES
from legalcheck.errors import InputError, Problem
from legalcheck.loading.documents import load
from legalcheck.loading.validation import schema_problems

RESULTS_SCHEMA = "urn:legalcheck:schema:results:2"
RULES_SCHEMA = "urn:legalcheck:schema:rules:1"
RULES_FILE = "rules.json"
DIFF_SCHEMA = "urn:legalcheck:schema:diff:1"  # what `legalcheck diff` and a run with stories write beside results

ROLE_WORDS = {
    "applies": "Applies",
    "raised": "Raised by a source",
    "contested": "Sources contradict each other",
    "answered": "Answered by the record",
}
_OMITTED = ("$schema", "examples")


def rules_document(checklists: list[tuple[dict[str, Any], str]], ruleset: str, version: str) -> dict[str, Any]:
    """The run's rule set as one document: each checklist's rule-file content (without its examples) and hash."""
    return {
        "schema": RULES_SCHEMA,
        "tool": {"name": "legalcheck", "version": version},
        "sha256": ruleset,
        "checklists": [
            {"sha256": sha, **{k: v for k, v in spec.items() if k not in _OMITTED}} for spec, sha in checklists
        ],
    }


def _held(entry: Any) -> bool:
    return bool(entry if isinstance(entry, bool) else entry[0])


def holds(trace: list[Any] | tuple[Any, ...]) -> bool:
    """Whether the condition a trace belongs to held (its first entry is the root's)."""
    return _held(trace[0])


def resolve(trace: list[Any] | tuple[Any, ...], leaves: list[Any]) -> list[Any]:
    """A trace as a results document holds it (leaves by index into ``leaves``) with its leaves put back."""
    return [node if isinstance(node, bool) else leaves[node] for node in trace]


def role_traces(q: dict[str, Any], leaves: list[Any]) -> dict[str, list[Any]]:
    """A question's traces by role (applies, raised, contested, answered), for the conditions evaluated."""
    return {role: resolve(t, leaves) for role, t in zip(ROLES, q.get("trace", ()), strict=False) if t is not None}


class Found(TypedDict):
    """What a leaf condition looked at and found: where it looked, how many items it checked and how many matched,
    the pointers of the first matches, and whether it asks that nothing match."""

    where: str  # the condition's selection, or "the record"
    checked: int
    count: int
    shown: Sequence[str]
    none_wanted: bool  # min 0 and max 0


class Line(TypedDict):
    """One line of an explanation before it is worded (plain data, as the rest of the full view): a heading or a note
    (``held`` None), or a node of a condition that held or not, with what it found when it is a leaf. ``depth`` is
    its level in the explanation's tree."""

    depth: int
    held: bool | None
    words: str  # a heading's or note's words, or the condition's description
    found: NotRequired[Found]


def _line(depth: int, held: bool | None, said: str) -> Line:
    return {"depth": depth, "held": held, "words": said}


def found_words(found: Found, held: bool) -> str:
    """What a leaf condition found, as its explanation line says it in parentheses."""
    count, shown = found["count"], found["shown"]
    pointers = ", ".join(shown) + (f" and {count - len(shown)} more" if count > len(shown) else "")
    if found["none_wanted"]:
        return "none found" if held else f"found {count}: {pointers}"
    if count:
        return f"{count} of {found['checked']} in {found['where']} match: {pointers}"
    return f"nothing in {found['where']} matches ({found['checked']} checked)"


def line_text(line: Line) -> str:
    """An explanation line as it is printed, indented two spaces per level: ``  yes: a strike (1 of 5 in ...)``."""
    indent = "  " * line["depth"]
    held = line["held"]
    if held is None:
        return indent + line["words"]
    said = f"{indent}{'yes' if held else 'no'}: {line['words']}"
    found = line.get("found")
    return said if found is None else f"{said} ({found_words(found, held)})"


def _condition_lines(
    spec: dict[str, Any], nodes: Iterator[Any], depth: int, out: list[Line], below: bool = True
) -> None:
    """The lines of a condition's trace, from its top node down (only the top one unless ``below``)."""
    entry = next(nodes)
    word = "all" if "all" in spec else "any" if "any" in spec else "not" if "not" in spec else ""
    if word:
        held = entry if isinstance(entry, bool) else bool(entry[0])
        out.append({"depth": depth, "held": held, "words": spec.get("description") or _COMBINED[word]})
        if not below:
            return
        if word == "not":
            _condition_lines(spec["not"], nodes, depth + 1, out)
        else:
            for part in spec[word]:
                _condition_lines(part, nodes, depth + 1, out)
        return
    held, checked, count, shown = entry
    found: Found = {
        "where": spec.get("select") or "the record",
        "checked": checked,
        "count": count,
        "shown": shown,
        "none_wanted": spec.get("min", 1) == 0 and spec.get("max") == 0,
    }
    out.append({"depth": depth, "held": bool(held), "words": spec["description"], "found": found})


_COMBINED = {"all": "all of", "any": "any of", "not": "not"}
NOT_APPLICABLE = "Not applicable: "  # how an explanation opens when the question's provision was not yet in force


def condition_lines(spec: dict[str, Any], trace: list[Any] | tuple[Any, ...], indent: str = "") -> list[str]:
    """A condition's trace in words: one line per node, what was looked for and what was found."""
    out: list[Line] = []
    _condition_lines(spec, iter(trace), len(indent) // 2, out)
    return [line_text(line) for line in out]


def _period_text(period: list[str] | tuple[str, ...]) -> str:
    return period[0] if period[0] == period[1] else f"{period[0]} to {period[1]}"


def _law_lines(spec: dict[str, Any], q: dict[str, Any], period: list[str] | tuple[str, ...] | None) -> list[Line]:
    if "law" not in q:
        return []
    kept = set(q["law"])
    when = f" ({_period_text(period)})" if period else ""
    lines = [_line(0, None, f"Law cited as in force at the incident date{when}:")]
    for i, c in enumerate(spec["citations"]):
        if i in kept:
            continue
        window = " and ".join(
            f"{word} {c[key]}" for key, word in (("in_force_from", "from"), ("in_force_until", "until")) if key in c
        )
        lines.append(_line(1, None, f"not cited: {c.get('pinpoint') or c.get('instrument')} (in force {window})"))
    return lines


def law_lines(spec: dict[str, Any], q: dict[str, Any], period: list[str] | tuple[str, ...] | None) -> list[str]:
    """Lines naming the question's citations that were not in force at the incident date (``q["law"]``: those that
    were, by index; absent: all were)."""
    return [line_text(line) for line in _law_lines(spec, q, period)]


def citations_in_force(spec: dict[str, Any], q: dict[str, Any]) -> list[dict[str, Any]]:
    """The question's citations in force at the incident date: those ``q["law"]`` names, else all of them."""
    cited = spec["citations"]
    return [dict(cited[i]) for i in q["law"]] if "law" in q else [dict(c) for c in cited]


Unfold = Callable[[str, bool], bool]  # (role, whether its condition held) -> lay out the lines below its top


def unfold_all(role: str, held: bool) -> bool:
    """Every line of every role's condition."""
    return True


def explained(
    checklist_spec: dict[str, Any],
    checklist: dict[str, Any],
    spec: dict[str, Any],
    q: dict[str, Any],
    leaves: list[Any],
    period: list[str] | tuple[str, ...] | None = None,
    unfold: Unfold = unfold_all,
) -> list[Line]:
    """How a question's status was reached, line by line, before the lines are worded (``spec`` the question's rule,
    ``q`` its result, ``leaves`` the document's trace leaves, ``period`` the first and last day of the incident's
    date): the lines :func:`words` prints as text and reports read as a tree. Under a role for which ``unfold(role,
    held)`` is false, only the top line of its condition is laid out."""
    if not checklist["applicable"]:
        lines = [_line(0, None, "The checklist does not apply to this record:")]
        applies = iter(resolve(checklist["applies"], leaves))
        _condition_lines(checklist_spec["applies_if"], applies, 1, lines, unfold("applies", False))
        return lines
    trace = role_traces(q, leaves)
    lines = []
    law = _law_lines(spec, q, period)
    start = spec.get("in_force_from")
    if start and period and period[1] < start:
        return [
            _line(
                0,
                None,
                f"{NOT_APPLICABLE}the provision this question asks about took effect on {start}, "
                f"after the incident ({_period_text(period)})",
            ),
            *law,
        ]
    if start:
        lines.append(_line(0, None, f"In force: the provision this question asks about took effect on {start}"))

    def note(role: str) -> bool:
        found = trace[role]
        held = holds(found)
        lines.append(_line(0, None, f"{ROLE_WORDS[role]}: {'yes' if held else 'no'}"))
        _condition_lines(spec[role + "_if"], iter(found), 1, lines, unfold(role, held))
        return held

    if "applies_if" in spec:
        if not note("applies"):
            return lines + law
    else:
        lines.append(_line(0, None, "Applies: always (the question has no applicability condition)"))
    if "raised_if" in spec:
        note("raised")
    else:
        lines.append(_line(0, None, "Raised by a source: the checklist does not say what would raise it"))
    if "contested" in trace and note("contested"):
        return lines + law
    if "answered" in trace:
        note("answered")
    return lines + law


def words(lines: Iterable[Line]) -> list[str]:
    """Explanation lines as they are printed."""
    return [line_text(line) for line in lines]


class Catalogue:
    """A rule set (the content of ``rules.json``), indexed to expand results documents made with it."""

    def __init__(self, rules: dict[str, Any], origin: str = RULES_FILE) -> None:
        self.origin = origin
        self.rules = rules
        self.sha256: str = rules["sha256"]
        self.checklists: dict[str, dict[str, Any]] = {c["id"]: c for c in rules["checklists"]}
        self.questions: dict[tuple[str, str], dict[str, Any]] = {
            (c["id"], q["id"]): q for c in rules["checklists"] for q in c["questions"]
        }

    def check(self, doc: dict[str, Any], where: str = "results") -> None:
        """Raise :class:`InputError` unless ``doc`` was made with exactly this rule set."""
        named = doc.get("rules", {}).get("sha256")
        if named != self.sha256:
            raise InputError(
                [
                    Problem(
                        where,
                        f"made with rule set {str(named)[:12]}..., but {self.origin} holds rule set "
                        f"{self.sha256[:12]}...",
                        pointer="/rules/sha256",
                        hint="render results beside the rules.json written by the same run",
                    )
                ]
            )


def held_record(doc: dict[str, Any]) -> Describer:
    """The parts of the record a results document holds (actors, sources, location and the lists in ``record``), to
    describe the evidence ``items`` does not spell out."""
    location = doc["incident"].get("location")
    held = {"actors": doc["actors"], "sources": doc["sources"], **doc.get("record", {})}
    return Describer({**held, "location": location} if location is not None else held)


def expand(doc: dict[str, Any], catalogue: Catalogue, unfold: Unfold = unfold_all) -> dict[str, Any]:
    """The full view of a results document: every question with its text, law, evidence items and explanation (in
    full, or as :func:`explained` lays it out with ``unfold``, for a reader that shows less of it)."""
    items = dict(doc["items"])
    describer = held_record(doc)

    def item(pointer: str, role: str) -> dict[str, Any]:
        said = items.get(pointer)
        if said is None:  # in a part of the record the document holds: described from it, once
            said = items[pointer] = describer.item(pointer)
        return {"pointer": pointer, "role": role, **said}

    checklists = []
    for c in doc["checklists"]:
        cspec = catalogue.checklists[c["id"]]
        # a checklist that does not apply explains every question of it alike: its own condition, worded once
        unapplied = None if c["applicable"] else explained(cspec, c, {}, {}, doc["leaves"], unfold=unfold)
        questions = []
        for q in c["questions"]:
            spec = catalogue.questions[(c["id"], q["id"])]
            evidence = [item(p, role) for role, pointers in q.get("evidence", {}).items() for p in pointers]
            questions.append(
                {
                    "id": q["id"],
                    "text": spec["text"],
                    "why": spec["why"],
                    "severity": spec.get("severity", "medium"),
                    "tags": list(spec.get("tags", [])),
                    "status": q["status"],
                    "raised": q["raised"],
                    "raised_by": [item(p, "raised") for p in q.get("raised_by", [])],
                    "evidence": evidence,
                    "citations": citations_in_force(spec, q),
                    "explanation": unapplied or explained(cspec, c, spec, q, doc["leaves"], doc.get("period"), unfold),
                    "would_answer": spec["would_answer"],
                }
            )
        checklists.append(
            {
                "id": c["id"],
                "title": cspec["title"],
                "version": c["version"],
                "description": cspec.get("description", ""),
                "tags": list(cspec.get("tags", [])),
                "applicable": c["applicable"],
                "counts": c["counts"],
                "questions": questions,
            }
        )
    full = {
        "schema": doc["schema"],
        "tool": doc["tool"],
        "rules": doc["rules"],
        "incident": doc["incident"],
        "counts": doc["counts"],
        "checklists": checklists,
        "actors": doc["actors"],
        "sources": doc["sources"],
        "record": doc.get("record", {}),
    }
    if "verification" in doc:
        full["verification"] = doc["verification"]
    return full


def _shape(spec: dict[str, Any], out: list[bool]) -> list[bool]:
    """The nodes of a condition in pre-order: True for a combination or `not`, False for a leaf."""
    for word in ("all", "any"):
        if word in spec:
            out.append(True)
            for part in spec[word]:
                _shape(part, out)
            return out
    if "not" in spec:
        out.append(True)
        return _shape(spec["not"], out)
    out.append(False)
    return out


def _trace_problem(trace: list[Any], spec: dict[str, Any], leaves: int) -> str | None:
    shape = _shape(spec, [])
    if len(trace) != len(shape):
        return f"has {len(trace)} entries, but its condition has {len(shape)} nodes"
    for n, (node, combination) in enumerate(zip(trace, shape, strict=True)):
        if combination != isinstance(node, bool):
            return f"entry {n} should be {'true or false' if combination else 'the index of a leaf'}"
        if not combination and node >= leaves:
            return f"entry {n} names leaf {node}, but /leaves has {leaves}"
    return None


def reference_problems(data: dict[str, Any], catalogue: Catalogue) -> list[tuple[str, str]]:
    """What in a results document (valid against its schema) does not fit its rule set or itself: unknown checklists
    and questions, traces that do not fit their conditions, leaves and items named but missing."""
    found: list[tuple[str, str]] = []
    leaves, items, held = len(data["leaves"]), data["items"], held_record(data)
    for i, c in enumerate(data["checklists"]):
        cspec = catalogue.checklists.get(c["id"])
        if cspec is None:
            found.append((f"/checklists/{i}/id", f"checklist {c['id']!r} is not in {catalogue.origin}"))
            continue
        if ("applies" in c) != ("applies_if" in cspec) or (not c["applicable"] and "applies" not in c):
            found.append((f"/checklists/{i}", "the trace of the checklist's applies_if is missing or unexpected"))
        elif "applies" in c and (problem := _trace_problem(c["applies"], cspec["applies_if"], leaves)):
            found.append((f"/checklists/{i}/applies", "the trace " + problem))
        for j, q in enumerate(c["questions"]):
            where = f"/checklists/{i}/questions/{j}"
            spec = catalogue.questions.get((c["id"], q["id"]))
            if spec is None:
                found.append((where + "/id", f"question {q['id']!r} is not in {catalogue.origin}"))
                continue
            for k, (role, trace) in enumerate(zip(ROLES, q.get("trace", ()), strict=False)):
                if trace is None:
                    continue
                if role + "_if" not in spec:
                    found.append((f"{where}/trace/{k}", f"the question has no {role}_if condition"))
                elif problem := _trace_problem(trace, spec[role + "_if"], leaves):
                    found.append((f"{where}/trace/{k}", "the trace " + problem))
            named = [("raised_by", p) for p in q.get("raised_by", [])]
            named += [(f"evidence/{role}", p) for role, ps in q.get("evidence", {}).items() for p in ps]
            for place, pointer in named:
                if pointer not in items and not held.names_item(pointer):
                    found.append((f"{where}/{place}", f"{pointer!r} is not in /items nor in the record it holds"))
    return found


_RULES_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,200}\.json")


class ResultsReader:
    """Reads results documents and the rule sets beside them (each ``rules.json`` read once), checking that each
    document names the rule set it is read with."""

    def __init__(self) -> None:
        self._catalogues: dict[Path, Catalogue] = {}

    def catalogue(self, path: Path) -> Catalogue:
        found = self._catalogues.get(path)
        if found is None:
            doc = load(path)
            problems = schema_problems(doc, doc.data, "rules") if isinstance(doc.data, dict) else []
            if not isinstance(doc.data, dict) or problems:
                raise InputError(problems or [doc.problem("", "a rule set must be a JSON object")])
            found = self._catalogues[path] = Catalogue(doc.data, str(path))
        return found

    def is_rules(self, path: Path) -> bool:
        """Whether a JSON file is a rule set or a comparison of two versions (by its ``schema``), not a results
        document: a folder of results holds both."""
        doc = load(path)
        return isinstance(doc.data, dict) and doc.data.get("schema") in (RULES_SCHEMA, DIFF_SCHEMA)

    def read(self, path: Path) -> tuple[dict[str, Any], Catalogue]:
        """One results document (checked against ``legalcheck schema results``) and its rule set."""
        doc = load(path)
        if not isinstance(doc.data, dict):
            raise InputError([doc.problem("", "a results document must be a JSON object")])
        problems = schema_problems(doc, doc.data, "results")
        if problems:
            raise InputError(problems)
        data: dict[str, Any] = doc.data
        name = data["rules"]["file"]
        if not _RULES_NAME.fullmatch(name):
            raise InputError(
                [doc.problem("/rules/file", f"{name!r} is not a file name", hint="name a .json file beside it")]
            )
        catalogue = self.catalogue(path.parent / name)
        catalogue.check(data, str(path))
        misfits = reference_problems(data, catalogue)
        if misfits:
            raise InputError([doc.problem(pointer, message) for pointer, message in misfits[:20]])
        return data, catalogue
