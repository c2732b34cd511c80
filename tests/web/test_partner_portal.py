"""The partner contact's pages: the open year's template at once, the version history with a person
and a reason, what changed cell by cell, what the monitor publishes of its figures, encoded files
accepted without showing their contents, and never another partner's anything (404, not 403)."""

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client

from zicht.accounts.models import Profile
from zicht.audit.models import AuditEvent
from zicht.catalog.models import Municipality, Partner
from zicht.catalog.periods import close_period, default_delivery_year
from zicht.catalog.services import load_catalog
from zicht.demo.synthetic import synthetic_encoded_deliveries
from zicht.figures.changes import ADDED, CHANGED, REMOVED, cell_changes
from zicht.intake.models import Submission
from zicht.intake.services import submit_bytes
from zicht.publish.models import Publication
from zicht.records.models import EncodedDelivery

pytestmark = pytest.mark.django_db

POLICE_V1 = b"indicator,form,age_group,value\npolice.complaints,sexual,,20\npolice.complaints,labour,,3\npolice.complaints,,,23\n"
POLICE_V2 = b"indicator,form,age_group,value\npolice.complaints,sexual,,21\npolice.complaints,criminal,,2\npolice.complaints,,,23\n"
CARE = b"indicator,gender,value\nessm_care.clients,,143\n"


def _user(name, role, login=None, partner=None, municipality=None):
    user = User.objects.create_user(name, password="een-lang-wachtwoord-123")
    Profile.objects.create(
        user=user, role=role,
        partner=Partner.objects.get(code=partner) if partner else None,
        municipality=Municipality.objects.get(code=municipality) if municipality else None,
    )
    client = Client()
    if login is not None:
        login(client, user)
    return client


@pytest.fixture
def clients(two_factor_login):
    load_catalog()
    return {
        "analyst": _user("analist", Profile.Role.ANALYST, two_factor_login),
        "police": _user("politie-contact", Profile.Role.PARTNER, two_factor_login, "police_tmm"),
        "care": _user("essm-contact", Profile.Role.PARTNER, two_factor_login, "essm_care"),
        "rotterdam": _user("lezer-rotterdam", Profile.Role.MUNICIPALITY, two_factor_login, municipality="GM0599"),
    }


def test_the_open_years_template_is_offered_at_once(clients):
    close_period(2021, reason="gepubliceerd")
    from zicht.catalog.periods import reopen_period

    reopen_period(2021, reason="correctie")  # an explicitly open period is the year a partner delivers for
    assert default_delivery_year() == 2021
    page = clients["police"].get("/beheer/aanleveren/").content.decode()
    assert "/beheer/sjabloon/police_tmm/2021.xlsx" in page
    assert 'value="2021"' in page
    assert "essm_care" not in page  # only the own organisation is offered


def test_without_an_open_period_the_default_is_last_year():
    import datetime as dt

    assert default_delivery_year(dt.date(2023, 2, 1)) == 2022
    close_period(2022, reason="deadline")
    assert default_delivery_year(dt.date(2023, 3, 2)) is None


def test_a_correction_needs_a_reason_and_the_history_shows_person_and_reason(clients):
    police = clients["police"]
    first = SimpleUploadedFile("politie.csv", POLICE_V1)
    page = police.post("/beheer/aanleveren/", {"partner": "police_tmm", "year": 2022, "file": first, "store": "on"})
    assert "Opgeslagen als versie 1" in page.content.decode()
    second = SimpleUploadedFile("politie.csv", POLICE_V2)
    page = police.post("/beheer/aanleveren/", {"partner": "police_tmm", "year": 2022, "file": second, "store": "on"})
    assert "geef de reden van de correctie" in page.content.decode()
    assert Submission.objects.count() == 1
    second = SimpleUploadedFile("politie.csv", POLICE_V2)
    police.post("/beheer/aanleveren/", {"partner": "police_tmm", "year": 2022, "file": second, "store": "on",
                                        "reason": "Twee aangiftes waren verkeerd ingedeeld."})
    v2 = Submission.objects.get(version=2)
    assert v2.reason == "Twee aangiftes waren verkeerd ingedeeld." and v2.submitted_by_label == "politie-contact"
    history = police.get("/beheer/leveringen/").content.decode()
    assert "Twee aangiftes waren verkeerd ingedeeld." in history and "politie-contact" in history


