"""Session seats on the pages: the registration page (personal link), the session page, the back office."""

import re

import pytest

from plenary.core.testing import make_user
from plenary.programme import services
from plenary.programme.tests.conftest import register
from plenary.programme.tests.seats import delegates, link_of, open_track, session_with_seats

pytestmark = pytest.mark.django_db

STATUS_PAGE = "/{language}/igf2023-pt/register/{token}/"
SEAT_BY_LINK = "/{language}/igf2023-pt/programme/sessions/roundtable/seat/{token}/"
SESSION_PAGE = "/{language}/igf2023-pt/programme/sessions/roundtable/"


@pytest.fixture
def session(programme_track):
    open_track(programme_track)
    return session_with_seats(programme_track, 2)


def html_tag(content: str) -> str:
    return re.search(r"<html[^>]*>", content).group(0)


def seat_blocks(content: str) -> tuple[int, int]:
    """How many times the page shows the registration page's seat block and the session page's seat form."""
    return content.count('<section class="card" id="session-seats">'), content.count('<section id="seats">')


def seat_rows(content: str) -> list[str]:
    return re.findall(r'<tr class="seat-row" id="seat-([\w-]+)">', content)


def test_the_registration_page_offers_a_seat_and_reserves_it(client, session):
    delegate = delegates(session.track, 1)[0]
    token = link_of(delegate)
    page = client.get(STATUS_PAGE.format(language="en", token=token)).content.decode()
    assert seat_blocks(page) == (1, 0)
    assert seat_rows(page) == [
        "opening",
        "demo-panel-digital-trust",
        "demo-workshop-model-law",
        "roundtable",
        "closing",
    ]
    assert '<td class="seats-left">2</td>' in page
    assert "No seat reserved" in page
    assert "Reserve a seat" in page

    response = client.post(SEAT_BY_LINK.format(language="en", token=token), {"action": "reserve"})

    assert response.status_code == 302
    assert response["Location"] == STATUS_PAGE.format(language="en", token=token) + "#session-seats"
    assert list(session.seats.values_list("registration_id", "status")) == [(delegate.pk, "held")]
    page = client.get(response["Location"]).content.decode()
    assert "Your seat at “The Role of Parliamentarians" in page
    assert '<td class="seats-left">1</td>' in page
    assert "Your seat is reserved" in page
    assert "Give up my seat" in page


def test_a_full_session_puts_the_delegate_on_the_waiting_list_and_says_where(client, session):
    first, second, third = delegates(session.track, 3)
    for registration in (first, second):
        services.reserve_seat(session=session, registration=registration, actor=None)
    token = link_of(third)
    assert (
        "Join the waiting list" in client.get(STATUS_PAGE.format(language="en", token=token)).content.decode()
    )

    response = client.post(
        SEAT_BY_LINK.format(language="en", token=token), {"action": "reserve"}, follow=True
    )

    page = response.content.decode()
    assert "you are number 1 on its waiting list." in page
    assert "You are number 1 on the waiting list" in page
    assert "Leave the waiting list" in page
    client.post(SEAT_BY_LINK.format(language="en", token=link_of(first)), {"action": "give_up"})
    assert list(session.seats.order_by("queue_number").values_list("registration_id", "status")) == [
        (second.pk, "held"),
        (third.pk, "held"),
    ]


def test_the_arabic_registration_page_shows_the_seats_right_to_left(client, session):
    delegate = delegates(session.track, 1, language="ar")[0]
    token = link_of(delegate)
    response = client.post(
        SEAT_BY_LINK.format(language="ar", token=token), {"action": "reserve"}, follow=True
    )
    page = response.content.decode()
    assert html_tag(page) == '<html lang="ar" dir="rtl">'
    assert "المقاعد في الجلسات" in page
    assert "تم حجز مقعدك في «" in page
    assert "مقعدك محجوز" in page
    assert "التخلي عن مقعدي" in page
    assert re.search("[\u0660-\u0669]", page) is None


def test_a_delegate_waiting_for_a_track_seat_is_told_when_they_can_reserve(client, session):
    delegate = delegates(session.track, 1, status="waitlisted")[0]
    page = client.get(STATUS_PAGE.format(language="en", token=link_of(delegate))).content.decode()
    assert "Once your onsite registration is confirmed, you can reserve seats here" in page
    assert seat_rows(page) == []


def test_an_online_delegate_sees_no_seat_block(client, session):
    onsite = delegates(session.track, 1)[0]
    online = delegates(session.track, 1, mode="online")[0]
    pages = [
        client.get(STATUS_PAGE.format(language="en", token=link_of(delegate))).content.decode()
        for delegate in (onsite, online)
    ]
    assert [seat_blocks(page) for page in pages] == [(1, 0), (0, 0)]


