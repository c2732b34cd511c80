"""The analyst's headline-estimate page: both estimators of the newest run, the rule's pick, a
choice recorded through the service (audited), bad input refused in Dutch, other roles kept out."""

import pytest
from django.contrib.auth.models import User
from django.test import Client

from zicht.accounts.models import Profile
from zicht.audit.models import AuditEvent
from zicht.engines.mse.data import CaptureData
from zicht.engines.mse.estimate import estimate
from zicht.engines.mse.latent_class import LatentClassSettings, estimate_latent_class
from zicht.publish.models import HeadlineChoice
from zicht.records.models import LinkageRun

from ..conftest import PASSWORD

pytestmark = pytest.mark.django_db

RICH = {(1, 0, 0): 120, (0, 1, 0): 90, (0, 0, 1): 70, (1, 1, 0): 30, (1, 0, 1): 22, (0, 1, 1): 18,
        (1, 1, 1): 6}
LISTS = ["Politie", "Zorg", "Inspectie"]


@pytest.fixture
def run():
    data = CaptureData.from_histories(LISTS, RICH)
    unconverged = estimate_latent_class(data, LatentClassSettings(burn_in=0, samples=20, thin=1, chains=4, seed=7))
    assert unconverged.status == "not_converged"
    return LinkageRun.objects.create(year=2022, status=LinkageRun.Status.DONE, result={
        "estimate": estimate(data, bootstrap=0).to_dict(), "estimate_latent_class": unconverged.to_dict()})


def _client(two_factor_login, role=Profile.Role.ANALYST) -> tuple[Client, User]:
    user = User.objects.create_user(f"u-{role}", password=PASSWORD)
    Profile.objects.create(user=user, role=role)
    client = Client()
    two_factor_login(client, user)
    return client, user


def test_page_shows_both_estimators_and_records_a_choice(run, two_factor_login):
    client, user = _client(two_factor_login)
    assert client.get("/beheer/kopschatting/").url == "/beheer/kopschatting/2022/"
    html = client.get("/beheer/kopschatting/2022/").content.decode()
    assert "Log-lineair model" in html and "Latente-klassenmodel" in html
    assert "geen schatting: de onafhankelijke ketens" in html  # the refusal, no number
    assert "Nu geldt de standaardregel." in html

    response = client.post("/beheer/kopschatting/2022/", {"method": "log-linear", "reason": "Landelijk vergelijkbaar"})
    assert response.status_code == 302
    choice = HeadlineChoice.objects.get()
    assert (choice.method, choice.chosen_by, choice.reason) == ("log-linear", user, "Landelijk vergelijkbaar")
    assert AuditEvent.objects.filter(action="publication.headline_chosen", actor=user).count() == 1
    html = client.get("/beheer/kopschatting/2022/").content.decode()
    assert f"Nu geldt de keuze van {user.username}" in html
    assert "CET" in html or "CEST" in html  # the time of the choice, with its zone


def test_bad_input_is_refused_in_dutch_audited_and_nothing_stored(run, two_factor_login):
    client, _ = _client(two_factor_login)
    response = client.post("/beheer/kopschatting/2022/", {"method": "latent-class", "reason": ""})
    assert response.status_code == 400
    assert "De keuze is niet vastgelegd" in response.content.decode()
    response = client.post("/beheer/kopschatting/2022/", {"method": "gok", "reason": "x"})
    assert response.status_code == 400
    assert HeadlineChoice.objects.count() == 0
    assert AuditEvent.objects.filter(action="publication.headline_refused").count() == 2


def test_other_roles_and_anonymous_visitors_are_kept_out(run, two_factor_login):
    client, _ = _client(two_factor_login, role=Profile.Role.PARTNER)
    assert client.get("/beheer/kopschatting/2022/").status_code == 403
    assert client.post("/beheer/kopschatting/2022/", {"method": "latent-class", "reason": "x"}).status_code == 403
    assert Client().get("/beheer/kopschatting/2022/").status_code == 302  # to the login page
    assert HeadlineChoice.objects.count() == 0
