"""Background jobs of the records app (django-tasks; run by `zicht db_worker`)."""

from django_tasks import task

from zicht.records.models import LinkageRun


@task()
def run_linkage(run_id: int) -> str:
    from zicht.records.services import execute_linkage

    run = execute_linkage(LinkageRun.objects.get(pk=run_id))
    return run.status
