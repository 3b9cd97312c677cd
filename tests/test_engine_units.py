"""The engine piece by piece: selection, conditions' traces, the analysis of a question, evidence and results."""

from __future__ import annotations

from typing import Any

import pytest

from legalcheck.engine.analyze import analyze
from legalcheck.engine.conditions import Leaf, build
from legalcheck.engine.describe import Describer
from legalcheck.engine.evaluator import SchemaCompiler, schema_problems
from legalcheck.engine.model import Checklist, ChecklistResult, Evidence, Leaves, Question, QuestionResult, count
from legalcheck.engine.selection import Cache, Match, select
from legalcheck.report.results import (
    Catalogue,
    condition_lines,
    expand,
    explained,
    held_record,
    rules_document,
    words,
)

COMPILER = SchemaCompiler("jsonschema_rs")


def pointers(matches: Any) -> list[str]:
    return [m.pointer for m in matches]


# ---- select ------------------------------------------------------------------------------------------------


def test_select_fans_out_over_objects_with_escaped_keys() -> None:
    record = {"m": {"a/b": 1, "c~d": {"x": 2}, "e": {"x": 3}}}
    assert select(record, "/m/*") == [Match("/m/a~1b", 1), Match("/m/c~0d", {"x": 2}), Match("/m/e", {"x": 3})]
    assert select(record, "/m/*/x") == [Match("/m/c~0d/x", 2), Match("/m/e/x", 3)]
    assert select(record, "/m/a~1b") == [Match("/m/a~1b", 1)]
    assert select(record, "/m/c~0d/x") == [Match("/m/c~0d/x", 2)]


def test_select_indexes_into_lists() -> None:
    record = {"l": [{"k": "a"}, {"k": "b"}], "s": "text", "n": [[1, 2], [3]]}
    assert select(record, "/l/1/k") == [Match("/l/1/k", "b")]
    assert select(record, "/l/1") == [Match("/l/1", {"k": "b"})]
    assert select(record, "/l/2") == []
    assert select(record, "/l/k") == []
    assert select(record, "/l/-1") == []
    assert select(record, "/s/0") == []
    assert select(record, "/s/*") == []
    assert select(record, "/n") == [Match("/n/0", [1, 2]), Match("/n/1", [3])], "a final array is expanded once"
    assert select(record, "/n/*") == [Match("/n/0", [1, 2]), Match("/n/1", [3])], "a final '*' is not expanded again"
    assert select(record, "/n/*/*") == [Match("/n/0/0", 1), Match("/n/0/1", 2), Match("/n/1/0", 3)]
    assert select(record, "/s") == [Match("/s", "text")]
    assert select(record, "/l/0/k/more") == []


def test_select_on_the_whole_record() -> None:
    record = {"a": 1}
    assert select(record, "") == [Match("", record)]
    assert select([1, 2], "") == [Match("", [1, 2])], "the record itself is not expanded"


def test_cache_reuses_a_selection() -> None:
    cache = Cache({"l": [1]})
    assert cache.selection("/l") is cache.selection("/l")
    assert pointers(cache.selection("/l").items) == ["/l/0"]


# ---- conditions --------------------------------------------------------------------------------------------

RECORD: dict[str, Any] = {
    "claims": [
        {"proposition": "p", "stance": "asserts"},
        {"proposition": "p", "stance": "denies"},
        {"proposition": "q", "stance": "asserts"},
        {"proposition": "q", "stance": "asserts"},
        {"proposition": "r", "stance": "denies"},
        {"proposition": "s", "stance": "questions"},
        {"proposition": "s", "stance": "asserts"},
        "not a claim",
    ]
}


def run(spec: dict[str, Any], record: Any = None) -> Any:
    """Evaluate a condition; its trace (data in results documents) is put in words as reports show it."""
    outcome = build(spec, COMPILER).evaluate(Cache(RECORD if record is None else record))
    return outcome._replace(trace=tuple(condition_lines(spec, outcome.trace)))


