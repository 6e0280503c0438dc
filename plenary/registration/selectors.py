"""Reads shared by views, exports, and other apps (programme, funding)."""

from django.db.models import Count, F, Prefetch, Q
from django.db.models.functions import TruncDate
from django.utils.translation import pgettext_lazy

from plenary.core.models import OutboxMessage
from plenary.core.outbox import latest_messages_about, undelivered_reason
from plenary.core.permissions import can_view_parliament
from plenary.directory.models import Parliament
from plenary.registration import hooks
from plenary.registration.models import (
    CheckIn,
    Delegation,
    DelegationMember,
    MemberKind,
    Mode,
    Registration,
    TrackCapacity,
    WaitingFor,
)

Status = Registration.Status


def confirmed_registration(user, track) -> Registration | None:
    """The user's confirmed registration for `track` (programme shows online join links with it)."""
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        Registration.objects.filter(track=track, person__user=user, status=Status.CONFIRMED)
        .select_related("person")
        .first()
    )


def may_open_photo(user, registration: Registration) -> bool:
    """The delegate, the focal point of the delegation's parliament, and the secretariat."""
    is_delegate = getattr(user, "is_authenticated", False) and registration.person.user_id == user.pk
    return is_delegate or can_view_parliament(user, registration.delegation.parliament_id)


def privacy_notice(track) -> dict:
    """The track's privacy notice by language ({} : the standard text in the templates)."""
    notice = TrackCapacity.objects.filter(track=track).values_list("privacy_notice", flat=True).first()
    return notice or {}


def confirmed_onsite(track):
    return Registration.objects.filter(track=track, status=Status.CONFIRMED, mode=Mode.ONSITE)


def delegation_with_members(delegation: Delegation) -> Delegation:
    members = DelegationMember.objects.select_related("person", "registration").order_by("id")
    return (
        Delegation.objects.select_related("track__forum", "parliament__country", "responded_by")
        .prefetch_related(Prefetch("members", queryset=members))
        .get(pk=delegation.pk)
    )


def link_mail(delegation: Delegation) -> list[dict]:
    """Sets `link_mail` on each member `delegation_with_members` prefetched: the newest e-mail of
    their registration link (None if none was sent). Returns those not delivered (waiting for a retry,
    or failed) as {"member", "message", "reason"}."""
    members = list(delegation.members.all())
    latest = latest_messages_about(members)
    not_arrived = (OutboxMessage.Status.RETRY, OutboxMessage.Status.FAILED)
    undelivered = []
    for member in members:
        message = member.link_mail = latest.get(member.pk)
        if message and message.status in not_arrived:
            undelivered.append({"member": member, "message": message, "reason": undelivered_reason(message)})
    return undelivered


def delegation_quota(delegation: Delegation) -> list[dict]:
    """What the delegation holds and has left, per limit the secretariat set (None = no limit)."""
    capacity = TrackCapacity.objects.filter(track_id=delegation.track_id).first() or TrackCapacity()
    counts = Registration.objects.filter(delegation=delegation, status=Status.CONFIRMED).aggregate(
        onsite_mps=Count("id", filter=Q(mode=Mode.ONSITE, kind=MemberKind.MP)),
        onsite_others=Count("id", filter=Q(mode=Mode.ONSITE) & ~Q(kind=MemberKind.MP)),
        online=Count("id", filter=Q(mode=Mode.ONLINE)),
    )
    rows = [
        ("onsite_mps", capacity.onsite_mps_per_delegation),
        ("onsite_others", capacity.onsite_others_per_delegation),
        ("online", capacity.online_per_delegation),
    ]
    return [
        {
            "key": key,
            "held": counts[key],
            "limit": limit,
            "left": None if limit is None else max(limit - counts[key], 0),
        }
        for key, limit in rows
    ]


def registered_members_count(delegation: Delegation) -> int:
    """Members whose registration still stands (not cancelled or rejected): declining leaves them.

    Reads the members `delegation_with_members` prefetched (a member is removed only once their
    registration is cancelled, so every standing registration has its member).
    """
    closed = (Status.CANCELLED, Status.REJECTED)
    registrations = (getattr(member, "registration", None) for member in delegation.members.all())
    return sum(1 for registration in registrations if registration and registration.status not in closed)


