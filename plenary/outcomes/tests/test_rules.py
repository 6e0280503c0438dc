import pytest
from django.urls import reverse

from plenary.core.rules import allowed
from plenary.core.testing import ROLES_ASKED, one_user_per_role
from plenary.directory.models import Parliament
from plenary.outcomes import rules

pytestmark = pytest.mark.django_db


def answers(client, user, url):
    client.logout()
    if user.is_authenticated:
        client.force_login(user)
    return client.get(url).status_code


def test_the_output_document_rules_answer_as_the_views_do(client, igf_track, delegate, document):
    own = delegate.person.parliament
    users = one_user_per_role(own, Parliament.objects.exclude(pk=own.pk).first(), delegate=delegate)
    drafts = reverse("outcomes:drafts", kwargs={"track": igf_track.slug})
    found = {
        role: (
            rules.can_read_drafts(users[role], igf_track),
            allowed("outcomes.read_drafts", users[role], igf_track),
            answers(client, users[role], drafts),
            rules.can_comment(users[role], igf_track),
        )
        for role in ROLES_ASKED
    }
    assert found == {
        "secretariat": (True, True, 200, False),
        "focal point": (False, False, 404, False),
        "other focal point": (False, False, 404, False),
        "delegate": (True, True, 200, True),
        "visitor": (False, False, 302, False),
    }