def test_a_leaf_lists_at_most_five_matches() -> None:
    outcome = run({"description": "any claim", "select": "/claims", "where": {"type": "object"}})
    assert outcome.holds and len(outcome.matches) == 7
    assert outcome.trace == (
        "yes: any claim (7 of 8 in /claims match: /claims/0, /claims/1, /claims/2, /claims/3, /claims/4 and 2 more)",
    )
    five = run({"description": "d", "select": "/claims", "where": {"type": "object"}, "max": 5})
    assert not five.holds and five.matches == ()
    assert five.trace == (
        "no: d (7 of 8 in /claims match: /claims/0, /claims/1, /claims/2, /claims/3, /claims/4 and 2 more)",
    )
    exactly = run({"description": "d", "select": "/claims", "where": {"required": ["stance"]}, "min": 8, "max": 8})
    assert exactly.holds


def test_a_leaf_on_the_record_says_so() -> None:
    outcome = run({"description": "has claims", "where": {"required": ["claims"]}})
    assert outcome.holds and pointers(outcome.matches) == [""]
    assert outcome.trace == ("yes: has claims (1 of 1 in the record match: )",)
    missing = run({"description": "has events", "where": {"required": ["events"]}})
    assert missing.trace == ("no: has events (nothing in the record matches (1 checked))",)


def test_none_found_and_found_some_for_max_zero() -> None:
    none = run({"description": "no boarding", "select": "/claims", "where": False, "min": 0, "max": 0})
    assert none.holds and none.trace == ("yes: no boarding (none found)",)
    some = run(
        {
            "description": "no denial",
            "select": "/claims",
            "where": {"type": "object", "properties": {"stance": {"const": "denies"}}, "required": ["stance"]},
            "min": 0,
            "max": 0,
        }
    )
    assert not some.holds and some.trace == ("no: no denial (found 2: /claims/1, /claims/4)",)
    at_most = run({"description": "d", "select": "/claims", "where": False, "min": 0})
    assert at_most.holds and at_most.trace == ("yes: d (nothing in /claims matches (8 checked))",)


def test_opposed_keeps_only_propositions_asserted_and_denied() -> None:
    outcome = run({"description": "disputed", "select": "/claims", "where": True, "opposed": True})
    assert pointers(outcome.matches) == ["/claims/0", "/claims/1"]
    nothing = run(
        {
            "description": "d",
            "select": "/claims",
            "where": {"properties": {"proposition": {"enum": ["q", "r", "s"]}}},
            "opposed": True,
        }
    )
    assert not nothing.holds and nothing.matches == ()
    no_proposition = run(
        {"description": "d", "select": "/x", "where": True, "opposed": True},
        {"x": [{"stance": "asserts"}, {"stance": "denies"}, {"proposition": "None", "stance": "asserts"}]},
    )
    assert pointers(no_proposition.matches) == ["/x/0", "/x/1", "/x/2"], "a missing proposition reads as 'None'"


def test_leaf_results_are_shared_within_a_record() -> None:
    spec = {"description": "d", "select": "/claims", "where": {"properties": {"proposition": {"const": "p"}}}}
    cache = Cache(RECORD)
    first = build(spec, COMPILER).evaluate(cache)
    other = {**spec, "description": "other words", "min": 4}
    second = build(other, COMPILER).evaluate(cache)
    assert pointers(first.matches) == ["/claims/0", "/claims/1", "/claims/7"]
    assert not second.holds and condition_lines(other, second.trace)[0].startswith("no: other words (3 of 8")
    opposed = build({**spec, "opposed": True}, COMPILER).evaluate(cache)
    assert pointers(opposed.matches) == ["/claims/0", "/claims/1"], "opposed is part of the memo key"


