"""Background tasks of the programme (django.tasks): thin wrappers taking primary keys."""

from django.tasks import task

from plenary.programme import services


@task()
def render_release_contents(release_pk: int) -> int:
    return services.render_release_contents(release_pk)
