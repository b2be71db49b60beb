import factory
from factory.django import DjangoModelFactory

from baanbehoud.core.choices import Sector
from baanbehoud.employers.models import Employer


class EmployerFactory(DjangoModelFactory[Employer]):
    class Meta:
        model = Employer

    # Not "e1": tests write short refs by hand beside factory-made records.
    ref = factory.Sequence(lambda n: f"werkgever-{n}")
    name = factory.Faker("company", locale="nl_NL")
    kvk = factory.Sequence(lambda n: f"{10000000 + n}")
    sector = Sector.SUPERMARKET
