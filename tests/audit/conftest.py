"""One row of every append-only table, written the ordinary way (submit, publish rows, audit events)."""

from dataclasses import dataclass

import pytest
from django.db import connection

from zicht.audit.models import AuditEvent
from zicht.figures.models import Observation
from zicht.intake.models import Submission
from zicht.intake.services import submit_bytes
from zicht.publish.models import Artefact, NarrativeVersion, Publication
from zicht.signalling.models import RouteCheck

POLICE = b"indicator,value\npolice.complaints,23\npolice.informative_interviews,25\n"


@dataclass
class Rows:
    submission: Submission
    observation: Observation
    publication: Publication
    artefact: Artefact
    event: AuditEvent
    narrative: NarrativeVersion
    route_check: RouteCheck

    def of(self, model):
        return {Submission: self.submission, Observation: self.observation, Publication: self.publication,
                Artefact: self.artefact, AuditEvent: self.event, NarrativeVersion: self.narrative,
                RouteCheck: self.route_check}[model]


@pytest.fixture
def rows(db) -> Rows:
    submission = submit_bytes(POLICE, "politie.csv", "police_tmm", 2022).submission
    publication = Publication.objects.create(year=2022, tables=[], pattern=[])
    artefact = Artefact.objects.create(publication=publication, name="monitor.html", sha256="0" * 64, size=10,
                                       content_type="text/html")
    narrative = NarrativeVersion.objects.create(year=2022, section="inleiding", version=1, text="Tekst.",
                                                author_label="analist")
    route_check = RouteCheck.objects.create(route="politie", phone="0900-8844", changed_by_label="analist")
    return Rows(submission, submission.observations.first(), publication, artefact,
                AuditEvent._base_manager.order_by("-id").first(), narrative, route_check)


@pytest.fixture
def vendor() -> str:
    return connection.vendor
