import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from plenary.core.models import AuditEntry
from plenary.core.outbox import messages_for
from plenary.core.testing import make_user
from plenary.registration import services
from plenary.registration.models import Delegation, Registration, TrackCapacity
from plenary.registration.tests import factories


@pytest.fixture
def capacity(igf_track):
    return TrackCapacity.objects.update_or_create(track=igf_track, defaults={"onsite_seats": 2})[0]


def submit(member, **data):
    return services.submit_registration(member=member, data=factories.registration_data(member, **data))


def test_seats_then_waiting_list_then_promotion_on_cancel(igf_track, capacity):
    parliament = factories.parliaments(1)[0]
    members = [factories.member(igf_track, parliament) for _ in range(4)]
    registrations = [submit(member, mode="onsite") for member in members]
    assert [r.status for r in registrations] == ["confirmed", "confirmed", "waitlisted", "waitlisted"]
    services.cancel(registration=registrations[0], actor=None)
    statuses = dict(Registration.objects.filter(track=igf_track).values_list("member_id", "status"))
    assert [statuses[m.pk] for m in members] == ["cancelled", "confirmed", "confirmed", "waitlisted"]


def test_second_registration_of_the_same_person_shows_the_existing_one(igf_track, capacity):
    member = factories.member(igf_track, factories.parliaments(1)[0])
    first = submit(member)
    with pytest.raises(services.AlreadyRegistered) as refused:
        submit(member)
    assert refused.value.registration == first
    assert Registration.objects.filter(person=member.person).count() == 1


def test_database_refuses_a_second_registration_per_person_and_track(igf_track, capacity):
    member = factories.member(igf_track, factories.parliaments(1)[0])
    first = submit(member)
    duplicate = Registration.objects.get(pk=first.pk)
    duplicate.pk, duplicate.reference, duplicate.member, duplicate.queue_number = (
        None,
        "DUPLICATE1",
        None,
        None,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


def test_per_delegation_limit_waitlists_and_the_first_eligible_is_promoted(igf_track):
    TrackCapacity.objects.update_or_create(
        track=igf_track, defaults={"onsite_seats": 10, "onsite_mps_per_delegation": 1}
    )
    first, second = factories.parliaments(2)
    a1, a2, b1 = (
        factories.member(igf_track, first),
        factories.member(igf_track, first),
        factories.member(igf_track, second),
    )
    r_a1, r_a2, r_b1 = submit(a1), submit(a2), submit(b1)
    assert [r_a1.status, r_a2.status, r_b1.status] == ["confirmed", "waitlisted", "confirmed"]
    services.change_mode(registration=r_a1, mode="online", actor=None)
    r_a1.refresh_from_db()
    r_a2.refresh_from_db()
    assert (r_a1.status, r_a1.mode, r_a2.status) == ("confirmed", "online", "confirmed")


def test_mode_change_to_onsite_when_full_keeps_the_registration_on_the_waiting_list(igf_track, capacity):
    parliament = factories.parliaments(1)[0]
    onsite = [submit(factories.member(igf_track, parliament), mode="onsite") for _ in range(2)]
    online = submit(factories.member(igf_track, parliament), mode="online")
    assert online.status == "confirmed"
    changed = services.change_mode(registration=online, mode="onsite", actor=None)
    assert (changed.pk, changed.status, changed.mode) == (online.pk, "waitlisted", "onsite")
    services.reject(registration=onsite[1], reason="Not a member of parliament", actor=None)
    changed.refresh_from_db()
    assert changed.status == "confirmed"


def test_vetting_keeps_submitted_until_approved_and_rejection_needs_a_reason(igf_track):
    TrackCapacity.objects.update_or_create(
        track=igf_track, defaults={"onsite_seats": 5, "requires_vetting": True}
    )
    registration = submit(factories.member(igf_track, factories.parliaments(1)[0]))
    assert (registration.status, registration.queue_number) == ("submitted", None)
    with pytest.raises(services.RegistrationError):
        services.reject(registration=registration, reason="  ", actor=None)
    approved = services.approve(registration=registration, actor=None)
    assert approved.status == "confirmed"


def test_every_change_is_mailed_in_the_delegates_language_and_audited(igf_track, capacity):
    member = factories.member(igf_track, factories.parliaments(1)[0])
    registration = submit(member, language="fr")
    services.cancel(registration=registration, actor=None)
    mails = list(messages_for(registration).order_by("id"))
    assert [(m.to, m.language) for m in mails] == [([member.person.email], "fr")] * 2
    assert [m.subject for m in mails] == [
        "Volet parlementaire du FGI 2023 – votre inscription est confirmée",
        "Volet parlementaire du FGI 2023 – votre inscription est annulée",
    ]
    actions = list(
        AuditEntry.objects.filter(target_id=str(registration.pk), action__startswith="registration.")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["registration.submitted", "registration.cancelled"]


def test_declined_invitation_refuses_registration(igf_track, capacity):
    member = factories.member(igf_track, factories.parliaments(1)[0])
    services.answer_invitation(delegation=member.delegation, accept=False, actor=None)
    assert Delegation.objects.get(pk=member.delegation_id).response == "declined"
    with pytest.raises(services.RegistrationError):
        submit(member)
    assert Registration.objects.filter(person=member.person).count() == 0


def test_closed_or_unopened_registration_refuses_and_keeps_nothing(igf_track):
    member = factories.member(igf_track, factories.parliaments(1)[0])
    with pytest.raises(services.RegistrationError) as refused:
        submit(member)
    assert str(refused.value) == "Registration for this track is not open yet."
    TrackCapacity.objects.create(track=igf_track, onsite_seats=5, registration_open=False)
    with pytest.raises(services.RegistrationError) as refused:
        submit(member)
    assert str(refused.value) == "Registration for this track is closed."
    assert Registration.objects.filter(person=member.person).count() == 0


def test_a_change_made_by_the_secretariat_is_recorded_on_the_delegates_behalf(igf_track, capacity):
    member = factories.member(igf_track, factories.parliaments(1)[0])
    delegate = make_user("delegate.self@example.org")
    member.person.user = delegate
    member.person.save()
    staff = make_user("staff.member@example.org")
    registration = submit(member)
    services.cancel(registration=registration, actor=staff)
    entry = AuditEntry.objects.get(action="registration.cancelled", target_id=str(registration.pk))
    assert (entry.actor, entry.on_behalf_of) == (staff, delegate)


def test_registration_refuses_after_the_deadline_and_keeps_nothing(igf_track, capacity):
    member = factories.member(igf_track, factories.parliaments(1)[0])
    igf_track.registration_deadline = dt.date(2020, 1, 1)
    igf_track.save(update_fields=["registration_deadline"])
    with pytest.raises(services.RegistrationError) as refused:
        submit(member)
    assert str(refused.value) == "Registration for this track is closed."
    assert Registration.objects.filter(person=member.person).count() == 0


@pytest.mark.parametrize(("utc_time", "closed"), [(dt.time(14, 59), False), (dt.time(15, 0), True)])
def test_the_deadline_is_the_last_day_at_the_venue(igf_track, utc_time, closed):
    """Kyoto is UTC+9: 13 September ends there at 15:00 UTC."""
    igf_track.registration_deadline = dt.date(2023, 9, 13)
    now = dt.datetime.combine(dt.date(2023, 9, 13), utc_time, tzinfo=dt.UTC)
    assert igf_track.registration_has_closed(now) is closed
