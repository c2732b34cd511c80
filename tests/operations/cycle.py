"""Steps of the backup tests, each run in its own process with its own ZICHT_DATA_DIR / DATABASE_URL.

``python cycle.py publish``: migrate, load the catalog and the demo deliveries, publish 2022.
``python cycle.py check OUT.json``: in a restored installation, fetch every artefact of every
publication from the web application and render the report again from the restored rows; write
what was served and rebuilt (as SHA-256 per artefact) to OUT.json.

The clock is pinned (freezegun) for the publish and the rebuild alike: the report's HTML says when
it was rendered (to the minute), so a rebuild is byte-identical only at the same clock.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

CLOCK = "2023-05-18 10:30:00+02:00"


def setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zicht.conf.settings")
    import django

    django.setup()


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
    load_demo_deliveries()
    with freeze_time(CLOCK):
        publication, _ = publish_period(2022, NARRATIVE_DIR)
    print(json.dumps({"publication": publication.pk, "artefacts": publication.artefacts.count()}))


def check(out: Path) -> None:
    from django.test import Client
    from freezegun import freeze_time

    from zicht.demo.loader import NARRATIVE_DIR
    from zicht.publish.models import Publication
    from zicht.publish.report import ReportStatus, render_report

    client = Client()
    result = {"served": {}, "rebuilt": {}, "pages": {}}
    for publication in Publication.objects.order_by("year", "version"):
        for artefact in publication.artefacts.order_by("name"):
            url = f"/monitor/{publication.year}/v{publication.version}/{artefact.name}"
            response = client.get(url)
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
        response = client.get(url)
        result["pages"][url] = response.status_code
    out.write_text(json.dumps(result), encoding="utf-8")


if __name__ == "__main__":
    setup()
    if sys.argv[1] == "publish":
        publish()
    elif sys.argv[1] == "check":
        check(Path(sys.argv[2]))
