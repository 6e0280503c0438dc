"""Demo delegations and registrations for the IGF 2023 Parliamentary Track (clearly fictional people)."""

import datetime as dt

from django.conf import settings
from django.db import transaction

from plenary.directory.models import Parliament, Person
from plenary.events.demo import TRACK_SLUG
from plenary.events.models import Track
from plenary.invitations.services import prepare_invitations
from plenary.registration import links, services
from plenary.registration.models import DelegationMember, Registration, TrackCapacity

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


@transaction.atomic
def load(stdout=None) -> None:
    track = Track.objects.get(slug=TRACK_SLUG)
    prepare_invitations(track=track)
    TrackCapacity.objects.update_or_create(
        track=track,
        defaults={
            "onsite_seats": 120,
            "onsite_mps_per_delegation": 3,
            "onsite_others_per_delegation": 1,
            "online_per_delegation": None,
        },
    )
    lines = []
    for iso3, delegates in DEMO_DELEGATES.items():
        parliament = Parliament.objects.filter(country__iso3=iso3).select_related("country").first()
        if parliament is None:
            continue
        delegation = services.delegation_for(track=track, parliament=parliament)
        link = links.delegation_link(delegation, settings.SITE_URL, "en")
        lines.append(f"Delegation page of {parliament} (focal point's link): {link}")
        if delegation.response == delegation.Response.PENDING:
            services.answer_invitation(delegation=delegation, accept=True, actor=None)
        for function_code, role, kind, extra in delegates:
            person = Person.objects.get(
                parliament=parliament, email=f"{function_code}.{iso3.lower()}@example.org"
            )
            member = DelegationMember.objects.filter(delegation=delegation, person=person).first()
            if member is None:
                member = services.add_member(
                    delegation=delegation, person=person, kind=kind, role=role, actor=None
                )
            if not Registration.objects.filter(track=track, person=person).exists():
                data = {
                    "email": person.email,
                    "honorific": person.honorific,
                    "given_name": person.given_name,
                    "family_name": "".join(c for c in person.family_name if c.isalpha() or c == " "),
                    "gender": person.gender,
                    "nationality_id": parliament.country_id,
                    "days": [str(track.start_date), str(track.start_date + dt.timedelta(days=1))],
                    "interpretation": ["en"],
                    "language": "en",
                } | extra
                services.submit_registration(member=member, data=data, actor=None)
            lines.append(f"  {person.full_name} ({iso3}): {links.member_link(member, settings.SITE_URL)}")
    if stdout:
        stdout.write(
            f"Invitations: {track.invitations.count()} drafts prepared (back office: send them); "
            "registration: 120 onsite seats; demo delegations and their members' personal links:"
        )
        for line in lines:
            stdout.write(line)
