"""The programme's part in logging in (core.accounts): rapporteurs, and the programme for speakers."""

from django.urls import reverse

from plenary.core.accounts import KnownPerson
from plenary.core.models import Role
from plenary.programme.models import PersonRole, SessionPerson, Speaker


def rapporteurs(email: str):
    """A session's rapporteur holds the rapporteur role (speakers are found in the directory)."""
    people = SessionPerson.objects.filter(
        role=PersonRole.RAPPORTEUR, speaker__person__email__iexact=email.strip()
    ).select_related("speaker__person")
    for person in {session_person.speaker.person for session_person in people}:
        yield KnownPerson(person=person, role=Role.RAPPORTEUR)


def landing_page(user) -> str | None:
    speaker = (
        Speaker.objects.filter(person__user=user)
        .select_related("track")
        .order_by("-track__start_date", "-pk")
        .first()
    )
    if speaker is None:
        return None
    return reverse("programme:programme", kwargs={"track": speaker.track.slug})
