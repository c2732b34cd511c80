"""The dashboard's read model and page: built from published tables only, every year, honest wording,
filters as plain GET, CSV of exactly what is shown, "•" never a zero (issue 11, ADR 1112)."""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.test import Client

from zicht.publish.models import Publication
from zicht.web.dashboard import Cell, change_wording, csv_of, dashboard_tables, tiles, year_series
from zicht.web.dashboard_chart import SUPPRESSED, bars

pytestmark = pytest.mark.django_db


def cell(value=None, suppressed=False):
    return {"value": None if suppressed else value, "suppressed": suppressed,
            "delivered": suppressed or value is not None}


def table(section, key, caption, columns, rows, source="Bron: test"):
    return {"section": section, "key": key, "caption": caption, "columns": columns,
            "rows": [{"label": label, "cells": [c]} for label, c in rows], "source": source, "notes": []}


FORM = "Vorm van uitbuiting"


def publish(year, complaints_by_form, contacts, contacts_history=(), municipal=None):
    """A publication row as the publish service freezes it (public tables, suppressed cells empty)."""
    total = sum(v for v in complaints_by_form.values() if v is not None)
    tables = [
        table("politie", "police.complaints.form", f"Aangiftes mensenhandel, {year}", [FORM, "Aantal"],
              [*((label, cell(v, suppressed=v is None)) for label, v in complaints_by_form.items()),
               ("Totaal", cell(total))]),
        table("meldpunt", "essm_line.contacts.years", "Contactmomenten per jaar", ["Jaar", "Aantal"],
              [*((str(y), cell(v)) for y, v in contacts_history), (str(year), cell(contacts))]),
        table("meldpunt", "essm_line.contacts_by_gender.gender", f"Contactmomenten naar gender, {year}",
              ["Gender", "Aantal"], [("Vrouw", cell(contacts - 3)), ("Man", cell(None, suppressed=True)),
                                     ("Totaal", cell(contacts))]),
        table("riec", "riec.cases", f"Casussen RIEC, {year}", ["", "Aantal"], [("Aantal", cell(5))]),
    ]
    if municipal:
        tables.append(table("gemeenten", "essm_care.clients.municipality", f"Cliënten per gemeente, {year}",
                            ["Gemeente", "Aantal"], [(m, cell(v, suppressed=v is None)) for m, v in municipal]))
    # Every publication also holds its factsheets' tables (one municipality each): not the dashboard's.
    tables += [
        table("factsheet-GM0505", "essm_line.contacts_by_region.GM0505", f"Contactmomenten: Zuid-Holland Zuid, {year}",
              ["", "Aantal"], [("Zuid-Holland Zuid", cell(28)), ("Regio (totaal)", cell(contacts))]),
        table("factsheet-GM0512", "bewustwording.GM0512", f"Bewustwordingsactiviteiten in Gorinchem, {year}",
              ["Activiteit", "Soort"], [("Open je Ogen", {"value": None, "suppressed": False, "delivered": True,
                                                          "text": "campagne"})]),
    ]
    return Publication.objects.create(year=year, tables=tables)


@pytest.fixture
def three_years():
    p20 = publish(2020, {"Seksuele uitbuiting": 30, "Arbeidsuitbuiting": 12}, 100)
    p21 = publish(2021, {"Seksuele uitbuiting": None, "Arbeidsuitbuiting": 14}, 129, [(2020, 99)])
    p22 = publish(2022, {"Seksuele uitbuiting": 20, "Arbeidsuitbuiting": None}, 168, [(2020, 99), (2021, 129)],
                  municipal=[("Dordrecht", 12), ("Brielle", None)])
    return p20, p21, p22


def test_series_cover_every_published_year_and_a_years_own_publication_wins(three_years):
    series = year_series(three_years)
    # 2020: its own publication says 100; the per-year tables of 2021 and 2022 say 99. Own wins.
    assert {y: c.value for y, c in series["essm_line.contacts"].items()} == {2020: 100, 2021: 129, 2022: 168}
    assert {y: c.value for y, c in series["riec.cases"].items()} == {2020: 5, 2021: 5, 2022: 5}
    assert series["police.complaints"][2021].value == 14  # the total row of the form table


def test_one_function_decides_the_tables_and_their_order(three_years):
    shown = dashboard_tables(three_years[2], three_years)
    assert [(t.key, t.kind) for t in shown] == [
        ("police.complaints.trend", "trend"),
        ("police.complaints.form", "form"),
        ("essm_line.contacts.trend", "trend"),
        ("essm_line.contacts_by_gender.gender", "breakdown"),
        ("riec.cases.trend", "trend"),
        ("essm_care.clients.municipality", "geography"),
    ]
    # A year's dashboard never reaches into later years.
    earlier = dashboard_tables(three_years[0], three_years)
    assert dict(earlier[0].rows).keys() == {"2020"}


