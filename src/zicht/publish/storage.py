"""Where publication artefacts and drafts live on disk, and the one way they are written and read.

Published artefacts go to ``ZICHT_PUBLISH_DIR/<year>/v<version>/``: written to a temporary folder
beside it and moved into place in one rename, never overwritten, and read back only through the
SHA-256 the publication row stores. Drafts go to ``ZICHT_DRAFTS_DIR/<year>/``, a separate tree that
no public URL reaches.
"""

from __future__ import annotations

import hashlib
import mimetypes
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from django.conf import settings

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".pdf": "application/pdf",
    ".csv": "text/csv; charset=utf-8",
    ".json": "application/json",
}


class ArtefactError(Exception):
    """An artefact could not be written (its folder exists) or read (missing or altered)."""


@dataclass(frozen=True)
class StoredFile:
    name: str
    sha256: str
    size: int
    content_type: str


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def content_type_of(name: str) -> str:
    suffix = PurePosixPath(name).suffix
    return CONTENT_TYPES.get(suffix) or mimetypes.guess_type(name)[0] or "application/octet-stream"


def safe_name(name: str) -> str:
    """An artefact name is a relative POSIX path without '..', so it stays inside its folder."""
    path = PurePosixPath(name)
    if path.is_absolute() or not path.parts or any(part in {"", ".", ".."} for part in path.parts):
        raise ArtefactError(f"Invalid artefact name: {name!r}")
    return str(path)


def publish_root() -> Path:
    return Path(settings.ZICHT_PUBLISH_DIR)


def drafts_root() -> Path:
    return Path(settings.ZICHT_DRAFTS_DIR)


def write_files(folder: Path, files: dict[str, bytes]) -> None:
    """Write ``files`` into ``folder`` (drafts: an existing draft of the year is replaced whole)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        target = folder / safe_name(name)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def write_version(year: int, version: int, files: dict[str, bytes]) -> list[StoredFile]:
    """Write a publication version's artefacts once; refuse if the version folder exists."""
    root = publish_root()
    year_dir = root / str(year)
    year_dir.mkdir(parents=True, exist_ok=True)
    final = year_dir / f"v{version}"
    if final.exists():
        raise ArtefactError(f"{final} exists already; a publication version is written only once")
    staging = Path(tempfile.mkdtemp(prefix=f".v{version}-", dir=year_dir))
    try:
        write_files(staging, files)
        os.rename(staging, final)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return [StoredFile(safe_name(n), sha256(d), len(d), content_type_of(n)) for n, d in sorted(files.items())]


def discard_unrecorded(year: int, version: int) -> list[str]:
    """Remove what a publish of this version that was killed left behind: its staging folders
    (``.v<version>-*``, killed while writing) and its version folder (killed after the rename, before
    the commit). Only for a version no publication row records, checked by the caller while it holds
    the year's lock; neither is ever served (the site serves only what a row points at)."""
    year_dir = publish_root() / str(year)
    removed = []
    for path in [*sorted(year_dir.glob(f".v{version}-*")), year_dir / f"v{version}"]:
        if path.is_dir():
            shutil.rmtree(path)
            removed.append(path.name)
    return removed


def remove_version(year: int, version: int) -> None:
    """Undo ``write_version`` when the database transaction that records it fails."""
    shutil.rmtree(publish_root() / str(year) / f"v{version}", ignore_errors=True)


def read_artefact(folder: str, name: str, expected_sha256: str) -> bytes:
    """The artefact's bytes, only if they still match the checksum recorded at publication."""
    path = publish_root() / folder / safe_name(name)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ArtefactError(f"{path} cannot be read: {exc}") from exc
    if sha256(data) != expected_sha256:
        raise ArtefactError(f"{path} does not match its recorded SHA-256")
    return data
