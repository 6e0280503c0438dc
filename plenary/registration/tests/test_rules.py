import pytest
from django.urls import reverse

from plenary.core.testing import ROLES_ASKED, one_user_per_role
from plenary.registration import rules

pytestmark = pytest.mark.django_db


def answers(client, user, url):
    client.logout()
    if user.is_authenticated:
        client.force_login(user)
    return client.get(url).status_code


def test_the_registration_rules_answer_as_the_views_do(client, igf_track, two_parliaments):
    own, other = two_parliaments
    users = one_user_per_role(own, other)
    delegation = reverse("registration:delegation", kwargs={"track": igf_track.slug, "parliament": own.pk})
    registrations = reverse("registration:secretariat_list", kwargs={"track": igf_track.slug})
    found = {
        role: (
            rules.can_manage_delegation(users[role], own.pk),
            answers(client, users[role], delegation),
            rules.can_manage_registrations(users[role]),
            answers(client, users[role], registrations),
            rules.can_withdraw_delegation_link(users[role]),
        )
        for role in ROLES_ASKED
    }
    assert found == {
        "secretariat": (True, 200, True, 200, True),
        "focal point": (True, 200, False, 404, True),
        "other focal point": (False, 404, False, 404, True),
        "delegate": (False, 404, False, 404, True),
        "visitor": (False, 302, False, 302, False),
    }
