"""Unpublished data: login (with a second factor) and a role are required, partners see only their own,
every view is logged."""

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from zicht.accounts.models import Profile
from zicht.audit.models import AuditEvent
from zicht.catalog.models import Partner
from zicht.catalog.services import load_catalog
from zicht.intake.models import Submission

pytestmark = pytest.mark.django_db

CARE = b"indicator,gender,value\nessm_care.clients,,143\n"


def _user(name, role, login, partner=None):
    """A user with a TOTP device, logged in with password and code (a verified session)."""
    user = User.objects.create_user(name, password="een-lang-wachtwoord-123")
    Profile.objects.create(user=user, role=role, partner=Partner.objects.get(code=partner) if partner else None)
    client = Client()
    login(client, user)
    return client


@pytest.fixture
def clients(two_factor_login):
    load_catalog()
    return {
        "analyst": _user("analist", Profile.Role.ANALYST, two_factor_login),
        "care": _user("essm", Profile.Role.PARTNER, two_factor_login, "essm_care"),
        "reader": _user("gemeente", Profile.Role.MUNICIPALITY, two_factor_login),
        "anonymous": Client(),
    }


def test_anonymous_is_sent_to_login(clients):
    response = clients["anonymous"].get("/beheer/leveringen/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_municipality_reader_sees_no_unpublished_data(clients):
    assert clients["reader"].get("/beheer/leveringen/").status_code == 403
    assert clients["reader"].get("/beheer/koppelingen/").status_code == 403


def test_partner_delivers_only_for_itself_and_sees_problems(clients):
    care = clients["care"]
    bad = SimpleUploadedFile("zorg.csv", CARE.replace(b"143", b"-3"))
    page = care.post("/beheer/aanleveren/", {"partner": "essm_care", "year": 2022, "file": bad, "store": "on"})
    assert page.status_code == 200 and "niet opgeslagen" in page.content.decode()
    assert Submission.objects.count() == 0
    good = SimpleUploadedFile("zorg.csv", CARE)
    page = care.post("/beheer/aanleveren/", {"partner": "essm_care", "year": 2022, "file": good, "store": "on"})
    assert "Opgeslagen als versie 1" in page.content.decode()
    other = SimpleUploadedFile("politie.csv", b"indicator,value\npolice.complaints,23\n")
    page = care.post("/beheer/aanleveren/", {"partner": "police_tmm", "year": 2022, "file": other, "store": "on"})
    assert Submission.objects.filter(partner__code="police_tmm").count() == 0
    assert care.get("/beheer/sjabloon/police_tmm/2022.xlsx").status_code == 404
    template = care.get("/beheer/sjabloon/essm_care/2022.xlsx")
    assert template.status_code == 200 and template.content[:2] == b"PK"


def test_views_of_unpublished_data_are_logged(clients):
    clients["analyst"].get("/beheer/leveringen/")
    clients["analyst"].get("/beheer/koppelingen/")
    viewed = AuditEvent.objects.filter(action="data.viewed", actor__username="analist")
    assert viewed.count() == 2


def test_partner_cannot_open_another_partners_delivery(clients):
    from zicht.intake.services import submit_bytes

    police = submit_bytes(b"indicator,value\npolice.complaints,23\n", "p.csv", "police_tmm", 2022).submission
    assert clients["care"].get(f"/beheer/leveringen/{police.pk}/").status_code == 404
    assert clients["analyst"].get(f"/beheer/leveringen/{police.pk}/").status_code == 200


def test_pages_carry_a_strict_content_security_policy(clients):
    header = clients["anonymous"].get("/")["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in header.split(";") if part.strip())
    assert directives["script-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"


def test_a_closed_year_refuses_the_upload_and_says_why(clients):
    from zicht.catalog.periods import close_period

    close_period(2022, reason="deadline 1 maart")
    good = SimpleUploadedFile("zorg.csv", CARE)
    page = clients["care"].post("/beheer/aanleveren/", {"partner": "essm_care", "year": 2022, "file": good, "store": "on"})
    html = page.content.decode()
    assert page.status_code == 200
    assert "Verslagjaar 2022 is gesloten voor leveringen" in html and "niet opgeslagen" in html
    assert Submission.objects.count() == 0
