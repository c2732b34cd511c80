"""The analyst's cockpit: the year overview, reminders, the year's status through the web with the
CLI's audit events, a draft built by the worker with its progress, publication after one confirmation;
nobody but an analyst gets in."""

import io
import re

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.core.management import call_command
from django.test import Client

from zicht.accounts.models import Profile
from zicht.audit.models import AuditEvent
from zicht.catalog.models import Partner, Period
from zicht.catalog.services import load_catalog
from zicht.figures.checks import figure_warnings, municipal_shortfall
from zicht.intake.services import submit_bytes
from zicht.publish.models import DraftBuild, Publication, PublishRequest
from zicht.publish.report import BUILD_STEPS

pytestmark = pytest.mark.django_db

POLICE_2021 = b"indicator,value\npolice.complaints,10\n"
POLICE_2022 = b"indicator,value\npolice.complaints,30\n"
LINE_2022 = b"indicator,municipality,value\nessm_line.contacts,,100\nessm_line.contacts,GM0599,60\nessm_line.contacts,GM0505,10\n"
VAR_2022 = b"indicator,value\nvar.assumed_victims_low,500\nvar.assumed_victims_high,600\n"


def _user(name, role, login, partner=None, email=""):
    user = User.objects.create_user(name, password="een-lang-wachtwoord-123", email=email)
    Profile.objects.create(
        user=user, role=role, partner=Partner.objects.get(code=partner) if partner else None
    )
    client = Client()
    login(client, user)
    return client


@pytest.fixture
def clients(two_factor_login):
    load_catalog()
    return {
        "analyst": _user("analist", Profile.Role.ANALYST, two_factor_login),
        "care": _user(
            "essm", Profile.Role.PARTNER, two_factor_login, "essm_care", "zorg@example.org"
        ),
        "reader": _user("gemeente", Profile.Role.MUNICIPALITY, two_factor_login),
        "anonymous": Client(),
    }


@pytest.fixture
def deliveries(clients):
    analyst = User.objects.get(username="analist")
    submit_bytes(POLICE_2021, "politie-2021.csv", "police_tmm", 2021, user=analyst)
    submit_bytes(POLICE_2022, "politie.csv", "police_tmm", 2022, user=analyst)
    submit_bytes(LINE_2022, "meldpunt.csv", "essm_line", 2022, user=analyst)
    submit_bytes(VAR_2022, "var.csv", "var", 2022, user=analyst)


def _actions(**filters):
    return list(
        AuditEvent.objects.filter(**filters).order_by("id").values_list("action", flat=True)
    )


def test_warnings_rule_is_intakes_and_a_municipal_split_short_of_the_total_is_named(deliveries):
    warnings = figure_warnings(2022)
    assert "10 → 30" in warnings["police.complaints"][0]
    assert "30 niet aan een gemeente toegewezen" in warnings["essm_line.contacts"][0]
    assert municipal_shortfall(100, {"GM0599": 100}) == 0 and municipal_shortfall(None, {}) == 0


