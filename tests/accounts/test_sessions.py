"""A login lasts at most ZICHT_SESSION_MAX_SECONDS and ends after ZICHT_SESSION_IDLE_SECONDS without a
request; the next page with unpublished data then asks for a new login."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone
from freezegun import freeze_time

from zicht.accounts.models import Profile
from zicht.accounts.sessions import STARTED

from ..conftest import PASSWORD

pytestmark = pytest.mark.django_db
PAGE = "/beheer/koppelingen/"


@pytest.fixture
def session(two_factor_login):
    user = User.objects.create_user("analist", password=PASSWORD)
    Profile.objects.create(user=user, role=Profile.Role.ANALYST)
    client = Client()
    two_factor_login(client, user)
    assert client.get(PAGE).status_code == 200
    return client


def _sent_to_login(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_defaults_suit_unpublished_victim_data(settings):
    assert settings.SESSION_COOKIE_AGE == 8 * 3600 and settings.ZICHT_SESSION_IDLE_SECONDS == 30 * 60
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE


def test_idle_session_ends(session, settings):
    start = timezone.now()
    with freeze_time(start + timedelta(seconds=settings.ZICHT_SESSION_IDLE_SECONDS - 60)):
        assert session.get(PAGE).status_code == 200  # still active: the clock restarts
    with freeze_time(start + timedelta(seconds=2 * settings.ZICHT_SESSION_IDLE_SECONDS - 120)):
        assert session.get(PAGE).status_code == 200
    with freeze_time(start + timedelta(seconds=3 * settings.ZICHT_SESSION_IDLE_SECONDS)):
        assert _sent_to_login(session.get(PAGE))
        assert "_auth_user_id" not in session.session


def test_an_active_session_still_ends_at_the_maximum(session, settings):
    # The clock starts at the login the middleware recorded (whole seconds), not at "now": a second
    # boundary between the two made the last in-limit request land a second past the maximum (a CI run).
    start = datetime.fromtimestamp(session.session[STARTED], tz=UTC)
    step = timedelta(seconds=settings.ZICHT_SESSION_IDLE_SECONDS // 2)
    moment = start
    while moment - start < timedelta(seconds=settings.SESSION_COOKIE_AGE - 60):
        moment += step
        with freeze_time(moment):
            response = session.get(PAGE)
        if moment - start <= timedelta(seconds=settings.SESSION_COOKIE_AGE):
            assert response.status_code == 200, moment - start
    with freeze_time(start + timedelta(seconds=settings.SESSION_COOKIE_AGE + 60)):
        assert _sent_to_login(session.get(PAGE))
