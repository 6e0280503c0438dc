"""Demo credentials for the IGF 2023 Parliamentary Track: Japan's verified (received by post),
Egypt's received by e-mail and waiting for the secretariat. Loading again changes nothing."""

from plenary.credentials import services
from plenary.credentials.models import Credentials
from plenary.events.demo import TRACK_SLUG
from plenary.registration.models import Delegation

DEMO_CREDENTIALS = {
    "JPN": (Credentials.Channel.POST, Credentials.State.VERIFIED),
    "EGY": (Credentials.Channel.EMAIL, Credentials.State.RECEIVED),
}


def load(stdout=None) -> None:
    for iso3, (channel, state) in DEMO_CREDENTIALS.items():
        delegation = Delegation.objects.filter(track__slug=TRACK_SLUG, parliament__country__iso3=iso3).first()
        if delegation is None or Credentials.objects.filter(delegation=delegation).exists():
            continue
        services.receive(delegation=delegation, channel=channel, actor=None)
        if state != Credentials.State.RECEIVED:
            services.decide(delegation=delegation, state=state, actor=None)
    if stdout:
        stdout.write("Credentials: Japan's verified, Egypt's received (secretariat: Credentials).")
