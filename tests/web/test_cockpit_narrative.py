"""The narrative editor: versions in the database, the disclosure check on saving and publishing,
the preview through the report's own template, and who may use it."""

import pytest
from django.contrib.auth.models import User
from django.db import DatabaseError, transaction
from django.test import Client

from zicht.accounts.models import Profile
from zicht.audit.models import AuditEvent
from zicht.catalog.models import Partner
from zicht.catalog.services import load_catalog
from zicht.publish.models import NarrativeVersion
from zicht.publish.narrative import check_narrative, load_narrative, small_counts
from zicht.publish.narrative_services import NarrativeRefused, save_narrative

pytestmark = pytest.mark.django_db

PASSWORD = "een-lang-wachtwoord-123"


def _client(name, role, login, partner=None):
    user = User.objects.create_user(name, password=PASSWORD)
    Profile.objects.create(user=user, role=role, partner=Partner.objects.get(code=partner) if partner else None)
    client = Client()
    login(client, user)
    return client, user


@pytest.fixture
def clients(two_factor_login):
    load_catalog()
    return {
        "analyst": _client("analist", Profile.Role.ANALYST, two_factor_login),
        "partner": _client("essm", Profile.Role.PARTNER, two_factor_login, "essm_care"),
        "reader": _client("gemeente", Profile.Role.MUNICIPALITY, two_factor_login),
    }


@pytest.mark.parametrize("text, phrases", [
    ("Er waren 3 slachtoffers.", ["3 slachtoffers"]),
    ("De politie had twee nieuwe onderzoeken.", ["twee nieuwe onderzoeken"]),
    ("Zeven minderjarige slachtoffers", ["Zeven minderjarige"]),  # minors: threshold 10
    ("Drie\nmeldingen", ["Drie meldingen"]),
    ("In 2022 waren er 143 slachtoffers en 12 kinderen.", []),
    ("1. Verbeteren van het zicht; zeven dagen per week; vijf opgaven.", []),
    ("minder dan 5 slachtoffers; 2,5 procent van de meldingen", []),
    ("vier keer per jaar met slachtoffers", []),
])
def test_small_counts(text, phrases):
    assert [f.phrase for f in small_counts(text)] == phrases


def test_demo_narrative_passes_the_check():
    from zicht.demo.loader import NARRATIVE_DIR

    assert check_narrative(NARRATIVE_DIR, 2022) == {}


def test_versions_are_appended_and_the_report_reads_the_newest(tmp_path):
    folder = tmp_path / "tekst" / "2022"
    folder.mkdir(parents=True)
    (folder / "inleiding.md").write_text("Uit de map.\n")
    (folder / "conclusie.md").write_text("Conclusie uit de map.\n")
    user = User.objects.create_user("analist")
    first = save_narrative(2022, "inleiding", "Eerste *versie*.", user)
    second = save_narrative(2022, "inleiding", "Tweede versie.", user)
    assert (first.version, second.version) == (1, 2)
    assert save_narrative(2022, "inleiding", "Tweede versie.", user) == second  # unchanged: nothing new
    narrative = load_narrative(tmp_path / "tekst", 2022)
    assert narrative["inleiding"] == "<p>Tweede versie.</p>\n"
    assert narrative["conclusie"] == "<p>Conclusie uit de map.</p>\n"  # the folder where the database has none
    assert AuditEvent.objects.filter(action="narrative.saved").count() == 2
    with pytest.raises((DatabaseError, RuntimeError)), transaction.atomic():
        NarrativeVersion.objects.filter(pk=first.pk).update(text="anders")
    with pytest.raises(DatabaseError), transaction.atomic():
        NarrativeVersion.objects.filter(pk=first.pk).delete()


def test_a_small_count_is_refused_audited_and_not_stored():
    user = User.objects.create_user("analist")
    with pytest.raises(NarrativeRefused, match="3 slachtoffers"):
        save_narrative(2022, "politie", "Er waren 3 slachtoffers.", user)
    with pytest.raises(NarrativeRefused, match="Onbekend hoofdstuk"):
        save_narrative(2022, "bestaat-niet", "tekst", user)
    assert NarrativeVersion.objects.count() == 0
    assert AuditEvent.objects.filter(action="narrative.refused").count() == 2


def test_publication_refuses_a_narrative_with_a_small_count(tmp_path):
    from zicht.publish.narrative import NarrativeDisclosureError
    from zicht.publish.services import publish_period

    folder = tmp_path / "tekst" / "2022"
    folder.mkdir(parents=True)
    (folder / "politie.md").write_text("De politie sprak 2 slachtoffers.\n")
    with pytest.raises(NarrativeDisclosureError, match="2 slachtoffers"):
        publish_period(2022, tmp_path / "tekst")
    assert AuditEvent.objects.filter(action="publication.refused").count() == 1


def test_analyst_writes_previews_and_saves(clients):
    analyst, _user = clients["analyst"]
    page = analyst.get("/beheer/tekst/2022/politie/")
    assert page.status_code == 200
    assert "Politie: Team Migratiecriminaliteit" in page.content.decode()
    preview = analyst.post("/beheer/tekst/2022/politie/", {"text": "Een **nieuwe** tekst.", "action": "preview"})
    body = preview.content.decode()
    assert preview.status_code == 200 and "<strong>nieuwe</strong>" in body and 'class="narrative"' in body
    assert NarrativeVersion.objects.count() == 0
    live = analyst.post("/beheer/tekst/2022/politie/voorbeeld/", {"text": "Er waren 4 meldingen."})
    assert live.status_code == 200 and "4 meldingen" in live.content.decode() and 'role="alert"' in live.content.decode()
    refused = analyst.post("/beheer/tekst/2022/politie/", {"text": "Er waren 4 meldingen.", "action": "save"})
    assert refused.status_code == 400 and "Niet opgeslagen" in refused.content.decode()
    assert NarrativeVersion.objects.count() == 0
    saved = analyst.post("/beheer/tekst/2022/politie/", {"text": "Meer dan tien meldingen.", "action": "save"},
                         follow=True)
    assert "Opgeslagen als versie 1" in saved.content.decode()
    assert NarrativeVersion.objects.get().author_label == "analist"
    assert analyst.get("/beheer/tekst/2022/politie/v1/").status_code == 200
    assert analyst.get("/beheer/tekst/2022/politie/v2/").status_code == 404
    assert analyst.get("/beheer/tekst/2022/bestaat-niet/").status_code == 404
    index = analyst.get("/beheer/tekst/2022/").content.decode()
    assert "versie 1, door analist" in index
    assert AuditEvent.objects.filter(action="data.viewed", details__section="politie").exists()


@pytest.mark.parametrize("who", ["partner", "reader"])
def test_partners_and_readers_are_refused(clients, who):
    client, _user = clients[who]
    for url in ("/beheer/tekst/", "/beheer/tekst/2022/", "/beheer/tekst/2022/politie/"):
        assert client.get(url).status_code == 403
    assert client.post("/beheer/tekst/2022/politie/", {"text": "x", "action": "save"}).status_code == 403
    assert client.post("/beheer/tekst/2022/politie/voorbeeld/", {"text": "x"}).status_code == 403
    assert NarrativeVersion.objects.count() == 0


def test_anonymous_goes_to_login():
    response = Client().get("/beheer/tekst/2022/politie/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