def test_a_delegates_link_acts_only_on_their_own_registration(client, session):
    mine, theirs = delegates(session.track, 2)
    services.reserve_seat(session=session, registration=theirs, actor=None)

    client.post(SEAT_BY_LINK.format(language="en", token=link_of(mine)), {"action": "give_up"})
    client.post(SEAT_BY_LINK.format(language="en", token=link_of(mine)), {"action": "reserve"})

    assert list(session.seats.order_by("queue_number").values_list("registration_id", "status")) == [
        (theirs.pk, "held"),
        (mine.pk, "held"),
    ]


def test_a_forged_or_foreign_link_finds_nothing(client, session):
    delegate = delegates(session.track, 1)[0]
    token = link_of(delegate)
    forged = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    assert (
        client.post(SEAT_BY_LINK.format(language="en", token=forged), {"action": "reserve"}).status_code
        == 404
    )
    other_track = f"/en/another-track/programme/sessions/roundtable/seat/{token}/"
    assert client.post(other_track, {"action": "reserve"}).status_code == 404
    assert client.get(SEAT_BY_LINK.format(language="en", token=token)).status_code == 405
    assert session.seats.count() == 0


def test_a_refusal_is_shown_in_the_delegates_language(client, session):
    delegate = delegates(session.track, 1, language="fr")[0]
    session_with_seats(session.track, None)
    response = client.post(
        SEAT_BY_LINK.format(language="fr", token=link_of(delegate)), {"action": "reserve"}, follow=True
    )
    assert (
        "Cette séance ne demande pas de réservation : tout délégué peut y assister."
        in response.content.decode()
    )


def test_the_public_session_page_shows_the_seats_left_and_nothing_personal(client, session):
    holders = delegates(session.track, 2)
    services.reserve_seat(session=session, registration=holders[0], actor=None)
    page = client.get(SESSION_PAGE.format(language="en")).content.decode()
    assert '<dt>Seats left</dt><dd id="seats-left">1</dd>' in page
    assert holders[0].family_name not in page
    assert seat_blocks(page) == (0, 0)
    services.reserve_seat(session=session, registration=holders[1], actor=None)
    services.set_session_capacity(session=session, capacity=1, actor=None)
    page = client.get(SESSION_PAGE.format(language="ar")).content.decode()
    assert '<dd id="seats-left">0</dd>' in page


def test_a_logged_in_onsite_delegate_reserves_from_the_session_page(client, session):
    user = make_user("seat.taker@example.org")
    registration = register(user, session.track, status="confirmed", mode="onsite")
    client.force_login(user)
    page = client.get(SESSION_PAGE.format(language="en")).content.decode()
    assert (seat_blocks(page), "Reserve a seat" in page) == ((0, 1), True)

    response = client.post(SESSION_PAGE.format(language="en") + "seat/", {"action": "reserve"}, follow=True)

    assert response.redirect_chain == [(SESSION_PAGE.format(language="en") + "#seats", 302)]
    page = response.content.decode()
    assert "Your seat is reserved" in page
    assert '<dd id="seats-left">1</dd>' in page
    assert list(session.seats.values_list("registration_id", flat=True)) == [registration.pk]


@pytest.mark.parametrize("status, mode", [("confirmed", "online"), ("submitted", "onsite")])
def test_other_logged_in_users_cannot_reserve_from_the_session_page(client, session, status, mode):
    user = make_user("not.onsite@example.org")
    register(user, session.track, status=status, mode=mode)
    client.force_login(user)
    assert seat_blocks(client.get(SESSION_PAGE.format(language="en")).content.decode()) == (0, 0)
    response = client.post(SESSION_PAGE.format(language="en") + "seat/", {"action": "reserve"}, follow=True)
    assert response.status_code == 200 if status == "confirmed" else 404
    assert session.seats.count() == 0


def test_an_anonymous_visitor_is_sent_to_log_in(client, session):
    response = client.post(SESSION_PAGE.format(language="en") + "seat/", {"action": "reserve"})
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_the_back_office_shows_seats_taken_capacity_and_waiting(client, session, secretariat):
    people = delegates(session.track, 3)
    for registration in people:
        services.reserve_seat(session=session, registration=registration, actor=None)
    client.force_login(secretariat)
    listing = client.get("/en/admin/programme/session/").content.decode()
    assert '<td class="field-seats">2 / 2 · 1</td>' in listing
    detail = client.get(f"/en/admin/programme/session/{session.pk}/change/").content.decode()
    assert "Seats and waiting list" in detail
    assert all(registration.reference in detail for registration in people)
