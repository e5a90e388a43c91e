"""The output folder as one set: the files of a build appear together or not at all, one build at a time.

``with output_set(outdir) as staging:`` writes a build's files into a staging folder and swaps it into place when the
block ends normally; an exception (an error, Ctrl-C, a refusal) discards the staging folder and leaves the previous
set whole. ``check_output_dir(outdir)`` says, before any extraction, whether that can work.

Design (why each rule exists)
-----------------------------
*Staging and swap.* Files are written into ``.OUT.build-<pid>-<hex>``, a hidden sibling of ``OUT`` (same folder, so
the same file system and renames are atomic). Commit is two renames in the parent folder, ``OUT`` →
``.OUT.old-<pid>-<hex>`` then staging → ``OUT``, and then the old set is deleted. A reader sees the old set, then,
for the few microseconds between the two renames, no ``OUT`` at all, then the new set: never a mix of two builds.
(Linux's ``renameat2(RENAME_EXCHANGE)`` would close that window, but it is neither portable nor in the standard
library; a missing folder is a state a reader tells apart from a complete one.) A build killed inside the window
leaves the old set aside and no ``OUT``; the next build puts the old set back before it starts.

*newskg owns its output folder whole.* Only the names in :data:`OWN_NAMES` (and the ``.NAME.*.tmp`` files of an
interrupted atomic write of one of them) may be in ``OUT``. A folder with anything else in it is refused up front
with :class:`~kg.errors.ForeignFiles`, so the swap never moves a user's file aside, let alone deletes it; ``-o .``
naming the current folder is refused for the same reason. Should a foreign file appear in ``OUT`` while the build
runs, it is moved into the new ``OUT`` after the swap rather than deleted: only newskg's own names are ever deleted.
The staging folder in turn may hold only :data:`OWN_NAMES`; a writer that adds a new output file must add its name
there, or the next build would take its own file for a user's.

*Failed builds.* The set is whatever the block wrote. A build refused by validation writes only ``validation.txt``
(FAILED) and commits it: the previous graph goes away with its report, so ``OUT`` always holds the files of one
build, the latest, and a FAILED report never sits beside the graph of an earlier good build. A build that stops on
an exception commits nothing.

*Lock.* ``.OUT.lock`` beside ``OUT`` holds the PID of the build writing ``OUT``, under a POSIX record lock
(``fcntl.lockf``). A second build gets :class:`~kg.errors.OutputLocked` naming the folder and that PID. The kernel
drops a record lock when its process dies, however it dies, and does not hand it to forked worker processes; so a
lock file left by a killed build is stale by construction and simply taken over. Holding the lock, a build knows
that every staging or old folder of ``OUT`` is a leftover of a dead build, and removes it. POSIX only (``fcntl``).
"""
from __future__ import annotations

import errno
import fcntl
import logging
import os
import re
import secrets
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kg.errors import ForeignFiles, OutputError, OutputLocked

log = logging.getLogger(__name__)

#: Every name newskg writes into an output folder, now or in a planned format. Nothing else may be there.
OWN_NAMES: frozenset[str] = frozenset(
    {"graph.trig", "graph.nq", "graph.ttl", "graph.jsonld", "validation.txt", "conflicts.txt", "store"}
)

#: The temporary file of an atomic write (``kg.rdf.export.atomic_writer``: ``.NAME.<random>.tmp``).
_TMP = re.compile(r"^\.(?P<name>.+)\.[A-Za-z0-9_]+\.tmp$")

#: Lock files this process holds, by path: POSIX record locks do not exclude the process that holds them.
_HELD: set[Path] = set()


def _is_own(name: str) -> bool:
    match = _TMP.match(name)
    return name in OWN_NAMES or (match is not None and match["name"] in OWN_NAMES)


def _lock_path(out: Path) -> Path:
    return out.parent / f".{out.name}.lock"


def _leftover(out: Path) -> re.Pattern[str]:
    """Staging (``build``) and old-set (``old``) folders of ``out``; the hex part has no ``.`` or ``-``, so the
    folders of ``out.build-1-x`` never match those of ``out``."""
    return re.compile(rf"^\.{re.escape(out.name)}\.(?P<kind>build|old)-\d+-[0-9a-f]+$")


