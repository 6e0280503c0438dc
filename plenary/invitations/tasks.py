"""Background tasks of invitations (django.tasks): thin wrappers taking primary keys."""

from django.tasks import task

from plenary.invitations import services


@task()
def build_letter_archive(archive_pk: int) -> str:
    return services.build_archive(archive_pk=archive_pk).status


@task()
def send_track_invitations(track_pk: int, iso3_codes: list[str], actor_pk: int | None) -> int:
    from django.contrib.auth import get_user_model

    from plenary.events.models import Track

    actor = get_user_model().objects.filter(pk=actor_pk).first() if actor_pk else None
    plan = services.send_invitations(
        track=Track.objects.get(pk=track_pk), actor=actor, only=iso3_codes, skip_problems=True
    )
    return len(plan.sent)