def test_form_filter_keeps_only_that_form_over_all_years(three_years):
    shown = dashboard_tables(three_years[2], three_years, form="Seksuele uitbuiting")
    assert [t.key for t in shown] == ["police.complaints.trend", "police.complaints.form"]
    trend, year_table = shown
    assert [(label, c.shown) for label, c in trend.rows] == [("2020", "30"), ("2021", "•"), ("2022", "20")]
    assert [(label, c.shown) for label, c in year_table.rows] == [("Seksuele uitbuiting", "20")]


def test_suppressed_is_a_marked_gap_never_a_zero(three_years):
    gender = next(t for t in dashboard_tables(three_years[2], three_years) if t.kind == "breakdown")
    man = dict(gender.rows)["Man"]
    assert man.shown == "•" and not man.countable
    drawn = {b.label: b for b in bars(gender)}
    assert drawn["Man"].state == SUPPRESSED and drawn["Man"].shown == "•"
    assert "Totaal" not in drawn  # totals stay in the table, not beside their parts
    rows = list(csv.reader(io.StringIO(csv_of([gender]).decode("utf-8-sig")), delimiter=";"))
    assert ["Man", "•"] == [rows[2][2], rows[2][4]]
    assert all(r[4] != "0" for r in rows[1:])


def test_change_wording_follows_the_exact_test():
    assert change_wording(Cell(168), Cell(129), 2022, 2021).startswith("Een stijging van 30% ten opzichte van 2021")
    assert "niet van een trend" in change_wording(Cell(23), Cell(16), 2022, 2021)
    assert change_wording(Cell(8), Cell(8), 2022, 2021) == "Gelijk gebleven ten opzichte van 2021."
    # Under 10 last year: no percentage, which would claim precision it lacks.
    assert "%" not in change_wording(Cell(40), Cell(5), 2022, 2021)
    assert change_wording(Cell(suppressed=True), Cell(12), 2022, 2021).startswith("Niet te vergelijken")
    assert change_wording(Cell(12), None, 2022, 2021) == "Geen cijfer over 2021 gepubliceerd."


def test_tiles_show_number_last_years_and_wording(three_years):
    shown = tiles(dashboard_tables(three_years[2], three_years), 2022)
    contacts = next(t for t in shown if t.caption == "Contactmomenten")
    assert (contacts.current.shown, contacts.previous.shown) == ("168", "129")
    assert contacts.wording.startswith("Een stijging")
    complaints = next(t for t in shown if t.caption.startswith("Aangiftes"))
    assert "niet van een trend" in complaints.wording  # 20 (shown total) against 14


def _page(client, url):
    response = client.get(url, secure=True)
    assert response.status_code == 200, url
    return response.content.decode()


def _table_rows(html: str, slug: str) -> list[tuple[str, str]]:
    figure = re.search(rf'<figure class="dash" id="{slug}">(.*?)</figure>', html, re.S).group(1)
    return re.findall(r'<tr><th scope="row">(.*?)</th><td class="num">(.*?)</td></tr>', figure)


def test_page_filters_are_plain_get_and_csv_is_the_shown_table(three_years):
    client = Client()
    html = _page(client, "/dashboard/2022/")
    assert 'method="get"' in html and 'name="vorm"' in html and 'name="jaar"' in html
    assert "hoeveel aandacht er is" in html  # the caveat on municipal differences
    assert _table_rows(html, "essm-line-contacts-trend") == [("2020", "100"), ("2021", "129"), ("2022", "168")]

    filtered = _page(client, "/dashboard/2022/?vorm=seksuele-uitbuiting")
    shown = _table_rows(filtered, "police-complaints-trend")
    assert shown == [("2020", "30"), ("2021", "•"), ("2022", "20")]
    assert 'id="essm-line-contacts-trend"' not in filtered
    response = client.get("/dashboard/2022/?vorm=seksuele-uitbuiting&format=csv&tabel=police-complaints-trend",
                          secure=True)
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert [(r[2], r[4]) for r in rows[1:]] == shown


def test_year_filter_redirects_and_bad_choices_get_a_dutch_message(three_years):
    client = Client()
    response = client.get("/dashboard/2022/?jaar=2021&vorm=arbeidsuitbuiting", secure=True)
    assert response.status_code == 302 and response["Location"] == "/dashboard/2021/?vorm=arbeidsuitbuiting"
    html = _page(client, "/dashboard/2022/?jaar=1999&vorm=%3Cscript%3E")
    assert "Voor het gekozen jaar is geen monitor gepubliceerd; u ziet 2022." in html
    assert "Deze vorm van uitbuiting komt in de monitor niet voor; u ziet alle vormen." in html
    assert "<script>" not in html
    missing = client.get("/dashboard/2022/?format=csv&tabel=bestaat-niet", secure=True)
    assert missing.status_code == 404


