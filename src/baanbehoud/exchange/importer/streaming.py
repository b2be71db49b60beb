"""Reading a large document without holding it as Python objects (issue 15, import memory).

`json.loads` turns the national document (225 MB of text) into 980 MB of dicts, lists and
strings, and all of it exists at once before the validation reads the first record. Here the
document stays text: the file is read and decoded a piece at a time, its top level is read once,
each list item is parsed, checked for what the database cannot store (`untrusted.json_problems`)
and let go; each list is then an `Items` that parses its records again, one at a time, from its
own pieces of the text while the validation reads them into typed records; an importer lets each
list's text go once it has read it. What is held is the text not yet read, compressed (never
also the file's bytes: they are decoded a piece at a time), and never the whole document's
objects.

Only the plain shape is read this way: an object at the top whose values are lists (or, like
`format`, small values). Anything else — a syntax error, a duplicate or unstorable name, a list
that is not a list — is handed to `untrusted.loads` and read as before, so every problem keeps
its message and JSON path.
"""

from __future__ import annotations

import codecs
import contextlib
import ctypes
import json
import re
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from baanbehoud.untrusted import MSG_DEPTH, UntrustedJSONError, json_problems, loads

PIECE = 1 << 20  # bytes of the file read and decoded at a time
M_MMAP_THRESHOLD = -3  # glibc's mallopt(3) parameter
_SPACE = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()
_UNSTORABLE_NAME = re.compile("[\x00\ud800-\udfff]")
_NUMBER_GOES_ON = re.compile(r"[0-9.eE+-]*")  # what may follow where a number was cut off


def _skip(text: str, pos: int) -> int:
    """The position of the first character at or after `pos` that is not white space."""
    return _SPACE.match(text, pos).end()  # type: ignore[union-attr]  # `*` always matches


class _Unusual(Exception):
    """The text is not of the plain shape: read it whole instead."""


def pack(text: str) -> bytes:
    """A piece of a list's text as it is held until it is read: compressed (the national
    document's 214 MB of text take 28 MB so; it was the peak while the file was read). Lone
    surrogates, which the reading lets through for `json_problems` to name, survive."""
    return zlib.compress(text.encode("utf-8", "surrogatepass"), 1)


def unpack(packed: bytes) -> str:
    return zlib.decompress(packed).decode("utf-8", "surrogatepass")


class Items:
    """One list of the document, parsed a record at a time each time it is read. `pieces`: the
    list's text between its brackets in parts that each hold whole records (and the commas
    between them), each `pack`ed; `count` records."""

    def __init__(self, pieces: list[bytes], count: int) -> None:
        self._pieces = pieces
        self._count = count

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[Any]:
        for packed in self._pieces:  # whole items, each but the last of the list ending in `,`
            text = unpack(packed)
            pos = _skip(text, 0)
            while pos < len(text):
                value, pos = _DECODER.raw_decode(text, pos)
                yield value
                pos = _skip(text, pos)
                if text[pos : pos + 1] == ",":
                    pos = _skip(text, pos + 1)

    def clear(self) -> None:
        """Read no more: the list's text is let go."""
        self._pieces, self._count = [], 0


class StreamedDocument(dict[str, Any]):
    """The document's top level; its lists are `Items`. `unstorable` holds, with their JSON
    paths, what `json_problems` found in the whole document while it was read."""

    unstorable: list[tuple[str, str]]


def read_document_file(path: Path, piece: int = PIECE) -> dict[str, Any]:
    """The document in the file at `path`, read as `untrusted.loads` reads it (every JSON
    encoding, the same errors), its lists as `Items`. The file is read `piece` bytes at a time
    and decoded as it is read: its bytes and its text are never both held whole."""
    return_large_blocks()
    with path.open("rb") as handle:
        first = handle.read(4)
        decoder = codecs.getincrementaldecoder(json.detect_encoding(first))("surrogatepass")

        def pieces() -> Iterator[str]:
            data = first
            while data:
                yield decoder.decode(data)
                data = handle.read(piece)
            yield decoder.decode(b"", final=True)

        try:
            return _read(pieces(), path.read_bytes)
        except UnicodeDecodeError:
            return _whole(path.read_bytes())  # as `loads` says it: not valid JSON


def return_large_blocks() -> None:
    """Let a large block go back to the system when it is freed. glibc's malloc gives a block
    its own mapping only above a threshold that it raises each time such a block is freed; the
    pieces of a list's text, let go once the list is validated, then stayed in the process's
    heap, where Python's small objects (in mappings of their own) cannot use them: a national
    import's validation peaked at 484 MB, with a fixed threshold 409 MB (the process's whole
    life: a command reading a file). Without glibc (`mallopt` missing) nothing changes."""
    with contextlib.suppress(OSError, AttributeError):  # not glibc
        ctypes.CDLL(None).mallopt(M_MMAP_THRESHOLD, 128 * 1024)


