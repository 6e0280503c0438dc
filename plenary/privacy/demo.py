"""The demo track ended in October 2023: under the default periods the daily retention job would
anonymise every demo registration the first time `plenary work` runs. The demo keeps each kind of
data for a year from the day it is loaded, in the same order the database requires."""

import datetime as dt

from django.utils import timezone

from plenary.events.models import Track
from plenary.privacy import services
from plenary.privacy.models import RetentionPolicy

TRACK_SLUG = "igf2023-pt"
KEPT_FROM_NOW = dt.timedelta(days=365)


def load(stdout=None) -> None:
    track = Track.objects.filter(slug=TRACK_SLUG).first()
    if track is None or RetentionPolicy.objects.filter(track=track).exists():
        return
    days = (timezone.localdate() + KEPT_FROM_NOW - track.end_date).days
    services.set_policy(
        policy=services.policy_for(track),
        days={"passport_days": days, "photo_days": days, "contact_days": days, "registration_days": days},
        actor=None,
    )
    if stdout:
        stdout.write(f"Personal data of the demo kept until {timezone.localdate() + KEPT_FROM_NOW}.")
