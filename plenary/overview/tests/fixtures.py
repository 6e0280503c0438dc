"""A track whose every count is known: three parliaments, their invitations, delegations and people."""

import datetime as dt

from django.utils import timezone

from plenary.directory.models import Parliament, Person
from plenary.funding.models import Application, FundingCall
from plenary.funding.tests import factories as funding_factories
from plenary.invitations.models import Invitation
from plenary.outcomes.models import Document, Paragraph, ParagraphText
from plenary.outcomes.models import Section as OutcomeSection
from plenary.programme.models import Session, SessionSeat
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


def add_sessions_funding_and_document(track, parliaments) -> None:
    """On top of `build`: two sessions with seats, a funding call with three grants, an output
    document of three paragraphs in several states of translation, and a registration deadline."""
    track.registration_deadline = track.start_date - dt.timedelta(days=25)
    track.save(update_fields=["registration_deadline"])
    _seats(track, parliaments)
    _grants(track)
    _document(track)


def _seats(track, parliaments) -> None:
    opening = timezone.make_aware(dt.datetime.combine(track.start_date, dt.time(9)))
    first, second, _online = (
        Session.objects.create(
            track=track,
            slug=slug,
            title={"en": title},
            kind="roundtable",
            start=opening + dt.timedelta(hours=hours),
            end=opening + dt.timedelta(hours=hours + 1),
            capacity=capacity,
            format=format,
        )
        for slug, title, hours, capacity, format in [
            ("overview-trust", "Digital trust", 0, 2, "hybrid"),
            ("overview-ai", "Artificial intelligence", 2, 5, "onsite"),
            ("overview-online", "Online only", 4, 9, "online"),
        ]
    )
    onsite = list(
        Registration.objects.filter(
            track=track, delegation__parliament__in=parliaments, mode="onsite", status="confirmed"
        ).order_by("id")
    )
    for number, (registration, status) in enumerate(zip(onsite, ["held", "held", "waiting"], strict=True)):
        SessionSeat.objects.create(
            session=first, registration=registration, status=status, queue_number=number + 1
        )


def _grants(track) -> None:
    call = funding_factories.call(
        track, budget=10_000, max_funded=3, min_women_percent=40, region_limits={"African Group": [1, 2]}
    )
    FundingCall.objects.filter(pk=call.pk).update(committed=3_700, paid=1_000)
    grants = [
        ("COD", "female", "offered", 1_500),
        ("COD", "male", "accepted", 1_200),
        ("NPL", "female", "accepted", 1_000),
        ("NPL", "male", "not_selected", None),
    ]
    for iso3, gender, status, amount in grants:
        Application.objects.create(
            call=call,
            person=funding_factories.mp(iso3, gender=gender),
            status=status,
            grant_amount=amount,
            motivation="m",
            itinerary="i",
            airfare_quote=1_000,
            nights=3,
        )


def _document(track) -> None:
    document, _created = Document.objects.get_or_create(
        track=track, defaults={"title": {"en": "Output document"}}
    )
    section = OutcomeSection.objects.create(document=document, title={"en": "Messages"})
    paragraphs = [
        Paragraph.objects.create(document=document, section=section, source_language="en") for _ in range(3)
    ]
    Paragraph.objects.create(document=document, section=section, source_language="en", is_deleted=True)
    texts = [("en", "verified", False)] * 3 + [
        ("fr", "verified", False),
        ("fr", "draft", True),
        ("ar", "draft", False),
    ]
    for index, (language, status, stale) in enumerate(texts):
        ParagraphText.objects.create(
            paragraph=paragraphs[index % 3], language=language, text="t", status=status, stale=stale
        )
