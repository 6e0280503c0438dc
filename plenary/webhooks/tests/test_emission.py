"""The services of the other apps emit their events at the point of change, in their transaction."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from plenary.core.models import Role
from plenary.core.testing import make_user
from plenary.funding import services as funding
from plenary.funding.tests import factories as funding_factories
from plenary.outcomes import services as outcomes
from plenary.programme import services as programme
from plenary.registration import services as registration
from plenary.registration.models import TrackCapacity
from plenary.registration.tests import factories
from plenary.webhooks import services
from plenary.webhooks.models import Delivery, Event


@pytest.fixture
def hook(igf_track, secretariat):
    return services.create_endpoint(
        track=igf_track,
        name="All",
        url="https://hooks.example.org/in",
        events=Event.values,
        actor=secretariat,
    )


def sent() -> list[tuple[str, dict]]:
    return [
        (event, json.loads(body)["data"])
        for event, body in Delivery.objects.order_by("pk").values_list("event", "body")
    ]


def test_registration_events_follow_the_seats(hook, igf_track):
    TrackCapacity.objects.update_or_create(track=igf_track, defaults={"onsite_seats": 1})
    parliament = factories.parliaments(1)[0]
    first, second = (factories.member(igf_track, parliament) for _ in range(2))
    submit = lambda member: registration.submit_registration(  # noqa: E731
        member=member, data=factories.registration_data(member, mode="onsite")
    )
    confirmed, waiting = submit(first), submit(second)
    registration.cancel(registration=confirmed, actor=None)
    day = igf_track.start_date
    registration.check_in(
        registration=registration.Registration.objects.get(pk=waiting.pk), actor=None, day=day
    )
    registration.check_in(
        registration=registration.Registration.objects.get(pk=waiting.pk), actor=None, day=day
    )

    events = [(event, data["registration"], data["status"]) for event, data in sent()]
    assert events == [
        ("registration.created", confirmed.pk, "confirmed"),
        ("registration.confirmed", confirmed.pk, "confirmed"),
        ("registration.created", waiting.pk, "waitlisted"),
        ("registration.waitlisted", waiting.pk, "waitlisted"),
        ("registration.cancelled", confirmed.pk, "cancelled"),
        ("registration.promoted", waiting.pk, "confirmed"),
        ("registration.checked_in", waiting.pk, "confirmed"),
    ]
    assert sent()[5][1]["promoted_from"] == "venue"
    assert sent()[6][1]["day"] == str(day)
    assert not any("passport" in key for _event, data in sent() for key in data)


def test_a_refused_registration_emits_nothing(hook, igf_track):
    TrackCapacity.objects.update_or_create(track=igf_track, defaults={"onsite_seats": 5})
    member = factories.member(igf_track, factories.parliaments(1)[0])
    registration.submit_registration(member=member, data=factories.registration_data(member))
    before = Delivery.objects.count()
    with pytest.raises(registration.AlreadyRegistered):
        registration.submit_registration(member=member, data=factories.registration_data(member))
    assert Delivery.objects.count() == before


def test_the_invitation_answer_is_emitted(hook, igf_track):
    delegation = registration.delegation_for(track=igf_track, parliament=factories.parliaments(1)[0])
    registration.answer_invitation(delegation=delegation, accept=True, actor=None)
    assert [(event, data["delegation"], data["response"]) for event, data in sent()] == [
        ("invitation.answered", delegation.pk, "accepted")
    ]


def test_grant_events(hook, igf_track, settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    call = funding_factories.call(igf_track, budget=5000)
    nepal = funding_factories.applied(call, funding_factories.mp("NPL", track=igf_track))
    uganda = funding_factories.applied(call, funding_factories.mp("UGA", track=igf_track))
    secretariat = make_user("sec@example.org", Role.SECRETARIAT)
    funding.approve_grant(application=nepal, amount=2700, actor=secretariat)
    funding.accept_offer(application=nepal, actor=secretariat)
    funding.record_payment(application=nepal, amount=2000, actor=secretariat)
    with pytest.raises(ValidationError):
        funding.record_payment(application=nepal, amount=800, actor=secretariat)
    funding.approve_grant(application=uganda, amount=2000, actor=secretariat)
    funding.decline_offer(application=uganda, actor=secretariat)
    grants = [(event, data["application"], data["status"], data["paid"]) for event, data in sent()]
    assert grants == [
        ("grant.offered", nepal.pk, "offered", 0),
        ("grant.accepted", nepal.pk, "accepted", 0),
        ("grant.paid", nepal.pk, "accepted", 2000),
        ("grant.offered", uganda.pk, "offered", 0),
        ("grant.declined", uganda.pk, "declined", 0),
    ]
    assert sent()[2][1]["payment"] == 2000


def test_programme_release_and_output_document_events(hook, igf_track, secretariat):
    release = programme.publish_release(track=igf_track, name="v1", actor=secretariat)
    document = outcomes.create_document(actor=secretariat, track=igf_track, title={"en": "Output document"})
    section = outcomes.add_section(actor=secretariat, document=document, title={"en": "Key messages"})
    outcomes.add_paragraph(actor=secretariat, section=section, text="The Internet must stay open.")
    version = outcomes.publish_version(actor=secretariat, document=document)
    outcomes.adopt_version(actor=secretariat, version=version)
    assert [
        (event, data.get("release") or data.get("version"), data.get("status")) for event, data in sent()
    ] == [
        ("programme.release_published", release.pk, None),
        ("outcome.version_published", version.pk, "draft"),
        ("outcome.version_adopted", version.pk, "adopted"),
    ]


def test_a_rolled_back_change_posts_nothing(hook, igf_track, secretariat):
    with pytest.raises(RuntimeError), transaction.atomic():
        programme.publish_release(track=igf_track, name="v1", actor=secretariat)
        raise RuntimeError("the request fails after the release")
    assert Delivery.objects.count() == 0
