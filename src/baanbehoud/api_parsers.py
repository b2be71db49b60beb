"""The API's JSON parser. Its own module: DRF loads parser classes while importing its views."""

from __future__ import annotations

from typing import Any

from rest_framework import parsers
from rest_framework.exceptions import ParseError

from baanbehoud.untrusted import UntrustedJSONError, json_problems, loads


class JSONParser(parsers.JSONParser):
    """JSON that can be stored: no NUL characters, no lone surrogates, not nested deeper than
    `untrusted.MAX_DEPTH`. A refusal is a 400 in the API's error format, with the JSON path."""

    def parse(self, stream: Any, media_type: Any = None, parser_context: Any = None) -> Any:
        try:
            data = loads(stream.read())
        except UntrustedJSONError as exc:
            raise ParseError(str(exc)) from exc
        problems: dict[str, list[str]] = {}
        for path, message in json_problems(data):
            problems.setdefault(path.removeprefix("$").removeprefix(".") or "$", []).append(message)
        if problems:
            raise ParseError(problems)
        return data
