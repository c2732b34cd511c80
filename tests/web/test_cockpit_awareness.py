"""The awareness register: entered by the analyst or a municipality contact, checked, and published as a
table and a chart in its own chapter, small counts of people suppressed."""

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.test import Client

from zicht.accounts.models import Profile
from zicht.audit.models import AuditEvent
from zicht.catalog.definitions import get_catalog
from zicht.catalog.models import Municipality, Partner
from zicht.catalog.services import load_catalog
from zicht.figures.services import FigureStore
from zicht.publish.awareness import ActivityInput, AwarenessError, record_activity
from zicht.publish.blocks import Chart, Table
from zicht.publish.models import AwarenessActivity
from zicht.publish.sections.awareness import Awareness
from zicht.publish.sections.registry import ReportContext

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalog():
    load_catalog()


def _activity(**overrides):
    data = dict(year=2022, title="Campagne ‘Steek jij je hand uit’", kind="campaign", started_on=dt.date(2022, 5, 1),
                reach_kind="visits", reach=3, municipalities=())
    data.update(overrides)
    return ActivityInput(**data)


def test_section_table_chart_and_small_counts(catalog):
    analyst = User.objects.create_user("analist")
    dordrecht = Municipality.objects.get(name="Dordrecht").code
    record_activity(_activity(), analyst, analyst=True)  # 3 website visits: no people, published
    record_activity(_activity(title="Training opvang", kind="training", started_on=dt.date(2022, 12, 1),
                              reach_kind="trained", reach=3, municipalities=(dordrecht,)), analyst, analyst=True)
    record_activity(_activity(title="Training FairWork", kind="training", started_on=dt.date(2022, 11, 1),
                              reach_kind="trained", reach=12), analyst, analyst=True)
    record_activity(_activity(title="Ingediend, niet gecontroleerd", municipalities=(dordrecht,)), User.objects.create_user("g"), analyst=False,
                    own_municipality=dordrecht)
    ctx = ReportContext(year=2022, store=FigureStore(range(2021, 2023)), catalog=get_catalog())
    table, chart = Awareness().blocks(ctx)
    assert isinstance(table, Table) and isinstance(chart, Chart)
    shown = {label: [c.display() for c in cells] for label, cells in table.rows}
    assert "Ingediend, niet gecontroleerd" not in shown
    assert shown["Training opvang"][2] == "Dordrecht" and shown["Training opvang"][3] == "•"
    assert shown["Training FairWork"][3] == "12 getrainde of voorgelichte personen"
    assert shown["Campagne ‘Steek jij je hand uit’"][3] == "3 websitebezoeken"
    assert {label: cells[0].value for label, cells in chart.table.rows} == {"training of voorlichting": 2, "campagne": 1}
    assert table.notes and "niet gepubliceerd" in table.notes[0]


def test_empty_year_says_so(catalog):
    ctx = ReportContext(year=2021, store=FigureStore(range(2020, 2022)), catalog=get_catalog())
    (paragraph,) = Awareness().blocks(ctx)
    assert "geen bewustwordingsactiviteiten" in paragraph.text


def test_validation(catalog):
    user = User.objects.create_user("g")
    with pytest.raises(AwarenessError) as exc:
        record_activity(_activity(title="", started_on=dt.date(2021, 1, 1), ended_on=dt.date(2020, 1, 1),
                                  reach_kind="", reach=5), user, analyst=True)
    assert set(exc.value.errors) == {"title", "started_on", "ended_on", "reach_kind"}
    rotterdam = Municipality.objects.get(name="Rotterdam").code
    with pytest.raises(AwarenessError, match="eigen gemeente"):
        record_activity(_activity(municipalities=(rotterdam,)), user, analyst=False,
                        own_municipality=Municipality.objects.get(name="Dordrecht").code)
    assert not AwarenessActivity.objects.exists()
    assert AuditEvent.objects.filter(action="awareness.refused").count() == 2


@pytest.fixture
def clients(catalog, two_factor_login):
    out = {}
    dordrecht = Municipality.objects.get(name="Dordrecht")
    for name, role, partner, municipality in (("analist", "analyst", None, None), ("essm", "partner", "essm_care", None),
                                              ("dordrecht", "municipality", None, dordrecht)):
        user = User.objects.create_user(name, password="een-lang-wachtwoord-123")
        Profile.objects.create(user=user, role=role, partner=Partner.objects.get(code=partner) if partner else None,
                               municipality=municipality)
        out[name] = Client()
        two_factor_login(out[name], user)
    return out


def test_municipality_enters_and_analyst_checks(clients):
    dordrecht = Municipality.objects.get(name="Dordrecht").code
    form = {"year": 2022, "title": "Voorlichting wijkmanagers", "kind": "training", "started_on": "2022-03-01",
            "municipalities": [dordrecht], "reach_kind": "trained", "reach": 14}
    page = clients["dordrecht"].post("/beheer/bewustwording/", form, follow=True)
    assert "de analist controleert" in page.content.decode()
    activity = AwarenessActivity.objects.get()
    assert activity.status == "submitted" and activity.entered_by_label == "dordrecht"
    other = clients["dordrecht"].post("/beheer/bewustwording/", {**form, "municipalities": ["GM0599"]})
    assert other.status_code == 400 and AwarenessActivity.objects.count() == 1
    assert clients["dordrecht"].post(f"/beheer/bewustwording/{activity.pk}/controle/",
                                     {"action": "accept"}).status_code == 403
    clients["analist"].post(f"/beheer/bewustwording/{activity.pk}/controle/", {"action": "reject"})
    assert AwarenessActivity.objects.get().status == "submitted"  # a rejection needs a reason
    clients["analist"].post(f"/beheer/bewustwording/{activity.pk}/controle/", {"action": "accept"})
    assert AwarenessActivity.objects.get().status == "validated"
    listing = clients["analist"].get("/beheer/bewustwording/?jaar=2022").content.decode()
    assert "Voorlichting wijkmanagers" in listing and "gecontroleerd" in listing
    assert AuditEvent.objects.filter(action="awareness.checked").count() == 1


def test_partner_is_refused(clients):
    assert clients["essm"].get("/beheer/bewustwording/").status_code == 403
    assert clients["essm"].post("/beheer/bewustwording/", {"year": 2022, "title": "x"}).status_code == 403


def test_demo_activities_are_valid_and_published(catalog):
    from zicht.demo.awareness import load_demo_awareness

    assert load_demo_awareness(2022) == 12
    ctx = ReportContext(year=2022, store=FigureStore(range(2021, 2023)), catalog=get_catalog())
    table, _chart = Awareness().blocks(ctx)
    fairwork = next(cells for label, cells in table.rows if label.startswith("Training FairWork"))
    assert fairwork[3].display() == "12 getrainde of voorgelichte personen"
