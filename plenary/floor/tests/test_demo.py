import io

import pytest

from plenary.floor import demo
from plenary.floor.models import Request, SpeakersList

pytestmark = pytest.mark.django_db


def test_the_demo_opens_the_roundtables_list_once_with_one_member_per_delegation_waiting(igf_track, settings):
    from plenary.invitations import demo as invitations_demo
    from plenary.programme import demo as programme_demo
    from plenary.registration import demo as registration_demo

    settings.SITE_URL = "http://127.0.0.1:8000"
    invitations_demo.load()
    registration_demo.load()
    programme_demo.load()
    out = io.StringIO()
    demo.load(stdout=out)
    demo.load(stdout=out)

    speakers_list = SpeakersList.objects.get(session__slug="roundtable")
    waiting = Request.objects.filter(speakers_list=speakers_list)
    assert waiting.count() == waiting.values("delegation").distinct().count() > 0
    assert list(speakers_list.chairs.values_list("email", flat=True)) == ["secretariat@example.org"]
    url = "http://127.0.0.1:8000/en/igf2023-pt/programme/sessions/roundtable/floor/"
    assert out.getvalue() == (
        f"Speakers' list of the roundtable ({waiting.count()} waiting): {url} "
        f"(the secretariat chairs it; projector: {url}projector/)"
    )
