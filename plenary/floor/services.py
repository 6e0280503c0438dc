"""Every change to a speakers' list, each under a row lock on the list and audited."""

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plenary.core import audit
from plenary.core.errors import ServiceError
from plenary.credentials import selectors as credentials_selectors
from plenary.directory.models import Country
from plenary.floor import draw
from plenary.floor.models import Draw, Order, Request, SeatingPlan, SpeakersList, Turn
from plenary.floor.ordering import calling_order
from plenary.registration.models import Delegation, Registration
from plenary.registration.selectors import participating_parliaments

SETTINGS = ("per_delegation", "seconds_per_speaker", "order", "alternate_women_and_men", "accepting")


class FloorError(ServiceError):
    pass


def _may_ask(member: Registration) -> bool:
    """Who may ask to speak: a confirmed member, onsite or online, of a delegation that accepted the
    invitation and whose credentials the track's "floor" rule lets through."""
    return (
        member.is_confirmed
        and member.delegation.response == Delegation.Response.ACCEPTED
        and credentials_selectors.may_take_the_floor(member)
    )


def _locked(speakers_list: SpeakersList) -> SpeakersList:
    return SpeakersList.objects.select_for_update().select_related("session").get(pk=speakers_list.pk)


def _changed(speakers_list: SpeakersList) -> None:
    """Every change moves the list's version on: pollers' cached answers are keyed by it."""
    SpeakersList.objects.filter(pk=speakers_list.pk).update(version=F("version") + 1)


@transaction.atomic
def open_list(*, session, actor, **settings_given) -> SpeakersList:
    speakers_list = SpeakersList.objects.create(session=session, **settings_given)
    audit.record(
        actor=actor,
        action="floor.list_opened",
        target=speakers_list,
        changes=audit.snapshot(speakers_list, SETTINGS),
    )
    return speakers_list


@transaction.atomic
def change_settings(*, speakers_list: SpeakersList, actor, **settings_given) -> SpeakersList:
    locked = _locked(speakers_list)
    before = audit.snapshot(locked, SETTINGS)
    for name, value in settings_given.items():
        setattr(locked, name, value)
    locked.full_clean(exclude=["session", "chairs"])
    locked.save(update_fields=list(settings_given))
    _changed(locked)
    audit.record(
        actor=actor,
        action="floor.settings_changed",
        target=locked,
        changes=audit.diff(before, audit.snapshot(locked, SETTINGS)),
    )
    return locked


@transaction.atomic
def set_chairs(*, speakers_list: SpeakersList, users, actor) -> None:
    before = sorted(speakers_list.chairs.values_list("pk", flat=True))
    speakers_list.chairs.set(users)
    after = sorted(user.pk for user in users)
    if before != after:
        audit.record(
            actor=actor, action="floor.chairs_set", target=speakers_list, changes={"chairs": [before, after]}
        )


def _delegation_requests(speakers_list: SpeakersList, delegation_id: int):
    return Request.objects.filter(speakers_list=speakers_list, delegation_id=delegation_id).exclude(
        state=Request.State.WITHDRAWN
    )


@transaction.atomic
def ask(*, speakers_list: SpeakersList, member: Registration, actor, point_of_order: bool = False) -> Request:
    locked = _locked(speakers_list)
    if not locked.accepting:
        raise FloorError(_("The speakers' list is closed to new requests."), code="closed")
    if member.track_id != locked.session.track_id or not _may_ask(member):
        raise FloorError(_("Only members of confirmed delegations may ask to speak."), code="not_allowed")
    requests = _delegation_requests(locked, member.delegation_id)
    if requests.filter(registration=member, state__in=[Request.State.WAITING, Request.State.SPEAKING]):
        raise FloorError(_("You are already on the speakers' list."), code="already")
    if locked.per_delegation is not None and requests.count() >= locked.per_delegation:
        raise FloorError(_("Your delegation has no place left on this list."), code="limit")
    number = locked.next_number
    request = Request.objects.create(
        speakers_list=locked,
        registration=member,
        delegation_id=member.delegation_id,
        mode=member.mode,
        number=number,
        position=number,
        point_of_order=point_of_order,
    )
    SpeakersList.objects.filter(pk=locked.pk).update(next_number=number + 1)
    _changed(locked)
    audit.record(
        actor=actor,
        action="floor.asked",
        target=request,
        changes={"number": number, "mode": request.mode, "point_of_order": point_of_order},
    )
    return request


