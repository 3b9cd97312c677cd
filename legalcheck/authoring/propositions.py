"""The proposition vocabulary for people: a searchable listing, and the docs page (docs/propositions.md)."""

from __future__ import annotations

from legalcheck.vocabulary import Entry, Vocabulary

PAGE_HEAD = """# Proposition keys

A claim in an incident record says who **asserts**, **denies** or **questions** a *proposition*, named by a short
stable key. Claims about the same key can then be compared: one that asserts and one that denies the same key make
the questions that look at it `contested`.

Keys name roles relative to the incident (the acting state, the territorial state, the flag state, the targeted
group, a state said to direct it), never a country, person, group or drug: the specifics stay in the record
(`about`, the actors, the text and quote). Keys are lower case, dotted, and phrased as a positive statement
(`congress.briefed`, not `congress.not-briefed`): a member of Congress who says they were not briefed **denies**
`congress.briefed`.

This page is generated from the vocabulary shipped with legalcheck (`legalcheck/vocabulary.json`;
`legalcheck propositions --format markdown` prints it, and the tests check the two agree). `legalcheck
propositions WORD` searches it. `legalcheck validate` and `legalcheck analyze` warn about a claim whose key is
neither in the vocabulary nor read or declared by a loaded checklist (with the key it probably means), about an
alias, and about a replaced key (naming its replacement); `--strict` makes these warnings errors. An alias or a
replaced key still counts as its key: conditions match it and an assertion of one against a denial of the other is
a contest. A rule file may declare keys of its own under `propositions`.
"""


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def markdown_page(vocabulary: Vocabulary) -> str:
    """docs/propositions.md, from the vocabulary."""
    lines = [PAGE_HEAD]
    groups: list[str] = list(dict.fromkeys(e.group for e in vocabulary.entries))
    for group in groups:
        lines.append(f"## {group or 'Other'}\n")
        lines.append("| key | the proposition | also accepted |")
        lines.append("|---|---|---|")
        for e in vocabulary.entries:
            if e.group != group:
                continue
            also = [f"`{a}` (alias)" for a in e.aliases] + [f"`{r}` (replaced)" for r in e.replaces]
            lines.append(f"| `{e.key}` | {_cell(e.meaning)} | {', '.join(also)} |")
        lines.append("")
    return "\n".join(lines)


def text_lines(entries: list[Entry]) -> list[str]:
    """One block per entry: the key and its meaning, then its aliases and the keys it replaces."""
    lines: list[str] = []
    for e in entries:
        lines.append(f"{e.key}: {e.meaning}")
        if e.aliases:
            lines.append(f"    aliases: {', '.join(e.aliases)}")
        if e.replaces:
            lines.append(f"    replaces: {', '.join(e.replaces)}")
        if e.origin != "vocabulary":
            lines.append(f"    declared by: {e.origin}")
    return lines
