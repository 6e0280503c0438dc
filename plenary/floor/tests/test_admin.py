import pytest

from plenary.core.models import AuditEntry
from plenary.core.testing import make_user
from plenary.floor.models import SpeakersList
from plenary.floor.tests.builders import session_of

pytestmark = pytest.mark.django_db
INLINE = {"requests-TOTAL_FORMS": "0", "requests-INITIAL_FORMS": "0"}


def test_the_secretariat_opens_a_list_and_names_its_chair_in_the_back_office(client, igf_track, secretariat):
    session = session_of(igf_track)
    chair = make_user("chair@example.org")
    client.force_login(secretariat)
    fields = {
        "session": session.pk,
        "per_delegation": "2",
        "seconds_per_speaker": "240",
        "order": "lot",
        "alternate_women_and_men": "on",
        "accepting": "on",
        "chairs": str(chair.pk),
    }
    response = client.post("/en/admin/floor/speakerslist/add/", fields | INLINE)
    assert response.status_code == 302
    speakers_list = SpeakersList.objects.get(session=session)
    assert (speakers_list.per_delegation, speakers_list.seconds_per_speaker, speakers_list.order) == (
        2,
        240,
        "lot",
    )
    assert list(speakers_list.chairs.all()) == [chair]
    assert list(
        AuditEntry.objects.filter(action__startswith="floor.").order_by("id").values_list("action", flat=True)
    ) == [
        "floor.list_opened",
        "floor.chairs_set",
    ]

    client.post(
        f"/en/admin/floor/speakerslist/{speakers_list.pk}/change/",
        fields | INLINE | {"seconds_per_speaker": "120"},
    )
    changed = AuditEntry.objects.get(action="floor.settings_changed")
    assert changed.changes == {"seconds_per_speaker": [240, 120]}
