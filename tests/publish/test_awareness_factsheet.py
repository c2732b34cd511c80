"""A municipality's factsheet names the checked awareness activities in that municipality (and briefly
the region-wide ones), never an unchecked one, with a small count of people suppressed as "•"."""

import datetime as dt

import pytest
from django.contrib.auth.models import User

from zicht.catalog.definitions import get_catalog
from zicht.catalog.models import Municipality
from zicht.catalog.services import load_catalog
from zicht.figures.services import FigureStore
from zicht.publish.awareness import ActivityInput, record_activity
from zicht.publish.blocks import Html, Paragraph, Table
from zicht.publish.factsheets import build_factsheets
from zicht.publish.sections.registry import ReportContext

pytestmark = pytest.mark.django_db


def _activity(title, codes=(), **overrides):
    data = dict(year=2022, title=title, kind="training", started_on=dt.date(2022, 3, 1), municipalities=tuple(codes))
    data.update(overrides)
    return ActivityInput(**data)


def _sheets():
    ctx = ReportContext(year=2022, store=FigureStore(range(2021, 2023)), catalog=get_catalog())
    return {sheet.municipality.name: sheet.blocks for sheet in build_factsheets(ctx)}


def _awareness_table(blocks):
    return next((b for b in blocks if isinstance(b, Table) and b.key.startswith("bewustwording.")), None)


def _text(blocks) -> str:
    parts = []
    for b in blocks:
        if isinstance(b, Table):
            parts += [b.caption] + [label for label, _ in b.rows] + [c.display() for _, cells in b.rows for c in cells]
        elif isinstance(b, (Paragraph, Html)):
            parts.append(getattr(b, "text", None) or b.html)
    return "\n".join(parts)


def test_an_activity_shows_on_its_own_municipality_only_and_small_reach_is_suppressed():
    load_catalog()
    analyst = User.objects.create_user("analist")
    code = {m.name: m.code for m in Municipality.objects.filter(name__in=["Dordrecht", "Rotterdam", "Gorinchem"])}
    record_activity(_activity("Training opvang Dordrecht", [code["Dordrecht"]], reach_kind="trained", reach=3,
                              ended_on=dt.date(2022, 3, 2)), analyst, analyst=True)
    record_activity(_activity("Actieweek Rotterdam", [code["Rotterdam"]], kind="action_week", reach_kind="participants",
                              reach=40), analyst, analyst=True)
    record_activity(_activity("Regionale campagne", kind="campaign", reach_kind="visits", reach=2), analyst, analyst=True)
    contact = User.objects.create_user("gemeente")
    record_activity(_activity("Nog niet gecontroleerd", [code["Dordrecht"]]), contact, analyst=False,
                    own_municipality=code["Dordrecht"])
    record_activity(_activity("Vorig jaar", [code["Dordrecht"]], year=2021, started_on=dt.date(2021, 5, 1)),
                    analyst, analyst=True)

    sheets = _sheets()
    dordrecht = _awareness_table(sheets["Dordrecht"])
    assert dordrecht.caption == "Bewustwordingsactiviteiten in Dordrecht, 2022"
    assert {label: [c.display() for c in cells] for label, cells in dordrecht.rows} == {
        "Training opvang Dordrecht": ["training of voorlichting", "01-03-2022 t/m 02-03-2022", "•"]}
    assert dordrecht.notes and "niet gepubliceerd" in dordrecht.notes[0]
    assert "Actieweek Rotterdam" not in _text(sheets["Dordrecht"])
    assert "Nog niet gecontroleerd" not in _text(sheets["Dordrecht"])
    assert "Vorig jaar" not in _text(sheets["Dordrecht"])

    rotterdam = _awareness_table(sheets["Rotterdam"])
    assert [(label, cells[2].display()) for label, cells in rotterdam.rows] == [("Actieweek Rotterdam", "40 deelnemers")]
    assert not rotterdam.notes
    assert "Training opvang Dordrecht" not in _text(sheets["Rotterdam"])

    # Gorinchem has none of its own: a sentence; the region-wide campaign is listed briefly, without reach.
    assert _awareness_table(sheets["Gorinchem"]) is None
    gorinchem = _text(sheets["Gorinchem"])
    assert "Voor Gorinchem zijn in 2022 geen eigen bewustwordingsactiviteiten geregistreerd." in gorinchem
    assert "Regionale campagne (campagne, 01-03-2022)" in gorinchem
    assert "2 websitebezoeken" not in gorinchem
    assert all("Regionale campagne" in _text(blocks) for blocks in sheets.values())


def test_unchecked_and_rejected_activities_never_appear():
    load_catalog()
    from zicht.publish.awareness import check_activity

    dordrecht = Municipality.objects.get(name="Dordrecht").code
    contact = User.objects.create_user("gemeente")
    waiting = record_activity(_activity("Wacht op controle", [dordrecht]), contact, analyst=False, own_municipality=dordrecht)
    rejected = record_activity(_activity("Afgewezen", [dordrecht]), contact, analyst=False, own_municipality=dordrecht)
    check_activity(rejected, User.objects.create_user("analist"), accept=False, note="Geen bewustwording.")
    text = "\n".join(_text(blocks) for blocks in _sheets().values())
    assert "Wacht op controle" not in text and "Afgewezen" not in text
    check_activity(waiting, User.objects.create_user("analist2"), accept=True)
    assert _awareness_table(_sheets()["Dordrecht"]).rows[0][0] == "Wacht op controle"