def test_combinations_trace_and_evidence() -> None:
    p = {
        "description": "p",
        "select": "/claims",
        "where": {"type": "object", "properties": {"proposition": {"const": "p"}}, "required": ["proposition"]},
    }
    q = {
        "description": "q",
        "select": "/claims",
        "where": {"type": "object", "properties": {"proposition": {"const": "q"}}, "required": ["proposition"]},
    }
    z = {
        "description": "z",
        "select": "/claims",
        "where": {"type": "object", "properties": {"proposition": {"const": "z"}}, "required": ["proposition"]},
    }
    both = run({"all": [p, q, p]})
    assert both.holds and both.trace[0] == "yes: all of"
    assert pointers(both.matches) == ["/claims/0", "/claims/1", "/claims/2", "/claims/3"], "each item once"
    assert both.trace[1:] == (
        "  yes: p (2 of 8 in /claims match: /claims/0, /claims/1)",
        "  yes: q (2 of 8 in /claims match: /claims/2, /claims/3)",
        "  yes: p (2 of 8 in /claims match: /claims/0, /claims/1)",
    )
    failed = run({"description": "p and z", "all": [p, z]})
    assert not failed.holds and failed.matches == () and failed.trace[0] == "no: p and z"
    either = run({"any": [z, q]})
    assert either.holds and pointers(either.matches) == ["/claims/2", "/claims/3"]
    neither = run({"any": [z, z]})
    assert not neither.holds and neither.trace[0] == "no: any of"
    negated = run({"not": z})
    assert negated.holds and negated.matches == ()
    assert negated.trace == ("yes: not", "  no: z (nothing in /claims matches (8 checked))")
    double = run({"description": "not p", "not": p})
    assert not double.holds and double.trace[0] == "no: not p" and double.trace[1].startswith("  yes: p")


# ---- analyze -----------------------------------------------------------------------------------------------


SPEC_OF: dict[int, dict[str, Any]] = {}  # id of a built condition -> its rule-file form, to put traces in words


def leaf(description: str, select_: str, where: Any, **extra: Any) -> Any:
    spec = {"description": description, "select": select_, "where": where, **extra}
    condition = build(spec, COMPILER)
    SPEC_OF[id(condition)] = spec
    return condition


def explain(c: ChecklistResult, q: QuestionResult) -> tuple[str, ...]:
    """A question's explanation as reports word it, from its trace as the results document holds it."""
    applies = c.checklist.applies_if
    checklist_spec = {} if applies is None else {"applies_if": SPEC_OF[id(applies)]}
    question_spec = {role: SPEC_OF[id(cond)] for role, cond in q.question.conditions().items()}
    leaves = Leaves()
    checklist, question = c.to_dict({}, leaves), q.to_dict({}, leaves)
    return tuple(words(explained(checklist_spec, checklist, question_spec, question, leaves.table())))


def question(qid: str, **conditions: Any) -> Question:
    return Question(qid, f"text {qid}", "why", "high", ("t",), ({"instrument": "I"},), "would", **conditions)


CLAIMS = {"type": "object"}
RAISING = {"properties": {"stance": {"const": "questions"}}, "required": ["stance"]}
REC: dict[str, Any] = {
    "id": "r1",
    "title": "T",
    "summary": "S",
    "date": "2025-01-01",
    "as_of": "2025-01-02",
    "location": {"description": "somewhere"},
    "extra": "not a header field",
    "actors": [{"id": "a1", "name": "Actor One", "kind": "government"}],
    "claims": [
        {"id": "c1", "claimant": "a1", "stance": "questions", "proposition": "p", "quote": "Q?", "source": "s1"},
        {"id": "c2", "claimant": "a1", "stance": "asserts", "proposition": "p", "text": "said", "source": "s1"},
        {"id": "c3", "claimant": "nobody", "stance": "denies", "proposition": "p"},
    ],
    "sources": [{"id": "s1", "kind": "news_report", "title": "Report"}],
}


