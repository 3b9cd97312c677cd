"""All-or-nothing output, switched in one step.

Each run writes its files into a folder of its own, ``OUT/.legalcheck/runs/NAME/``; nothing a reader sees
changes while it does. When the run succeeds, one symbolic link, ``OUT/.legalcheck/current``, is switched to
the new folder with a single atomic rename. The files readers open (``OUT/index.html``, ``OUT/ID.html``...) are
symbolic links through ``current``, so at every moment each of them is from one complete run, the old one or
the new one, never a mix. Relative links between pages keep working, since a browser resolves them against
the address it opened (``OUT/ID.html``), not against the link's target. Each new link is made inside the run's
folder as its file is written (in the worker processes, when there are some) and moved into ``OUT`` by the switch:
on some file systems making a link takes a hundred times as long as moving one.

A run holds a lock on its own folder for as long as it lives; a later run removes any run folder whose lock
nobody holds (what an interrupted run leaves), keeping the current run and the one before it (a reader may
still be reading it). Where the file system cannot hold symbolic links, files are moved into ``OUT`` one by
one, as plain files.

Only regular files (or this tool's own links) are ever replaced in ``OUT``; a folder, device, pipe or socket
where an output should go is an error, and so is an output that would replace an input file.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from legalcheck.errors import OutputError
from legalcheck.spill import Spilled

STATE = ".legalcheck"  # the folder, inside OUT, that holds the runs
CURRENT = "current"
LINKS = ".links"  # in a run's folder: the links to its outputs, made ready for the switch to move into OUT
PREVIOUS = "previous"
LEGACY_PREFIX = ".legalcheck-"  # staging folders of earlier versions, which never cleaned up after a kill
LEGACY_AGE = 3600  # seconds: such a folder older than this belongs to no live run
STARTING = 60  # seconds: a run folder without its lock file yet is left alone this long

try:  # pragma: no cover - POSIX only
    import fcntl
except ImportError:  # pragma: no cover
    fcntl = None  # type: ignore[assignment]


def _lock(path: Path, blocking: bool) -> int | None:
    """An exclusive lock on ``path`` (created if need be): the open descriptor, or None if another process holds it."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    if fcntl is None:  # pragma: no cover
        return fd
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
    except OSError:
        os.close(fd)
        return None
    return fd


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    fd = _lock(path, blocking=True)
    try:
        yield
    finally:
        if fd is not None:
            os.close(fd)


def _link(target: str, path: str | Path) -> None:
    """Make ``path`` a symbolic link to ``target``, replacing what is there in one atomic rename."""
    head, name = os.path.split(path)
    tmp = os.path.join(head, f".{name}.{os.getpid()}.tmp")
    with contextlib.suppress(FileNotFoundError):
        os.unlink(tmp)
    os.symlink(target, tmp)
    try:
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def _symlinks_work(folder: Path) -> bool:
    probe = folder / f".probe.{os.getpid()}"
    try:
        os.symlink("x", probe)
    except (OSError, NotImplementedError):
        return False
    probe.unlink()
    return True


