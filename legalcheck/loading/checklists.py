"""Rule files: validated strictly (schema, valid condition schemas, unique ids, valid examples), then compiled once."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from legalcheck import resources, vocabulary
from legalcheck.engine.conditions import build
from legalcheck.engine.evaluator import SchemaCompiler, regex_problem
from legalcheck.engine.evaluator import schema_problems as meta_problems
from legalcheck.engine.model import Checklist, Question
from legalcheck.errors import InputError, Problem, UsageError
from legalcheck.loading.documents import Document, depth_problem, discover, duplicate_ids, load, parse
from legalcheck.loading.positions import escape_token
from legalcheck.loading.records import check_record
from legalcheck.loading.references import reference_problems
from legalcheck.loading.validation import schema_problems

CONDITION_KEYS = ("applies_if", "raised_if", "answered_if", "contested_if")


def iter_conditions(spec: Any, pointer: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every leaf condition in a condition tree, with its pointer."""
    if not isinstance(spec, dict):
        return
    for key in ("all", "any"):
        if isinstance(spec.get(key), list):
            for i, part in enumerate(spec[key]):
                yield from iter_conditions(part, f"{pointer}/{key}/{i}")
            return
    if "not" in spec:
        yield from iter_conditions(spec["not"], f"{pointer}/not")
        return
    yield pointer, spec