def test_question_statuses_and_explanations() -> None:
    questions = (
        question("na", applies_if=leaf("a strike", "/events", True)),
        question("always"),
        question("raised-open", raised_if=leaf("questioned", "/claims", RAISING)),
        question(
            "answered",
            answered_if=leaf(
                "asserted", "/claims", {"properties": {"stance": {"const": "asserts"}}, "required": ["stance"]}
            ),
        ),
        question(
            "contested",
            applies_if=leaf("claims", "/claims", CLAIMS),
            raised_if=leaf("questioned", "/claims", RAISING),
            contested_if=leaf("disputed", "/claims", True, opposed=True),
            answered_if=leaf("any", "/claims", True),
        ),
    )
    checklist = Checklist("c", "C", "1.0", "", (), questions)
    result = analyze(REC, [checklist], file="in/r1.json")
    assert result.incident == {
        "id": "r1",
        "title": "T",
        "summary": "S",
        "date": "2025-01-01",
        "as_of": "2025-01-02",
        "location": {"description": "somewhere"},
        "file": "in/r1.json",
    }
    assert result.id == "r1"
    assert result.actors == tuple(REC["actors"]) and result.sources == tuple(REC["sources"])
    (c,) = result.checklists
    assert c.applicable
    by_id = {q.question.id: q for q in c.questions}
    assert {k: (v.status, v.raised) for k, v in by_id.items()} == {
        "na": ("not_applicable", False),
        "always": ("open", False),
        "raised-open": ("open", True),
        "answered": ("answered", False),
        "contested": ("contested", True),
    }
    assert explain(c, by_id["na"]) == ("Applies: no", "  no: a strike (nothing in /events matches (0 checked))")
    assert explain(c, by_id["always"]) == (
        "Applies: always (the question has no applicability condition)",
        "Raised by a source: the checklist does not say what would raise it",
    )
    raised = by_id["raised-open"]
    assert explain(c, raised)[1:3] == (
        "Raised by a source: yes",
        "  yes: questioned (1 of 3 in /claims match: /claims/0)",
    )
    assert [(e.pointer, e.role, e.claimant, e.stance, e.quote) for e in raised.raised_by] == [
        ("/claims/0", "raised", "Actor One", "questions", "Q?")
    ]
    assert raised.evidence == (), "what raises a question is not evidence for its status"
    answered = by_id["answered"]
    assert [(e.pointer, e.role) for e in answered.evidence] == [("/claims/1", "answered")]
    contested = by_id["contested"]
    assert [(e.pointer, e.role) for e in contested.evidence] == [
        ("/claims/0", "applies"),
        ("/claims/1", "applies"),
        ("/claims/2", "applies"),
        ("/claims/0", "contested"),
        ("/claims/1", "contested"),
        ("/claims/2", "contested"),
    ]
    assert contested.to_dict({}, Leaves())["evidence"] == {
        "applies": ["/claims/0", "/claims/1", "/claims/2"],
        "contested": ["/claims/0", "/claims/1", "/claims/2"],
    }, "the results document keeps each role's pointers"
    assert explain(c, contested)[0] == "Applies: yes"
    assert "Answered by the record: yes" not in explain(c, contested), "a contested question is not also answered"
    assert "Sources contradict each other: yes" in explain(c, contested)


def test_a_checklist_that_does_not_apply_leaves_every_question_not_applicable() -> None:
    questions = (question("q1", raised_if=leaf("questioned", "/claims", RAISING)), question("q2"))
    checklist = Checklist(
        "c", "C", "1.0", "", (), questions, applies_if=leaf("at sea", "/location", {"required": ["domain"]})
    )
    (c,) = analyze(REC, [checklist]).checklists
    assert not c.applicable
    assert [(q.status, q.raised_by, q.evidence) for q in c.questions] == [("not_applicable", (), ())] * 2
    assert explain(c, c.questions[0]) == (
        "The checklist does not apply to this record:",
        "  no: at sea (nothing in /location matches (1 checked))",
    )
    applying = Checklist(
        "c", "C", "1.0", "", (), questions, applies_if=leaf("somewhere", "/location", {"required": ["description"]})
    )
    (c,) = analyze(REC, [applying]).checklists
    assert c.applicable and c.questions[0].status == "open" and c.questions[0].raised


