"""The invitation's personal link leads the focal point to the delegation page."""

import pytest

from plenary.invitations import demo as invitation_demo
from plenary.invitations import services as invitations
from plenary.registration.models import Delegation

pytestmark = pytest.mark.django_db


@pytest.fixture
def invitation(igf_track):
    invitation_demo.load()
    return invitations.prepare_invitations(track=igf_track, only=["JPN"])[0]


def test_the_invitation_page_offers_the_delegation_page(client, invitation):
    token = invitations.link_token(invitation)
    response = client.get(f"/en/invitations/link/{token}/")
    assert response.context["delegation_url"] == f"/en/igf2023-pt/invitation/{token}/"


def test_a_revoked_link_opens_nothing(client, invitation):
    token = invitations.link_token(invitation)
    invitations.revoke_link(invitation=invitation)
    response = client.get(f"/en/igf2023-pt/invitation/{token}/")
    assert response.status_code == 410
    assert not Delegation.objects.filter(parliament=invitation.parliament).exists()
