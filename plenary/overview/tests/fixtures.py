"""A track whose every count is known: three parliaments, their invitations, delegations and people."""

import datetime as dt

from django.utils import timezone

from plenary.directory.models import Parliament, Person
from plenary.invitations.models import Invitation
from plenary.registration.models import CheckIn, Delegation, Registration, TrackCapacity

# (status, mode, gender) of each parliament's registrations, in the order of `three_parliaments`.
PEOPLE = [
    [("confirmed", "onsite", "female"), ("confirmed", "onsite", "male"), ("waitlisted", "onsite", "female")],
    [("submitted", "online", "male"), ("cancelled", "onsite", "female")],
    [("confirmed", "onsite", "male")],
]
INVITATION_STATUSES = ["sent", "failed", "responded"]
WOMEN_MEMBERS = [40, 25, None]


def three_parliaments() -> list[Parliament]:
    """One African, one Asia-Pacific and one GRULAC parliament, the first two least developed."""
    groups = ["African Group", "Asia-Pacific Group", "GRULAC"]
    found = []
    for index, group in enumerate(groups):
        parliament = (
            Parliament.objects.filter(
                country__un_regional_group=group,
                country__is_ldc=index < 2,
                country__is_lldc=False,
                country__is_sids=False,
            )
            .select_related("country")
            .order_by("country__iso3")
            .first()
        )
        parliament.women_members = WOMEN_MEMBERS[index]
        parliament.save(update_fields=["women_members"])
        found.append(parliament)
    return found


def build(track, parliaments=None, people=PEOPLE) -> list[Parliament]:
    parliaments = parliaments or three_parliaments()
    TrackCapacity.objects.update_or_create(track=track, defaults={"onsite_seats": 10})
    for index, parliament in enumerate(parliaments):
        Invitation.objects.create(
            track=track,
            parliament=parliament,
            seq=index + 1,
            reference=f"REF/{index + 1}",
            status=INVITATION_STATUSES[index % len(INVITATION_STATUSES)],
        )
        response = Delegation.Response.DECLINED if index == 2 else Delegation.Response.ACCEPTED
        delegation = Delegation.objects.create(track=track, parliament=parliament, response=response)
        register_people(track, delegation, people[index % len(people)], index)
    return parliaments


def register_people(track, delegation, people, index) -> None:
    """Registrations made `index` days after the invitations went out, 30 days before the track."""
    start = timezone.make_aware(dt.datetime.combine(track.start_date - dt.timedelta(days=30), dt.time(9)))
    persons = Person.objects.bulk_create(
        Person(
            parliament=delegation.parliament, given_name="P", family_name=f"{index}-{number}", gender=gender
        )
        for number, (_, _, gender) in enumerate(people)
    )
    registrations = Registration.objects.bulk_create(
        Registration(
            track=track,
            person=person,
            delegation=delegation,
            nationality_id=delegation.parliament.country_id,
            reference=f"R{index:05d}{number:05d}"[:12],
            status=status,
            mode=mode,
            waiting_for="venue" if status == "waitlisted" else "",
            gender=gender,
            email=f"p{index}-{number}@example.org",
            given_name="P",
            family_name=f"{index}-{number}",
            consent_at=start,
            consent_language="en",
        )
        for number, (person, (status, mode, gender)) in enumerate(zip(persons, people, strict=True))
    )
    Registration.objects.filter(pk__in=[r.pk for r in registrations]).update(
        created_at=start + dt.timedelta(days=index)
    )
    confirmed = [r for r in registrations if r.status == "confirmed"]
    CheckIn.objects.bulk_create(
        CheckIn(registration=registration, day=track.start_date, at=start) for registration in confirmed
    )