def test_results_documents() -> None:
    raising = {"description": "questioned", "select": "/claims", "where": RAISING}
    checklist = Checklist(
        "c",
        "C",
        "1.0",
        "desc",
        ("tag",),
        (question("raised-open", raised_if=build(raising, COMPILER)),),
        sha256="c" * 64,
    )
    doc = analyze(REC, [checklist]).to_dict("9.9")
    assert doc["schema"] == "urn:legalcheck:schema:results:2"
    assert doc["tool"] == {"name": "legalcheck", "version": "9.9"}
    assert doc["rules"]["file"] == "rules.json"
    assert doc["rules"]["checklists"] == [{"id": "c", "version": "1.0", "sha256": "c" * 64}]
    assert analyze(REC, [checklist]).to_dict("9.9", "f" * 64)["rules"]["sha256"] == "f" * 64
    assert doc["actors"] == REC["actors"] and doc["sources"] == REC["sources"]
    (c,) = doc["checklists"]
    assert c == {
        "id": "c",
        "version": "1.0",
        "applicable": True,
        "counts": {
            "answered": 0,
            "contested": 0,
            "open": 1,
            "not_applicable": 0,
            "raised": 1,
            "raised_open": 1,
            "unraised_open": 0,
        },
        "questions": [
            {
                "id": "raised-open",
                "status": "open",
                "raised": True,
                "raised_by": ["/claims/0"],
                "trace": [None, [0]],
            }
        ],
    }, "only the incident's findings: the checklist's and question's words stay in the rule set"
    assert doc["items"] == {}, "the claim is in the record the document holds: it is not described again"
    assert doc["record"]["claims"] == REC["claims"]
    assert held_record(doc).item("/claims/0") == {
        "summary": "Actor One (questions): p",
        "sources": ["s1"],
        "claimant": "Actor One",
        "stance": "questions",
        "quote": "Q?",
    }, "what raises a question is described from the record when read, and is not evidence"
    assert doc["leaves"] == [[True, 3, 1, ["/claims/0"]]], "each distinct leaf of the traces is written once"
    # the full view joins the findings with the rule set's words
    spec = {
        "id": "c",
        "title": "C",
        "version": "1.0",
        "description": "desc",
        "tags": ["tag"],
        "questions": [
            {
                "id": "raised-open",
                "text": "text raised-open",
                "why": "why",
                "severity": "high",
                "tags": ["t"],
                "citations": [{"instrument": "I"}],
                "would_answer": "would",
                "raised_if": raising,
            }
        ],
    }
    full = expand(doc, Catalogue(rules_document([(spec, "c" * 64)], doc["rules"]["sha256"], "9.9")))
    (fc,) = full["checklists"]
    assert {k: fc[k] for k in ("id", "title", "version", "description", "tags", "applicable")} == {
        "id": "c",
        "title": "C",
        "version": "1.0",
        "description": "desc",
        "tags": ["tag"],
        "applicable": True,
    }
    (q,) = fc["questions"]
    assert q["raised_by"] == [
        {
            "pointer": "/claims/0",
            "role": "raised",
            "summary": "Actor One (questions): p",
            "sources": ["s1"],
            "claimant": "Actor One",
            "stance": "questions",
            "quote": "Q?",
        }
    ]
    assert q["evidence"] == []
    assert {
        k: q[k] for k in ("id", "text", "why", "severity", "tags", "status", "raised", "citations", "would_answer")
    } == {
        "id": "raised-open",
        "text": "text raised-open",
        "why": "why",
        "severity": "high",
        "tags": ["t"],
        "status": "open",
        "raised": True,
        "citations": [{"instrument": "I"}],
        "would_answer": "would",
    }
    assert words(q["explanation"])[1:3] == [
        "Raised by a source: yes",
        "  yes: questioned (1 of 3 in /claims match: /claims/0)",
    ]
    assert Evidence("/x", "answered", "s", ()).item() == {"summary": "s", "sources": []}
    assert Evidence("/x", "raised", "s", ("s1",), "A", "asserts", "Q").item() == {
        "summary": "s",
        "sources": ["s1"],
        "claimant": "A",
        "stance": "asserts",
        "quote": "Q",
    }
    assert question("q").conditions() == {}
    cond = leaf("d", "", True)
    assert question("q", raised_if=cond, contested_if=cond).conditions() == {"raised_if": cond, "contested_if": cond}


# ---- describe ----------------------------------------------------------------------------------------------

