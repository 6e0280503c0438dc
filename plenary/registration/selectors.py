"""Reads shared by views, exports, and other apps (programme, funding)."""

from django.db.models import Count, Prefetch, Q

from plenary.directory.models import Parliament
from plenary.registration.models import (
    Delegation,
    DelegationMember,
    MemberKind,
    Mode,
    Registration,
    TrackCapacity,
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
    if filters.get("region"):
        queryset = queryset.filter(delegation__parliament__country__region=filters["region"])
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
    """Confirmed onsite delegates, sorted by country (ISO code), then name."""
    return (
        confirmed_onsite(track)
        .select_related("delegation__parliament__country", "nationality", "member")
        .order_by("delegation__parliament__country__iso3", "family_name", "given_name", "id")
    )


def participating_parliaments(track):
    """Parliaments with at least one confirmed delegate: names only."""
    return (
        Parliament.objects.filter(
            delegations__track=track, delegations__registrations__status=Status.CONFIRMED
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