LIMIT_NAMES = {
    "onsite_mps": pgettext_lazy("delegation limit", "members of parliament at the venue"),
    "onsite_others": pgettext_lazy("delegation limit", "advisers and staff at the venue"),
    "online": pgettext_lazy("delegation limit", "online participants"),
}


def waiting_place(registration: Registration) -> dict | None:
    """Where a waitlisted registration waits: `queue` ("venue" or "delegation"), `position` (1 = next)
    among those ahead of it in the same queue by queue number, and for the delegation's queue the
    limit met (`limit_key`, `limit_name`, `limit`). None when the registration is not waiting.

    The venue's queue is the track's; a delegation's queue is its registrations waiting for the same
    limit (MPs onsite, advisers and staff onsite, online)."""
    if registration.status != Status.WAITLISTED:
        return None
    ahead = Registration.objects.filter(
        status=Status.WAITLISTED,
        waiting_for=registration.waiting_for,
        queue_number__lt=registration.queue_number,
    )
    if registration.waiting_for == WaitingFor.VENUE:
        return {
            "queue": WaitingFor.VENUE,
            "position": ahead.filter(track_id=registration.track_id).count() + 1,
        }
    key = registration.delegation_limit_key
    ahead = ahead.filter(delegation_id=registration.delegation_id, mode=registration.mode)
    if registration.mode == Mode.ONSITE:
        ahead = ahead.filter(kind=MemberKind.MP) if key == "onsite_mps" else ahead.exclude(kind=MemberKind.MP)
    capacity = TrackCapacity.objects.filter(track_id=registration.track_id).first() or TrackCapacity()
    return {
        "queue": WaitingFor.DELEGATION,
        "position": ahead.count() + 1,
        "limit_key": key,
        "limit_name": LIMIT_NAMES[key],
        "limit": capacity.delegation_limit(key),
    }


def mark_waiting_places(delegation: Delegation) -> int:
    """Sets `waiting` (waiting_place) on each waitlisted registration of the members
    `delegation_with_members` prefetched. Returns how many wait for a place in the delegation's limits."""
    waiting_for_limit = 0
    for member in delegation.members.all():
        registration = getattr(member, "registration", None)
        if registration is not None and registration.status == Status.WAITLISTED:
            registration.waiting = waiting_place(registration)
            waiting_for_limit += registration.waiting["queue"] == WaitingFor.DELEGATION
    return waiting_for_limit


def holds_session_seats(registration: Registration) -> bool:
    """Whether the delegate holds a seat, or a place in a queue, at a session of the programme
    (given up when the registration stops holding its onsite seat: `signals.onsite_seat_released`)."""
    return registration.session_seats.exists()


def registrations_for_secretariat(track, filters: dict):
    queryset = Registration.objects.filter(track=track).select_related(
        "delegation__parliament__country", "nationality", "person"
    )
    if filters.get("q"):
        queryset = queryset.filter(_matching(filters["q"]))
    if filters.get("status"):
        queryset = queryset.filter(status=filters["status"])
    if filters.get("mode"):
        queryset = queryset.filter(mode=filters["mode"])
    if filters.get("waiting_for"):
        queryset = queryset.filter(status=Status.WAITLISTED, waiting_for=filters["waiting_for"])
    if filters.get("region"):
        queryset = queryset.filter(delegation__parliament__country__region=filters["region"])
    if filters.get("group"):
        queryset = queryset.filter(delegation__parliament__country__un_regional_group=filters["group"])
    if filters.get("category"):
        queryset = queryset.filter(**{f"delegation__parliament__country__is_{filters['category']}": True})
    if filters.get("gender"):
        queryset = queryset.filter(gender=filters["gender"])
    if filters.get("parliament"):
        queryset = queryset.filter(delegation__parliament_id=filters["parliament"])
    if filters.get("visa"):
        queryset = queryset.filter(visa_letter=True)
    return queryset.order_by("delegation__parliament__country__iso3", "family_name", "given_name", "id")


