"""The limit: the work no analysis can avoid, timed on one core, and printed as JSON.

Reading each record (its bytes, parsed as JSON) and evaluating every distinct compiled condition of the project's
own rule files on every item it selects. Everything else an analysis does (validating the record, explaining,
describing evidence, writing results) is measured against this.

    python benchmarks/limit.py CORPUS_FOLDER_OR_JSONL
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

from legalcheck.engine.conditions import Combination, Condition, Leaf, NotOf
from legalcheck.engine.evaluator import SchemaCompiler
from legalcheck.engine.selection import select
from legalcheck.loading.checklists import load_rules


def leaves(condition: Condition | None) -> list[Leaf]:
    if condition is None:
        return []
    if isinstance(condition, Combination):
        return [leaf for part in condition.parts for leaf in leaves(part)]
    if isinstance(condition, NotOf):
        return leaves(condition.part)
    assert isinstance(condition, Leaf)
    return [condition]


def distinct_leaves() -> list[Leaf]:
    """Every distinct leaf condition (by pointer and schema) of the built-in rule files, compiled."""
    found: dict[str, Leaf] = {}
    for checklist in load_rules([], SchemaCompiler()).checklists:
        conditions = [checklist.applies_if] + [c for q in checklist.questions for c in q.conditions().values()]
        for condition in conditions:
            for leaf in leaves(condition):
                found.setdefault(json.dumps([leaf.select, leaf.schema], sort_keys=True), leaf)
    return list(found.values())


def records(path: Path) -> Any:
    if path.is_dir():
        for file in sorted(path.glob("*.json")):
            yield json.loads(file.read_bytes())
        return
    with path.open("rb") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def measure(path: Path) -> dict[str, float]:
    conditions = [(leaf.select, leaf.compiled()) for leaf in distinct_leaves()]
    start = time.perf_counter()
    cpu = time.process_time()
    count = evaluations = 0
    for record in records(path):
        count += 1
        for pointer, predicate in conditions:
            for match in select(record, pointer):
                predicate(match.item)
                evaluations += 1
    seconds = time.perf_counter() - start
    cpu = time.process_time() - cpu
    return {
        "seconds": seconds,
        "cpu_seconds": cpu,
        "records": count,
        "evaluations": evaluations,
        "conditions": len(conditions),
    }


if __name__ == "__main__":
    print(json.dumps(measure(Path(sys.argv[1]))))
