"""The werkfit checklist in the exchange format (issue 20 §5): the list `werkfit_checks`,
additive, a point named by its code, matched on person and point; exported as imported."""

import pytest

from baanbehoud.exchange.exporter import export_document
from baanbehoud.exchange.importer import import_document
from baanbehoud.organisations.models import WerkfitItem
from baanbehoud.organisations.tests.factories import RegionFactory

from .test_import import reject


@pytest.mark.django_db
def test_the_exchange_format_carries_the_checklist(document):
    region = RegionFactory.create()
    for n, code in enumerate(("t-ritme", "t-reizen", "t-uren", "t-oud")):
        WerkfitItem.objects.create(region=region, code=code, text=code, order=n)
    document["werkfit_checks"] = [
        {"person": "p1", "point": "t-ritme", "point_text": "t-ritme", "answer": "yes",
         "checked_on": "2026-10-01", "note": ""},
        {"person": "p1", "point": "t-reizen", "point_text": "t-reizen", "answer": "not_yet",
         "checked_on": "2026-10-01", "note": "Oefent met de bus."},
    ]  # fmt: skip
    result = import_document(document)
    assert result.ok, result.problems
    assert result.as_json()["counts"]["werkfit_checks"]["created"] == 2
    assert export_document()["werkfit_checks"] == document["werkfit_checks"]
    assert import_document(document).as_json()["counts"]["werkfit_checks"]["unchanged"] == 2
    assert export_document(pseudonymise=True)["werkfit_checks"][1]["note"] == ""
    document["werkfit_checks"] = [
        {"person": "p1", "point": "dansen", "answer": "yes", "checked_on": "2026-10-01"}
    ]
    reject(
        document,
        "werkfit_checks[0].point: punt 'dansen' staat niet op de werkfit-checklist van de regio "
        "(t-oud, t-reizen, t-ritme, t-uren); geef de tekst mee in point_text om het punt toe te "
        "voegen.",
    )
    document["werkfit_checks"] = [
        {"person": "p1", "point": "t-uren", "answer": "ja", "checked_on": "2026-10-01"},
    ]
    result = import_document(document)
    assert [p.path for p in result.problems] == ["werkfit_checks[0].answer"]
    twice = {"person": "p1", "point": "t-uren", "answer": "yes", "checked_on": "2026-10-01"}
    document["werkfit_checks"] = [twice, dict(twice)]
    reject(
        document,
        "werkfit_checks[1].point: dit punt van deze persoon staat er al (werkfit_checks[0]).",
    )


@pytest.mark.django_db
def test_a_point_the_region_does_not_have_is_added_with_its_text(document):
    """Read into a new installation, the export brings the region's points along (an export
    read back keeps every judgement); a point of another region is refused."""
    document["werkfit_checks"] = [
        {"person": "p1", "point": "mu-reizen", "point_text": "Reist zelf naar het werk",
         "answer": "yes", "checked_on": "2026-10-01"},
    ]  # fmt: skip
    result = import_document(document)
    assert result.ok, result.problems
    point = WerkfitItem.objects.get(code="mu-reizen")
    assert point.text == "Reist zelf naar het werk" and point.active
    assert export_document()["werkfit_checks"][0]["point"] == "mu-reizen"
    document["werkfit_checks"][0]["point"] = "mu reizen!"
    reject(document, "werkfit_checks[0].point: gebruik alleen letters, cijfers, - en _.")


@pytest.mark.django_db
def test_a_functional_administrator_cannot_judge_another_region_s_point(document):
    from baanbehoud.organisations.models import Role
    from baanbehoud.organisations.tests.factories import OrganisationFactory, UserFactory

    assert import_document(document).ok
    admin = UserFactory.create(
        role=Role.BEHEERDER, organisation=OrganisationFactory.create(ref="o1-beheer")
    )
    elsewhere = OrganisationFactory.create(region__name="Elders").region
    assert elsewhere is not None
    WerkfitItem.objects.create(region=elsewhere, code="e-punt", text="Punt van elders")
    document["werkfit_checks"] = [
        {"person": "p1", "point": "e-punt", "point_text": "Overgenomen", "answer": "yes",
         "checked_on": "2026-10-01"},
    ]  # fmt: skip
    result = import_document(document, user=admin)
    assert "werkfit_checks[0].point: punt 'e-punt' hoort bij een andere regio." in [
        str(p) for p in result.problems
    ]
    assert WerkfitItem.objects.get(code="e-punt").text == "Punt van elders"