def _resolve(outdir: Path | str) -> Path:
    """The real folder behind ``outdir``: a symlinked output folder is replaced behind its link, the link stays."""
    out = Path(outdir).resolve()
    if out.parent == out:
        raise OutputError(outdir, "is the root folder; give a folder of its own with -o")
    if out == Path.cwd().resolve():
        raise OutputError(outdir, "is the current folder, which newskg would replace as a whole; give a folder "
                                  "inside it with -o, such as out")
    return out


def _foreign(out: Path) -> list[str]:
    try:
        return sorted(entry.name for entry in os.scandir(out) if not _is_own(entry.name))
    except FileNotFoundError:
        return []


def check_output_dir(outdir: Path | str) -> None:
    """Raise :class:`~kg.errors.OutputError` (naming the folder) if a build could not write ``outdir``.

    Called before any extraction, so that a wrong ``-o`` costs nothing: a path that is a file, a folder that cannot
    be created or written, a mount point (it cannot be renamed), a folder with files newskg did not write, and a
    folder another build is writing (:class:`~kg.errors.OutputLocked`). Creates nothing.
    """
    out = _resolve(outdir)
    if out.exists() or out.is_symlink():
        if not out.is_dir():
            raise OutputError(outdir, "is a file, not a folder; give a folder for the output with -o")
        if os.path.ismount(out):
            raise OutputError(outdir, "is a mount point, which newskg cannot replace; give a folder inside it with -o")
        if not os.access(out, os.W_OK | os.X_OK):
            raise OutputError(outdir, "cannot be written (permission denied)")
        if foreign := _foreign(out):
            raise ForeignFiles(outdir, foreign)
    ancestor = out.parent
    while not ancestor.exists():
        ancestor = ancestor.parent
    if not ancestor.is_dir():
        raise OutputError(outdir, f"cannot be created: {ancestor} is a file, not a folder")
    if not os.access(ancestor, os.W_OK | os.X_OK):
        verb = "written" if ancestor == out.parent else "created"
        raise OutputError(outdir, f"cannot be {verb}: no permission to write in {ancestor}")
    if ancestor == out.parent:
        _probe_lock(out, outdir)


def _probe_lock(out: Path, shown: Path | str) -> None:
    """Raise :class:`OutputLocked` if a live build holds the lock of ``out``; takes nothing."""
    lock = _lock_path(out)
    if lock in _HELD:
        raise OutputLocked(shown, os.getpid())
    try:
        fd = os.open(lock, os.O_RDONLY)
    except FileNotFoundError:
        return
    try:
        # a read lock is refused exactly when a build holds the write lock
        fcntl.lockf(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError as error:
        if error.errno not in (errno.EACCES, errno.EAGAIN):
            raise
        raise OutputLocked(shown, _read_pid(fd)) from None
    finally:
        os.close(fd)  # also drops the read lock


def _read_pid(fd: int, *, tries: int = 20) -> int | None:
    """The PID in a lock file. A live holder writes it just after locking, so wait a moment for it."""
    for attempt in range(tries):
        text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
        if text.isdigit():
            return int(text)
        if attempt + 1 < tries:
            time.sleep(0.005)
    return None


def _acquire(out: Path, shown: Path | str) -> int:
    """Take the lock of ``out``; returns the locked file descriptor. A lock file of a dead build is taken over."""
    lock = _lock_path(out)
    if lock in _HELD:
        raise OutputLocked(shown, os.getpid())
    while True:
        try:
            fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o666)
        except OSError as error:
            raise OutputError(shown, f"cannot create the lock file {lock}: {error.strerror}") from None
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as error:
            pid = _read_pid(fd)
            os.close(fd)
            if error.errno not in (errno.EACCES, errno.EAGAIN):
                raise OutputError(shown, f"cannot lock {lock}: {error.strerror}") from None
            raise OutputLocked(shown, pid) from None
        # the holder we waited on may have deleted the file between our open and our lock: lock the current one
        try:
            current = os.stat(lock)
        except FileNotFoundError:
            current = None
        mine = os.fstat(fd)
        if current is None or (current.st_ino, current.st_dev) != (mine.st_ino, mine.st_dev):
            os.close(fd)
            continue
        previous = _read_pid(fd, tries=1)
        if previous is not None:
            log.info("taking over the lock of %s left by PID %d, which no longer runs", out, previous)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        _HELD.add(lock)
        return fd


