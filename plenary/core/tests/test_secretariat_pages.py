"""Every app's secretariat pages answer alike: login page for visitors, 404 for everyone else."""

import pytest
from django.urls import reverse

from plenary.core.models import Role
from plenary.core.testing import make_user

SECRETARIAT_PAGES = [
    ("invitations:track", {"track": "igf2023-pt"}),
    ("registration:secretariat_list", {"track": "igf2023-pt"}),
    ("registration:check_in", {"track": "igf2023-pt"}),
    ("outcomes:main_points", {"track": "igf2023-pt"}),
]


@pytest.mark.parametrize(("name", "kwargs"), SECRETARIAT_PAGES)
def test_visitors_log_in_others_get_404_secretariat_gets_the_page(client, igf_track, name, kwargs):
    url = reverse(name, kwargs=kwargs)
    response = client.get(url)
    assert (response.status_code, response["Location"]) == (302, f"{reverse('account_login')}?next={url}")
    client.force_login(make_user("delegate@example.org"))
    assert client.get(url).status_code == 404
    client.force_login(make_user("secretariat@example.org", Role.SECRETARIAT))
    assert client.get(url).status_code == 200
