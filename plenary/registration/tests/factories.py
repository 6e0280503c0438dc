"""Small builders shared by the registration tests."""

import itertools

from plenary.directory.models import Parliament, Person
from plenary.registration import services
from plenary.registration.models import DelegationMember

_numbers = itertools.count(1)


def parliaments(count: int) -> list[Parliament]:
    return list(Parliament.objects.filter(ipu_member=True).select_related("country").order_by("id")[:count])


def member(track, parliament, *, kind="mp", role="member", given="Amal", family=None) -> DelegationMember:
    number = next(_numbers)
    person = Person.objects.create(
        parliament=parliament,
        given_name=given,
        family_name=family or f"Delegate {number}",
        email=f"delegate{number}.{parliament.country.iso3.lower()}@example.org",
    )
    delegation = services.delegation_for(track=track, parliament=parliament)
    return DelegationMember.objects.create(delegation=delegation, person=person, kind=kind, role=role)


def registration_data(member: DelegationMember, **overrides) -> dict:
    person = member.person
    data = {
        "email": person.email,
        "given_name": person.given_name,
        "family_name": person.family_name,
        "nationality_id": member.delegation.parliament.country_id,
        "days": [str(member.delegation.track.start_date)],
        "language": "en",
    }
    return data | overrides
