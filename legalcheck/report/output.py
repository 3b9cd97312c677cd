"""All-or-nothing output: files are written to a staging folder and moved into place only when the run succeeds."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import IO

from legalcheck.errors import OutputError
from legalcheck.spill import Spilled


class Output:
    """A staging folder beside the output folder; :meth:`commit` moves every file in, :meth:`abort` leaves nothing."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.created = not folder.exists()
        try:
            folder.mkdir(parents=True, exist_ok=True)
            self.staging = Path(tempfile.mkdtemp(prefix=".legalcheck-", dir=folder))
        except OSError as exc:
            raise OutputError(
                f"{folder}: cannot write the output folder: {exc.strerror or exc} (choose another folder with --out)"
            ) from None
        self._claimed = Spilled()  # the names of this run's outputs, on disk: a corpus can name very many

    def write(self, name: str, data: str | bytes) -> None:
        self.claim(name)
        self.stage(name, data)

    def stream(self, name: str) -> IO[str]:
        self.claim(name)
        try:
            return (self.staging / name).open("w", encoding="utf-8", newline="\n")
        except OSError as exc:
            raise OutputError(f"{self.folder / name}: cannot write: {exc.strerror or exc}") from None

    def path(self, name: str) -> Path:
        """Where to write a file this run makes by other means (a database): in the staging folder, claimed."""
        self.claim(name)
        return self.staging / name

    def claim(self, name: str) -> None:
        """Count a staged file as an output of this run, to be moved into place by :meth:`commit`."""
        if self._claimed.add(name, "") < 0:
            raise OutputError(f"{self.folder / name}: two outputs of this run have the same name")

    def stage(self, name: str, data: str | bytes) -> None:
        """Write a file (text is written as UTF-8, bytes as they are) into the staging folder only: safe in a worker
        process; the run claims it later."""
        try:
            with (self.staging / name).open("wb") as handle:
                handle.write(data.encode("utf-8") if isinstance(data, str) else data)
        except OSError as exc:
            raise OutputError(f"{self.folder / name}: cannot write: {exc.strerror or exc}") from None

    def commit(self) -> int:
        """Move every claimed file into place; how many."""
        written = 0
        try:
            for name in self._claimed.keys():
                os.replace(self.staging / name, self.folder / name)
                written += 1
        except OSError as exc:
            raise OutputError(f"{self.folder}: cannot move outputs into place: {exc.strerror or exc}") from None
        finally:
            self.abort()
        return written

    def abort(self) -> None:
        """Remove the staging folder, and the output folder too if this run created it and left it empty."""
        self._claimed.close()
        shutil.rmtree(self.staging, ignore_errors=True)
        if self.created and self.folder.is_dir() and not any(self.folder.iterdir()):
            self.folder.rmdir()