FULL: dict[str, Any] = {
    "actors": [{"id": "a1", "name": "Actor One", "kind": "armed_group"}, {"id": "a2", "name": "B"}],
    "claims": [
        {"id": "c1", "claimant": "a1", "stance": "asserts", "proposition": "p.x", "text": "It is so", "source": "s1"},
        {"id": "c2", "claimant": "zz", "stance": "denies", "proposition": "p.x", "about": ["e1", "p1"]},
        {"id": "c3"},
    ],
    "some_thing": {"a": 1},
    "events": [
        {
            "id": "e1",
            "kind": "planned_strike",
            "date": "2025-01-01",
            "description": "A plan",
            "sources": ["s1", "s2", "s1"],
        },
        {"id": "e2", "kind": "strike"},
        {"id": "e3"},
    ],
    "persons": [
        {
            "id": "p1",
            "name": "A Person",
            "fate": "killed",
            "nationality": "X",
            "identified_by": ["s2"],
            "sources": ["s1"],
        },
        {"id": "p2", "fate": "killed"},
        {"id": "p3"},
    ],
    "legal_bases": [
        {"id": "l1", "claimant": "a1", "basis": "self_defense", "detail": "art. 51"},
        {"id": "l2", "basis": "statute"},
        {"id": "l3"},
    ],
    "sources": [
        {"id": "s1", "kind": "news_report", "title": "Title"},
        {"id": "s2", "publisher": "Pub"},
        {"id": "s3", "kind": "official_statement"},
    ],
    "location": {"maritime_zone": "high_seas"},
    "numbers": [1, 2],
}

SUMMARIES = [
    ("/claims/0", "Actor One (asserts): It is so", ("s1",)),
    ("/claims/1", "zz (denies): p.x", ()),
    ("/events/0", "planned strike (2025-01-01): A plan", ("s1", "s2")),
    ("/events/1", "strike", ()),
    ("/events/2", "event", ()),
    ("/events/0/kind", "planned strike (2025-01-01): A plan [kind]", ("s1", "s2")),
    ("/persons/0", "A Person (killed, X)", ("s1", "s2")),
    ("/persons/1", "unnamed person (killed)", ()),
    ("/persons/2", "unnamed person", ()),
    ("/legal_bases/0", "Actor One invokes self defense: art. 51", ()),
    ("/legal_bases/1", " invokes statute", ()),
    ("/sources/0", "news report: Title", ("s1",)),
    ("/sources/1", "source: Pub", ("s2",)),
    ("/sources/2", "official statement: s3", ("s3",)),
    ("/actors/0", "Actor One (armed group)", ()),
    ("/location", "location: high_seas", ()),
    ("/location/maritime_zone", "location: high_seas [maritime_zone]", ()),
    ("/numbers/1", "numbers: 2", ()),
    ("/numbers/7", "numbers: [1, 2] [7]", ()),
    ("/numbers", "numbers: [1, 2]", ()),
    ("/claims/0/text", "Actor One (asserts): It is so [text]", ("s1",)),
    ("", "the record", ()),
    ("/claims/1/about/1", "zz (denies): p.x [about › 1]", ()),
    ("/claims/2", " (): ", ()),
    ("/legal_bases/2", " invokes ", ()),
    ("/actors/1", "B ()", ()),
    ("/some_thing", "some thing", ()),
    ("/location/x/y", "location: high_seas [x › y]", ()),
    ("/numbers/2", "numbers: [1, 2] [2]", ()),
]


@pytest.mark.parametrize(("pointer", "summary", "sources"), SUMMARIES)
def test_evidence_summaries_and_sources(pointer: str, summary: str, sources: tuple[str, ...]) -> None:
    describer = Describer(FULL)
    evidence = describer.evidence(Match(pointer, None), "answered")
    assert (evidence.summary, evidence.sources) == (summary, sources)
    assert evidence.pointer == pointer and evidence.role == "answered"
    assert describer.evidence(Match(pointer, None), "answered") is evidence, "made once per item and role"
    assert describer.evidence(Match(pointer, None), "raised").role == "raised"


def test_evidence_of_a_claim_carries_who_said_what() -> None:
    describer = Describer(FULL)
    claim = describer.evidence(Match("/claims/0", None), "contested")
    assert (claim.claimant, claim.stance, claim.quote) == ("Actor One", "asserts", "")
    nobody = describer.evidence(Match("/claims/2", None), "contested")
    assert (nobody.claimant, nobody.stance, nobody.quote) == ("", "", "")
    other = describer.evidence(Match("/events/0", None), "contested")
    assert (other.claimant, other.stance, other.quote) == ("", "", "")
    assert Describer({}).name("x") == "x" and Describer(FULL).name("a1") == "Actor One"


