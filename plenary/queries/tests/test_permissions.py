"""Nobody reads or writes another's thread by changing an id or a token in a URL."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.urls import reverse

from plenary.core.models import Role
from plenary.core.testing import make_user, one_user_per_role
from plenary.queries import links
from plenary.queries.rules import can_manage_queries, can_view_query
from plenary.queries.tests.factories import ask


def thread_url(query):
    return reverse("queries:thread", kwargs={"track": "igf2023-pt", "pk": query.pk})


def test_a_focal_point_sees_its_parliaments_threads_and_no_other(
    client, igf_track, focal_point, other_focal_point, two_parliaments
):
    delegate = make_user("delegate@example.org", Role.DELEGATE, parliament=two_parliaments[0])
    by_delegate = ask(igf_track, user=delegate)
    by_other = ask(igf_track, user=other_focal_point)
    client.force_login(focal_point)
    assert client.get(thread_url(by_delegate)).status_code == 200
    assert client.get(thread_url(by_other)).status_code == 404
    assert client.post(thread_url(by_other), {"body": "x"}).status_code == 404
    assert by_other.messages.count() == 1
    listing = client.get(reverse("queries:my_threads", kwargs={"track": "igf2023-pt"}))
    assert [query.pk for query in listing.context["threads"]] == [by_delegate.pk]


def test_a_delegate_sees_its_own_threads_only(client, igf_track, two_parliaments):
    delegate = make_user("delegate@example.org", Role.DELEGATE, parliament=two_parliaments[0])
    colleague = make_user("colleague@example.org", Role.DELEGATE, parliament=two_parliaments[0])
    own = ask(igf_track, user=delegate)
    colleagues = ask(igf_track, user=colleague)
    client.force_login(delegate)
    assert client.get(thread_url(own)).status_code == 200
    assert client.get(thread_url(colleagues)).status_code == 404


def test_a_visitors_thread_opens_only_through_its_link(igf_track, focal_point):
    query = ask(igf_track)
    assert Client().get(thread_url(query)).status_code == 302
    logged_in = Client()
    logged_in.force_login(focal_point)
    assert logged_in.get(thread_url(query)).status_code == 404
    good = reverse("queries:by_link", kwargs={"track": "igf2023-pt", "token": links.query_token(query)})
    assert Client().get(good).status_code == 200
    forged = good.replace(links.query_token(query)[:6], "AAAAAA")
    assert Client().get(forged).status_code == 404


def test_the_link_of_one_track_does_not_open_in_another(igf_track):
    query = ask(igf_track)
    url = reverse("queries:by_link", kwargs={"track": "another-track", "token": links.query_token(query)})
    assert Client().get(url).status_code == 404


@pytest.mark.parametrize("name", ["queries:secretariat_thread"])
def test_secretariat_pages_answer_404_to_focal_points_and_an_unknown_id_to_the_secretariat(
    client, igf_track, focal_point, staff, name
):
    query = ask(igf_track)
    url = reverse(name, kwargs={"track": "igf2023-pt", "pk": query.pk})
    outsider = Client()
    outsider.force_login(focal_point)
    assert outsider.get(url).status_code == 404
    assert outsider.post(url, {"action": "status", "status": "closed"}).status_code == 404
    assert (
        outsider.get(reverse("queries:secretariat_list", kwargs={"track": "igf2023-pt"})).status_code == 404
    )
    client.force_login(staff)
    assert client.get(reverse(name, kwargs={"track": "igf2023-pt", "pk": query.pk + 1000})).status_code == 404


def test_the_rules_for_each_role(igf_track, two_parliaments):
    users = one_user_per_role(*two_parliaments)
    query = ask(igf_track, user=users["delegate"])
    assert {role: can_view_query(user, query) for role, user in users.items()} == {
        "secretariat": True,
        "focal point": True,
        "other focal point": False,
        "delegate": True,
        "visitor": False,
    }
    assert {role: can_manage_queries(user) for role, user in users.items()} == {
        "secretariat": True,
        "focal point": False,
        "other focal point": False,
        "delegate": False,
        "visitor": False,
    }
    assert can_view_query(AnonymousUser(), query) is False
