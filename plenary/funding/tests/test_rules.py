import pytest
from django.urls import reverse

from plenary.core.models import Role
from plenary.core.rules import allowed
from plenary.core.testing import ROLES_ASKED, make_user, one_user_per_role
from plenary.directory.models import Parliament
from plenary.funding import rules
from plenary.funding.tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def application(igf_track):
    person = factories.mp("NPL", track=igf_track)
    person.user = make_user("applicant@parliament.np", Role.DELEGATE, person.parliament)
    person.save(update_fields=["user"])
    return factories.applied(factories.call(igf_track), person, endorse=False)


@pytest.fixture
def users(application):
    uganda = Parliament.objects.get(country__iso3="UGA")
    return one_user_per_role(application.person.parliament, uganda, delegate=application.person.user)


def answers(client, user, method, url):
    client.logout()
    if user.is_authenticated:
        client.force_login(user)
    return getattr(client, method)(url).status_code


def test_endorse_answers_404_to_another_parliaments_focal_point(client, application, users):
    client.force_login(users["other focal point"])
    response = client.post(reverse("funding:endorse", kwargs={"pk": application.pk}))
    assert response.status_code == 404
    application.refresh_from_db()
    assert (application.endorsed_at, application.endorsed_by) == (None, None)


def test_the_endorsement_rules_answer_as_the_views_do(client, application, users):
    queue = reverse("funding:endorsements", kwargs={"call": application.call_id})
    endorse = reverse("funding:endorse", kwargs={"pk": application.pk})
    found = {
        role: (
            rules.can_see_endorsements(users[role]),
            answers(client, users[role], "get", queue),
            rules.can_endorse(users[role], application),
            answers(client, users[role], "post", endorse),
        )
        for role in ROLES_ASKED
    }
    assert found == {
        "secretariat": (True, 200, True, 302),
        "focal point": (True, 200, True, 302),
        "other focal point": (True, 200, False, 404),
        "delegate": (False, 404, False, 404),
        "visitor": (False, 302, False, 302),
    }


def test_the_offer_and_review_rules_answer_as_the_views_do(client, application, users):
    decline = reverse("funding:decline", kwargs={"pk": application.pk})
    reviews = reverse("funding:review_list", kwargs={"call": application.call_id})
    found = {
        role: (
            rules.can_answer_offer(users[role], application),
            answers(client, users[role], "get", decline),
            rules.can_review(users[role]),
            answers(client, users[role], "get", reviews),
        )
        for role in ROLES_ASKED
    }
    assert found == {
        "secretariat": (False, 404, True, 200),
        "focal point": (False, 404, False, 404),
        "other focal point": (False, 404, False, 404),
        "delegate": (True, 200, False, 404),
        "visitor": (False, 302, False, 302),
    }


def test_templates_ask_the_same_rules_by_name(application, users):
    assert {role: allowed("funding.endorse", users[role], application) for role in ROLES_ASKED} == {
        "secretariat": True,
        "focal point": True,
        "other focal point": False,
        "delegate": False,
        "visitor": False,
    }
