"""The audit log viewer: filters, pages, CSV of the filtered set, read-only, audited, analysts only."""

import csv
import io

import pytest
from django.contrib.auth.models import User
from django.test import Client

from zicht.accounts.models import Profile
from zicht.audit import events
from zicht.audit.models import AuditEvent
from zicht.catalog.models import Partner
from zicht.catalog.services import load_catalog

pytestmark = pytest.mark.django_db


def _client(name, role, login, partner=None, superuser=False):
    user = User.objects.create_user(name, password="een-lang-wachtwoord-123", is_superuser=superuser)
    if role:
        Profile.objects.create(user=user, role=role, partner=Partner.objects.get(code=partner) if partner else None)
    client = Client()
    login(client, user)
    return client


@pytest.fixture
def clients(two_factor_login):
    load_catalog()
    return {
        "analyst": _client("analist", Profile.Role.ANALYST, two_factor_login),
        "admin": _client("beheerder", None, two_factor_login, superuser=True),
        "partner": _client("essm", Profile.Role.PARTNER, two_factor_login, "essm_care"),
        "reader": _client("gemeente", Profile.Role.MUNICIPALITY, two_factor_login),
    }


def test_filters_pages_and_export(clients):
    analyst = clients["analyst"]
    for n in range(60):
        events.period_closed(None, 2000 + n % 3, f"reden {n}")
    events.report_built(User.objects.get(username="analist"), 2022, [])
    page = analyst.get("/beheer/auditlog/", {"handeling": "period.closed"})
    body = page.content.decode()
    assert page.status_code == 200 and "60 gebeurtenissen" in body and "Pagina 1 van 2" in body
    assert "Monitor 2022 gebouwd" not in body
    second = analyst.get("/beheer/auditlog/", {"handeling": "period.closed", "pagina": 2}).content.decode()
    assert "Pagina 2 van 2" in second
    mine = analyst.get("/beheer/auditlog/", {"gebruiker": "analist", "handeling": "report.built"}).content.decode()
    assert "1 gebeurtenis" in mine and "Monitor 2022 gebouwd" in mine
    assert "<td>concept gebouwd</td>" in mine and ">verslagjaar gesloten</option>" in mine  # labels, not codes
    export = analyst.get("/beheer/auditlog.csv", {"handeling": "period.closed", "van": "2000-01-01"})
    assert export.status_code == 200 and export["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(export.content.decode())))
    assert rows[0][0] == "tijdstip" and len(rows) == 61 and {r[1] for r in rows[1:]} == {"period.closed"}
    assert {r[2] for r in rows[1:]} == {"verslagjaar gesloten"}
    assert "+01:00" in rows[1][0] or "+02:00" in rows[1][0]  # Dutch time, with its offset
    assert AuditEvent.objects.filter(action="audit.viewed").count() == 3
    exported = AuditEvent.objects.get(action="audit.exported")
    assert exported.details["rows"] == 60 and exported.details["filters"]["handeling"] == "period.closed"


def test_dates_filter_and_bad_dates_are_explained(clients):
    analyst = clients["analyst"]
    events.period_closed(None, 2022, "x")
    assert "Geen gebeurtenissen" in analyst.get("/beheer/auditlog/", {"tot": "2001-01-01"}).content.decode()
    bad = analyst.get("/beheer/auditlog/", {"van": "gisteren"})
    assert bad.status_code == 400 and "niet geldig" in bad.content.decode()
    assert analyst.get("/beheer/auditlog.csv", {"van": "31-12-2022"}).status_code == 400
    assert "period.closed" in analyst.get("/beheer/auditlog/", {"object": ""}).content.decode()


def test_administrator_may_read(clients):
    assert clients["admin"].get("/beheer/auditlog/").status_code == 200


def test_read_only(clients):
    """No page changes the log: anything but GET is refused, and the database refuses it too."""
    events.period_closed(None, 2022, "x")
    before = list(AuditEvent.objects.values_list("pk", "hash"))
    assert clients["analyst"].post("/beheer/auditlog/", {"handeling": "x"}).status_code == 405
    assert clients["analyst"].delete("/beheer/auditlog/").status_code == 405
    assert list(AuditEvent.objects.values_list("pk", "hash")) == before


@pytest.mark.parametrize("who", ["partner", "reader"])
def test_partners_and_readers_are_refused(clients, who):
    assert clients[who].get("/beheer/auditlog/").status_code == 403
    assert clients[who].get("/beheer/auditlog.csv").status_code == 403
    assert not AuditEvent.objects.filter(action__startswith="audit.").exists()
