import csv
import io

import pytest

from plenary.core.models import Role
from plenary.core.testing import make_user
from plenary.floor import services
from plenary.floor.models import Request
from plenary.floor.tests.builders import members, open_list

pytestmark = pytest.mark.django_db
BASE = "/en/igf2023-pt/programme/sessions/roundtable/floor/"


def test_a_confirmed_member_asks_and_withdraws_from_the_session_page(client, igf_track):
    speakers_list = open_list(igf_track)
    user = make_user("member@example.org")
    member = members(igf_track, 1, mode="online", user=user)[0]
    client.force_login(user)

    assert client.post(BASE, {"action": "ask"}).status_code == 302
    request = Request.objects.get(speakers_list=speakers_list)
    assert (request.registration, request.mode, request.state) == (member, "online", "waiting")
    page = client.get(BASE).content.decode()
    assert "Withdraw my request" in page
    assert member.full_name in page

    client.post(BASE, {"action": "withdraw"})
    request.refresh_from_db()
    assert request.state == "withdrawn"


def test_someone_logged_in_who_is_no_confirmed_member_is_told_they_may_not_ask(client, igf_track):
    open_list(igf_track)
    client.force_login(make_user("visitor@example.org"))
    page = client.post(BASE, {"action": "ask"}, follow=True).content.decode()
    assert "Only members of confirmed delegations may ask to speak." in page
    assert Request.objects.count() == 0


def test_a_visitor_sees_the_list_and_is_sent_to_log_in_to_ask(client, igf_track):
    open_list(igf_track)
    assert client.get(BASE).status_code == 200
    response = client.post(BASE, {"action": "ask"})
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")


def test_a_session_without_a_list_says_so(client, igf_track):
    from plenary.floor.tests.builders import session_of

    session_of(igf_track)
    response = client.get(BASE)
    assert response.status_code == 404
    assert "No speakers' list is open for this session." in response.content.decode()


def test_the_live_answer_gives_the_current_speaker_and_the_next_three(client, igf_track):
    speakers_list = open_list(igf_track, seconds_per_speaker=90)
    people = members(igf_track, 5)
    for member in people:
        services.ask(speakers_list=speakers_list, member=member, actor=None)
    called = services.call_next(speakers_list=speakers_list, actor=None, current_seen=None)

    state = client.get(f"{BASE}live.json").json()
    assert state["current"]["name"] == people[0].full_name
    assert state["current"]["ends_at"] == round((called.turn.called_at.timestamp() + 90) * 1000)
    assert [row["name"] for row in state["next"]] == [m.full_name for m in people[1:4]]
    assert len(state["queue"]) == 4


def test_the_chair_page_is_the_chairs_and_the_secretariats_only(client, igf_track, secretariat):
    speakers_list = open_list(igf_track)
    chair = make_user("chair@example.org")
    services.set_chairs(speakers_list=speakers_list, users=[chair], actor=None)
    for member in members(igf_track, 2):
        services.ask(speakers_list=speakers_list, member=member, actor=None)

    client.force_login(make_user("someone@example.org"))
    assert client.get(f"{BASE}chair/").status_code == 404
    client.force_login(secretariat)
    assert client.get(f"{BASE}chair/").status_code == 200
    client.force_login(chair)
    assert client.post(f"{BASE}chair/", {"action": "next", "current": ""}).status_code == 302
    assert Request.objects.get(state="speaking").number == 1
    # A second press on the same page (it still showed nobody speaking) calls nobody more.
    client.post(f"{BASE}chair/", {"action": "next", "current": ""})
    assert Request.objects.get(state="speaking").number == 1


def test_the_projector_page_is_large_type_and_right_to_left_in_arabic(client, igf_track):
    speakers_list = open_list(igf_track)
    member = members(igf_track, 1)[0]
    services.ask(speakers_list=speakers_list, member=member, actor=None)
    services.call_next(speakers_list=speakers_list, actor=None, current_seen=None)
    page = client.get(BASE.replace("/en/", "/ar/") + "projector/").content.decode()
    assert '<html lang="ar" dir="rtl">' in page
    assert member.full_name in page
    assert '<noscript><meta http-equiv="refresh" content="2"></noscript>' in page


