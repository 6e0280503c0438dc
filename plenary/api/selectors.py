"""The rows the API reads, each in a constant number of queries whatever the number of rows."""

from django.db.models import Prefetch

from plenary.api.models import ApiToken
from plenary.directory.models import Country, Parliament
from plenary.funding.models import Application, FundingCall, LedgerEntry
from plenary.invitations.models import Invitation
from plenary.outcomes.models import Amendment, Comment, ParagraphVersion, Version
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


def _filtered(rows, token, owner: str, *, status=None, parliament=None, regional_group=None, **since):
    """The API's common filters. ``owner``: the path from a row to its parliament; a focal point's
    token sees its own parliament's rows only."""
    if token.parliament_id is not None:
        rows = rows.filter(**{f"{owner}_id": token.parliament_id})
    if status:
        rows = rows.filter(status=status)
    if parliament:
        rows = rows.filter(**{f"{owner}__country__iso3": parliament.upper()})
    if regional_group:
        rows = rows.filter(**{f"{owner}__country__un_regional_group": regional_group})
    return _changed(rows, **since)


def _changed(rows, *, changed_since=None, taken_by=None, not_taken_by=None):
    """Rows changed since a moment, or taken (or not yet taken) by another system."""
    if changed_since:
        rows = rows.filter(updated_at__gte=changed_since)
    if taken_by:
        rows = rows.filter(handoffs__system=taken_by)
    if not_taken_by:
        rows = rows.exclude(handoffs__system=not_taken_by)
    return rows


def registrations(token, *, mode=None, **filters):
    rows = Registration.objects.filter(track=token.track)
    if mode:
        rows = rows.filter(mode=mode)
    return (
        _filtered(rows, token, "delegation__parliament", **filters)
        .select_related("delegation__parliament__country", "nationality")
        .prefetch_related(Prefetch("checkins", queryset=CheckIn.objects.order_by("day")), "handoffs")
    )


def registration(token, reference: str) -> Registration | None:
    return registrations(token).filter(reference=reference).first()


def invitations(token, **filters):
    rows = Invitation.objects.filter(track=token.track).select_related("parliament__country")
    return _filtered(rows, token, "parliament", **filters)


def funding_calls(token):
    return FundingCall.objects.filter(track=token.track)


def funding_call(token, call_id: int) -> FundingCall | None:
    return funding_calls(token).filter(pk=call_id).first()


def applications(token, *, call=None, **filters):
    rows = Application.objects.filter(call__track=token.track)
    if call:
        rows = rows.filter(call_id=call)
    return (
        _filtered(rows, token, "person__parliament", **filters)
        .select_related("call", "person__parliament__country")
        .prefetch_related(Prefetch("ledger", queryset=LedgerEntry.objects.order_by("at", "id")), "handoffs")
    )


def application(token, application_id: int) -> Application | None:
    return applications(token).filter(pk=application_id).first()


def versions(token):
    """The output document's published versions (drafts for the delegates, the adopted text)."""
    return Version.objects.filter(document__track=token.track).order_by("number")


def version(token, number: int) -> Version | None:
    return versions(token).filter(number=number).first()


def paragraphs(version: Version):
    return ParagraphVersion.objects.filter(version=version).select_related("section")


def comments(version: Version):
    return Comment.objects.filter(paragraph_version__version=version).select_related(
        "paragraph_version", "author"
    )


def amendments(version: Version):
    return Amendment.objects.filter(paragraph_version__version=version).select_related(
        "paragraph_version", "author", "taken_in"
    )


def focal_point_tokens(user, track, parliament):
    """The tokens a focal point made for its own delegation in `track`, newest first."""
    return ApiToken.objects.filter(owner=user, track=track, parliament=parliament).order_by(
        "-created_at", "-id"
    )