def iter_leaves(data: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every leaf condition of a rule file, with its JSON Pointer."""
    if "applies_if" in data:
        yield from iter_conditions(data["applies_if"], "/applies_if")
    for i, q in enumerate(data.get("questions", [])):
        for key in CONDITION_KEYS:
            if key in q:
                yield from iter_conditions(q[key], f"/questions/{i}/{key}")


def iter_patterns(schema: Any, pointer: str) -> Iterator[tuple[str, str]]:
    """Every regular expression in a schema (``pattern`` values and ``patternProperties`` keys), with its pointer."""
    if isinstance(schema, dict):
        for key, value in schema.items():
            here = f"{pointer}/{escape_token(key)}"
            if key == "pattern" and isinstance(value, str):
                yield here, value
            elif key == "patternProperties" and isinstance(value, dict):
                for pattern in value:
                    yield f"{here}/{escape_token(pattern)}", pattern
            if key not in ("const", "enum", "default", "examples"):
                yield from iter_patterns(value, here)
    elif isinstance(schema, list):
        for i, value in enumerate(schema):
            yield from iter_patterns(value, f"{pointer}/{i}")


def _regex_problems(schema: Any, pointer: str) -> Iterator[tuple[str, str]]:
    """Patterns the linear-time engine refuses (lookaround, back-references, too large or too deeply nested)."""
    for here, pattern in iter_patterns(schema, pointer):
        shown = pattern if len(pattern) <= 60 else pattern[:57] + "..."
        try:
            re.compile(pattern)
        except re.error as exc:
            yield here, f"invalid regular expression {shown!r}: {exc}"
            continue
        except (RecursionError, OverflowError, MemoryError):
            yield here, f"invalid regular expression {shown!r}: too deeply nested or too large"
            continue
        if regex_problem(pattern) is not None:
            yield (
                here,
                (
                    f"unusable regular expression {shown!r}: conditions are matched in linear time, which rules out "
                    "lookaround, back-references and very large or deeply nested patterns"
                ),
            )


def checklist_problems(doc: Document, compiler: SchemaCompiler) -> list[Problem]:
    """Every problem of one rule file, located."""
    data = doc.data
    if not isinstance(data, dict):
        return [doc.problem("", "a rule file must be a JSON object", hint="see `legalcheck schema checklist`")]
    deep = depth_problem(doc)
    if deep is not None:
        return [deep]
    problems = schema_problems(doc, data, "checklist")
    if problems:  # conditions and examples are checked on a valid file; duplicate ids are reported now too
        return sorted(problems + _duplicate_questions(doc, data), key=lambda p: (p.line or 0, p.column or 0, p.pointer))
    text = doc.text
    # A reference needs one of these words, or an escape that spells one (JSON "\u0024ref", YAML "\x24ref").
    may_refer = any(word in text for word in ("$ref", "$dynamicRef", "$id", "\\")) or text.count("$schema") > (
        "$schema" in data
    )
    for pointer, leaf in iter_leaves(data):
        where = leaf["where"]
        found = len(problems)
        for sub, message in reference_problems(where) if may_refer else ():
            hint = "break the loop" if "loop" in message else "refer only to parts of the condition"
            problems.append(doc.problem(f"{pointer}/where{sub}", message, hint=hint))
        if len(problems) > found:
            continue
        for sub, message in meta_problems(where):
            problems.append(
                doc.problem(
                    f"{pointer}/where{sub}", f"not a valid JSON Schema: {message}", hint="fix the condition's schema"
                )
            )
        for sub, message in _regex_problems(where, f"{pointer}/where"):
            problems.append(doc.problem(sub, message, hint="fix the regular expression"))
        if not problems:
            try:
                compiler.compile(where)
            except Exception as exc:  # noqa: BLE001 - the evaluator's own words are the best message
                words = (str(exc).strip().splitlines() or [type(exc).__name__])[
                    0
                ]  # the first line says it; the rest repeats the schema
                problems.append(
                    doc.problem(
                        f"{pointer}/where",
                        f"the condition cannot be compiled: {words}",
                        hint="fix the condition's schema",
                    )
                )
    problems.extend(_duplicate_questions(doc, data))
    seen: dict[str, int] = {}
    for i, q in enumerate(data["questions"]):
        seen.setdefault(q["id"], i)
    for i, example in enumerate(data.get("examples", [])):
        problems.extend(check_record(doc, example["record"], f"/examples/{i}/record"))
        for qid in example["expect"]:
            if qid not in seen:
                problems.append(
                    doc.problem(
                        f"/examples/{i}/expect/{qid}",
                        f"no question with id {qid!r} in this checklist",
                        hint="use one of: " + ", ".join(seen),
                    )
                )
    return problems


def _duplicate_questions(doc: Document, data: dict[str, Any]) -> list[Problem]:
    """Question ids used twice (questions the schema rejects are skipped)."""
    questions = data.get("questions")
    return duplicate_ids(doc, questions, "/questions", "at /questions", "question id", "give each question its own id")[
        0
    ]


def compile_checklist(data: dict[str, Any], origin: str, compiler: SchemaCompiler) -> Checklist:
    canonical = vocabulary.shipped().with_entries(vocabulary.declared(data, origin)).canonical()

    def cond(spec: dict[str, Any], key: str) -> Any:
        return build(spec[key], compiler, canonical) if key in spec else None

    questions = tuple(
        Question(
            id=q["id"],
            text=q["text"],
            why=q["why"],
            severity=q.get("severity", "medium"),
            tags=tuple(q.get("tags", [])),
            citations=tuple(q["citations"]),
            would_answer=q["would_answer"],
            applies_if=cond(q, "applies_if"),
            raised_if=cond(q, "raised_if"),
            answered_if=cond(q, "answered_if"),
            contested_if=cond(q, "contested_if"),
            in_force_from=q.get("in_force_from"),
            dated_citations=any("in_force_from" in c or "in_force_until" in c for c in q["citations"]),
        )
        for q in data["questions"]
    )
    return Checklist(
        id=data["id"],
        title=data["title"],
        version=data["version"],
        description=data.get("description", ""),
        tags=tuple(data.get("tags", [])),
        questions=questions,
        applies_if=cond(data, "applies_if"),
        examples=tuple(data.get("examples", [])),
        origin=origin,
        spec=data,
        sha256=content_hash(data, built_in=origin == "built-in"),
        canonical=canonical,
    )


def content_hash(data: Any, built_in: bool = False) -> str:
    """The SHA-256 of a rule file's content as canonical JSON (sorted keys, no spaces): the same for the same rules
    whatever the file's layout or format.

    orjson writes the same canonical JSON several times faster except for a few numbers (``1e-05`` it writes
    ``0.00001``), so it is used for the built-in rule files only, where the test-suite checks that both agree."""
    if built_in:
        return hashlib.sha256(orjson.dumps(data, option=orjson.OPT_SORT_KEYS)).hexdigest()
    text = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class RuleSet:
    """The checklists of one run, in order: built-ins first, then the user's."""

    checklists: list[Checklist]

    def ids(self) -> list[str]:
        return [c.id for c in self.checklists]

    def select(self, ids: tuple[str, ...] = (), tags: tuple[str, ...] = ()) -> list[Checklist]:
        """Checklists by id and/or tag (a checklist is chosen if any of its or its questions' tags match)."""
        known = self.ids()
        unknown = [i for i in ids if i not in known]
        if unknown:
            raise UsageError(
                f"unknown checklist id {', '.join(map(repr, unknown))}; known: {', '.join(known)} (see "
                f"`legalcheck rules list`)"
            )
        chosen = [c for c in self.checklists if not ids or c.id in ids]
        if tags:
            chosen = [c for c in chosen if set(tags) & (set(c.tags) | {t for q in c.questions for t in q.tags})]
            if not chosen:
                raise UsageError(f"no checklist has tag {', '.join(map(repr, tags))}")
        return chosen


def load_rules(
    user_paths: list[Path], compiler: SchemaCompiler, builtins: bool = True, check_builtins: bool = False
) -> RuleSet:
    """Load the built-in checklists and the user's rule files; every problem in any file is reported at once.

    The user's rule files are always checked whole. The built-in ones are part of the package: the test-suite and
    `legalcheck rules lint` check them (``check_builtins``) with both evaluators, so a run does not check them again
    (it is most of a one-record run's start-up)."""
    docs: list[tuple[Document, str]] = []
    problems: list[Problem] = []
    if builtins:
        for f in resources.builtin_rule_files():
            name, text = f"built-in:{f.name}", f.read_text(encoding="utf-8")
            # a built-in file the tests have checked is read as it is, without the refusals of untrusted input
            doc = parse(name, text) if check_builtins else Document(name, text, orjson.loads(text), is_yaml=False)
            docs.append((doc, "built-in"))
    for path in discover(user_paths):
        try:
            doc = load(path)
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        docs.append((doc, str(path)))
    checklists: list[Checklist] = []
    origins: dict[str, str] = {}
    for doc, origin in docs:
        found = [] if origin == "built-in" and not check_builtins else checklist_problems(doc, compiler)
        if found:
            problems.extend(found)
            continue
        cid = doc.data["id"]
        if cid in origins:
            if origins[cid] == "built-in":
                owner, advice = (
                    "a built-in checklist",
                    "rename the id in your file; ids are unique across built-in and user checklists",
                )
            else:
                owner, advice = origins[cid], "give each checklist its own id, or pass only one of the files"
            problems.append(doc.problem("/id", f"checklist id {cid!r} is already used by {owner}", hint=advice))
            continue
        origins[cid] = origin
        checklists.append(compile_checklist(doc.data, origin, compiler))
    if problems:
        raise InputError(problems)
    return RuleSet(checklists)
