"""A file over the upload limit stops being kept at the limit while it streams in (the upload handler),
is refused with the usual Dutch message on every upload path, is audited, and nothing is stored."""

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, RequestFactory

from zicht.accounts.models import Profile
from zicht.audit.models import AuditEvent
from zicht.catalog.models import Partner
from zicht.catalog.services import load_catalog
from zicht.intake.models import Submission
from zicht.web.uploads import OversizedUpload, UploadSizeCapHandler

pytestmark = pytest.mark.django_db

CARE = b"indicator,gender,value\nessm_care.clients,,143\n"


@pytest.fixture
def care(two_factor_login):
    load_catalog()
    user = User.objects.create_user("essm", password="een-lang-wachtwoord-123")
    Profile.objects.create(user=user, role=Profile.Role.PARTNER, partner=Partner.objects.get(code="essm_care"))
    client = Client()
    two_factor_login(client, user)
    return client


def test_handler_keeps_nothing_past_the_limit(settings):
    settings.ZICHT_MAX_UPLOAD_BYTES = 100
    handler = UploadSizeCapHandler(RequestFactory().post("/beheer/aanleveren/"))
    handler.new_file("file", "groot.csv", "text/csv", None)
    passed = [handler.receive_data_chunk(b"x" * 60, 0), handler.receive_data_chunk(b"x" * 60, 60),
              handler.receive_data_chunk(b"x" * 60, 120)]
    assert passed[0] == b"x" * 60 and passed[1] is None and passed[2] is None  # later handlers got 60 bytes
    upload = handler.file_complete(180)
    assert isinstance(upload, OversizedUpload) and upload.size == 180 and upload.read() == b""
    event = AuditEvent.objects.get(action="upload.too_large")
    assert event.details["limit"] == 100 and event.details["size"] == 180 and event.details["filename"] == "groot.csv"


def test_handler_passes_a_file_within_the_limit(settings):
    settings.ZICHT_MAX_UPLOAD_BYTES = 100
    handler = UploadSizeCapHandler(RequestFactory().post("/beheer/aanleveren/"))
    handler.new_file("file", "klein.csv", "text/csv", None)
    assert handler.receive_data_chunk(b"x" * 100, 0) == b"x" * 100
    assert handler.file_complete(100) is None  # the next handler hands on the file
    assert not AuditEvent.objects.filter(action="upload.too_large").exists()


def test_oversized_upload_on_the_delivery_page_is_refused_audited_and_not_stored(care, settings):
    settings.ZICHT_MAX_UPLOAD_BYTES = 1000
    big = SimpleUploadedFile("zorg.csv", CARE + b"essm_care.clients,,1\n" * 200)
    page = care.post("/beheer/aanleveren/", {"partner": "essm_care", "year": 2022, "file": big, "store": "on"})
    text = page.content.decode()
    assert page.status_code == 200 and "te groot" in text and "1000 bytes" in text
    assert Submission.objects.count() == 0
    event = AuditEvent.objects.get(action="upload.too_large")
    assert event.details["filename"] == "zorg.csv" and event.details["size"] > 1000
    assert event.actor.username == "essm"
    # the same file within the limit is stored
    settings.ZICHT_MAX_UPLOAD_BYTES = 25 * 1024 * 1024
    page = care.post("/beheer/aanleveren/", {"partner": "essm_care", "year": 2022,
                                             "file": SimpleUploadedFile("zorg.csv", CARE), "store": "on"})
    assert "Opgeslagen als versie 1" in page.content.decode()


def test_a_body_without_content_length_is_not_read():
    """Chunked transfer (no Content-Length): Django reads no byte of the body, so nothing passes the caps."""
    import io

    from django.core.handlers.wsgi import WSGIRequest

    body = (b"--grens\r\nContent-Disposition: form-data; name=\"file\"; filename=\"groot.csv\"\r\n"
            b"Content-Type: text/csv\r\n\r\n" + b"x" * 100_000 + b"\r\n--grens--\r\n")
    stream = io.BytesIO(body)
    environ = {"REQUEST_METHOD": "POST", "PATH_INFO": "/beheer/aanleveren/", "SERVER_NAME": "testserver",
               "SERVER_PORT": "80", "wsgi.url_scheme": "http", "wsgi.input": stream,
               "CONTENT_TYPE": "multipart/form-data; boundary=grens", "HTTP_TRANSFER_ENCODING": "chunked"}
    request = WSGIRequest(environ)
    assert len(request.FILES) == 0 and len(request.POST) == 0
    assert stream.tell() == 0