def test_a_focal_point_swaps_its_delegations_places(client, igf_track):
    speakers_list = open_list(igf_track)
    first, second = members(igf_track, 2, parliaments=1)
    requests = [services.ask(speakers_list=speakers_list, member=m, actor=None) for m in (first, second)]
    parliament = first.delegation.parliament
    client.force_login(make_user("focal@example.org", Role.FOCAL_POINT, parliament))
    client.post(f"{BASE}delegation/", {"first": requests[0].pk, "second": requests[1].pk})
    assert list(Request.objects.order_by("position").values_list("registration", flat=True)) == [
        second.pk,
        first.pk,
    ]
    client.force_login(
        make_user(
            "other@example.org",
            Role.FOCAL_POINT,
            parliament.__class__.objects.exclude(pk=parliament.pk).first(),
        )
    )
    assert (
        client.post(f"{BASE}delegation/", {"first": requests[0].pk, "second": requests[1].pk}).status_code
        == 404
    )


def test_the_export_lists_who_spoke_in_order_with_the_time_used(client, igf_track, secretariat):
    speakers_list = open_list(igf_track)
    people = members(igf_track, 2)
    for member in people:
        services.ask(speakers_list=speakers_list, member=member, actor=None)
    called = services.call_next(speakers_list=speakers_list, actor=None, current_seen=None)
    services.call_next(speakers_list=speakers_list, actor=None, current_seen=called.pk)
    services.end_turn(speakers_list=speakers_list, actor=None)
    client.force_login(secretariat)
    rows = list(csv.reader(io.StringIO(client.get(f"{BASE}speakers.csv").content.decode("utf-8-sig"))))
    assert rows[0] == ["Order", "Speaker", "Delegation", "Speaking from", "Called at", "Seconds used"]
    assert [(row[0], row[1], row[3]) for row in rows[1:]] == [
        ("1", people[0].full_name, "In the room"),
        ("2", people[1].full_name, "In the room"),
    ]
    assert client.get(f"{BASE}speakers.xlsx")["Content-Type"].startswith("application/vnd.openxml")


def test_the_seating_plan_is_drawn_by_the_secretariat_and_printable(client, igf_track, secretariat):
    open_list(igf_track)
    members(igf_track, 3, parliaments=3)
    client.force_login(secretariat)
    client.post(f"{BASE}seating/", {"language": "en", "announced_value": "8"})
    page = client.get(f"{BASE}seating/").content.decode()
    assert "drawn by lot" in page
    assert client.get(f"{BASE}seating/?format=pdf")["Content-Type"] == "application/pdf"


def test_the_sessions_main_points_page_shows_who_spoke_in_order(client, igf_track, secretariat):
    speakers_list = open_list(igf_track)
    people = members(igf_track, 2, parliaments=2)
    for member in people:
        services.ask(speakers_list=speakers_list, member=member, actor=None)
    called = services.call_next(speakers_list=speakers_list, actor=None, current_seen=None)
    services.call_next(speakers_list=speakers_list, actor=None, current_seen=called.pk)
    client.force_login(secretariat)
    page = client.get("/en/igf2023-pt/outcome/main-points/roundtable/").content.decode()
    section = page[page.index('<section id="who-spoke">') : page.index("</section>", page.index("who-spoke"))]
    assert section.index(people[0].full_name) < section.index(people[1].full_name)
    assert section.count("<li>") == 2


def test_the_programmes_session_page_links_the_speakers_list(client, igf_track):
    open_list(igf_track)
    page = client.get("/en/igf2023-pt/programme/sessions/roundtable/").content.decode()
    assert f'<a href="{BASE}" id="speakers-list">' in page


def test_the_chair_closes_requests_draws_by_lot_gives_priority_and_ends_a_turn(client, igf_track):
    from plenary.floor.models import Draw

    speakers_list = open_list(igf_track, order="lot")
    chair = make_user("chair@example.org")
    services.set_chairs(speakers_list=speakers_list, users=[chair], actor=None)
    people = members(igf_track, 3)
    for member in people:
        services.ask(speakers_list=speakers_list, member=member, actor=None)
    client.force_login(chair)

    client.post(f"{BASE}chair/", {"action": "commit"})
    assert "Draw the order" in client.get(f"{BASE}chair/").content.decode()
    client.post(f"{BASE}chair/", {"action": "draw", "announced_value": "2023"})
    drawn = Draw.objects.get(speakers_list=speakers_list)
    assert drawn.announced_value == "2023"
    last = Request.objects.get(number=drawn.order[-1])
    client.post(f"{BASE}chair/", {"action": "priority", "request": str(last.pk)})
    client.post(f"{BASE}chair/", {"action": "next", "current": ""})
    last.refresh_from_db()
    assert (last.point_of_order, last.state) == (True, "speaking")
    client.post(f"{BASE}chair/", {"action": "end"})
    last.refresh_from_db()
    assert last.state == "spoken"
    page = client.get(BASE).content.decode()
    assert f"plenary floor verify {speakers_list.pk}" in page
    assert drawn.commitment in page
