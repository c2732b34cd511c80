"""The pages without a browser (status, content, no personal data) and the `zicht meldroutes` check."""

from __future__ import annotations

import io

import pytest
import yaml
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from zicht.signalling.routing import DEFAULT_FILE

pytestmark = pytest.mark.django_db  # the pages read the region's checks of the routes (RouteCheck)


def get(url: str) -> str:
    response = Client().get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_overview_lists_forms_routes_and_the_rule():
    html = get("/meldroutekaart/")
    assert '<html lang="nl">' in html
    assert "Handel op een vermoeden; wacht nooit bij acuut gevaar." in html
    assert html.count("nog te controleren door de regio") >= 5
    assert "<form" not in html  # nothing to fill in on the overview


def test_advice_page_lists_routes_in_order():
    html = get("/meldroutekaart/waar-melden/?urgency=acute&situation=location&form=labour&minor=no")
    assert html.index('id="advies-112"') < html.index('id="advies-politie"')
    assert "Eerst: 112" in html


def test_the_form_asks_no_personal_data():
    html = get("/meldroutekaart/waar-melden/")
    assert 'type="text"' not in html and "<textarea" not in html
    assert 'method="get"' in html
    assert html.count('type="radio"') == 2 + 2 + 4 + 3


def test_tampered_answers_get_a_dutch_error_not_a_crash():
    html = get("/meldroutekaart/waar-melden/?urgency=acute&situation=ship&form=sexual&minor=no")
    assert "Kies bij &#x27;Gaat het om een persoon of om een locatie?&#x27;" in html
    assert 'id="advies-' not in html


def test_command_reports_the_routes_to_check():
    out = io.StringIO()
    call_command("meldroutes", stdout=out)
    text = out.getvalue()
    assert "alle 48 antwoordcombinaties gecontroleerd" in text
    assert "mma" in text and "TE CONTROLEREN (niet bevestigd)" in text


def test_command_refuses_a_broken_file_with_the_place(tmp_path):
    data = yaml.safe_load(DEFAULT_FILE.read_text(encoding="utf-8"))
    data["rules"][0]["routes"] = ["politie"]
    path = tmp_path / "routes.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(CommandError, match=r"bij acuut gevaar moet '112' de eerste route zijn"):
        call_command("meldroutes", bestand=str(path))
