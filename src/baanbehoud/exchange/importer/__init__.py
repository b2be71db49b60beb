"""Import of the exchange format `baanbehoud-exchange/1` (docs/exchange-format.md).

All or nothing: the whole document is validated first and every problem is reported with its
JSON path; only a document without problems is written, in one transaction. Records are matched
on `ref` (persons also on BSN), so importing the same document twice changes nothing.
Contract periods are merged by start date and never deleted: a partial document (or a
spreadsheet with only the current contract) cannot erase history.

The parts, in the order a document goes through them:

- `reading` — the lists and codes of the format, and the `Reader` that takes each value out of
  a record with its JSON path;
- `records` — the typed records the validation hands to the writer, and the `ImportResult`;
- `validation` — every list in order: `parties`, `placement_checks` and `guidance_checks` (the
  rules themselves are the domain modules' functions), with whole-list lookups in `base`;
- `saving` — a whole list written in bulk, and the journal for undo;
- `writing` and `writing_guidance` — the records written, list by list;
- `run` — `import_document`: validate, then write in one transaction (or roll back a dry run).
"""

from .reading import COUNTED, FORMAT, LISTS, Problem
from .records import ImportRejected, ImportResult, Parsed
from .run import import_document
from .validation import validate, validate_with_warnings

__all__ = [
    "COUNTED",
    "FORMAT",
    "LISTS",
    "ImportRejected",
    "ImportResult",
    "Parsed",
    "Problem",
    "import_document",
    "validate",
    "validate_with_warnings",
]
