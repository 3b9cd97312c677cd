"""Write a file all at once: a temporary file in the same folder, then an atomic rename."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from legalcheck.errors import OutputError, UsageError


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_new(path: Path, text: str, force: bool = False) -> None:
    """Write ``text`` to ``path``; refuse to replace an existing file unless ``force``."""
    if os.path.lexists(path) and not force:
        raise UsageError(f"{path} already exists; pass --force to replace it, or choose another --out")
    if path.is_dir():
        raise UsageError(f"{path} is a folder; pass a file name with --out")
    try:
        mode = path.lstat().st_mode
    except OSError:
        mode = None
    if mode is not None and not (stat.S_ISREG(mode) or stat.S_ISLNK(mode)):
        raise UsageError(f"{path} is not a regular file; legalcheck writes only regular files (choose another --out)")
    folder = path.parent if str(path.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
                out.write(text)
            os.chmod(tmp, 0o666 & ~_umask())
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
