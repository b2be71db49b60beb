"""The API's JSON parser. Its own module: DRF loads parser classes while importing its views."""

from __future__ import annotations

from typing import Any

from rest_framework import parsers
from rest_framework.exceptions import ParseError


def _contains_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_contains_nul(k) or _contains_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_contains_nul(v) for v in value)
    return False


class JSONParser(parsers.JSONParser):
    """JSON without NUL characters (PostgreSQL cannot store or compare them)."""

    def parse(self, stream: Any, media_type: Any = None, parser_context: Any = None) -> Any:
        data = super().parse(stream, media_type, parser_context)
        if _contains_nul(data):
            raise ParseError("Tekst mag geen NUL-teken (\\u0000) bevatten.")
        return data
