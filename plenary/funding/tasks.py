from django.tasks import task

from plenary.funding import services
from plenary.funding.models import SelectionRun


@task()
def explain_run(run_id: int) -> None:
    services.explain_run(run=SelectionRun.objects.get(pk=run_id))
