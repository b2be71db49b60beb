"""The streamed reading of a document (issue 15, import memory): the same values, problems and
errors as reading it whole, without the whole document's objects in memory."""

from __future__ import annotations

import copy
import json
import re
import tracemalloc
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from baanbehoud.exchange.importer import validate
from baanbehoud.exchange.importer.streaming import (
    Items,
    StreamedDocument,
    read_document,
    read_document_file,
)
from baanbehoud.untrusted import UntrustedJSONError, json_problems, loads

texts = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"])
    | st.sampled_from(["\x00", "\ud800", '"', "\\", "]", ",", "}"]),
    max_size=8,
)
scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | texts
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(texts, inner, max_size=3),
    max_leaves=12,
)
documents = st.dictionaries(
    st.sampled_from(["format", "persons", "placements", "contacts", "other"]) | texts,
    values | st.lists(values, max_size=4),
    max_size=5,
)
layouts = st.sampled_from(
    [
        {},
        {"indent": 2},
        {"separators": (",", ":")},
        {"indent": "\t", "ensure_ascii": False},
        {"separators": (" ,  ", " : "), "ensure_ascii": False},
    ]
)


def plain(document: Any) -> Any:
    if not isinstance(document, dict):
        return document
    return {k: list(v) if isinstance(v, Items) else v for k, v in document.items()}


@settings(max_examples=300, deadline=None)
@given(
    documents,
    layouts,
    st.sampled_from(["", " ", "\n\t "]),
    st.integers(min_value=1, max_value=9) | st.just(1 << 20),
)
def test_a_streamed_document_reads_as_the_whole_one(document, layout, space, piece):
    # read `piece` characters at a time: every value, name and space may be cut anywhere
    text = space + json.dumps(document, **layout) + space
    streamed = read_document(text, piece=piece)
    assert plain(streamed) == json.loads(text)
    if isinstance(streamed, StreamedDocument):
        # what the database cannot store, found as the whole-document check finds it
        assert streamed.unstorable == list(json_problems(json.loads(text)))
    else:  # only an unusual name (NUL, a surrogate) makes it read the document whole
        assert any(json_problems(list(document)))


def test_lists_are_items_parsed_again_on_each_reading():
    text = json.dumps({"format": "x", "persons": [{"ref": "p1"}, {"ref": "p2"}], "contacts": []})
    document = read_document(text)
    assert isinstance(document, StreamedDocument)
    persons = document["persons"]
    assert isinstance(persons, Items) and len(persons) == 2
    first, again = next(iter(persons)), next(iter(persons))
    assert first == again == {"ref": "p1"} and first is not again  # not held between readings
    assert list(document["contacts"]) == [] and document["format"] == "x"
    persons.clear()
    assert list(persons) == []


@pytest.mark.parametrize(
    "text",
    [
        '{"persons": [1, 2,]}',  # a comma too many
        '{"persons": [1 2]}',
        '{"persons": [1], "persons": [2]}',  # a list twice: the last one counts, as in JSON
        '{"persons": [1]} {}',  # more after the document
        '{"persons": [1]',
        '{"persons" [1]}',
        "[1, 2]",  # not an object at the top: the validator says so
        '"text"',
        "",
        '{"persons": [' + "[" * 5000 + "]" * 5000 + "]}",
        '{"per\\u0000sons": []}',
    ],
)
def test_what_is_not_plain_reads_as_json_reads_it(text):
    try:
        expected: Any = loads(text)
    except UntrustedJSONError as error:
        with pytest.raises(UntrustedJSONError, match=f"^{re.escape(str(error))}$"):
            read_document(text)
    else:
        assert plain(read_document(text)) == expected


