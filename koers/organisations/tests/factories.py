import datetime

import factory
from django.contrib.auth import get_user_model

from koers.accounts.models import Role, RoleKind

from ..constants import AdoptionState, Kind
from ..models import Council, Facility, FacilityAdoption, Family, Organisation, Programme


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    code = factory.Sequence(lambda n: f"gm{9000 + n:04d}")
    kind = Kind.MUNICIPALITY
    official_name = factory.Sequence(lambda n: f"gemeente Voorbeeld {n}")
    short_name = factory.LazyAttribute(lambda o: o.official_name.removeprefix("gemeente "))
    sort_name = factory.LazyAttribute(lambda o: o.short_name.lower())
    tooi_uri = factory.LazyAttribute(
        lambda o: f"https://identifier.overheid.nl/tooi/id/test/{o.code}"
    )


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"programma-{n}")
    name = factory.Sequence(lambda n: f"Programma {n}")
    goal = "Alle diensten digitaal."
    deadline = datetime.date(2030, 12, 31)
    coordinating_body = "Programmabureau"
    council = factory.RelatedFactory(
        "koers.organisations.tests.factories.CouncilFactory", factory_related_name="programme"
    )


class CouncilFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Council

    name = "Regieraad"


class FamilyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Family

    programme = factory.SubFactory(ProgrammeFactory)
    slug = factory.Sequence(lambda n: f"familie-{n}")
    name = factory.Sequence(lambda n: f"Familie {n}")
    kinds = factory.LazyFunction(lambda: [Kind.MUNICIPALITY])


class FacilityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Facility

    slug = factory.Sequence(lambda n: f"voorziening-{n}")
    name = factory.Sequence(lambda n: f"Voorziening {n}")
    kind = "toegang"
    description = "Een gemeenschappelijke voorziening."


class FacilityAdoptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FacilityAdoption

    organisation = factory.SubFactory(OrganisationFactory)
    facility = factory.SubFactory(FacilityFactory)
    state = AdoptionState.CONNECTED
    date = datetime.date(2016, 5, 1)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()

    username = factory.Sequence(lambda n: f"persoon{n}")
    password = factory.django.Password("geheim-wachtwoord")


class RoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Role

    user = factory.SubFactory(UserFactory)
    programme = factory.SubFactory(ProgrammeFactory)
    kind = RoleKind.OFFICE


def without_council(obj) -> None:
    """Make the programme of `obj` (a programme or anything with programme_id) one without a
    council, in which the office adopts a version itself (ProgrammeFactory gives every programme
    a council, where only the council adopts)."""
    programme_id = obj.pk if isinstance(obj, Programme) else obj.programme_id
    Council.objects.filter(programme_id=programme_id).delete()
