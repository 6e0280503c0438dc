"""Demo delegations and registrations for the IGF 2023 Parliamentary Track (clearly fictional people)."""

import datetime as dt

from django.conf import settings
from django.db import transaction

from plenary.directory.models import Parliament, Person
from plenary.events.demo import TRACK_SLUG
from plenary.events.models import Track
from plenary.invitations.services import prepare_invitations
from plenary.registration import links, services
from plenary.registration.models import (
    DelegationMember,
    DelegationRole,
    MemberKind,
    Mode,
    Registration,
    TrackCapacity,
)

DEMO_DELEGATES = {
    "JPN": [
        ("president-ipu-group", "head", "mp", {"mode": "onsite"}),
        ("speaker", "member", "mp", {"mode": "online"}),
    ],
    "EGY": [
        (
            "president-ipu-group",
            "head",
            "mp",
            {"mode": "onsite", "name_arabic": "ديمو رئيس", "language": "ar"},
        ),
    ],
}

# Illustrative numbers of women members, so that the dashboard's composition figures have something to show.
DEMO_WOMEN_MEMBERS = {"JPN": 48, "EGY": 162, "BRA": 91, "FRA": 215}

CAPACITY = {
    "onsite_seats": 120,
    "onsite_mps_per_delegation": 3,
    "onsite_others_per_delegation": 1,
    "online_per_delegation": None,
}


def register(*, track, person, role=DelegationRole.MEMBER, kind=MemberKind.MP, **fields) -> DelegationMember:
    """Register `person` as their focal point and they would: the parliament accepts the invitation,
    names them in its delegation, and they submit the registration form (queue number, seat decided
    by the registration service). Someone already named or registered is left as they are."""
    _open_registration(track)
    delegation = services.delegation_for(track=track, parliament=person.parliament)
    if delegation.response == delegation.Response.PENDING:
        services.answer_invitation(delegation=delegation, accept=True, actor=None)
    member = DelegationMember.objects.filter(delegation=delegation, person=person).first()
    if member is None:
        member = services.add_member(delegation=delegation, person=person, kind=kind, role=role, actor=None)
    if not Registration.objects.filter(track=track, person=person).exists():
        data = {
            "email": person.email,
            "honorific": person.honorific,
            "given_name": person.given_name,
            "family_name": person.family_name,
            "gender": person.gender,
            "nationality_id": person.parliament.country_id,
            "days": [str(track.start_date), str(track.start_date + dt.timedelta(days=1))],
            "interpretation": ["en"],
            "language": "en",
            "mode": Mode.ONSITE,
        } | fields
        services.submit_registration(member=member, data=data, actor=None)
    return member


def _attend_the_first_day(member: DelegationMember) -> None:
    """Onsite delegates were at the venue on the first day: the certificates batch has someone to certify."""
    registration = Registration.objects.get(track=member.delegation.track, person=member.person)
    if registration.holds_onsite_seat:
        services.check_in(registration=registration, actor=None, day=registration.track.start_date)


@transaction.atomic
def _open_registration(track) -> None:
    if not TrackCapacity.objects.filter(track=track).exists():
        services.set_capacity(track=track, actor=None, **CAPACITY)


def load(stdout=None) -> None:
    track = Track.objects.get(slug=TRACK_SLUG)
    prepare_invitations(track=track)
    _open_registration(track)
    for iso3, women in DEMO_WOMEN_MEMBERS.items():
        Parliament.objects.filter(country__iso3=iso3).update(women_members=women)
    lines = []
    for iso3, delegates in DEMO_DELEGATES.items():
        parliament = Parliament.objects.filter(country__iso3=iso3).select_related("country").first()
        if parliament is None:
            continue
        delegation = services.delegation_for(track=track, parliament=parliament)
        link = links.delegation_link(delegation, settings.SITE_URL, "en")
        lines.append(f"Delegation page of {parliament} (focal point's link): {link}")
        for function_code, role, kind, extra in delegates:
            person = Person.objects.get(
                parliament=parliament, email=f"{function_code}.{iso3.lower()}@example.org"
            )
            family_name = "".join(c for c in person.family_name if c.isalpha() or c == " ")
            member = register(
                track=track, person=person, role=role, kind=kind, family_name=family_name, **extra
            )
            _attend_the_first_day(member)
            lines.append(f"  {person.full_name} ({iso3}): {links.member_link(member, settings.SITE_URL)}")
    if stdout:
        stdout.write(
            f"Invitations: {track.invitations.count()} drafts prepared (back office: send them); "
            "registration: 120 onsite seats; demo delegations and their members' personal links:"
        )
        for line in lines:
            stdout.write(line)
