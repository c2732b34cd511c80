"""Background jobs of the publish app (django-tasks; run by `zicht worker`)."""

from django_tasks import task

from zicht.publish.models import DraftBuild


@task()
def run_draft_build(build_id: int) -> str:
    from zicht.publish.cockpit import execute_draft_build

    return execute_draft_build(DraftBuild.objects.get(pk=build_id)).status
