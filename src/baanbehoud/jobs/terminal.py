"""A progress bar for the commands (`baanbehoud import`, `export`, `retention`, ...) when a person
watches a terminal; nothing at all when the output goes to a file or a script (issue 14 §3)."""

from __future__ import annotations

from typing import Any, TextIO

from tqdm import tqdm


def is_terminal(stream: TextIO) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


class TerminalProgress:
    """One bar per stage, on `stream` (standard error, so that standard output stays data)."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.bar: Any = None

    def stage(self, label: str, total: int) -> None:
        self.close()
        self.bar = tqdm(
            total=total or None,
            desc=label,
            unit=" stuks",
            file=self.stream,
            leave=True,
            dynamic_ncols=True,
            mininterval=0.2,
        )

    def advance(self, n: int = 1) -> None:
        if self.bar is not None:
            self.bar.update(n)

    def finish(self) -> None:
        """The current stage is over (the next began, or the job is done): fill its bar."""
        if self.bar is not None and self.bar.total:
            self.bar.update(self.bar.total - self.bar.n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


def progress_for(stream: Any) -> TerminalProgress | None:
    """A bar when `stream` is a terminal, else None (the caller then stays silent). A management
    command passes its `self.stderr`: the bar writes to the stream underneath, since Django's
    wrapper would end every redraw with a new line."""
    raw: TextIO = getattr(stream, "_out", stream)
    return TerminalProgress(raw) if is_terminal(raw) else None
