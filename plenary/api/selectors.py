"""The rows the API reads, each in a constant number of queries whatever the number of rows."""

from django.db.models import Prefetch

from plenary.directory.models import Country, Parliament
from plenary.registration.models import CheckIn, Delegation, DelegationMember, Registration


def countries():
    return Country.objects.all()


def parliaments(*, regional_group: str | None = None):
    rows = Parliament.objects.select_related("country")
    if regional_group:
        rows = rows.filter(country__un_regional_group=regional_group)
    return rows


def delegations(token):
    rows = Delegation.objects.filter(track=token.track).select_related("parliament__country")
    if token.parliament_id is not None:
        rows = rows.filter(parliament_id=token.parliament_id)
    return rows.prefetch_related(
        Prefetch("members", queryset=DelegationMember.objects.select_related("person").order_by("id"))
    )


def registrations(
    token,
    *,
    status=None,
    mode=None,
    parliament=None,
    regional_group=None,
    changed_since=None,
    taken_by=None,
    not_taken_by=None,
):
    rows = Registration.objects.filter(track=token.track)
    if token.parliament_id is not None:
        rows = rows.filter(delegation__parliament_id=token.parliament_id)
    if status:
        rows = rows.filter(status=status)
    if mode:
        rows = rows.filter(mode=mode)
    if parliament:
        rows = rows.filter(delegation__parliament__country__iso3=parliament.upper())
    if regional_group:
        rows = rows.filter(delegation__parliament__country__un_regional_group=regional_group)
    if changed_since:
        rows = rows.filter(updated_at__gte=changed_since)
    if taken_by:
        rows = rows.filter(handoffs__system=taken_by)
    if not_taken_by:
        rows = rows.exclude(handoffs__system=not_taken_by)
    return rows.select_related("delegation__parliament__country", "nationality").prefetch_related(
        Prefetch("checkins", queryset=CheckIn.objects.order_by("day")), "handoffs"
    )


def registration(token, reference: str) -> Registration | None:
    return registrations(token).filter(reference=reference).first()
