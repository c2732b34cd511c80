"""Upload handler that stops keeping a file's bytes at the upload limit, while the body streams in.

The request-size cap (``middleware``) refuses a body whose ``Content-Length`` is over the limit plus a
margin before a byte is read. Within that margin, a file may still be larger than the upload limit
itself: this handler, first in ``FILE_UPLOAD_HANDLERS``, counts each file's bytes as they arrive and,
from the first chunk over ``ZICHT_MAX_UPLOAD_BYTES`` on, passes nothing more to the handlers that keep
data (memory or a temporary file). The form then receives a stand-in of the size seen so far and no
content, so every upload path refuses it with its usual Dutch message (``intake.services.oversized``)
and stores nothing; the refusal is audited here, once per file."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler

logger = logging.getLogger("zicht.web")


class OversizedUpload(UploadedFile):
    """A file refused for its size: ``size`` is at least the bytes received, the content is empty."""

    def __init__(self, name: str, content_type: str | None, size: int):
        import io

        super().__init__(io.BytesIO(b""), name, content_type, size)

    def read(self, *args, **kwargs) -> bytes:  # nothing of it was kept
        return b""


class UploadSizeCapHandler(FileUploadHandler):
    """Count each uploaded file's bytes; over the limit, keep nothing more and hand on a stand-in."""

    def new_file(self, field_name, file_name, content_type, content_length, charset=None, content_type_extra=None):
        super().new_file(field_name, file_name, content_type, content_length, charset, content_type_extra)
        self.limit = int(settings.ZICHT_MAX_UPLOAD_BYTES)
        self.received = 0
        self.refused = False

    def receive_data_chunk(self, raw_data, start):
        self.received = start + len(raw_data)
        if self.refused or self.received > self.limit:
            self.refused = True
            return None  # the handlers after this one (memory, temporary file) get nothing more
        return raw_data

    def file_complete(self, file_size):
        if not self.refused:
            return None  # the next handler returns the file as usual
        self._audit()
        return OversizedUpload(self.file_name, self.content_type, self.received)

    def _audit(self) -> None:
        from zicht.audit import events

        user = getattr(self.request, "user", None)
        try:
            events.upload_too_large(self.request.path, self.file_name or "", self.received, self.limit,
                                    user if getattr(user, "pk", None) else None)
        except Exception:  # the refusal must not turn into a 500 when the database is unavailable
            logger.exception("audit of an oversized upload failed")
