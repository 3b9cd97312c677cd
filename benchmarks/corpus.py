"""Make a synthetic corpus of seed-sized incident records, deterministically."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
ZONES = ["territorial_sea", "contiguous_zone", "eez", "high_seas", "unknown"]
STANCES = ["asserts", "denies", "questions"]


def _templates() -> list[dict[str, Any]]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "seeds").glob("*.json"))]


def make_corpus(folder: Path, count: int, seed: int = 7) -> None:
    """Write ``count`` records into ``folder``: seed records with varied ids, places, outcomes and stances."""
    rng = random.Random(seed)
    templates = _templates()
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        record = _variant(templates, i, rng)
        (folder / f"{record['id']}.json").write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")


def _variant(templates: list[dict[str, Any]], i: int, rng: random.Random) -> dict[str, Any]:
    """Record ``i``: a seed record with its own id, place, outcome and stances."""
    record = json.loads(json.dumps(templates[i % len(templates)]))
    record.pop("$schema", None)
    record["id"] = f"incident-{i:06d}"
    record.pop("story", None)  # each synthetic record is an incident of its own, not a version of a seed's story
    record["title"] = f"{record['title']} (synthetic {i})"
    location = record.setdefault("location", {})
    if location.get("domain") == "sea":
        location["maritime_zone"] = rng.choice(ZONES)
    for event in record.get("events", []):
        if event.get("kind") == "strike":
            event["outcome"] = {"lethal": True, "killed": rng.randint(0, 12), "survivors": rng.choice([0, 0, 1, 2])}
            event["conduct"] = {"warning_given": rng.choice([True, False, None])}
    for claim in record.get("claims", []):
        if rng.random() < 0.2:
            claim["stance"] = rng.choice(STANCES)
    return record


def make_lines(path: Path, count: int, seed: int = 7) -> None:
    """Write ``count`` records as a JSON Lines file, one record per line, without holding them all."""
    rng = random.Random(seed)
    templates = _templates()
    with path.open("w", encoding="utf-8") as handle:
        for i in range(count):
            handle.write(json.dumps(_variant(templates, i, rng), ensure_ascii=False) + "\n")
