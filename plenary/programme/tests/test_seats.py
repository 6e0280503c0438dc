"""Seats at sessions with a capacity: reservations, the waiting list, promotions and their e-mails."""

import re

import pytest
from django.db import IntegrityError, transaction

from plenary.core.models import AuditEntry, OutboxMessage
from plenary.programme import services
from plenary.programme.models import SessionSeat
from plenary.programme.tests.seats import delegates, open_track, session_with_seats
from plenary.registration import services as registration_services
from plenary.registration.links import member_from_token

pytestmark = pytest.mark.django_db


def seats_of(session) -> list[tuple[int, str]]:
    """(registration id, status) in queue order."""
    return list(session.seats.order_by("queue_number").values_list("registration_id", "status"))


def promotion_emails():
    return OutboxMessage.objects.filter(dedupe_key__startswith="programme-seat-promoted:").order_by("id")


@pytest.fixture
def full_session(programme_track):
    """Two seats, both taken, and two delegates waiting: (session, [held, held, waiting, waiting])."""
    open_track(programme_track)
    session = session_with_seats(programme_track, 2)
    people = delegates(programme_track, 4)
    for registration in people:
        services.reserve_seat(session=session, registration=registration, actor=None)
    return session, people


def test_seats_are_given_in_order_then_the_waiting_list_fills(full_session):
    session, people = full_session
    assert seats_of(session) == [
        (people[0].pk, "held"),
        (people[1].pk, "held"),
        (people[2].pk, "waiting"),
        (people[3].pk, "waiting"),
    ]
    assert list(session.seats.order_by("queue_number").values_list("queue_number", flat=True)) == [1, 2, 3, 4]
    assert AuditEntry.objects.filter(action="programme.seat_reserved").count() == 2
    assert AuditEntry.objects.filter(action="programme.seat_waitlisted").count() == 2
    assert promotion_emails().count() == 0


def test_asking_twice_keeps_the_one_seat(full_session):
    session, people = full_session
    again = services.reserve_seat(session=session, registration=people[2], actor=None)
    assert (again.status, again.queue_number) == ("waiting", 3)
    assert session.seats.count() == 4


def test_the_database_refuses_a_second_seat_per_registration_and_session(full_session):
    session, people = full_session
    with pytest.raises(IntegrityError), transaction.atomic():
        SessionSeat.objects.create(session=session, registration=people[0], status="waiting", queue_number=9)


def test_giving_up_a_seat_promotes_the_first_waiting_delegate_with_one_email(full_session):
    session, people = full_session
    promoted = services.give_up_seat(session=session, registration=people[0], actor=None)

    assert [seat.registration_id for seat in promoted] == [people[2].pk]
    assert seats_of(session) == [(people[1].pk, "held"), (people[2].pk, "held"), (people[3].pk, "waiting")]
    emails = list(promotion_emails())
    assert [email.to for email in emails] == [[people[2].email]]
    assert emails[0].subject == (
        "A seat is yours: The Role of Parliamentarians in Shaping a Trusted Internet Empowering All People"
    )
    assert "9 October 2023" in emails[0].body
    assert "15:15–16:45 (Asia/Tokyo)" in emails[0].body
    token = re.search(r"/en/igf2023-pt/register/([^/]+)/", emails[0].body).group(1)
    assert member_from_token(token, "igf2023-pt") == people[2].member
    assert AuditEntry.objects.filter(action="programme.seat_given_up").count() == 1
    assert AuditEntry.objects.filter(action="programme.seat_promoted").count() == 1


def test_leaving_the_waiting_list_promotes_nobody(full_session):
    session, people = full_session
    assert services.give_up_seat(session=session, registration=people[2], actor=None) == []
    assert seats_of(session) == [(people[0].pk, "held"), (people[1].pk, "held"), (people[3].pk, "waiting")]
    assert promotion_emails().count() == 0


def test_giving_up_what_one_does_not_hold_is_refused(full_session, programme_track):
    session, _people = full_session
    outsider = delegates(programme_track, 1)[0]
    with pytest.raises(services.SeatError) as refused:
        services.give_up_seat(session=session, registration=outsider, actor=None)
    assert refused.value.message == "You have no seat at this session and are not on its waiting list."


@pytest.mark.parametrize(
    "status, mode",
    [("waitlisted", "onsite"), ("submitted", "onsite"), ("confirmed", "online"), ("cancelled", "onsite")],
)
def test_only_confirmed_onsite_delegates_reserve(programme_track, status, mode):
    open_track(programme_track)
    session = session_with_seats(programme_track, 2)
    registration = delegates(programme_track, 1, status=status, mode=mode)[0]
    with pytest.raises(services.SeatError) as refused:
        services.reserve_seat(session=session, registration=registration, actor=None)
    assert refused.value.message == (
        "Only delegates with a confirmed onsite registration can reserve a seat at a session."
    )
    assert session.seats.count() == 0


