"""Warnings for rule authors: mistakes that a rule file's schema allows but that make a checklist wrong.

Each check is a small function taking a :class:`RuleFile` and yielding :class:`Finding`s. They assume a
rule file that already passed :func:`legalcheck.loading.checklists.checklist_problems` (valid against the
checklist schema, conditions valid JSON Schemas) and look for what validation cannot see: conditions that
refer to things incident records never contain, untested questions, vague citations, slow regexes.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from legalcheck import vocabulary
from legalcheck.authoring.regex import backtracking_risk
from legalcheck.authoring.schemaview import Schema, SchemaView
from legalcheck.errors import Problem
from legalcheck.examples import expected_statuses
from legalcheck.loading.checklists import iter_leaves, iter_patterns
from legalcheck.loading.documents import Document
from legalcheck.loading.positions import escape_token


@dataclass(frozen=True)
class RuleFile:
    """A valid rule file to lint, and the incident schema its conditions are checked against."""

    doc: Document
    view: SchemaView

    @property
    def data(self) -> dict[str, Any]:
        data: dict[str, Any] = self.doc.data
        return data


@dataclass(frozen=True)
class Finding:
    """One warning: which check found it, and where."""

    check: str
    problem: Problem

    def render(self) -> str:
        return self.problem.render()


def _finding(rule: RuleFile, check: str, pointer: str, message: str, hint: str = "") -> Finding:
    return Finding(check, rule.doc.problem(pointer, f"warning: {message} [{check}]", hint=hint))


def _suggest(name: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


def _short(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


# --- conditions against the incident schema -------------------------------------------------------


def check_select(rule: RuleFile) -> Iterator[Finding]:
    """A ``select`` pointer naming something incident records cannot have: the condition never matches."""
    for pointer, leaf in iter_leaves(rule.data):
        select = leaf.get("select", "")
        found = rule.view.select(select)
        if not found.schemas:
            known = rule.view.property_names([s for s in rule.view.select(found.at if found.at != "/" else "").schemas])
            yield _finding(
                rule,
                "unknown-select",
                f"{pointer}/select",
                f"select {select!r}: incident records have no {found.missing!r} in "
                f"{found.at}{_suggest(found.missing, known)}",
                hint="known: " + ", ".join(known) if known else "see `legalcheck schema incident`",
            )


def check_where(rule: RuleFile) -> Iterator[Finding]:
    """Properties and enum/const values in a ``where`` schema that the selected items can never have.

    The ``where`` schema is walked together with the incident schema of the selected items: a property
    the incident schema does not define (a typo such as ``propositon``) or a value its enum does not allow
    (``stirke``) makes the condition silently never match.
    """
    for pointer, leaf in iter_leaves(rule.data):
        found = rule.view.select(leaf.get("select", ""))
        if found.schemas:
            yield from _walk(
                rule, leaf["where"], list(found.schemas), f"{pointer}/where", leaf.get("select") or "the record"
            )


def _walk(rule: RuleFile, where: Any, targets: list[Schema], pointer: str, what: str) -> Iterator[Finding]:
    if not isinstance(where, dict) or not targets:
        return
    view = rule.view
    known = view.property_names(targets)
    closed = view.closed(targets)
    props = where.get("properties")
    if isinstance(props, dict):
        for name, sub in props.items():
            here = f"{pointer}/properties/{escape_token(name)}"
            if closed and name not in known:
                yield _finding(
                    rule,
                    "unknown-property",
                    here,
                    f"{what} has no property {name!r}{_suggest(name, known)}",
                    hint="known: " + ", ".join(known),
                )
                continue
            children = [
                a
                for t in targets
                if name in (t.get("properties") or {})
                for a in view.alternatives(t["properties"][name])
            ]
            yield from _walk(rule, sub, children, here, f"{what} › {name}")
    required = where.get("required")
    if isinstance(required, list) and closed:
        for i, name in enumerate(required):
            if isinstance(name, str) and name not in known:
                yield _finding(
                    rule,
                    "unknown-property",
                    f"{pointer}/required/{i}",
                    f"{what} has no property {name!r}{_suggest(name, known)}",
                    hint="known: " + ", ".join(known),
                )
    allowed = view.allowed_values(targets)
    if allowed is not None:
        if "const" in where and where["const"] not in allowed:
            yield _finding(
                rule,
                "unknown-value",
                f"{pointer}/const",
                f"{what} is never {_short(where['const'])}{_suggest_value(where['const'], allowed)}",
                hint="allowed: " + ", ".join(map(_short, allowed)),
            )
        if isinstance(where.get("enum"), list):
            for i, value in enumerate(where["enum"]):
                if value not in allowed:
                    yield _finding(
                        rule,
                        "unknown-value",
                        f"{pointer}/enum/{i}",
                        f"{what} is never {_short(value)}{_suggest_value(value, allowed)}",
                        hint="allowed: " + ", ".join(map(_short, allowed)),
                    )
    items = [a for t in targets if "items" in t for a in view.alternatives(t["items"])]
    for key in ("items", "contains"):
        if key in where:
            yield from _walk(rule, where[key], items, f"{pointer}/{key}", f"{what} › item")
    for key in ("allOf", "anyOf", "oneOf"):
        if isinstance(where.get(key), list):
            for i, sub in enumerate(where[key]):
                yield from _walk(rule, sub, targets, f"{pointer}/{key}/{i}", what)
    for key in ("not", "if", "then", "else"):
        if key in where:
            yield from _walk(rule, where[key], targets, f"{pointer}/{key}", what)


def _suggest_value(value: Any, allowed: list[Any]) -> str:
    if not isinstance(value, str):
        return ""
    return _suggest(value, [v for v in allowed if isinstance(v, str)])


def check_opposed(rule: RuleFile) -> Iterator[Finding]:
    """``opposed: true`` compares claims' propositions and stances, or casualty figures' ranges: on other items it
    can never hold."""
    for pointer, leaf in iter_leaves(rule.data):
        if leaf.get("opposed"):
            found = rule.view.select(leaf.get("select", ""))
            names = rule.view.property_names(found.schemas)
            figures = "casualty_figures" in leaf.get("select", "")
            if found.schemas and not figures and not {"proposition", "stance"} <= set(names):
                yield _finding(
                    rule,
                    "opposed-not-claims",
                    f"{pointer}/opposed",
                    f"opposed is true but {leaf.get('select') or 'the record'} selects items without a "
                    f"proposition and stance",
                    hint="select /claims or /casualty_figures",
                )


# --- proposition keys ---------------------------------------------------------------------------


def iter_proposition_values(schema: Any, pointer: str) -> Iterator[tuple[str, str]]:
    """Every proposition key a ``where`` schema pins (``properties.proposition`` const or enum), with its pointer."""
    if isinstance(schema, dict):
        for key, value in schema.items():
            here = f"{pointer}/{escape_token(key)}"
            if key in ("const", "enum", "default", "examples"):
                continue
            if key == "properties" and isinstance(value, dict) and isinstance(value.get("proposition"), dict):
                pinned = value["proposition"]
                at = f"{here}/proposition"
                if isinstance(pinned.get("const"), str):
                    yield f"{at}/const", pinned["const"]
                if isinstance(pinned.get("enum"), list):
                    for i, v in enumerate(pinned["enum"]):
                        if isinstance(v, str):
                            yield f"{at}/enum/{i}", v
            yield from iter_proposition_values(value, here)
    elif isinstance(schema, list):
        for i, value in enumerate(schema):
            yield from iter_proposition_values(value, f"{pointer}/{i}")


def _vocabulary_of(rule: RuleFile) -> vocabulary.Vocabulary:
    return vocabulary.shipped().with_entries(vocabulary.declared(rule.data, rule.doc.path))


def check_propositions(rule: RuleFile) -> Iterator[Finding]:
    """Every key a condition reads is a key of the vocabulary or of the file's own ``propositions``; an alias or a
    replaced key is read as its key, but the file should say the key."""
    vocab = _vocabulary_of(rule)
    for pointer, leaf in iter_leaves(rule.data):
        for here, key in iter_proposition_values(leaf["where"], f"{pointer}/where"):
            found = vocab.kind(key)
            if found is None:
                guess = vocab.suggest(key)
                yield _finding(
                    rule,
                    "undeclared-proposition",
                    here,
                    f"proposition {key!r} is neither in the vocabulary nor declared in this file"
                    + (f"; did you mean {guess!r}?" if guess else ""),
                    hint='declare it under "propositions" with its meaning, or use a key `legalcheck propositions` '
                    "lists",
                )
            elif found[0] != vocabulary.KEY:
                what = "an alias of" if found[0] == vocabulary.ALIAS else "replaced by"
                yield _finding(
                    rule,
                    f"{found[0]}-proposition",
                    here,
                    f"proposition {key!r} is {what} {found[1]!r}",
                    hint=f"read {found[1]!r}",
                )
    shipped = vocabulary.shipped()
    for i, entry in enumerate(rule.data.get("propositions", [])):
        names = [entry.get("key"), *entry.get("aliases", [])]
        for name in names:
            found = shipped.kind(name) if isinstance(name, str) else None
            if found is not None:
                yield _finding(
                    rule,
                    "redeclared-proposition",
                    f"/propositions/{i}",
                    f"{name!r} is already in the vocabulary"
                    + ("" if found[0] == vocabulary.KEY else f" ({found[0]} key for {found[1]!r})"),
                    hint="remove the declaration, or choose another key",
                )
    read = {key for _, leaf in iter_leaves(rule.data) for _, key in iter_proposition_values(leaf["where"], "")}
    for i, example in enumerate(rule.data.get("examples", [])):
        for j, claim in enumerate(example.get("record", {}).get("claims", []) or []):
            said = claim.get("proposition") if isinstance(claim, dict) else None
            if not isinstance(said, str):
                continue
            found = vocab.kind(said)
            if (found is None and said not in read) or (found is not None and found[0] == vocabulary.REPLACED):
                guess = found[1] if found else vocab.suggest(key)
                yield _finding(
                    rule,
                    "example-proposition",
                    f"/examples/{i}/record/claims/{j}/proposition",
                    f"example claim uses {'replaced' if found else 'unknown'} proposition {said!r}"
                    + (f"; use {guess!r}" if found else (f"; did you mean {guess!r}?" if guess else "")),
                )


# --- regular expressions -----------------------------------------------------------------------


def check_regex(rule: RuleFile) -> Iterator[Finding]:
    """Regular expressions in conditions that are invalid or can backtrack catastrophically (a heuristic)."""
    for pointer, leaf in iter_leaves(rule.data):
        for here, pattern in iter_patterns(leaf["where"], f"{pointer}/where"):
            try:
                risk = backtracking_risk(pattern)
            except re.error as exc:
                yield _finding(rule, "invalid-regex", here, f"invalid regular expression {pattern!r}: {exc}")
                continue
            if risk:
                yield _finding(
                    rule,
                    "slow-regex",
                    here,
                    f"regular expression {pattern!r} can backtrack catastrophically: {risk}",
                    hint="let each character be matched in only one way",
                )


# --- citations ----------------------------------------------------------------------------------

PINPOINT = re.compile(
    r"\d|§|¶|\b(?:arts?|articles?|secs?|sections?|paras?|paragraphs?|cls?|clauses?|amend|amendments?|rules?|regs?|regulations?"
    r"|ch|chap|chapters?|pts?|parts?|titles?|principles?|annex|pp?|at|nn?|notes?|fn)\b",
    re.IGNORECASE,
)


def check_citations(rule: RuleFile) -> Iterator[Finding]:
    """Every question cites law, and each pinpoint names a section, article, paragraph or number."""
    for i, q in enumerate(rule.data["questions"]):
        citations = q.get("citations") or []
        if not citations:
            yield _finding(
                rule,
                "no-citation",
                f"/questions/{i}/citations",
                f"question {q['id']!r} cites nothing",
                hint="add the provision it rests on",
            )
        for j, citation in enumerate(citations):
            pinpoint = str(citation.get("pinpoint", ""))
            if not PINPOINT.search(pinpoint):
                yield _finding(
                    rule,
                    "vague-pinpoint",
                    f"/questions/{i}/citations/{j}/pinpoint",
                    f"pinpoint {pinpoint!r} names no section, article, paragraph or number",
                    hint="e.g. '8 U.S.C. § 1189(a)(1)' or 'art. 6(1)'",
                )


# --- ids and examples ---------------------------------------------------------------------------


def check_duplicate_ids(rule: RuleFile) -> Iterator[Finding]:
    """Question ids and example names are unique within a checklist."""
    for collection, key, what in (("questions", "id", "question id"), ("examples", "name", "example name")):
        seen: dict[str, int] = {}
        for i, item in enumerate(rule.data.get(collection, [])):
            value = item.get(key)
            if value in seen:
                yield _finding(
                    rule,
                    "duplicate-id",
                    f"/{collection}/{i}/{key}",
                    f"duplicate {what} {value!r} (first at /{collection}/{seen[value]})",
                )
            else:
                seen[value] = i


def check_examples(rule: RuleFile) -> Iterator[Finding]:
    """Every question is exercised by an example, and its examples expect at least two statuses."""
    exercised = {qid for ex in rule.data.get("examples", []) for qid in ex.get("expect", {})}
    statuses = expected_statuses(rule.data)
    for i, q in enumerate(rule.data["questions"]):
        qid = q["id"]
        if qid not in exercised:
            yield _finding(
                rule,
                "untested-question",
                f"/questions/{i}/id",
                f"no example exercises question {qid!r}",
                hint="add an example whose expect names it",
            )
        elif len(statuses.get(qid, ())) < 2:
            got = ", ".join(sorted(statuses.get(qid, ()))) or "none"
            yield _finding(
                rule,
                "one-status",
                f"/questions/{i}/id",
                f"the examples of question {qid!r} expect fewer than two statuses ({got})",
                hint="add an example that gives it another status",
            )


def check_answerable(rule: RuleFile) -> Iterator[Finding]:
    """A question with neither ``answered_if`` nor ``contested_if`` is open for every record."""
    for i, q in enumerate(rule.data["questions"]):
        if "answered_if" not in q and "contested_if" not in q:
            yield _finding(
                rule,
                "never-answered",
                f"/questions/{i}",
                f"question {q['id']!r} has no answered_if or contested_if: it is open for every record",
                hint="say which facts answer it",
            )


CHECKS: tuple[Callable[[RuleFile], Iterator[Finding]], ...] = (
    check_select,
    check_where,
    check_opposed,
    check_propositions,
    check_regex,
    check_citations,
    check_duplicate_ids,
    check_examples,
    check_answerable,
)


def lint_file(rule: RuleFile) -> list[Finding]:
    """Every warning for one rule file, in file order."""
    found = [f for check in CHECKS for f in check(rule)]
    return sorted(
        found, key=lambda f: (f.problem.line or 0, f.problem.column or 0, f.problem.pointer, f.problem.message)
    )


def duplicate_checklist_ids(docs: list[Document]) -> list[Finding]:
    """Checklist ids used by more than one of ``docs`` (loading rejects this; lint reports it for any set of files)."""
    seen: dict[str, str] = {}
    found: list[Finding] = []
    for doc in docs:
        cid = doc.data.get("id") if isinstance(doc.data, dict) else None
        if not isinstance(cid, str):
            continue
        if cid in seen:
            found.append(
                Finding(
                    "duplicate-id",
                    doc.problem("/id", f"warning: checklist id {cid!r} is also used by {seen[cid]} [duplicate-id]"),
                )
            )
        else:
            seen[cid] = doc.path
    return found


def lint(docs: list[Document], incident_schema: dict[str, Any]) -> list[Finding]:
    """Lint several valid rule files against the incident schema."""
    view = SchemaView(incident_schema)
    found = [f for doc in docs for f in lint_file(RuleFile(doc, view))]
    return found + duplicate_checklist_ids(docs)
