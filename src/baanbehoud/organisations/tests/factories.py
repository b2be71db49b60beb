import factory
from factory.django import DjangoModelFactory

from baanbehoud.organisations.models import (
    Municipality,
    Organisation,
    OrganisationKind,
    Region,
    Role,
    User,
)


class RegionFactory(DjangoModelFactory[Region]):
    class Meta:
        model = Region
        django_get_or_create = ("name",)

    name = "Testregio"


class OrganisationFactory(DjangoModelFactory[Organisation]):
    class Meta:
        model = Organisation

    ref = factory.Sequence(lambda n: f"org{n}")
    name = factory.Sequence(lambda n: f"Uitvoeringsorganisatie {n}")
    kind = OrganisationKind.MUNICIPAL
    region = factory.SubFactory(RegionFactory)


class MunicipalityFactory(DjangoModelFactory[Municipality]):
    class Meta:
        model = Municipality

    name = factory.Sequence(lambda n: f"Gemeente {n}")
    region = factory.SubFactory(RegionFactory)
    organisation = factory.SubFactory(OrganisationFactory, region=factory.SelfAttribute("..region"))


class UserFactory(DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    full_name = factory.Faker("name", locale="nl_NL")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    role = Role.KLANTMANAGER
    organisation = factory.SubFactory(OrganisationFactory)
    password = factory.django.Password("Een-lang-wachtwoord-123")