def test_location_summaries_fall_back_in_order() -> None:
    for location, text in [
        ({"description": "D", "maritime_zone": "M", "domain": "sea"}, "location: D"),
        ({"maritime_zone": "M", "domain": "sea"}, "location: M"),
        ({"domain": "sea"}, "location: sea"),
        ({}, "location: given"),
    ]:
        assert Describer({"location": location}).evidence(Match("/location", None), "applies").summary == text


# ---- evaluator ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("evaluator", ["jsonschema_rs", "jsonschema"])
def test_boolean_schemas_and_compiled_predicates(evaluator: str) -> None:
    compiler = SchemaCompiler(evaluator)
    assert compiler.compile(True)(None) is True and compiler.compile(False)({}) is False
    predicate = compiler.compile({"required": ["a"]})
    assert predicate({"a": 1}) is True and predicate({}) is False
    assert len(compiler) == 3


def test_schema_problems_are_located_within_the_schema() -> None:
    assert schema_problems(True) == [] and schema_problems({"type": "object"}) == []
    assert schema_problems({"type": "objet"}) == [("/type", "'objet' is not valid under any of the given schemas")]
    problems = schema_problems({"properties": {"a": {"minLength": -1}, "b": {"type": 3}}})
    assert [p for p, _ in problems] == ["/properties/a/minLength", "/properties/b/type"]
    assert schema_problems({"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object"}) == []
    # a schema that names another draft is still checked against draft 2020-12, which conditions are evaluated under
    draft7 = {"$schema": "http://json-schema.org/draft-07/schema#", "items": [{"type": "string"}]}
    assert [p for p, _ in schema_problems(draft7)][:1] == ["/items"]


def test_each_evaluator_compiles_with_its_own_library() -> None:
    fast = SchemaCompiler("jsonschema_rs").compile({"type": "object"})
    reference = SchemaCompiler("jsonschema").compile({"type": "object"})
    assert type(getattr(fast, "__self__", None)).__module__.startswith("jsonschema_rs")
    assert type(getattr(reference, "__self__", None)).__module__.startswith("jsonschema.")


# ---- counts ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("flags", "expected"),
    [
        (
            [("open", True), ("open", True), ("open", False), ("contested", True), ("answered", False)],
            {"open": 3, "contested": 1, "answered": 1, "not_applicable": 0, "raised": 3, "raised_open": 2,
             "unraised_open": 1},
        ),
        (
            [("not_applicable", False), ("open", False), ("answered", True), ("not_applicable", True)],
            {"open": 1, "contested": 0, "answered": 1, "not_applicable": 2, "raised": 1, "raised_open": 0,
             "unraised_open": 1},
        ),
    ],
)  # fmt: skip
def test_counts_of_a_hand_made_result(flags: list[tuple[str, bool]], expected: dict[str, int]) -> None:
    raiser = Evidence("/claims/0", "raised", "a claim", ())
    results = [QuestionResult(question("q"), status, (raiser,) if raised else (), (), ()) for status, raised in flags]
    assert count(results) == expected


def test_a_condition_reads_pinned_aliases_as_their_key_and_leaves_other_schemas_as_written() -> None:
    canonical = {"old-name": "new_name"}

    def leaf(where: dict[str, Any]) -> Any:
        made = build({"description": "d", "select": "/claims/*", "where": where}, SchemaCompiler(), canonical)
        assert isinstance(made, Leaf)
        return made.schema

    pinned = {"properties": {"proposition": {"enum": ["old-name", "other"]}}, "required": ["proposition"]}
    assert leaf(pinned)["properties"]["proposition"]["enum"] == ["new_name", "other"]
    assert pinned["properties"]["proposition"]["enum"] == ["old-name", "other"]  # the rule file's data is untouched
    other = {"properties": {"stance": {"const": "old-name"}}}
    assert leaf(other) is other
    huge = {"properties": {"proposition": {"const": "old-name"}, "n": {"maximum": 10**30}}}
    assert leaf(huge)["properties"]["proposition"]["const"] == "new_name"