def test_a_session_without_capacity_needs_no_reservation(programme_track):
    open_track(programme_track)
    session = session_with_seats(programme_track, None)
    registration = delegates(programme_track, 1)[0]
    with pytest.raises(services.SeatError) as refused:
        services.reserve_seat(session=session, registration=registration, actor=None)
    assert refused.value.message == "This session needs no reservation: every delegate may attend."


def test_cancelling_the_registration_frees_the_session_seat_and_promotes(full_session):
    session, people = full_session
    registration_services.cancel(registration=people[1], actor=None)

    assert seats_of(session) == [(people[0].pk, "held"), (people[2].pk, "held"), (people[3].pk, "waiting")]
    assert [email.to for email in promotion_emails()] == [[people[2].email]]
    assert AuditEntry.objects.filter(action="programme.seat_released").count() == 1


def test_rejecting_the_registration_frees_the_session_seat_and_promotes(full_session):
    session, people = full_session
    registration_services.reject(registration=people[0], reason="Not a member of parliament", actor=None)
    assert seats_of(session) == [(people[1].pk, "held"), (people[2].pk, "held"), (people[3].pk, "waiting")]
    assert promotion_emails().count() == 1


def test_switching_online_frees_the_session_seat_and_promotes(full_session):
    session, people = full_session
    registration_services.change_mode(registration=people[0], mode="online", actor=None)

    assert seats_of(session) == [(people[1].pk, "held"), (people[2].pk, "held"), (people[3].pk, "waiting")]
    assert [email.to for email in promotion_emails()] == [[people[2].email]]


def test_a_waiting_delegate_who_cancels_leaves_the_queue_and_promotes_nobody(full_session):
    session, people = full_session
    registration_services.cancel(registration=people[2], actor=None)
    assert seats_of(session) == [(people[0].pk, "held"), (people[1].pk, "held"), (people[3].pk, "waiting")]
    assert promotion_emails().count() == 0


def test_a_mode_change_that_keeps_the_onsite_seat_keeps_the_session_seats(full_session):
    session, people = full_session
    registration_services.change_mode(registration=people[0], mode="onsite", actor=None)
    assert session.seats.count() == 4


def test_raising_the_capacity_promotes_in_order_and_lowering_it_takes_no_seat_away(full_session):
    session, people = full_session
    promoted = services.set_session_capacity(session=session, capacity=3, actor=None)
    assert [seat.registration_id for seat in promoted] == [people[2].pk]

    assert services.set_session_capacity(session=session, capacity=1, actor=None) == []
    assert seats_of(session) == [
        (people[0].pk, "held"),
        (people[1].pk, "held"),
        (people[2].pk, "held"),
        (people[3].pk, "waiting"),
    ]
    services.give_up_seat(session=session, registration=people[0], actor=None)
    assert seats_of(session)[-1] == (people[3].pk, "waiting")
    assert [email.to for email in promotion_emails()] == [[people[2].email]]
    assert list(
        AuditEntry.objects.filter(action="programme.session_capacity_set")
        .order_by("id")
        .values_list("changes", flat=True)
    ) == [{"capacity": [2, 3]}, {"capacity": [3, 1]}]


def test_removing_the_capacity_lets_every_waiting_delegate_in(full_session):
    session, people = full_session
    promoted = services.set_session_capacity(session=session, capacity=None, actor=None)
    assert [seat.registration_id for seat in promoted] == [people[2].pk, people[3].pk]


def test_the_promotion_email_is_in_the_delegates_language(programme_track):
    open_track(programme_track)
    session = session_with_seats(programme_track, 1)
    holder = delegates(programme_track, 1)[0]
    waiting = delegates(programme_track, 1, language="ar")[0]
    for registration in (holder, waiting):
        services.reserve_seat(session=session, registration=registration, actor=None)
    services.give_up_seat(session=session, registration=holder, actor=None)

    email = promotion_emails().get()
    assert email.language == "ar"
    assert email.subject == "مقعد محجوز لك: دور البرلمانيين في تشكيل إنترنت موثوق يمكّن جميع الناس"
    assert "9 تشرين الأول/أكتوبر 2023" in email.body
    assert "/ar/igf2023-pt/programme/sessions/roundtable/" in email.body
