"""Steps of the backup tests, each run in its own process with its own ZICHT_DATA_DIR / DATABASE_URL.

``python cycle.py publish``: migrate, load the catalog and the demo deliveries, publish 2022.
``python cycle.py check OUT.json``: in a restored installation, fetch every artefact of every
publication from the web application and render the report again from the restored rows; write
what was served and rebuilt (as SHA-256 per artefact) to OUT.json.
``python cycle.py prepare-demo``: migrate, catalog and demo deliveries, nothing published.
``python cycle.py publish-killed POINT``: publish 2022 and die by SIGKILL at POINT (``staging``: while
the version's files are being written; ``rename``: all written, before the folder is moved into
place; ``commit``: inside the database transaction, rows written, before the commit).
``python cycle.py prepare-large DIR`` / ``submit-large DIR``: the benchmark's national catalog and its
100,000-row delivery (``bench/gen_national_delivery.py``), then storing that delivery.
``python cycle.py get URL...``: status codes of URLs in this installation (JSON).

The clock is pinned (freezegun) for the publish and the rebuild alike: the report's HTML says when
it was rendered (to the minute), so a rebuild is byte-identical only at the same clock.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import sys
from pathlib import Path

CLOCK = "2023-05-18 10:30:00+02:00"


def setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zicht.conf.settings")
    import django

    django.setup()


def make_analyst():
    """An analyst with a profile, a second factor (TOTP and backup codes) and an API token."""
    from django.contrib.auth import get_user_model
    from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from zicht.accounts.models import Profile
    from zicht.accounts.tokens import issue_token

    user = get_user_model().objects.create_user("analist-bron", password="een-lang-wachtwoord-123")
    Profile.objects.update_or_create(user=user, defaults={"role": Profile.Role.ANALYST})
    TOTPDevice.objects.create(user=user, name="default", confirmed=True)
    backup = StaticDevice.objects.create(user=user, name="backup", confirmed=True)
    backup.token_set.create(token=StaticToken.random_token())
    issue_token(user.username, "export")
    return user


def _load_before_freezing() -> None:
    """pandas checks the size of ``datetime`` in its C extensions when it loads; under freezegun's fake
    ``datetime`` that check fails and the process crashes. The engines load pandas only when used, so it
    is loaded here, before the clock is frozen."""
    import pandas  # noqa: F401

    import zicht.engines.disclosure.audit  # noqa: F401


def publish() -> None:
    from django.conf import settings
    from django.core.management import call_command

    Path(settings.BASE_DIR).mkdir(parents=True, exist_ok=True)
    from freezegun import freeze_time

    call_command("migrate", verbosity=0)
    from zicht.catalog.services import load_catalog
    from zicht.demo.loader import NARRATIVE_DIR, load_demo_deliveries
    from zicht.publish.services import publish_period

    load_catalog()
    analyst = make_analyst()
    load_demo_deliveries(user=analyst)
    _load_before_freezing()
    with freeze_time(CLOCK):
        publication, _ = publish_period(2022, NARRATIVE_DIR, actor=analyst)
    print(json.dumps({"publication": publication.pk, "artefacts": publication.artefacts.count()}))


def check(out: Path) -> None:
    from django.test import Client
    from freezegun import freeze_time

    from zicht.demo.loader import NARRATIVE_DIR
    from zicht.publish.models import Publication
    from zicht.publish.report import ReportStatus, render_report

    client = Client()
    _load_before_freezing()
    result = {"served": {}, "rebuilt": {}, "pages": {}}
    for publication in Publication.objects.order_by("year", "version"):
        for artefact in publication.artefacts.order_by("name"):
            url = f"/monitor/{publication.year}/v{publication.version}/{artefact.name}"
            response = client.get(url, secure=True)  # HTTPS, as behind the proxy
            body = b"".join(response) if response.streaming else response.content
            result["served"][f"{publication.folder}/{artefact.name}"] = (
                response.status_code, hashlib.sha256(body).hexdigest())
        with freeze_time(CLOCK):
            status = ReportStatus.publication(publication.year, publication.version, publication.correction_note)
            rendered = render_report(publication.year, NARRATIVE_DIR, status=status,
                                     recode=[(r["indicator"], r["dimension"], tuple(r["codes"]))
                                             for r in publication.recodings] or None)
        for name, data in rendered.files.items():
            result["rebuilt"][f"{publication.folder}/{name}"] = hashlib.sha256(data).hexdigest()
    for url in ("/", "/monitor/2022/", "/monitor/2022.pdf", "/open-data/monitor-2022-tabellen.csv"):
        response = client.get(url, secure=True)  # HTTPS, as behind the proxy
        result["pages"][url] = response.status_code
    out.write_text(json.dumps(result), encoding="utf-8")


def prepare_demo() -> None:
    from django.conf import settings
    from django.core.management import call_command

    Path(settings.BASE_DIR).mkdir(parents=True, exist_ok=True)
    call_command("migrate", verbosity=0)
    from zicht.catalog.services import load_catalog
    from zicht.demo.loader import load_demo_deliveries

    load_catalog()
    load_demo_deliveries()


def _die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def publish_killed(point: str) -> None:
    """Publish 2022, killing this process (SIGKILL: no cleanup runs) at ``point``."""
    from zicht.demo.loader import NARRATIVE_DIR
    from zicht.publish.services import publish_period

    opened = []

    def in_transaction(frame, event, arg):
        if event == "call" and frame.f_code.co_name == "mark_published":
            _die()

    def hook(event, args):
        if event == "open" and ".v1-" in str(args[0]) and str(args[1]).startswith("w"):
            opened.append(args[0])
            if point == "staging" and len(opened) == 5:
                _die()
        elif event == "os.rename" and ".v1-" in str(args[0]):
            if point == "rename":
                _die()
            if point == "commit":
                sys.setprofile(in_transaction)

    sys.addaudithook(hook)
    publish_period(2022, NARRATIVE_DIR)
    print("not killed")


def prepare_large(folder: Path) -> None:
    from django.conf import settings
    from django.core.management import call_command

    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from bench.gen_national_delivery import generate
    from zicht.catalog.definitions import load
    from zicht.catalog.services import load_catalog

    Path(settings.BASE_DIR).mkdir(parents=True, exist_ok=True)
    call_command("migrate", verbosity=0)
    generate(folder, regions=False)
    load_catalog(load(folder / "catalog"))


def submit_large(folder: Path) -> None:
    from zicht.catalog.definitions import load
    from zicht.intake.services import submit_bytes

    path = folder / "national-100k.csv"
    outcome = submit_bytes(path.read_bytes(), path.name, "landelijk", 2023, catalog=load(folder / "catalog"))
    print(json.dumps({"cells": len(outcome.result.cells)}))


def get(urls: list[str]) -> None:
    from django.test import Client

    client = Client()
    print(json.dumps({url: client.get(url, secure=True).status_code for url in urls}))


if __name__ == "__main__":
    setup()
    action = sys.argv[1]
    if action == "publish":
        publish()
    elif action == "check":
        check(Path(sys.argv[2]))
    elif action == "prepare-demo":
        prepare_demo()
    elif action == "publish-killed":
        publish_killed(sys.argv[2])
    elif action == "prepare-large":
        prepare_large(Path(sys.argv[2]))
    elif action == "submit-large":
        submit_large(Path(sys.argv[2]))
    elif action == "get":
        get(sys.argv[2:])
