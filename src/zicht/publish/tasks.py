"""Background jobs of the publish app (django-tasks; run by `zicht worker`)."""

from django_tasks import task

from zicht.publish.models import DraftBuild, PublishRequest


@task()
def run_draft_build(build_id: int) -> str:
    from zicht.publish.cockpit import execute_draft_build

    return execute_draft_build(DraftBuild.objects.get(pk=build_id)).status


@task()
def run_publication(request_id: int) -> str:
    from zicht.publish.cockpit import execute_publication

    return execute_publication(PublishRequest.objects.get(pk=request_id)).status