def _locked_request(request: Request) -> tuple[SpeakersList, Request]:
    locked_list = _locked(request.speakers_list)
    return locked_list, Request.objects.select_related("registration").get(pk=request.pk)


@transaction.atomic
def withdraw(*, request: Request, actor) -> Request:
    locked_list, request = _locked_request(request)
    if not request.is_waiting:
        raise FloorError(_("Only a request still waiting can be withdrawn."), code="not_waiting")
    request.state = Request.State.WITHDRAWN
    request.save(update_fields=["state"])
    _changed(locked_list)
    audit.record(actor=actor, action="floor.withdrawn", target=request, changes={"number": request.number})
    return request


@transaction.atomic
def swap(*, first: Request, second: Request, actor) -> None:
    """The focal point exchanges the places of two of its delegation's waiting requests."""
    locked_list, first = _locked_request(first)
    second = Request.objects.get(pk=second.pk, speakers_list=locked_list)
    if first.delegation_id != second.delegation_id or first.pk == second.pk:
        raise FloorError(_("Choose two different requests of the same delegation."), code="not_same")
    if not (first.is_waiting and second.is_waiting):
        raise FloorError(_("Only requests still waiting can change places."), code="not_waiting")
    first.position, second.position = second.position, first.position
    Request.objects.bulk_update([first, second], ["position"])
    _changed(locked_list)
    audit.record(
        actor=actor,
        action="floor.swapped",
        target=locked_list,
        changes={"numbers": [first.number, second.number], "positions": [first.position, second.position]},
    )


@transaction.atomic
def give_priority(*, request: Request, actor) -> Request:
    """The chair gives a point of order priority over the list."""
    locked_list, request = _locked_request(request)
    if not request.is_waiting:
        raise FloorError(_("Only a request still waiting can be given priority."), code="not_waiting")
    request.point_of_order = True
    request.save(update_fields=["point_of_order"])
    _changed(locked_list)
    audit.record(
        actor=actor, action="floor.priority_given", target=request, changes={"number": request.number}
    )
    return request


def canonical_requests(speakers_list: SpeakersList) -> list[list]:
    """What the draw's commitment hashes: [number, country code, name] per waiting request, by number."""
    waiting = (
        Request.objects.filter(speakers_list=speakers_list, state=Request.State.WAITING)
        .select_related("registration", "delegation__parliament__country")
        .order_by("number")
    )
    return [
        [request.number, request.delegation.parliament.country.iso3, request.registration.full_name]
        for request in waiting
    ]


@transaction.atomic
def publish_commitment(*, speakers_list: SpeakersList, actor) -> Draw:
    """Close the list to new requests and publish the SHA-256 of its requests, before the draw."""
    locked = _locked(speakers_list)
    if not locked.is_by_lot:
        raise FloorError(_("This list is in order of arrival, not drawn by lot."), code="not_by_lot")
    if Draw.objects.filter(speakers_list=locked).exists():
        raise FloorError(_("The commitment is already published."), code="committed")
    rows = canonical_requests(locked)
    locked.accepting = False
    locked.save(update_fields=["accepting"])
    commitment = draw.commitment(rows)
    published = Draw.objects.create(
        speakers_list=locked, requests=rows, commitment=commitment, algorithm=draw.ALGORITHM
    )
    _changed(locked)
    audit.record(
        actor=actor, action="floor.commitment_published", target=locked, changes={"commitment": commitment}
    )
    return published


@transaction.atomic
def run_draw(*, speakers_list: SpeakersList, announced_value: str, actor) -> Draw:
    locked = _locked(speakers_list)
    published = Draw.objects.select_for_update().filter(speakers_list=locked).first()
    if published is None:
        raise FloorError(_("Publish the commitment before the draw."), code="no_commitment")
    if published.is_drawn:
        raise FloorError(_("The order is already drawn."), code="drawn")
    if not announced_value.strip():
        raise FloorError(_("Enter the value announced in the room."), code="no_value")
    numbers = [row[0] for row in published.requests]
    published.announced_value = announced_value.strip()
    published.order = draw.shuffled(numbers, draw.seed(published.commitment, published.announced_value))
    published.drawn_at = timezone.now()
    published.save(update_fields=["announced_value", "order", "drawn_at"])
    requests = {r.number: r for r in Request.objects.filter(speakers_list=locked, number__in=numbers)}
    for place, number in enumerate(published.order, start=1):
        requests[number].position = place
    Request.objects.bulk_update(requests.values(), ["position"])
    _changed(locked)
    audit.record(
        actor=actor,
        action="floor.drawn",
        target=locked,
        changes={"announced_value": published.announced_value, "order": published.order},
    )
    return published


