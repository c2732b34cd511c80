"""The region keeps the routes' contact details current in the cockpit: a check overrides the file's
details (append-only, audited), stale routes are listed, and only analysts and administrators may."""

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.db import DatabaseError, transaction
from django.test import Client

from zicht.accounts.models import Profile
from zicht.audit.models import AuditEvent
from zicht.catalog.models import Partner
from zicht.catalog.services import load_catalog
from zicht.signalling import services
from zicht.signalling.models import RouteCheck

pytestmark = pytest.mark.django_db


def test_a_check_overrides_the_file_and_keeps_the_guarantees():
    user = User.objects.create_user("analist")
    file_codes = [r.code for r in services.route_map().routes]
    check = services.update_route("politie", phone="0900-8844", address="Doelwater 5, Rotterdam",
                                  hours="24 uur per dag", verified=True, actor=user, today=dt.date(2026, 12, 1))
    route = next(r for r in services.current_route_map().routes if r.code == "politie")
    assert (route.contact, route.address, route.hours, route.verified) == ("0900-8844", "Doelwater 5, Rotterdam",
                                                                           "24 uur per dag", True)
    assert route.last_checked == dt.date(2026, 12, 1) and route.checked_by == "analist"
    assert [r.code for r in services.current_route_map().routes] == file_codes
    event = AuditEvent.objects.get(action="route.updated")
    assert event.details["after"]["address"] == "Doelwater 5, Rotterdam" and event.details["before"]["address"] == ""
    with pytest.raises((DatabaseError, RuntimeError)), transaction.atomic():
        RouteCheck.objects.filter(pk=check.pk).update(phone="1")
    with pytest.raises(DatabaseError), transaction.atomic():
        RouteCheck.objects.filter(pk=check.pk).delete()


def test_stale_routes():
    user = User.objects.create_user("analist")
    today = dt.date(2028, 1, 1)
    stale = {r.code for r in services.stale_routes(today)}
    assert "politie" in stale  # checked 2026-11-30 in the file: more than a year before
    services.update_route("politie", phone="0900-8844", address="", hours="", verified=True, actor=user,
                          today=dt.date(2027, 12, 1))
    assert "politie" not in {r.code for r in services.stale_routes(today)}
    services.update_route("politie", phone="0900-8844", address="", hours="", verified=False, actor=user)
    assert "politie" in {r.code for r in services.stale_routes(today)}


def test_bad_input_is_refused_and_audited():
    user = User.objects.create_user("analist")
    with pytest.raises(services.RouteUpdateError):
        services.update_route("bestaat-niet", phone="", address="", hours="", verified=False, actor=user)
    with pytest.raises(services.RouteUpdateError, match="telefoonnummer"):
        services.update_route("politie", phone="bel maar", address="", hours="", verified=True, actor=user)
    assert not RouteCheck.objects.exists()
    assert AuditEvent.objects.filter(action="route.update_refused").count() == 2


@pytest.fixture
def clients(two_factor_login):
    load_catalog()
    out = {}
    for name, role, partner in (("analist", "analyst", None), ("essm", "partner", "essm_care"),
                                ("gemeente", "municipality", None)):
        user = User.objects.create_user(name, password="een-lang-wachtwoord-123")
        Profile.objects.create(user=user, role=role, partner=Partner.objects.get(code=partner) if partner else None)
        out[name] = Client()
        two_factor_login(out[name], user)
    return out


def test_cockpit_pages(clients):
    analyst = clients["analist"]
    page = analyst.get("/beheer/meldroutes/").content.decode()
    assert "Meldroutes beheren" in page and "Politie (AVIM" in page
    assert analyst.get("/beheer/meldroutes/politie/").status_code == 200
    bad = analyst.post("/beheer/meldroutes/politie/", {"phone": "x", "address": "", "hours": ""})
    assert bad.status_code == 400 and "telefoonnummer" in bad.content.decode()
    done = analyst.post("/beheer/meldroutes/politie/", {"phone": "0900-8844", "address": "Doelwater 5",
                                                        "hours": "altijd", "verified": "on"}, follow=True)
    assert "Meldroute bijgewerkt" in done.content.decode()
    public = Client().get("/meldroutekaart/").content.decode()
    assert "Doelwater 5" in public and "Bereikbaar: altijd" in public
    assert analyst.get("/beheer/meldroutes/bestaat-niet/").status_code == 404


@pytest.mark.parametrize("who", ["essm", "gemeente"])
def test_partners_and_readers_are_refused(clients, who):
    client = clients[who]
    assert client.get("/beheer/meldroutes/").status_code == 403
    assert client.post("/beheer/meldroutes/politie/", {"phone": "0800-0000", "verified": "on"}).status_code == 403
    assert not RouteCheck.objects.exists()
