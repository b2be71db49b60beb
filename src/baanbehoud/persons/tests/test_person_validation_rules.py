import pytest
from django.core.exceptions import ValidationError

from baanbehoud.employers.tests.factories import EmployerFactory

from .factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_bsn_that_fails_the_elfproef_is_refused_with_a_dutch_message():
    person = PersonFactory.build(bsn="123456788", municipality=PersonFactory.create().municipality)
    assert person.municipality.organisation is not None
    person.organisation = person.municipality.organisation
    with pytest.raises(ValidationError) as info:
        person.full_clean()
    assert info.value.message_dict["bsn"] == [
        "Dit BSN klopt niet (elfproef). Controleer het nummer."
    ]


def test_bsn_must_have_nine_digits():
    person = PersonFactory.create()
    person.bsn = "12345"
    with pytest.raises(ValidationError) as info:
        person.full_clean()
    assert info.value.message_dict["bsn"] == ["Een BSN bestaat uit 9 cijfers."]


def test_valid_bsn_is_accepted():
    person = PersonFactory.create()
    person.bsn = "111222333"  # the example of the exchange format; passes the elfproef
    person.full_clean()


def test_kvk_number_must_be_eight_digits():
    employer = EmployerFactory.create()
    employer.kvk = "1234567"
    with pytest.raises(ValidationError) as info:
        employer.full_clean()
    assert info.value.message_dict["kvk"] == ["Een KvK-nummer bestaat uit precies 8 cijfers."]