def _end_turn(locked: SpeakersList, actor) -> Request | None:
    speaking = (
        Request.objects.select_related("turn")
        .filter(speakers_list=locked, state=Request.State.SPEAKING)
        .first()
    )
    if speaking is None:
        return None
    turn = speaking.turn
    turn.ended_at = timezone.now()
    turn.seconds_used = round((turn.ended_at - turn.called_at).total_seconds())
    turn.save(update_fields=["ended_at", "seconds_used"])
    speaking.state = Request.State.SPOKEN
    speaking.save(update_fields=["state"])
    audit.record(
        actor=actor, action="floor.turn_ended", target=speaking, changes={"seconds_used": turn.seconds_used}
    )
    return speaking


def last_speaker_gender(speakers_list: SpeakersList) -> str:
    turn = Turn.objects.filter(request__speakers_list=speakers_list).select_related("request__registration")
    last = turn.order_by("-called_at", "-id").first()
    return last.request.registration.gender if last else ""


def waiting_in_calling_order(speakers_list: SpeakersList) -> list[Request]:
    waiting = list(
        Request.objects.filter(speakers_list=speakers_list, state=Request.State.WAITING).select_related(
            "registration", "delegation__parliament__country"
        )
    )
    return calling_order(
        waiting, last_speaker_gender(speakers_list), alternate=speakers_list.alternate_women_and_men
    )


@transaction.atomic
def call_next(*, speakers_list: SpeakersList, actor, current_seen: int | None) -> Request | None:
    """End the current turn and call the next speaker. `current_seen` is the request the chair saw
    speaking (None: nobody); if another call moved the list on meanwhile, nothing happens twice."""
    locked = _locked(speakers_list)
    speaking = Request.objects.filter(speakers_list=locked, state=Request.State.SPEAKING).first()
    if (speaking.pk if speaking else None) != current_seen:
        raise FloorError(_("The list has moved on since your page was shown."), code="moved_on")
    if locked.order == Order.LOT and not Draw.objects.filter(speakers_list=locked, drawn_at__isnull=False):
        raise FloorError(_("Draw the order by lot before calling speakers."), code="not_drawn")
    _end_turn(locked, actor)
    waiting = waiting_in_calling_order(locked)
    if not waiting:
        _changed(locked)
        return None
    called = waiting[0]
    called.state = Request.State.SPEAKING
    called.save(update_fields=["state"])
    Turn.objects.create(request=called, called_at=timezone.now())
    _changed(locked)
    audit.record(actor=actor, action="floor.called", target=called, changes={"number": called.number})
    return called


@transaction.atomic
def end_turn(*, speakers_list: SpeakersList, actor) -> Request | None:
    locked = _locked(speakers_list)
    ended = _end_turn(locked, actor)
    _changed(locked)
    return ended


def seating_countries(session) -> list[str]:
    """The country codes of the parliaments with a confirmed delegate, in code order."""
    return [parliament.country.iso3 for parliament in participating_parliaments(session.track)]


@transaction.atomic
def draw_seating(*, session, language: str, announced_value: str, actor) -> SeatingPlan:
    if SeatingPlan.objects.filter(session=session).exists():
        raise FloorError(_("The seating plan is already drawn."), code="drawn")
    if not announced_value.strip():
        raise FloorError(_("Enter the value announced in the room."), code="no_value")
    codes = seating_countries(session)
    if not codes:
        raise FloorError(_("No delegation has a confirmed member yet."), code="empty")
    commitment = draw.commitment(codes)
    first = codes[draw.drawn_index(len(codes), draw.seed(commitment, announced_value.strip()))]
    plan = SeatingPlan.objects.create(
        session=session,
        language=language,
        countries=codes,
        commitment=commitment,
        announced_value=announced_value.strip(),
        algorithm=draw.ALGORITHM,
        first_country=Country.objects.get(iso3=first),
    )
    audit.record(
        actor=actor,
        action="floor.seating_drawn",
        target=plan,
        changes={"language": language, "commitment": commitment, "first_country": first},
    )
    return plan
