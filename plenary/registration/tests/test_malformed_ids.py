"""An id that is not one (letters, "²", a number no column holds) is not found: never a 500."""

import pytest
from django.urls import reverse

from plenary.registration import services
from plenary.registration.models import DelegationMember
from plenary.registration.tests import factories

MALFORMED = ["abc", "²", "99999999999999999999", "-1"]


@pytest.mark.parametrize("action", ["send", "remove"])
def test_a_malformed_member_id_is_not_found(client, igf_track, focal_point, two_parliaments, action):
    parliament = two_parliaments[0]
    member = factories.member(igf_track, parliament)
    services.answer_invitation(delegation=member.delegation, accept=True, actor=focal_point)
    client.force_login(focal_point)
    url = reverse("registration:delegation", kwargs={"track": igf_track.slug, "parliament": parliament.pk})
    codes = [client.post(url, {"action": action, "member": value}).status_code for value in MALFORMED]
    assert codes == [404, 404, 404, 404]
    assert DelegationMember.objects.filter(pk=member.pk).count() == 1


def test_a_malformed_parliament_filter_lists_every_registration(client, igf_track, capacity, secretariat):
    client.force_login(secretariat)
    url = reverse("registration:secretariat_list", kwargs={"track": igf_track.slug})
    codes = [client.get(url, {"parliament": value}).status_code for value in MALFORMED]
    assert codes == [200, 200, 200, 200]