def test_changes_between_versions_cell_by_cell_with_labels(clients):
    v1 = submit_bytes(POLICE_V1, "p.csv", "police_tmm", 2022).submission
    v2 = submit_bytes(POLICE_V2, "p.csv", "police_tmm", 2022, reason="herindeling").submission
    changes = {(c.breakdown, c.kind): (c.old, c.new) for c in cell_changes(v1.pk, v2.pk)}
    assert changes == {
        ("Vorm van uitbuiting: Seksuele uitbuiting", CHANGED): (20, 21),
        ("Vorm van uitbuiting: Arbeidsuitbuiting", REMOVED): (3, None),
        ("Vorm van uitbuiting: Criminele uitbuiting", ADDED): (None, 2),
    }
    page = clients["police"].get(f"/beheer/leveringen/{v2.pk}/").content.decode()
    assert "Wat veranderde van versie 1 naar versie 2" in page and "3 cijfers verschillen" in page
    assert "form=" not in page and "police_tmm" not in page  # labels, not codes
    again = clients["police"].get(f"/beheer/leveringen/{v1.pk}/?vergelijk=2").content.decode()
    assert "Wat veranderde van versie 2 naar versie 1" in again
    assert clients["police"].get(f"/beheer/leveringen/{v2.pk}/?vergelijk=9").status_code == 404
    assert clients["police"].get(f"/beheer/leveringen/{v2.pk}/?vergelijk=x").status_code == 404


def test_another_partners_anything_is_not_found(clients):
    police = submit_bytes(POLICE_V1, "p.csv", "police_tmm", 2022).submission
    care = clients["care"]
    assert care.get(f"/beheer/leveringen/{police.pk}/").status_code == 404
    assert care.get(f"/beheer/leveringen/{police.pk + 1000}/").status_code == 404
    assert care.get("/beheer/sjabloon/police_tmm/2022.xlsx").status_code == 404
    assert "politie" not in care.get("/beheer/leveringen/").content.decode().lower()
    upload = SimpleUploadedFile("p.csv", POLICE_V2)
    response = care.post("/beheer/aanleveren/", {"partner": "police_tmm", "year": 2022, "file": upload, "store": "on"})
    assert response.status_code in (200, 404) and Submission.objects.count() == 1


def test_what_the_monitor_publishes_of_the_partners_figures(clients):
    submission = submit_bytes(POLICE_V1, "p.csv", "police_tmm", 2022).submission
    page = clients["police"].get(f"/beheer/leveringen/{submission.pk}/").content.decode()
    assert "nog niet gepubliceerd" in page
    table = {"section": "politie", "key": "police.complaints.form", "caption": "Aangiftes mensenhandel, 2022",
             "columns": ["Vorm van uitbuiting", "Aantal"],
             "rows": [{"label": "Seksuele uitbuiting", "cells": [{"value": None, "suppressed": True, "delivered": True}]},
                      {"label": "Aandeel", "cells": [{"value": None, "suppressed": False, "delivered": True,
                                                       "text": "56% van de 16"}]},
                      {"label": "Totaal", "cells": [{"value": 23, "suppressed": False, "delivered": True}], "total": True}]}
    other = {**table, "key": "essm_care.clients.years", "caption": "Cliënten per jaar"}
    Publication.objects.create(year=2022, tables=[table, other])
    page = clients["police"].get(f"/beheer/leveringen/{submission.pk}/").content.decode()
    assert "Aangiftes mensenhandel, 2022" in page and "•" in page and "Cliënten per jaar" not in page
    assert "56% van de 16" in page and ">None<" not in page  # a share is shown as published, with its base