class Output:
    """A run's own folder under ``OUT/.legalcheck/runs``; :meth:`commit` switches readers to it, :meth:`abort`
    leaves nothing behind."""

    def __init__(self, folder: Path, protected: Iterable[Path] = ()) -> None:
        self.folder = folder
        self.created = not os.path.lexists(folder)
        self.state = folder / STATE
        self.runs = self.state / "runs"
        self.state_created = False
        self._protected = {(s.st_dev, s.st_ino) for s in map(_stat, protected) if s is not None}
        self._names = Spilled()  # the names of this run's outputs, on disk: a large corpus makes very many
        try:
            folder.mkdir(parents=True, exist_ok=True)
            self.state_created = not self.state.exists()
            self.runs.mkdir(parents=True, exist_ok=True)
            self.staging = Path(tempfile.mkdtemp(prefix="run-", dir=self.runs))
            self.staging.chmod(0o777 & ~_umask())  # readable as the output folder is, not only by its owner
            self._lock_fd = _lock(self.staging / ".lock", blocking=True)
            (self.staging / LINKS).mkdir()
        except OSError as exc:
            self.abort()
            raise OutputError(
                f"{folder}: cannot write the output folder: {exc.strerror or exc} (choose another folder with --out)"
            ) from None

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
        """Where to write a file this run makes by other means (a database): in this run's folder, claimed."""
        self.claim(name)
        return self.staging / name

    def claim(self, name: str) -> None:
        """Count a staged file as an output of this run, to be made visible by :meth:`commit`."""
        if self._names.add(name, "") < 0:
            raise OutputError(f"{self.folder / name}: two outputs of this run have the same name")

    def names(self) -> Iterator[str]:
        """The names of this run's outputs, in the order they were claimed."""
        return self._names.keys()

    def stage(self, name: str, data: str | bytes) -> None:
        """Write a file (text is written as UTF-8, bytes as they are) into this run's folder only: safe in a worker
        process; the run claims it later."""
        try:
            with (self.staging / name).open("wb") as handle:
                handle.write(data.encode("utf-8") if isinstance(data, str) else data)
        except OSError as exc:
            raise OutputError(f"{self.folder / name}: cannot write: {exc.strerror or exc}") from None
        self._prepare_link(name)

    def _prepare_link(self, name: str) -> None:
        """Make, inside this run's folder, the link the switch will move to ``OUT/name`` (unless that is already
        the link): a link is slow to make on some file systems, a move is quick, and this runs while the run is
        still working (in the worker processes, when there are some), not in the switch. Only a help: the switch
        makes any link not prepared."""
        want = f"{STATE}/{CURRENT}/{name}"
        with contextlib.suppress(OSError):
            if os.readlink(os.path.join(self.folder, name)) == want:
                return
        with contextlib.suppress(OSError):
            os.symlink(want, os.path.join(self.staging, LINKS, name))

    def _check_targets(self) -> None:
        """Refuse, before anything changes, to put an output where an input, a folder or a device is."""
        folder = os.fspath(self.folder)
        for name in self.names():
            target = os.path.join(folder, name)  # a string, not a Path: made a hundred thousand times in a large run
            found = _stat(target, follow=False)
            if found is None or stat.S_ISLNK(found.st_mode):
                continue
            if (found.st_dev, found.st_ino) in self._protected:
                raise OutputError(
                    f"{target}: an output would replace this input file; inputs are never modified (choose another "
                    f"--out)"
                )
            if not stat.S_ISREG(found.st_mode):
                raise OutputError(
                    f"{target}: not a regular file; legalcheck replaces only regular files (move it away or choose "
                    f"another --out)"
                )

    def commit(self) -> int:
        """Make this run's files the ones readers see, in one atomic switch; return how many there are."""
        count = len(self._names)
        try:
            self._check_targets()
            with _locked(self.state / "lock"):
                if _symlinks_work(self.state):
                    self._switch()
                else:  # pragma: no cover - file systems without symbolic links
                    self._move_each()
                self._clean()
        except OSError as exc:
            raise OutputError(f"{self.folder}: cannot move outputs into place: {exc.strerror or exc}") from None
        finally:
            self.abort()
        return count

    def _switch(self) -> None:
        run = f"runs/{self.staging.name}"
        current = self.state / CURRENT
        old = os.readlink(current) if current.is_symlink() else None
        made = bytearray(len(self._names))  # 1: the link of the output at that position is new (a byte each)
        links = os.path.join(self.staging, LINKS)
        try:
            folder = os.fspath(self.folder)
            for i, name in enumerate(self.names()):  # links for new names dangle (as in the old run) until the switch
                entry = os.path.join(folder, name)
                want = f"{STATE}/{CURRENT}/{name}"
                there = _stat(entry, follow=False)
                if there is not None and stat.S_ISLNK(there.st_mode) and os.readlink(entry) == want:
                    continue  # the link of an earlier run, already right
                try:
                    os.replace(os.path.join(links, name), entry)  # prepared while the run worked: one quick move
                except FileNotFoundError:
                    _link(want, entry)
                made[i] = there is None
            if old is not None and old != run:
                _link(old, self.state / PREVIOUS)
            _link(run, current)  # the switch: one rename
        except OSError:
            for i, name in enumerate(self.names()):  # not switched: readers keep the old run, no link of this one
                if i < len(made) and made[i]:
                    (self.folder / name).unlink(missing_ok=True)
            raise
        self.staging = Path()  # committed: abort() must not remove it
        for found in _entries(self.folder):  # links to files the new run does not have
            if found.is_symlink() and self._names.find(found.name) < 0:
                if os.readlink(found.path).startswith(f"{STATE}/{CURRENT}/"):
                    os.unlink(found.path)

    def _move_each(self) -> None:  # pragma: no cover - file systems without symbolic links
        for name in self.names():
            os.replace(self.staging / name, self.folder / name)

    def _clean(self) -> None:
        """Remove run folders nobody holds (interrupted runs), keeping the current and the previous run."""
        keep = set()
        for name in (CURRENT, PREVIOUS):
            link = self.state / name
            if link.is_symlink():
                keep.add(Path(os.readlink(link)).name)
        for run in self.runs.iterdir():
            if run.name in keep or run == self.staging or not run.is_dir():
                continue
            if not (run / ".lock").exists() and time.time() - run.stat().st_mtime < STARTING:
                continue  # a run that is just starting
            fd = _lock(run / ".lock", blocking=False)
            if fd is None:
                continue  # a live run
            shutil.rmtree(run, ignore_errors=True)
            os.close(fd)
        for entry in _entries(self.folder):
            if (
                entry.name.startswith(LEGACY_PREFIX)
                and entry.is_dir(follow_symlinks=False)
                and time.time() - entry.stat(follow_symlinks=False).st_mtime > LEGACY_AGE
            ):
                shutil.rmtree(entry.path, ignore_errors=True)

    def abort(self) -> None:
        """Remove this run's folder (unless committed), and the folders this run created if they are left empty."""
        self._names.close()
        if getattr(self, "staging", Path()) != Path():
            shutil.rmtree(self.staging, ignore_errors=True)
            self.staging = Path()
        fd = getattr(self, "_lock_fd", None)
        if fd is not None:
            os.close(fd)
            self._lock_fd = None
        if self.state_created and self.runs.is_dir() and _empty(self.runs):
            shutil.rmtree(self.state, ignore_errors=True)  # no run ever completed here: only the lock file is left
        if self.created and self.folder.is_dir() and _empty(self.folder):
            self.folder.rmdir()


def _entries(folder: Path) -> Iterator[os.DirEntry[str]]:
    """The entries of a folder one by one (``Path.iterdir`` lists them all first: a hundred thousand outputs are
    megabytes of names)."""
    with os.scandir(folder) as entries:
        yield from entries


def _empty(folder: Path) -> bool:
    """Whether a folder holds nothing, without listing what it holds."""
    with os.scandir(folder) as entries:
        return next(entries, None) is None


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _stat(path: str | Path, follow: bool = True) -> os.stat_result | None:
    try:
        return os.stat(path) if follow else os.lstat(path)
    except OSError:
        return None
