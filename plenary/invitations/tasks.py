"""Background tasks of invitations (django.tasks): thin wrappers taking primary keys."""

from django.tasks import task

from plenary.invitations import services


@task()
def build_letter_archive(archive_pk: int) -> str:
    return services.build_archive(archive_pk=archive_pk).status
