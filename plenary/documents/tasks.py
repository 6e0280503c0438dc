"""Background tasks of the documents (django.tasks): thin wrappers taking primary keys."""

from django.tasks import task

from plenary.documents import services


@task()
def make_batch(batch_pk: int) -> str:
    return services.make_batch(batch_pk=batch_pk).status
