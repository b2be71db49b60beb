"""Checks on untrusted JSON before anything reads it (API bodies, import documents).

Without them a NUL character or a lone UTF-16 surrogate (`\\ud800`) reaches the database and
fails there (500), and JSON nested hundreds of levels deep exhausts Python's recursion. Every
door that takes JSON calls `json_problems` (the API's parser and the importer), so all refuse
the same input with the same message and its JSON path (issue 12 §7).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

# The exchange format nests five levels; generous room, far from Python's recursion limit.
MAX_DEPTH = 32
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")

MSG_NUL = "bevat een NUL-teken (\\u0000); verwijder het."
MSG_SURROGATE = (
    "bevat een ongeldig teken (een losse UTF-16-surrogaat, zoals \\ud800); verwijder het."
)
MSG_DEPTH = f"is te diep genest (meer dan {MAX_DEPTH} niveaus)."


class UntrustedJSONError(ValueError):
    """JSON that cannot be parsed at all (syntax or depth)."""


def loads(text: str | bytes) -> Any:
    """`json.loads` that never raises anything but UntrustedJSONError."""
    try:
        return json.loads(text)
    except RecursionError as exc:
        raise UntrustedJSONError(f"Het JSON-document {MSG_DEPTH}") from exc
    except (ValueError, UnicodeDecodeError) as exc:
        raise UntrustedJSONError(f"Dit is geen geldige JSON: {exc}") from exc


def _text_problem(text: str) -> str | None:
    found = _UNSTORABLE.search(text)
    if found is None:
        return None
    return MSG_NUL if found.group() == "\x00" else MSG_SURROGATE


def json_problems(value: Any, path: str = "$", depth: int = 0) -> Iterator[tuple[str, str]]:
    """(JSON path, message) for every text that cannot be stored and for nesting that is too
    deep; `path` and `depth` say where `value` lies in its document. Iterative, so the check
    itself cannot run out of stack."""
    stack: list[tuple[Any, str, int]] = [(value, path, depth)]
    while stack:
        item, path, depth = stack.pop()
        if isinstance(item, str):
            problem = _text_problem(item)
            if problem:
                yield path, problem
        elif isinstance(item, dict | list):
            if depth >= MAX_DEPTH:
                yield path, MSG_DEPTH
                continue
            if isinstance(item, dict):
                children = []
                for key, child in item.items():
                    child_path = f"{path}.{key}" if _text_problem(str(key)) is None else path
                    problem = _text_problem(str(key))
                    if problem:
                        yield path, f"een naam {problem}"
                    children.append((child, child_path, depth + 1))
            else:
                children = [(child, f"{path}[{i}]", depth + 1) for i, child in enumerate(item)]
            stack.extend(reversed(children))
