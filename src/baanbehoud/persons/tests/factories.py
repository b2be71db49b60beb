import factory
from factory.django import DjangoModelFactory
from stdnum.nl import bsn as stdnum_bsn

from baanbehoud.organisations.tests.factories import MunicipalityFactory
from baanbehoud.persons.models import BenefitScheme, Person


def valid_bsn(n: int) -> str:
    """A unique BSN that passes the elfproef, derived from the factory sequence."""
    prefix = 10_000_000 + n * 7
    while True:
        for last in range(10):
            candidate = f"{prefix:08d}{last}"
            if stdnum_bsn.is_valid(candidate):
                return candidate
        prefix += 1


class PersonFactory(DjangoModelFactory[Person]):
    class Meta:
        model = Person

    ref = factory.Sequence(lambda n: f"persoon-{n}")  # never a hand-written "p1"
    bsn = factory.Sequence(valid_bsn)
    name = factory.Faker("name", locale="nl_NL")
    birth_date = factory.Faker("date_of_birth", minimum_age=18, maximum_age=65)
    municipality = factory.SubFactory(MunicipalityFactory)
    organisation = factory.SelfAttribute("municipality.organisation")
    regime = BenefitScheme.PARTICIPATIEWET
