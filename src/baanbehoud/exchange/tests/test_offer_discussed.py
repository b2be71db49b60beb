"""The offer discussed with the employer of a self-found job (issue 20 §7) in the exchange
format: the placement's `offer_discussed_on`, where a document that leaves it out changes
nothing."""

import pytest

from baanbehoud.exchange.exporter import export_document
from baanbehoud.exchange.importer import import_document

from .test_import import reject


@pytest.mark.django_db
def test_the_offer_discussed_travels_and_a_document_without_it_keeps_it(document):
    """Issue 20 §7 in the exchange format: the day the offer was discussed with the employer of
    a self-found job; left out of a document, the day recorded here stays."""
    from baanbehoud.placements.models import Placement

    document["placements"][0]["offer_discussed_on"] = "2026-09-15"
    assert import_document(document).ok
    placement = Placement.objects.get(ref=document["placements"][0]["ref"])
    assert str(placement.offer_discussed_on) == "2026-09-15"
    exported = {p["ref"]: p for p in export_document()["placements"]}
    assert exported[placement.ref]["offer_discussed_on"] == "2026-09-15"
    del document["placements"][0]["offer_discussed_on"]
    result = import_document(document)
    assert result.ok and result.as_json()["counts"]["placements"]["updated"] == 0
    placement.refresh_from_db()
    assert str(placement.offer_discussed_on) == "2026-09-15"
    document["placements"][0]["offer_discussed_on"] = None
    assert import_document(document).as_json()["counts"]["placements"]["updated"] == 1
    placement.refresh_from_db()
    assert placement.offer_discussed_on is None
    document["placements"][0]["offer_discussed_on"] = "2099-01-01"
    reject(
        document,
        "placements[0].offer_discussed_on: Deze datum ligt in de toekomst. Vul de datum in waarop het gebeurde.",
    )