def test_year_less_navigation_goes_to_the_newest_year(three_years):
    client = Client()
    assert client.get("/dashboard/", secure=True)["Location"] == "/dashboard/2022/"
    assert client.get("/factsheets/", secure=True)["Location"] == "/monitor/2022/factsheets/"


def test_year_less_navigation_before_any_publication_is_a_plain_404():
    response = Client().get("/dashboard/", secure=True)
    assert response.status_code == 404


@pytest.mark.django_db
def test_a_total_that_repeats_another_indicators_is_no_second_tile():
    """The catalog says the distinct persons by form add up to the distinct persons (total_equals):
    one tile, not two with the same number."""
    tables = [
        table("personen", "linkage.persons.years", "Unieke personen per jaar", ["Jaar", "Aantal"],
              [("2021", cell(251)), ("2022", cell(281))]),
        table("personen", "linkage.persons_by_form.form", "Unieke personen naar vorm, 2022", [FORM, "Aantal"],
              [("Seksuele uitbuiting", cell(200)), ("Arbeidsuitbuiting", cell(81)), ("Totaal", cell(281))]),
    ]
    publication = Publication.objects.create(year=2022, tables=tables)
    shown = tiles(dashboard_tables(publication, [publication]), 2022)
    assert [t.caption for t in shown] == ["Unieke personen"]


def _text(text):
    return {"value": None, "suppressed": False, "delivered": True, "text": text}


@pytest.mark.django_db
def test_an_estimate_keeps_its_interval_and_a_chart_never_claims_the_wrong_column():
    """Found on the demo's dashboard: "Geschat totaal ... met 95%-interval" showed only its first
    column (the known persons) under a caption about the estimate, the estimators' table lost its
    intervals, and tables of estimates said "minder dan twee waarden zijn zichtbaar" above two."""
    series = {"section": "omvang", "key": "omvang.series", "caption": "Geschat totaal per jaar, met 95%-interval",
              "columns": ["Jaar", "Bekende personen", "Schatting", "95%-interval"], "source": "Bron: test", "notes": [],
              "rows": [{"label": "2021", "cells": [cell(251), _text("580"), _text("440 tot 2.440")]},
                       {"label": "2022", "cells": [cell(281), _text("680"), _text("550 tot 910")]}]}
    estimators = {"section": "omvang", "key": "omvang.estimators", "caption": "Beide schattingen, 2022",
                  "columns": ["Schatter", "Schatting", "95%-interval"], "source": "Bron: test", "notes": [],
                  "rows": [{"label": "Log-lineair", "cells": [_text("680"), _text("550 tot 910")]},
                           {"label": "Latente klassen", "cells": [_text("650"), _text("520 tot 1.010")]}]}
    publication = Publication.objects.create(year=2022, tables=[series, estimators])
    shown = {t.key: t for t in dashboard_tables(publication, [publication])}
    assert shown["omvang.estimators"].columns == ["Schatter", "Schatting", "95%-interval"]
    assert [[c.shown for c in cells] for _, cells in shown["omvang.estimators"].cells] == [
        ["680", "550 tot 910"], ["650", "520 tot 1.010"]]
    rows = list(csv.reader(io.StringIO(csv_of([shown["omvang.estimators"]]).decode("utf-8-sig")), delimiter=";"))
    assert ["Log-lineair", "95%-interval", "550 tot 910"] in [[r[2], r[3], r[4]] for r in rows]

    html = _page(Client(), "/dashboard/2022/")
    assert "550 tot 910" in html and "440 tot 2.440" in html
    assert "minder dan twee waarden" not in html
    # The chart of the series draws the known persons and says so; the estimators get no bars.
    assert "De grafiek toont: Bekende personen." in html
    figure = re.search(r'<figure class="dash" id="omvang-estimators">(.*?)</figure>', html, re.S).group(1)
    assert 'class="bars"' not in figure and "schattingen of aandelen" in figure
    # The group is titled with its chapter's title, not its key.
    assert ">Hoe groot is het probleem?</h2>" in html and ">omvang</h2>" not in html


def test_the_home_page_shows_the_newest_years_first_headline_figures(three_years):
    """The public face opens with the figures a reader comes for, worded as on the dashboard."""
    html = _page(Client(), "/")
    assert "Kerncijfers 2022" in html
    first = re.search(r'<ul class="tiles".*?</ul>', html, re.S).group(0)
    assert first.count('<li class="tile">') == 3  # every tile of the year, at most HOME_TILES
    assert "Aangiftes mensenhandel" in first and "Een stijging van 30% ten opzichte van 2021" in first
    assert 'href="/dashboard/2022/"' in html


@pytest.mark.django_db
def test_the_home_page_before_any_publication_has_no_figures():
    html = _page(Client(), "/")
    assert "Kerncijfers" not in html and "Er is nog geen monitor gepubliceerd." in html
