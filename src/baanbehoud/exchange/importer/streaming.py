"""Reading a large document without holding it as Python objects (issue 15, import memory).

`json.loads` turns the national document (225 MB of text) into 980 MB of dicts, lists and
strings, and all of it exists at once before the validation reads the first record. Here the
document stays text: its top level is read once, each list item is parsed, checked for what the
database cannot store (`untrusted.json_problems`) and let go; each list is then an `Items` that
parses its records again, one at a time, from its own part of the text while the validation reads
them into typed records; an importer lets each list's text go once it has read it. What is held
is the text not yet read and the typed records, never the whole document's objects.

Only the plain shape is read this way: an object at the top whose values are lists (or, like
`format`, small values). Anything else — a syntax error, a duplicate or unstorable name, a list
that is not a list — is handed to `untrusted.loads` and read as before, so every problem keeps
its message and JSON path.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from baanbehoud.untrusted import MSG_DEPTH, UntrustedJSONError, json_problems, loads

_SPACE = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()
_UNSTORABLE_NAME = re.compile("[\x00\ud800-\udfff]")


def _skip(text: str, pos: int) -> int:
    """The position of the first character at or after `pos` that is not white space."""
    return _SPACE.match(text, pos).end()  # type: ignore[union-attr]  # `*` always matches


class _Unusual(Exception):
    """The text is not of the plain shape: read it whole instead."""


class Items:
    """One list of the document, parsed a record at a time each time it is read. `text`: the
    list's own text between its brackets, `count` records."""

    def __init__(self, text: str, count: int) -> None:
        self._text = text
        self._count = count

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[Any]:
        text, pos = self._text, 0
        for _ in range(self._count):
            pos = _skip(text, pos)
            value, pos = _DECODER.raw_decode(text, pos)
            yield value
            pos = _skip(text, pos) + 1  # `,` or `]`

    def clear(self) -> None:
        """Read no more: the list's text is let go."""
        self._text, self._count = "", 0


class StreamedDocument(dict[str, Any]):
    """The document's top level; its lists are `Items`. `unstorable` holds, with their JSON
    paths, what `json_problems` found in the whole document while it was read."""

    unstorable: list[tuple[str, str]]


def read_document_file(path: Path) -> dict[str, Any]:
    """The document in the file at `path`, read as `untrusted.loads` reads it (every JSON
    encoding, the same errors), its lists as `Items`."""
    data = path.read_bytes()
    try:
        text = data.decode(json.detect_encoding(data), "surrogatepass")
    except UnicodeDecodeError:
        return _whole(data)
    del data  # the bytes are let go before the text is read
    document = read_document(text)
    del text  # each list keeps its own part of it
    return document


def read_document(text: str) -> dict[str, Any]:
    try:
        return _streamed(text)
    except (_Unusual, ValueError):
        return _whole(text)
    except RecursionError as exc:  # as `loads` says it: nested too deep
        raise UntrustedJSONError(f"Het JSON-document {MSG_DEPTH}") from exc


def _whole(content: str | bytes) -> dict[str, Any]:
    document: dict[str, Any] = loads(content)  # or not an object: the validator says so
    return document


def _streamed(text: str) -> StreamedDocument:
    document = StreamedDocument()
    document.unstorable = []
    pos = _skip(text, 0)
    if text[pos : pos + 1] != "{":
        raise _Unusual
    pos = _skip(text, pos + 1)
    if text[pos : pos + 1] == "}":
        pos += 1
    else:
        while True:
            if text[pos : pos + 1] != '"':
                raise _Unusual
            name, pos = _DECODER.raw_decode(text, pos)
            if name in document or _UNSTORABLE_NAME.search(name):
                raise _Unusual
            pos = _skip(text, pos)
            if text[pos : pos + 1] != ":":
                raise _Unusual
            pos = _skip(text, pos + 1)
            if text[pos : pos + 1] == "[":
                document[name], pos = _list(text, pos + 1, f"$.{name}", document.unstorable)
            else:
                value, pos = _DECODER.raw_decode(text, pos)
                document.unstorable.extend(json_problems(value, f"$.{name}", 1))
                document[name] = value
            pos = _skip(text, pos)
            if text[pos : pos + 1] == ",":
                pos = _skip(text, pos + 1)
            elif text[pos : pos + 1] == "}":
                pos += 1
                break
            else:
                raise _Unusual
    if _skip(text, pos) != len(text):
        raise _Unusual
    return document


def _list(text: str, start: int, path: str, unstorable: list[tuple[str, str]]) -> tuple[Items, int]:
    """The list whose `[` lies just before `start`: each item parsed once, checked and let go."""
    pos = _skip(text, start)
    count = 0
    if text[pos : pos + 1] == "]":
        return Items("", 0), pos + 1
    while True:
        value, pos = _DECODER.raw_decode(text, pos)
        unstorable.extend(json_problems(value, f"{path}[{count}]", 2))
        count += 1
        pos = _skip(text, pos)
        if text[pos : pos + 1] == ",":
            pos = _skip(text, pos + 1)
        elif text[pos : pos + 1] == "]":
            # The list's own text: it is let go once the validation has read this list.
            return Items(text[start:pos], count), pos + 1
        else:
            raise _Unusual
