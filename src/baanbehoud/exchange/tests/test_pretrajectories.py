"""Voortrajecten in the exchange format (issue 20 §5): the list `pretrajectories`, additive,
matched on person, start and provider, with the page's rules; exported as imported."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_exchange_format_carries_them(document):
    from baanbehoud.exchange.exporter import export_document
    from baanbehoud.exchange.importer import import_document
    from baanbehoud.exchange.tests.test_import import reject

    item = {"person": "p1", "provider": "Werkfit Houten", "start": "2024-09-01",
            "end": "2024-12-01", "goals": "Ritme.", "outcome": "work_ready", "outcome_note": ""}  # fmt: skip
    document["pretrajectories"] = [dict(item)]
    result = import_document(document)
    assert result.ok, result.problems
    assert result.as_json()["counts"]["pretrajectories"]["created"] == 1
    assert export_document()["pretrajectories"] == [item]
    assert export_document(pseudonymise=True)["pretrajectories"][0]["goals"] == ""
    document["pretrajectories"] = [dict(item, end=None, provider="Ander")]
    reject(document, "pretrajectories[0].end: Vul in wanneer het voortraject stopte.")
