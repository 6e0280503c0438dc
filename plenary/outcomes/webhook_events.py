"""The webhook events of the output document: a version published, a version adopted."""

from plenary.webhooks.models import Event
from plenary.webhooks.services import emit


def _version(version) -> dict:
    return {
        "document": version.document_id,
        "version": version.pk,
        "number": version.number,
        "status": version.status,
        "published_at": version.published_at,
        "adopted_at": version.adopted_at,
    }


def version_published(version) -> None:
    emit(version.document.track_id, Event.OUTCOME_VERSION_PUBLISHED, _version(version))


def version_adopted(version) -> None:
    emit(version.document.track_id, Event.OUTCOME_VERSION_ADOPTED, _version(version))
