"""A speakers' list for the demo's roundtable: first come, one speaker per delegation, three minutes,
chaired by the demo secretariat; the demo's first confirmed member of each delegation has asked."""

from django.db import transaction

from plenary.core.demo_accounts import secretariat_user
from plenary.core.links import page_url
from plenary.floor import services
from plenary.floor.models import Order, SpeakersList
from plenary.programme.models import Session
from plenary.registration.models import Delegation, Registration

TRACK_SLUG = "igf2023-pt"
SESSION_SLUG = "roundtable"


def _first_member_of_each_delegation(track) -> list[Registration]:
    confirmed = Registration.objects.filter(
        track=track, status=Registration.Status.CONFIRMED, delegation__response=Delegation.Response.ACCEPTED
    ).order_by("queue_number", "id")
    firsts = {}
    for registration in confirmed.select_related("delegation"):
        firsts.setdefault(registration.delegation_id, registration)
    return list(firsts.values())


@transaction.atomic
def load(stdout=None) -> None:
    session = (
        Session.objects.filter(track__slug=TRACK_SLUG, slug=SESSION_SLUG).select_related("track").first()
    )
    if session is None or SpeakersList.objects.filter(session=session).exists():
        return
    speakers_list = services.open_list(
        session=session, actor=None, order=Order.FIRST_COME, per_delegation=1, seconds_per_speaker=180
    )
    services.set_chairs(speakers_list=speakers_list, users=[secretariat_user()], actor=None)
    for member in _first_member_of_each_delegation(session.track):
        services.ask(speakers_list=speakers_list, member=member, actor=None)
    if stdout:
        url = page_url("floor:session", "en", track=TRACK_SLUG, slug=SESSION_SLUG)
        stdout.write(
            f"Speakers' list of the roundtable ({speakers_list.requests.count()} waiting): {url} "
            f"(the secretariat chairs it; projector: {url}projector/)"
        )