@pytest.mark.parametrize("piece", [1, 2, 3, 5, 1 << 20])
def test_the_file_is_read_in_every_json_encoding(tmp_path, piece):
    # read `piece` bytes at a time: a character's bytes may be cut apart
    document = {
        "format": "baanbehoud-exchange/1",
        "persons": [{"name": "Zoë Çelik"}, {"name": "Ахмед 🙂", "n": 12345}],
    }
    for encoding in ("utf-8", "utf-8-sig", "utf-16", "utf-32"):
        path = tmp_path / f"{encoding}.json"
        path.write_bytes(json.dumps(document, ensure_ascii=False).encode(encoding))
        streamed = read_document_file(path, piece=piece)
        assert isinstance(streamed, StreamedDocument)
        assert plain(streamed) == document
    path.write_bytes(b'{"persons": [\xff]}')
    with pytest.raises(UntrustedJSONError, match="geen geldige JSON"):
        read_document_file(path)


def test_the_whole_document_is_never_held_as_objects(tmp_path):
    # 20,000 records: parsed whole they take several times their text; streamed, each list
    # holds its own part of the text, compressed (let go once read), and a record at a time is
    # parsed. The file is read and decoded a piece at a time: never its bytes and its text both
    # whole.
    records = [
        {"ref": f"c-{i}", "placement": f"pl-{i}", "date": "2026-01-05", "with": ["worker"]}
        for i in range(20_000)
    ]
    text = json.dumps({"format": "baanbehoud-exchange/1", "contacts": records})
    path = tmp_path / "document.json"
    path.write_text(text, encoding="utf-8")
    tracemalloc.start()
    try:
        whole = json.loads(text)
        parsed_whole = tracemalloc.get_traced_memory()[0]
        del whole
        tracemalloc.reset_peak()
        before = tracemalloc.get_traced_memory()[0]
        piece = 1 << 16
        streamed = read_document_file(path, piece=piece)
        held, peak = (m - before for m in tracemalloc.get_traced_memory())
        assert sum(1 for _record in streamed["contacts"]) == 20_000
        streamed["contacts"].clear()  # read: the importer lets the list's text go
        after_reading = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert parsed_whole > 2 * len(text)
    assert held < len(text) / 4  # the list's text compressed, not its records
    # never the text whole (nor the file's bytes): a few pieces being read, a record at a time
    assert peak < len(text) / 4 + 4 * piece
    assert after_reading < 10_000


@pytest.mark.django_db
def test_the_validation_of_a_streamed_document_finds_the_same(document):
    document["persons"][0]["bsn"] = "123456789"
    document["contacts"] = [{"placement": "nowhere", "date": "morgen"}, "not an object"]
    whole = validate(json.loads(json.dumps(document)))
    streamed = validate(read_document(json.dumps(document, indent=1)))
    assert streamed[1] == whole[1] and len(whole[1]) >= 4
    assert streamed[0] == whole[0]


@pytest.mark.django_db
def test_what_cannot_be_stored_is_found_in_a_streamed_document(document):
    document["contacts"] = [{"placement": "x", "note": "a\x00b"}]
    document["persons"][0]["name"] = "\ud800"
    text = json.dumps(document)
    assert validate(read_document(text))[1] == validate(json.loads(text))[1]
    paths = [p.path for p in validate(read_document(text))[1]]
    assert paths == ["persons[0].name", "contacts[0].note"]


@pytest.mark.django_db
def test_what_repeats_in_a_document_is_held_once(document):
    # A national document repeats a few codes, hours and municipalities hundreds of thousands of
    # times: each is one object in the typed records (a third less memory in the validation).
    second = copy.deepcopy(document["placements"][0])
    second["ref"] = "pl2"
    document["placements"].append(json.loads(json.dumps(second)))
    document["contacts"].append(json.loads(json.dumps(document["contacts"][0])))
    document["persons"].append(
        json.loads(json.dumps(document["persons"][0])) | {"ref": "p2", "bsn": "123456782"}
    )
    parsed, problems = validate(read_document(json.dumps(document)))
    assert problems == []
    first, other = parsed.placements
    assert first.route is other.route and first.function is other.function
    assert first.contracts[1].hours is other.contracts[1].hours == Decimal("16.0")
    assert first.contracts[0].kind is other.contracts[0].kind
    assert first.contracts[0].intentions is other.contracts[0].intentions == ()
    assert parsed.contacts[0].with_whom is parsed.contacts[1].with_whom
    assert parsed.persons[0].municipality is parsed.persons[1].municipality
    assert parsed.persons[0].regime is parsed.persons[1].regime
