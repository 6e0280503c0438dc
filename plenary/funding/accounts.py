"""Funding's part in where a delegate lands after logging in (registration.hooks)."""

from django.urls import reverse
from django.utils import timezone

from plenary.funding import eligibility, selectors
from plenary.funding.models import Application


def delegate_page(registration) -> str | None:
    """The travel-funding page, for a delegate with something to do there: an application to one of
    the track's calls (offers come after closing), or an open call whose rules they meet. Anyone else
    would only read that they cannot apply."""
    track, person = registration.track, registration.person
    applied = (
        Application.objects.filter(call__track=track, person=person)
        .exclude(status=Application.Status.WITHDRAWN)
        .exists()
    )
    if applied or any(
        eligibility.may_apply(eligibility.evaluate(call, person))
        for call in selectors.open_calls(track, timezone.localdate())
    ):
        return reverse("funding:calls", kwargs={"track": track.slug})
    return None
