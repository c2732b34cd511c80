"""The cockpit's home lists the reporting routes that were never, or not in the past year, verified."""

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.test import Client

from zicht.accounts.models import Profile
from zicht.signalling.services import stale_routes

pytestmark = pytest.mark.django_db


def test_home_lists_routes_unverified_for_more_than_a_year(two_factor_login):
    user = User.objects.create_user("analist", password="een-lang-wachtwoord-123")
    Profile.objects.create(user=user, role=Profile.Role.ANALYST)
    client = Client()
    two_factor_login(client, user)
    page = client.get("/beheer/").content.decode()
    assert "Meldroutes om te controleren" in page
    stale = stale_routes()
    for route in stale:
        assert f"/beheer/meldroutes/{route.code}/" in page
    later = stale_routes(today=dt.date.today() + dt.timedelta(days=3 * 365))
    assert len(later) >= len(stale) and later  # every check grows old