def test_year_overview_shows_who_delivered_and_leaves_out_internal_sources(clients, deliveries):
    page = clients["analyst"].get("/beheer/jaar/2022/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Politie-eenheid Rotterdam" in text or "Politie" in text
    assert "analist" in text  # delivered by a person, not "systeem"
    assert (
        "niet geleverd" in text and "10 → 30" in text and "niet aan een gemeente toegewezen" in text
    )
    overview = page.context["o"]
    missing = {p.code for p in overview.missing}
    assert "essm_care" in missing and "police_tmm" not in missing
    assert not missing & {
        "var",
        "linkage",
        "national",
    }  # the alliance's own figures never "fail to deliver"
    assert {"var", "linkage"} <= {p.code for p in overview.internal}
    out = io.StringIO()
    call_command("period", "--year", "2022", stdout=out)  # the CLI counts the same way
    assert (
        f"Nog niets geleverd: {len(missing)} van {len(overview.external)} partners"
        in out.getvalue()
    )
    visible = re.sub(r"<[^>]+>", " ", text)  # what people read (codes in anchors are not shown)
    for code in ("essm_care", "police_tmm", "police.complaints", "fier + nla"):
        assert code not in visible
    assert "CET" in text or "CEST" in text  # times with their zone
    assert AuditEvent.objects.filter(
        action="data.viewed", message__contains="cockpit-jaar"
    ).exists()


def test_reminder_mails_the_contacts_of_missing_partners_and_is_audited(clients, deliveries):
    analyst = clients["analyst"]
    page = analyst.get("/beheer/jaar/2022/herinnering/")
    assert "zorg@example.org" in page.content.decode()
    response = analyst.post(
        "/beheer/jaar/2022/herinnering/",
        {"subject": "Cijfers 2022", "body": "Beste {partner}, graag uw cijfers."},
    )
    assert response.status_code == 302
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["zorg@example.org"]
    assert mail.outbox[0].body.startswith("Beste Stichting Humanitas, ESSM hulpverlening,")
    event = AuditEvent.objects.get(action="reminder.sent")
    assert event.actor.username == "analist" and event.details["partners"] == ["essm_care"]
    # an empty text is refused, audited, nothing sent
    analyst.post("/beheer/jaar/2022/herinnering/", {"subject": "", "body": ""})
    assert (
        len(mail.outbox) == 1 and AuditEvent.objects.filter(action="cockpit.refused").count() == 1
    )


def test_open_close_reopen_through_the_web_write_the_clis_events(clients):
    analyst = clients["analyst"]
    for bad in ("", "twintig", "1850"):  # refused with a message, audited, nothing made
        response = analyst.post("/beheer/jaar/", {"year": bad}, follow=True)
        assert response.status_code == 200 and "Geef een jaartal op" in response.content.decode()
    assert not Period.objects.exists()
    assert AuditEvent.objects.filter(action="cockpit.refused").count() == 3
    analyst.post("/beheer/jaar/", {"year": "2030"})
    analyst.post("/beheer/jaar/2030/deadline/", {"deadline": "2031-03-01"})
    analyst.post("/beheer/jaar/2030/status/", {"action": "close", "reason": "deadline voorbij"})
    assert Period.objects.get(year=2030).status == Period.Status.CLOSED
    analyst.post(
        "/beheer/jaar/2030/status/", {"action": "reopen", "reason": ""}
    )  # a reason is required
    assert Period.objects.get(year=2030).status == Period.Status.CLOSED
    analyst.post(
        "/beheer/jaar/2030/status/", {"action": "reopen", "reason": "late levering politie"}
    )
    assert Period.objects.get(year=2030).status == Period.Status.OPEN
    web = _actions(details__year=2030, actor__username="analist")
    assert web == [
        "period.opened",
        "period.deadline_set",
        "period.closed",
        "cockpit.refused",
        "period.reopened",
    ]
    call_command("period", "--year", "2031", "--open", stdout=None)
    call_command("period", "--year", "2031", "--close", stdout=None)
    call_command("period", "--year", "2031", "--reopen", "--reason", "late levering", stdout=None)
    assert _actions(details__year=2031) == ["period.opened", "period.closed", "period.reopened"]
    assert 'value="2031-03-01"' in analyst.get("/beheer/jaar/2030/").content.decode()


def test_non_analysts_are_refused(clients):
    assert clients["care"].get("/beheer/")["Location"].endswith("/beheer/aanleveren/")
    assert clients["reader"].get("/beheer/")["Location"] == "/"
    for url in (
        "/beheer/jaar/2022/",
        "/beheer/jaar/2022/koppeling/",
        "/beheer/jaar/2022/publiceren/",
        "/beheer/jaar/2022/herinnering/",
    ):
        assert clients["care"].get(url).status_code == 403
        assert clients["reader"].get(url).status_code == 403
        assert "/accounts/login/" in clients["anonymous"].get(url)["Location"]
    assert clients["care"].post("/beheer/jaar/2022/status/", {"action": "close"}).status_code == 403
    assert not Period.objects.filter(year=2022).exists()


def test_build_report_reports_its_steps_in_order(deliveries, settings, tmp_path):
    from zicht.publish.report import build_report

    seen = []
    build_report(2022, tmp_path / "concept", pdf=False, progress=seen.append)
    assert tuple(seen) == BUILD_STEPS


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)  # the worker closes its connection, as in production
def test_preview_by_the_worker_then_publish_after_one_confirmation(clients, deliveries):
    analyst = clients["analyst"]
    assert (
        "Er is nog geen afgebouwd concept"
        in analyst.get("/beheer/jaar/2022/publiceren/").content.decode()
    )
    response = analyst.post(
        "/beheer/jaar/2022/concept/"
    )  # queued when the request's transaction commits
    build = DraftBuild.objects.get()
    assert response["Location"] == f"/beheer/jaar/2022/concept/{build.pk}/"
    waiting = analyst.get(response["Location"]).content.decode()
    assert "zicht/progress.js" in waiting and "onthullingscontrole: wacht" in waiting
    call_command("worker", "--batch", "--no-startup-delay", verbosity=0)  # the worker runs the job
    build.refresh_from_db()
    assert build.status == DraftBuild.Status.DONE, build.error
    assert build.step == "rendering" and build.summary["suppressed_cells"] >= 0
    done = analyst.get(response["Location"]).content.decode()
    assert "progress.js" not in done and "monitor-2022.pdf" in done
    pdf = analyst.get("/beheer/concepten/2022/monitor-2022.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert "CONCEPT" in analyst.get("/beheer/concepten/2022/monitor-2022.html").content.decode()
    assert clients["care"].get("/beheer/concepten/2022/monitor-2022.html").status_code == 403
    assert Publication.objects.count() == 0

    confirm = analyst.get("/beheer/jaar/2022/publiceren/").content.decode()
    tables = len(build.summary["tables"])
    assert (
        f"{tables} tabellen" in confirm
        and "onderdrukte cel" in confirm
        and "Ja, publiceer" in confirm
    )
    assert build.summary["tables"][0]["caption"] in confirm
    response = analyst.post("/beheer/jaar/2022/publiceren/", {"build": build.pk})
    job = PublishRequest.objects.get()  # queued for the worker; nothing published in the request
    assert response["Location"] == f"/beheer/jaar/2022/publiceren/{job.pk}/"
    assert job.status == PublishRequest.Status.QUEUED and job.draft == build
    assert Publication.objects.count() == 0
    assert _actions(action="publication.requested", actor__username="analist") == [
        "publication.requested"
    ]
    waiting = analyst.get(response["Location"]).content.decode()
    assert "zicht/progress.js" in waiting and 'aria-live="polite"' in waiting
    assert "vastleggen (bestanden en publicatie): wacht" in waiting
    call_command("worker", "--batch", "--no-startup-delay", verbosity=0)  # the worker publishes
    job.refresh_from_db()
    assert job.status == PublishRequest.Status.DONE, job.error
    assert job.step == "freezing" and job.finished_at is not None
    publication = Publication.objects.get(year=2022)
    assert job.publication == publication
    assert publication.version == 1 and publication.published_by.username == "analist"
    assert len(publication.tables) == tables
    assert Period.objects.get(year=2022).status == Period.Status.PUBLISHED
    assert _actions(action="publication.frozen", actor__username="analist") == [
        "publication.frozen"
    ]
    done = analyst.get(response["Location"]).content.decode()
    assert "progress.js" not in done and "Stand verversen" not in done
    assert '<p class="ok" role="status">De monitor 2022 is gepubliceerd als versie 1.</p>' in done
    assert 'href="/monitor/2022/v1/"' in done and 'href="/beheer/jaar/2022/"' in done
    # a second publish without reopening is refused at once, audited, nothing queued or changed
    refused = analyst.post("/beheer/jaar/2022/publiceren/", {"build": build.pk}, follow=True)
    assert "al gepubliceerd (versie 1) en ligt vast" in refused.content.decode()
    assert (
        Publication.objects.count() == 1
        and PublishRequest.objects.count() == 1
        and AuditEvent.objects.filter(action="cockpit.refused").exists()
    )


def _done_draft(year=2022):
    """A finished draft row, built after the deliveries (what the confirmation page needs to exist)."""
    from django.utils import timezone

    now = timezone.now()
    return DraftBuild.objects.create(
        year=year, status=DraftBuild.Status.DONE, step="rendering", started_at=now, finished_at=now,
        summary={"tables": [], "suppressed_cells": 0, "factsheets": 0, "files": [], "recodings": []},
    )


def test_a_stale_draft_is_refused_before_anything_is_queued(clients, deliveries):
    analyst = clients["analyst"]
    build = _done_draft()
    submit_bytes(POLICE_2022.replace(b"30", b"31"), "politie-2.csv", "police_tmm", 2022)
    response = analyst.post("/beheer/jaar/2022/publiceren/", {"build": build.pk}, follow=True)
    assert "Het concept is verouderd (1 nieuwe levering(en)" in response.content.decode()
    assert not PublishRequest.objects.exists() and not Publication.objects.exists()
    assert AuditEvent.objects.filter(action="cockpit.refused", details__what="publiceren").count() == 1
    assert not AuditEvent.objects.filter(action="publication.requested").exists()


def test_a_second_request_while_one_is_queued_is_refused(clients, deliveries):
    analyst = clients["analyst"]
    build = _done_draft()
    first = analyst.post("/beheer/jaar/2022/publiceren/", {"build": build.pk})
    job = PublishRequest.objects.get()
    assert first["Location"] == f"/beheer/jaar/2022/publiceren/{job.pk}/"
    second = analyst.post("/beheer/jaar/2022/publiceren/", {"build": build.pk}, follow=True)
    assert f"Er loopt al een publicatie van de monitor 2022 (verzoek {job.pk}, in de wachtrij)" in (
        second.content.decode()
    )
    assert PublishRequest.objects.count() == 1 and not Publication.objects.exists()
    assert AuditEvent.objects.filter(action="cockpit.refused", details__what="publiceren").count() == 1
    assert AuditEvent.objects.filter(action="publication.requested").count() == 1
    # the confirmation page and the year page point at the running job instead
    confirm = analyst.get("/beheer/jaar/2022/publiceren/").content.decode()
    assert "wordt al gepubliceerd" in confirm and "Ja, publiceer" not in confirm
    assert f"/beheer/jaar/2022/publiceren/{job.pk}/" in analyst.get("/beheer/jaar/2022/").content.decode()
    # the database itself holds one active request per year
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        PublishRequest.objects.create(year=2022, draft=build, status=PublishRequest.Status.RUNNING)


def test_the_progress_page_without_javascript_has_a_refresh_link(clients, deliveries):
    analyst = clients["analyst"]
    build = _done_draft()
    url = analyst.post("/beheer/jaar/2022/publiceren/", {"build": build.pk})["Location"]
    page = analyst.get(url).content.decode()
    assert f'<a id="refresh-link" href="{url}">Stand verversen</a>' in page
    assert '<div id="live-progress" data-running="true" aria-live="polite">' in page
    assert '<meta http-equiv="refresh"' not in page
    assert clients["care"].get(url).status_code == 403
    assert analyst.get("/beheer/jaar/2022/publiceren/999999/").status_code == 404


def test_a_request_whose_worker_stopped_no_longer_blocks_the_year(clients, deliveries):
    import datetime as dt

    from django.utils import timezone

    analyst = clients["analyst"]
    build = _done_draft()
    lost = PublishRequest.objects.create(  # "running" for five hours: its worker was killed
        year=2022, draft=build, status=PublishRequest.Status.RUNNING, step="rendering",
        started_at=timezone.now() - dt.timedelta(hours=5),
    )
    response = analyst.post("/beheer/jaar/2022/publiceren/", {"build": build.pk})
    job = PublishRequest.objects.get(status=PublishRequest.Status.QUEUED)
    assert response["Location"] == f"/beheer/jaar/2022/publiceren/{job.pk}/"
    lost.refresh_from_db()
    assert lost.status == PublishRequest.Status.FAILED and "gestopt" in lost.error
    assert AuditEvent.objects.filter(action="publication.request_failed", object_id=str(lost.pk)).exists()


@pytest.mark.django_db(transaction=True)  # the worker closes its connection, as in production
def test_a_failure_at_run_time_is_recorded_and_shown_and_publishes_nothing(
    clients, deliveries, settings, tmp_path
):
    analyst = clients["analyst"]
    settings.ZICHT_NARRATIVE_DIR = tmp_path / "tekst"
    build = _done_draft()
    url = analyst.post("/beheer/jaar/2022/publiceren/", {"build": build.pk})["Location"]
    job = PublishRequest.objects.get()
    # while it waits, a text with a small count lands in the narrative folder: publish_period refuses
    (tmp_path / "tekst" / "2022").mkdir(parents=True)
    (tmp_path / "tekst" / "2022" / "politie.md").write_text("De politie sprak 2 slachtoffers.\n")
    call_command("worker", "--batch", "--no-startup-delay", verbosity=0)
    job.refresh_from_db()
    assert job.status == PublishRequest.Status.FAILED and job.publication is None
    assert "onthullingsdrempel" in job.error and "2 slachtoffers" in job.error
    assert not Publication.objects.exists()
    assert not Period.objects.filter(year=2022, status=Period.Status.PUBLISHED).exists()
    assert AuditEvent.objects.filter(action="publication.request_failed").count() == 1
    assert AuditEvent.objects.filter(action="publication.refused").count() == 1  # publish_period's own
    page = analyst.get(url).content.decode()
    assert '<div class="error-box" role="alert">' in page and "2 slachtoffers" in page
    assert "progress.js" not in page and 'href="/beheer/jaar/2022/publiceren/"' in page
    # nothing is left running: the analyst may ask again (refused at once now: the text is checked first)
    again = analyst.post("/beheer/jaar/2022/publiceren/", {"build": build.pk}, follow=True)
    assert "onthullingsdrempel" in again.content.decode()
    assert PublishRequest.objects.count() == 1


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)  # the worker closes its connection, as in production
def test_linkage_started_from_the_cockpit_shows_persons_histories_and_estimate(clients, tmp_path):
    from zicht.demo.synthetic import synthetic_encoded_deliveries
    from zicht.records.models import LinkageRun
    from zicht.records.services import submit_encoded

    analyst = clients["analyst"]
    analyst.post("/beheer/jaar/2022/koppeling/")  # fewer than two case files: refused, audited
    assert (
        not LinkageRun.objects.exists()
        and AuditEvent.objects.filter(action="cockpit.refused").exists()
    )
    encoded = synthetic_encoded_deliveries(2022, tmp_path / "secret.key", secret=bytes(range(32)))
    for partner, content in encoded.items():
        submit_encoded(content, f"{partner}.csv", partner, 2022, synthetic=True)
    analyst.post("/beheer/jaar/2022/koppeling/")
    run = LinkageRun.objects.get()
    assert run.requested_by.username == "analist"
    assert (
        "progress.js" in analyst.get("/beheer/jaar/2022/koppeling/").content.decode()
    )  # still queued
    call_command("worker", "--batch", "--no-startup-delay", verbosity=0)
    run.refresh_from_db()
    assert run.status == LinkageRun.Status.DONE, run.error
    page = analyst.get("/beheer/jaar/2022/koppeling/").content.decode()
    visible = re.sub(r"<[^>]+>", " ", page)
    assert f"{run.result['persons']} unieke personen" in visible
    assert "Vangstgeschiedenissen" in visible and "Gevoeligheid" in visible and "Geschat" in visible
    assert not any(code in visible for code in encoded)  # partners by name, never their codes
    assert clients["care"].get("/beheer/jaar/2022/koppeling/").status_code == 403
    assert AuditEvent.objects.filter(
        action="data.viewed", message__contains="koppeling-jaar"
    ).exists()
