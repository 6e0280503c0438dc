import datetime as dt

from django.db.models import Count, F, Min

from plenary.core.permissions import can_view_parliament
from plenary.invitations.models import Invitation, LetterArchive


def may_open_letter(user, invitation: Invitation) -> bool:
    """The invited parliament's focal point and the secretariat."""
    return can_view_parliament(user, invitation.parliament_id)


def invitations_of(track):
    return (
        Invitation.objects.filter(track=track)
        .select_related("parliament__country", "addressee", "message")
        .order_by("seq")
    )


def latest_archive(track):
    return LetterArchive.objects.filter(track=track).order_by("-created_at").first()


def unsent_parliaments(track):
    """The invited parliaments whose invitation has not gone yet (none, or a draft), in ISO3 order."""
    gone = Invitation.objects.filter(track=track).exclude(status=Invitation.Status.DRAFT)
    return (
        track.invited_parliaments.select_related("country")
        .exclude(pk__in=gone.values("parliament_id"))
        .order_by("country__iso3")
    )


def invitation_counts(track) -> list[dict]:
    """Invitations by status and UN regional group: one query, at most statuses × groups rows."""
    return list(
        Invitation.objects.filter(track=track)
        .values("status", group=F("parliament__country__un_regional_group"))
        .annotate(n=Count("pk"))
        .order_by()
    )


def first_sent_on(track) -> dt.date | None:
    """The day the track's first invitation went out (UTC), or None before any did."""
    first = Invitation.objects.filter(track=track).aggregate(first=Min("sent_at"))["first"]
    return first.date() if first else None
