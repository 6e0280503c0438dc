from plenary.invitations.models import Invitation, LetterArchive


def invitations_of(track):
    return (
        Invitation.objects.filter(track=track)
        .select_related("parliament__country", "addressee", "message")
        .order_by("seq")
    )


def latest_archive(track):
    return LetterArchive.objects.filter(track=track).order_by("-created_at").first()
