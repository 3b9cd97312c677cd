"""One exception family; the CLI turns every member into a clean message and exit code 2."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with one input file, located as precisely as the parser allows."""

    path: str
    message: str
    pointer: str = ""
    line: int | None = None
    column: int | None = None
    hint: str = ""

    def render(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        text = f"{where}: {self.pointer}: {self.message}" if self.pointer else f"{where}: {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return text


class LegalcheckError(Exception):
    """Base class of every error legalcheck reports to its user."""

    exit_code = 2

    def messages(self) -> list[str]:
        return [str(self)]


class InputError(LegalcheckError):
    """One or more problems with input files (records or rule files)."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("; ".join(p.render() for p in self.problems))

    def messages(self) -> list[str]:
        return [p.render() for p in self.problems]


class UsageError(LegalcheckError):
    """The command line asks for something that cannot be done (unknown checklist id, unwritable folder)."""


class OutputError(LegalcheckError):
    """An output could not be written."""