def _matching(text: str) -> Q:
    """Each word in a name (Latin or Arabic script) or the e-mail; or the whole text as the reference."""
    words = text.split()
    by_name = Q()
    for word in words:
        by_name &= (
            Q(given_name__icontains=word)
            | Q(family_name__icontains=word)
            | Q(name_arabic__icontains=word)
            | Q(email__icontains=word)
        )
    return by_name | Q(reference=text.strip().upper())


def badges_to_print(track):
    """Confirmed onsite delegates of the delegations the "badges" gate lets through (hooks.py),
    sorted by country (ISO code), then name."""
    registrations = confirmed_onsite(track)
    allowed = hooks.allowed_delegations("badges", track)
    if allowed is not None:
        registrations = registrations.filter(delegation__in=allowed)
    return registrations.select_related("delegation__parliament__country", "nationality", "member").order_by(
        "delegation__parliament__country__iso3", "family_name", "given_name", "id"
    )


def participating_parliaments(track):
    """Parliaments with at least one confirmed delegate, in delegations the "participants" gate lets
    through (hooks.py): names only."""
    allowed = hooks.allowed_delegations("participants", track)
    delegation = {} if allowed is None else {"delegations__in": allowed}
    return (
        Parliament.objects.filter(
            delegations__track=track, delegations__registrations__status=Status.CONFIRMED, **delegation
        )
        .select_related("country")
        .distinct()
        .order_by("country__iso3")
    )


def registration_by_reference(track, reference: str) -> Registration | None:
    return (
        Registration.objects.filter(track=track, reference=reference)
        .select_related("delegation__parliament__country")
        .prefetch_related("checkins")
        .first()
    )


ACTIVE = (Status.SUBMITTED, Status.CONFIRMED, Status.WAITLISTED)


def registration_counts(track) -> list[dict]:
    """Registrations by status, mode, gender, UN regional group and economic category: one query whose
    rows are bounded by the combinations, never by the number of registrations."""
    country = "delegation__parliament__country__"
    return list(
        Registration.objects.filter(track=track)
        .values(
            "status",
            "mode",
            "gender",
            group=F(f"{country}un_regional_group"),
            ldc=F(f"{country}is_ldc"),
            lldc=F(f"{country}is_lldc"),
            sids=F(f"{country}is_sids"),
        )
        .annotate(n=Count("pk"))
        .order_by()
    )


def registrations_per_day(track) -> list[tuple]:
    return list(
        Registration.objects.filter(track=track)
        .annotate(day=TruncDate("created_at"))
        .values_list("day")
        .annotate(n=Count("pk"))
        .order_by("day")
    )


def delegation_responses(track) -> dict:
    return dict(
        Delegation.objects.filter(track=track).values_list("response").annotate(n=Count("pk")).order_by()
    )


def women_in_delegations(track) -> list[Delegation]:
    """Each delegation with its registered people (neither rejected nor cancelled) and the women among
    them, and the parliament's number of women members (None when unknown)."""
    active = Q(registrations__status__in=ACTIVE)
    return list(
        Delegation.objects.filter(track=track)
        .select_related("parliament__country")
        .annotate(
            people=Count("registrations", filter=active),
            women=Count("registrations", filter=active & Q(registrations__gender="female")),
        )
        .filter(people__gt=0)
        .order_by("parliament__country__iso3")
    )


def checkins_per_day(track) -> list[tuple]:
    return list(
        CheckIn.objects.filter(registration__track=track)
        .values_list("day")
        .annotate(n=Count("registration", distinct=True))
        .order_by("day")
    )


def venue_seats(track) -> dict:
    capacity = TrackCapacity.objects.filter(track=track).values_list("onsite_seats", flat=True).first() or 0
    counts = Registration.objects.filter(track=track, mode=Mode.ONSITE).aggregate(
        taken=Count("pk", filter=Q(status=Status.CONFIRMED)),
        waiting=Count("pk", filter=Q(status=Status.WAITLISTED)),
    )
    return {"capacity": capacity, **counts}
