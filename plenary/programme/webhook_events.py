"""The webhook event of the programme: a release published (its number and the sessions it changed)."""

from plenary.webhooks.models import Event
from plenary.webhooks.services import emit


def release_published(release) -> None:
    data = {
        "release": release.pk,
        "number": release.number,
        "name": release.name,
        "published_at": release.published_at,
        "changed_sessions": [entry["uid"] for entry in release.changelog],
    }
    emit(release.track_id, Event.PROGRAMME_RELEASE_PUBLISHED, data)