def _release(out: Path, fd: int) -> None:
    """Delete the lock file, then unlock: a build that opened the old file meanwhile sees it gone and retries."""
    lock = _lock_path(out)
    lock.unlink(missing_ok=True)
    _HELD.discard(lock)
    os.close(fd)  # closing drops the record lock


def _clean_leftovers(out: Path) -> None:
    """Remove what dead builds of ``out`` left: staging folders, old sets (put back first if ``out`` is missing,
    i.e. a build died between the two renames of a swap) and temporary files of interrupted atomic writes."""
    pattern = _leftover(out)
    staged, old = [], []
    for entry in os.scandir(out.parent):
        if match := pattern.match(entry.name):
            (staged if match["kind"] == "build" else old).append(Path(entry.path))
    for folder in staged:
        log.info("removing %s, the staging folder of a build that did not finish", folder)
        shutil.rmtree(folder, ignore_errors=True)
    if old and not out.exists():
        newest = max(old, key=lambda path: path.stat().st_mtime)
        log.info("restoring %s from %s: a build died while swapping it", out, newest)
        os.rename(newest, out)
        old.remove(newest)
    for folder in old:
        _discard_old_set(folder, out)
    if out.is_dir():
        for entry in os.scandir(out):
            if _TMP.match(entry.name) and _is_own(entry.name) and entry.is_file(follow_symlinks=False):
                os.unlink(entry.path)


def _discard_old_set(old: Path, out: Path) -> None:
    """Delete newskg's own files of a replaced set; anything else in it is moved into ``out``, never deleted."""
    for entry in os.scandir(old):
        if _is_own(entry.name):
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path)
            else:
                os.unlink(entry.path)
        elif not (out / entry.name).exists():
            os.rename(entry.path, out / entry.name)
    try:
        old.rmdir()
    except OSError:
        log.warning("kept %s: it holds files that are not newskg's and whose names are taken in %s", old, out)


def _new_staging(out: Path) -> Path:
    """An empty staging folder beside ``out``, with ``out``'s mode (or the umask's for a new folder)."""
    while True:
        staging = out.parent / f".{out.name}.build-{os.getpid()}-{secrets.token_hex(4)}"
        try:
            staging.mkdir()  # mode 0o777 less the umask, unlike mkdtemp's 0o700
        except FileExistsError:
            continue
        if out.is_dir():
            shutil.copymode(out, staging)
        return staging


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _commit(staging: Path, out: Path) -> None:
    """Swap ``staging`` in as ``out``: two renames, the only moment a reader can find no ``out`` (see above)."""
    stray = sorted(entry.name for entry in os.scandir(staging) if entry.name not in OWN_NAMES)
    if stray:
        raise RuntimeError(f"newskg wrote {', '.join(stray)} into {staging}, which is not in "
                           "kg.rdf.outputs.OWN_NAMES; add the name there")
    _fsync_dir(staging)
    if not out.exists():
        os.rename(staging, out)
    else:
        aside = out.parent / f".{out.name}.old-{os.getpid()}-{secrets.token_hex(4)}"
        os.rename(out, aside)
        try:
            os.rename(staging, out)
        except BaseException:
            os.rename(aside, out)
            raise
        _discard_old_set(aside, out)
    _fsync_dir(out.parent)


@contextmanager
def output_set(outdir: Path | str) -> Iterator[Path]:
    """Lock ``outdir`` and yield an empty staging folder; write every output file of the build into it.

    When the block ends normally the staging folder replaces ``outdir`` as a whole (see the module docstring);
    when it raises, the staging folder is deleted and ``outdir`` keeps its previous set. So leave the block before
    turning a refusal into an exit code::

        with output_set(outdir) as staging:
            write_atomic(staging / REPORT_FILE, str(report))
            if report.conforms:
                write_outputs(dataset, staging)
        if not report.conforms:
            ...exit 1

    Raises :class:`~kg.errors.OutputLocked` while another build writes ``outdir``, and
    :class:`~kg.errors.OutputError` for a folder that cannot be used (see :func:`check_output_dir`). Leftovers of a
    killed build are cleaned up first.
    """
    check_output_dir(outdir)
    out = _resolve(outdir)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(outdir, f"cannot be created: {error.strerror}") from None
    fd = _acquire(out, outdir)
    try:
        _clean_leftovers(out)
        if foreign := _foreign(out):
            raise ForeignFiles(outdir, foreign)
        staging = _new_staging(out)
        try:
            yield staging
            _commit(staging, out)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    finally:
        _release(out, fd)