def read_document(text: str, piece: int = PIECE) -> dict[str, Any]:
    """The document in `text`, its lists as `Items` (`piece`: characters read at a time)."""
    return _read((text[i : i + piece] for i in range(0, len(text), piece)), lambda: text)


def _read(pieces: Iterator[str], whole: Callable[[], str | bytes]) -> dict[str, Any]:
    try:
        return _Reader(pieces).document()
    except (_Unusual, ValueError):
        return _whole(whole())  # read again, whole: every problem as `loads` says it
    except RecursionError as exc:  # as `loads` says it: nested too deep
        raise UntrustedJSONError(f"Het JSON-document {MSG_DEPTH}") from exc


def _whole(content: str | bytes) -> dict[str, Any]:
    document: dict[str, Any] = loads(content)  # or not an object: the validator says so
    return document


class _Reader:
    """The text read so far, from the first character still needed (`mark`); more is read when
    a value or a character is cut off at its end. While a list is read (`kept`), the text of
    its whole items moves into the list's pieces each time more is read."""

    def __init__(self, pieces: Iterator[str]) -> None:
        self._pieces = pieces
        self.text, self.pos, self.mark, self.done = "", 0, 0, False
        self.kept: list[bytes] | None = None  # the packed pieces of the list being read
        self.item = 0  # where the list's item being read begins

    def more(self) -> None:
        """Read on. Reads as much again as is held (at least a piece), so a long value cut off
        many times is not parsed again each time."""
        if self.kept is not None and self.item > self.mark:
            self.kept.append(pack(self.text[self.mark : self.item]))
            self.mark = self.item
        wanted, added, size = max(len(self.text) - self.mark, 1), [], 0
        while not self.done and size < wanted:
            piece = next(self._pieces, None)
            if piece is None:
                self.done = True
            else:
                added.append(piece)
                size += len(piece)
        mark = self.mark
        self.text = self.text[mark:] + "".join(added)
        self.pos, self.item, self.mark = self.pos - mark, self.item - mark, 0

    def char(self) -> str:
        """The next character that is not white space (skipped to), or "" at the end."""
        while True:
            self.pos = _skip(self.text, self.pos)
            if self.pos < len(self.text) or self.done:
                return self.text[self.pos : self.pos + 1]
            self.more()

    def value(self) -> Any:
        """The JSON value at `pos`, read on until it is whole (a number cut off where the text
        read so far ends may go on: `0.` of `0.5`)."""
        while True:
            try:
                value, end = _DECODER.raw_decode(self.text, self.pos)
            except ValueError:
                if self.done:
                    raise
                self.more()
                continue
            if self.done or _NUMBER_GOES_ON.match(self.text, end).end() < len(self.text):  # type: ignore[union-attr]
                self.pos = end
                return value
            self.more()

    def document(self) -> StreamedDocument:
        document = StreamedDocument()
        document.unstorable = []
        if self.char() != "{":
            raise _Unusual
        self.pos += 1
        if self.char() == "}":
            self.pos += 1
        else:
            while True:
                if self.char() != '"':
                    raise _Unusual
                self.mark = self.pos
                name = self.value()
                if name in document or _UNSTORABLE_NAME.search(name):
                    raise _Unusual
                if self.char() != ":":
                    raise _Unusual
                self.pos += 1
                if self.char() == "[":
                    self.pos += 1
                    document[name] = self.list(f"$.{name}", document.unstorable)
                else:
                    self.mark = self.pos
                    value = self.value()
                    document.unstorable.extend(json_problems(value, f"$.{name}", 1))
                    document[name] = value
                if (char := self.char()) == ",":
                    self.pos += 1
                elif char == "}":
                    self.pos += 1
                    break
                else:
                    raise _Unusual
        if self.char() != "":
            raise _Unusual
        return document

    def list(self, path: str, unstorable: list[tuple[str, str]]) -> Items:
        """The list whose `[` lies just before `pos`: each item parsed once, checked and let
        go; its text kept in pieces of whole items."""
        if self.char() == "]":
            self.pos += 1
            return Items([], 0)
        pieces: list[bytes] = []
        self.kept, self.mark, count = pieces, self.pos, 0
        while True:
            self.item = self.pos
            value = self.value()
            unstorable.extend(json_problems(value, f"{path}[{count}]", 2))
            count += 1
            char = self.char()
            if char == ",":
                self.pos += 1
                self.char()  # to the next item: the text before it is whole items
            elif char == "]":
                pieces.append(pack(self.text[self.mark : self.pos]))
                self.pos += 1
                self.kept, self.mark = None, self.pos
                return Items(pieces, count)
            else:
                raise _Unusual