@pytest.fixture(scope="module")
def encoded(tmp_path_factory):
    return synthetic_encoded_deliveries(2022, tmp_path_factory.mktemp("partner") / "secret.key",
                                        secret=bytes(range(32)))


def test_encoded_files_are_accepted_and_listed_without_contents(clients, encoded):
    police = clients["police"]
    upload = SimpleUploadedFile("politie-versleuteld.csv", encoded["police_tmm"])
    page = police.post("/beheer/casusbestanden/", {"partner": "police_tmm", "year": 2022, "file": upload}).content.decode()
    delivery = EncodedDelivery.objects.get()
    assert f"Aanvaard als versie 1 ({delivery.records} records)" in page
    assert delivery.submitted_by_label == "politie-contact"
    first_record = encoded["police_tmm"].split(b"\n")[1].split(b",")[0].decode()
    assert first_record not in page  # never the contents
    assert "politie-versleuteld" not in clients["care"].get("/beheer/casusbestanden/").content.decode()
    clear = b"record_id,name\nDOORNHOF_ANNA,Anna\n"
    page = police.post("/beheer/casusbestanden/", {"partner": "police_tmm", "year": 2022,
                                                   "file": SimpleUploadedFile("x.csv", clear)}).content.decode()
    assert "niet opgeslagen" in page and EncodedDelivery.objects.count() == 1


def test_command_line_deliveries_name_a_person(clients, tmp_path):
    path = tmp_path / "politie.csv"
    path.write_bytes(POLICE_V1)
    call_command("submit", str(path), partner="police_tmm", year=2022)
    first = Submission.objects.get()
    assert first.submitted_by_label.endswith("(opdrachtregel)") and first.submitted_by_label != "systeem"
    path.write_bytes(POLICE_V2)
    call_command("submit", str(path), partner="police_tmm", year=2022, user="politie-contact", reason="herindeling")
    second = Submission.objects.get(version=2)
    assert second.submitted_by.username == "politie-contact" and second.reason == "herindeling"
    with pytest.raises(CommandError, match="mag niet leveren"):
        call_command("submit", str(path), partner="police_tmm", year=2022, user="essm-contact")
    with pytest.raises(CommandError, match="Onbekende gebruiker"):
        call_command("submit", str(path), partner="police_tmm", year=2022, user="niemand")


def test_municipality_reader_sees_published_years_and_own_factsheet(clients):
    reader = clients["rotterdam"]
    page = reader.get("/gemeente/").content.decode()
    assert "Er is nog geen monitor gepubliceerd" in page
    assert reader.get("/beheer/leveringen/").status_code == 403
    assert reader.get("/beheer/concepten/").status_code == 403
    publication = Publication.objects.create(year=2022)
    for name in ("factsheets/GM0599-rotterdam.html", "factsheets/GM0606-schiedam.html", "monitor-2022.html"):
        publication.artefacts.create(name=name, sha256="0" * 64, size=1, content_type="text/html")
    page = reader.get("/gemeente/").content.decode()
    assert "/monitor/2022/factsheets/GM0599-rotterdam.html" in page
    assert "schiedam" not in page.lower()
    assert AuditEvent.objects.filter(actor__username="lezer-rotterdam", action="data.viewed").count() == 0


def test_a_successor_reader_finds_the_merged_municipalities_factsheets(two_factor_login):
    load_catalog()
    reader = _user("lezer-voorne", Profile.Role.MUNICIPALITY, two_factor_login, municipality="GM1992")
    publication = Publication.objects.create(year=2022)
    publication.artefacts.create(name="factsheets/GM0501-brielle.html", sha256="0" * 64, size=1, content_type="text/html")
    page = reader.get("/gemeente/").content.decode()
    assert "Factsheet Brielle 2022" in page


def test_login_lands_each_role_on_its_start_page(clients):
    assert clients["police"].get("/start/")["Location"].endswith("/beheer/aanleveren/")
    assert clients["rotterdam"].get("/start/")["Location"].endswith("/gemeente/")
    assert Client().get("/start/")["Location"] == "/"
