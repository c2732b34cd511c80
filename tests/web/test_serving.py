"""Production serving inside the application: static files through WhiteNoise, the request-size cap,
and the options `zicht serve` and `zicht worker` start with."""

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from zicht.audit.models import AuditEvent
from zicht.intake.models import Submission
from zicht.web.gunicorn_app import default_workers, server_options
from zicht.web.management.commands.worker import Command as WorkerCommand
from zicht.web.middleware import max_request_bytes


@pytest.mark.parametrize("path, content_type", [
    ("/static/admin/css/base.css", "text/css"),  # the admin's styles
    ("/static/rest_framework/css/bootstrap.min.css", "text/css"),  # the browsable API's styles
    ("/static/admin/js/core.js", "javascript"),
])
def test_static_files_are_served_by_the_application(path, content_type):
    """Reproduction: the demo server answered 404 for /static/..., so the admin rendered unstyled."""
    response = Client().get(path)
    assert response.status_code == 200
    assert content_type in response["Content-Type"]
    assert b"".join(response.streaming_content)


def test_unknown_static_file_is_404():
    assert Client().get("/static/admin/css/bestaat-niet.css").status_code == 404


def test_collected_static_files_are_served_compressed(tmp_path, settings):
    """`zicht serve` collects into STATIC_ROOT; WhiteNoise then serves the gzip variant it made."""
    from zicht.web.static_files import ensure_collected, is_collected

    settings.STATIC_ROOT = tmp_path / "static"
    assert not is_collected()
    assert ensure_collected() is True
    assert is_collected() and (tmp_path / "static" / "admin" / "css" / "base.css.gz").is_file()
    assert ensure_collected() is False  # a second start does not collect again
    response = Client().get("/static/admin/css/base.css", HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200 and response["Content-Encoding"] == "gzip"


@pytest.mark.django_db
def test_oversized_request_is_refused_before_reading_with_413_and_audited():
    limit = max_request_bytes()
    response = Client().generic("POST", "/beheer/aanleveren/", data=b"x" * 10,
                                content_type="application/octet-stream", CONTENT_LENGTH=str(limit + 1))
    assert response.status_code == 413
    text = response.content.decode()
    assert "te groot" in text and str(limit) in text
    event = AuditEvent.objects.get(action="request.too_large")
    assert event.details["size"] == limit + 1 and event.details["path"] == "/beheer/aanleveren/"
    assert Submission.objects.count() == 0


@pytest.mark.django_db
def test_request_at_the_cap_passes_the_middleware():
    response = Client().generic("POST", "/api/v1/publications/", data=b"{}", content_type="application/json",
                                CONTENT_LENGTH="2")
    assert response.status_code != 413
    assert not AuditEvent.objects.filter(action="request.too_large").exists()


def test_cap_is_upload_limit_plus_margin_unless_set(settings):
    settings.ZICHT_MAX_UPLOAD_BYTES = 10 * 1024 * 1024
    settings.ZICHT_MAX_REQUEST_BYTES = 0
    assert max_request_bytes() == 11 * 1024 * 1024
    settings.ZICHT_MAX_REQUEST_BYTES = 5000
    assert max_request_bytes() == 5000


@pytest.mark.django_db
def test_malformed_content_length_is_a_400_not_a_500():
    response = Client().generic("POST", "/beheer/aanleveren/", data=b"", CONTENT_LENGTH="veel")
    assert response.status_code == 400 and "Content-Length" in response.content.decode()


def test_server_options_come_from_settings_and_the_command_line(settings):
    settings.ZICHT_WEB_WORKERS = 0
    settings.ZICHT_WEB_TIMEOUT = 77
    settings.ZICHT_WEB_GRACEFUL_TIMEOUT = 12
    options = server_options(settings)
    assert options["workers"] == default_workers() and 1 <= default_workers() <= 8
    assert options["timeout"] == 77 and options["graceful_timeout"] == 12
    assert options["bind"] == [settings.ZICHT_WEB_BIND]
    settings.ZICHT_WEB_WORKERS = 3
    assert server_options(settings)["workers"] == 3
    assert server_options(settings, bind="0.0.0.0:9000", workers=5)["workers"] == 5
    assert server_options(settings, bind="0.0.0.0:9000")["bind"] == ["0.0.0.0:9000"]


def test_server_options_are_valid_gunicorn_settings(settings):
    from gunicorn.config import Config

    config = Config()
    for key, value in server_options(settings).items():
        assert key in config.settings, key
        config.set(key, value)
    assert config.worker_class_str == "gthread"


def test_serve_refuses_to_start_without_secret_key(monkeypatch, settings):
    settings.DEBUG = False
    monkeypatch.delenv("ZICHT_SECRET_KEY", raising=False)
    settings.ZICHT_SECRET_KEY_FROM_ENV = False
    with pytest.raises(CommandError, match="ZICHT_SECRET_KEY"):
        call_command("serve")


@pytest.mark.parametrize("bind", ["8000", "localhost", ":8000", "host:poort", "127.0.0.1:70000"])
def test_serve_refuses_a_malformed_bind(monkeypatch, settings, bind):
    settings.DEBUG = False
    monkeypatch.setenv("ZICHT_SECRET_KEY", "x" * 50)
    settings.ZICHT_SECRET_KEY_FROM_ENV = True  # as the settings record it when the variable is set
    with pytest.raises(CommandError, match="HOST:POORT"):
        call_command("serve", "--bind", bind)


def test_worker_is_db_worker_with_production_defaults():
    options = WorkerCommand().create_parser("zicht", "worker").parse_args([])
    assert options.queue_name == "*" and options.reload is False and options.interval == 2.0
    assert options.batch is False


@pytest.mark.django_db(transaction=True)
def test_worker_runs_a_queued_linkage_run(tmp_path):
    """`zicht worker` is the real db_worker: a queued linkage run is done after one batch."""
    from zicht.demo.synthetic import synthetic_encoded_deliveries
    from zicht.records.models import LinkageRun
    from zicht.records.services import request_linkage, submit_encoded

    encoded = synthetic_encoded_deliveries(2022, tmp_path / "secret.key", secret=bytes(range(32)))
    for partner, content in encoded.items():
        submit_encoded(content, f"{partner}.csv", partner, 2022, synthetic=True)
    run = request_linkage(2022)
    call_command("worker", "--batch", "--no-startup-delay", verbosity=0)
    run.refresh_from_db()
    assert run.status == LinkageRun.Status.DONE, run.error
