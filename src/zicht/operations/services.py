"""Backups that restore: one archive with the database, the files and a manifest of checksums.

Why this shape (docs/adr/1211-backups-that-restore.md):
- The database part is Django's ``dumpdata`` of every app (natural foreign keys, primary keys kept),
  taken inside one transaction (REPEATABLE READ on PostgreSQL, a write-locked transaction on
  SQLite), so it is consistent and loads into either database.
- Publication artefacts are taken from what the publication rows of that same snapshot point at,
  each checked against its recorded SHA-256; a folder no row points at (an interrupted publish) is
  listed as skipped, never archived.
- Restoring goes only into an empty database and empty data folders, verifies every member
  against the manifest before anything is written, inserts rows (never updates: the append-only
  tables refuse updates), and checks every publication artefact again afterwards.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import shutil
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.core.management.color import no_style
from django.core.management.sql import emit_post_migrate_signal
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from zicht import __version__
from zicht.audit import events
from zicht.conf.security import KEY_FILE_NAME

FORMAT = "zicht-backup/1"
MANIFEST = "manifest.json"
DATABASE_MEMBER = "database/data.json"
# Rebuilt by `migrate` (content types, permissions) or worthless after a restore (sessions).
EXCLUDED = ("contenttypes", "auth.permission", "sessions")
CHUNK = 1 << 20


class BackupError(Exception):
    """A backup or restore that cannot be made; the message says why, in Dutch."""


@dataclass
class BackupReport:
    path: Path
    members: int
    size: int
    counts: dict[str, int]
    skipped: list[str] = field(default_factory=list)


@dataclass
class RestoreReport:
    counts: dict[str, int]
    files: int
    artefacts_checked: int


# --- where the files live ---------------------------------------------------------------------

def file_roots() -> dict[str, Path]:
    """The folders a backup covers, by their name inside the archive."""
    return {
        "publicaties": Path(settings.ZICHT_PUBLISH_DIR),
        "concepten": Path(settings.ZICHT_DRAFTS_DIR),
        "data": Path(settings.BASE_DIR),
    }


def _database_files(alias: str) -> set[Path]:
    db = settings.DATABASES[alias]
    if "sqlite" not in db["ENGINE"]:
        return set()
    name = Path(str(db["NAME"])).resolve()
    return {Path(f"{name}{suffix}") for suffix in ("", "-journal", "-wal", "-shm")}


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _data_files(alias: str, skip: list[Path]) -> list[Path]:
    """Files of ZICHT_DATA_DIR that are not the database, its secret key, another root or static files."""
    base = Path(settings.BASE_DIR).resolve()
    if not base.is_dir():
        return []
    excluded = [p.resolve() for p in skip]
    excluded += [Path(settings.ZICHT_PUBLISH_DIR).resolve(), Path(settings.ZICHT_DRAFTS_DIR).resolve()]
    if getattr(settings, "STATIC_ROOT", None):
        excluded.append(Path(settings.STATIC_ROOT).resolve())
    # The key made in the data folder when ZICHT_SECRET_KEY is unset stays out: it signs only sessions
    # (which do not survive a restore), and the restored installation has made its own on start-up.
    skipped = _database_files(alias) | {base / KEY_FILE_NAME}
    out = []
    for path in sorted(base.rglob("*")):
        if path.is_symlink() or not path.is_file() or path.resolve() in skipped:
            continue
        if any(_inside(path.resolve(), e) for e in excluded):
            continue
        out.append(path)
    return out


def _member_name(root: str, relative: PurePosixPath | str) -> str:
    return f"files/{root}/{relative}"


def _safe_relative(name: str) -> PurePosixPath:
    path = PurePosixPath(name)
    if path.is_absolute() or not path.parts or any(p in {"", ".", ".."} for p in path.parts):
        raise BackupError(f"Het archief bevat een ongeldige bestandsnaam: {name!r}. Er is niets hersteld.")
    return path


# --- the database part ------------------------------------------------------------------------

def migration_state(alias: str = DEFAULT_DB_ALIAS) -> list[list[str]]:
    recorder = MigrationRecorder(connections[alias])
    return sorted([app, name] for app, name in recorder.applied_migrations())


def _dump_database(target, alias: str) -> tuple[list[list[str]], list[dict], dict[str, int]]:
    """Dump every app into ``target`` in one consistent snapshot; returns the migration state,
    the publication artefacts of the same snapshot and the row counts."""
    from zicht.publish.models import Artefact

    connection = connections[alias]
    with transaction.atomic(using=alias):
        if connection.vendor == "postgresql":  # must be the transaction's first statement
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        state = migration_state(alias)
        serializers.serialize("json", _rows(alias), stream=target, use_natural_foreign_keys=True,
                              cls=_ExactEncoder)
        artefacts = [
            {"folder": f"{year}/v{version}", "name": name, "sha256": digest}
            for year, version, name, digest in Artefact.objects.using(alias).order_by("pk").values_list(
                "publication__year", "publication__version", "name", "sha256")
        ]
        counts = {m._meta.label_lower: m._base_manager.using(alias).count() for m in dumped_models()}
    return state, artefacts, counts


def dumped_models() -> list:
    """Every model whose rows a backup holds, ordered so that natural keys are defined before use
    (as `dumpdata` orders them): a restore then never has to revisit a row."""
    excluded_apps = {e for e in EXCLUDED if "." not in e}
    excluded_models = {e for e in EXCLUDED if "." in e}
    app_list = [(config, None) for config in apps.get_app_configs() if config.label not in excluded_apps]
    return [
        m for m in serializers.sort_dependencies(app_list, allow_cycles=True)
        if m._meta.label_lower not in excluded_models and m._meta.managed and not m._meta.proxy
    ]


class _ExactEncoder(DjangoJSONEncoder):
    """Django's encoder cuts datetimes and times to milliseconds; a backup keeps every microsecond
    (audit events are hash-chained over their exact timestamps, and a restore must not alter a row)."""

    def default(self, o):
        if isinstance(o, (dt.datetime, dt.time)):
            if isinstance(o, dt.time) and o.utcoffset() is not None:
                raise ValueError("JSON can't represent timezone-aware times.")
            return o.isoformat()
        return super().default(o)


def _rows(alias: str):
    for model in dumped_models():
        yield from model._base_manager.using(alias).order_by(model._meta.pk.name).iterator(chunk_size=500)


# --- writing an archive -----------------------------------------------------------------------

def _add_file(tar: tarfile.TarFile, name: str, path: Path, members: dict) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(CHUNK), b""):
            digest.update(chunk)
    info = tar.gettarinfo(str(path), arcname=name)
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    with open(path, "rb") as fh:
        tar.addfile(info, fh)
    members[name] = {"sha256": digest.hexdigest(), "size": info.size}
    return digest.hexdigest()


def make_backup(out: Path, *, actor=None, alias: str = DEFAULT_DB_ALIAS) -> BackupReport:
    """Write one archive with the database, the delivered and published files and a manifest."""
    out = Path(out).resolve()
    if out.exists():
        raise BackupError(f"{out} bestaat al; kies een nieuwe bestandsnaam (een back-up wordt nooit overschreven).")
    if not out.parent.is_dir():
        raise BackupError(f"De map {out.parent} bestaat niet.")
    partial = out.with_name(f".{out.name}.partial")
    members: dict[str, dict] = {}
    skipped: list[str] = []
    try:
        with tempfile.TemporaryDirectory(dir=out.parent, prefix=".zicht-backup-") as tmp:
            dump_path = Path(tmp) / "data.json"
            with open(dump_path, "w", encoding="utf-8") as writer:
                state, artefacts, counts = _dump_database(writer, alias)
            with tarfile.open(partial, "w:gz") as tar:
                _add_file(tar, DATABASE_MEMBER, dump_path, members)
                _add_publications(tar, artefacts, members, skipped)
                drafts = Path(settings.ZICHT_DRAFTS_DIR)
                if drafts.is_dir():
                    for path in sorted(p for p in drafts.rglob("*") if p.is_file() and not p.is_symlink()):
                        rel = PurePosixPath(path.relative_to(drafts).as_posix())
                        _add_file(tar, _member_name("concepten", rel), path, members)
                base = Path(settings.BASE_DIR).resolve()
                for path in _data_files(alias, [partial, out, Path(tmp)]):
                    rel = PurePosixPath(path.resolve().relative_to(base).as_posix())
                    _add_file(tar, _member_name("data", rel), path, members)
                manifest = {
                    "format": FORMAT,
                    "zicht_version": __version__,
                    "created_at": timezone.now().isoformat(),
                    "database_vendor": connections[alias].vendor,
                    "migrations": state,
                    "counts": counts,
                    "artefacts": artefacts,
                    "skipped": skipped,
                    "members": members,
                }
                data = json.dumps(manifest, indent=1, sort_keys=True).encode("utf-8")
                info = tarfile.TarInfo(MANIFEST)
                info.size, info.mtime = len(data), int(timezone.now().timestamp())
                tar.addfile(info, io.BytesIO(data))
        os.replace(partial, out)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    events.backup_made(actor, str(out), len(members), counts)
    return BackupReport(out, len(members), out.stat().st_size, counts, skipped)


def _add_publications(tar, artefacts: list[dict], members: dict, skipped: list[str]) -> None:
    """Every artefact the snapshot's publication rows point at, checked against its SHA-256."""
    root = Path(settings.ZICHT_PUBLISH_DIR)
    wanted = set()
    for artefact in artefacts:
        rel = PurePosixPath(artefact["folder"]) / artefact["name"]
        wanted.add(rel)
        path = root / rel
        if not path.is_file():
            raise BackupError(f"Publicatiebestand {path} ontbreekt; de back-up is afgebroken. "
                              "Zoek uit waar het gebleven is voordat u een back-up maakt.")
        digest = _add_file(tar, _member_name("publicaties", rel), path, members)
        if digest != artefact["sha256"]:
            raise BackupError(f"Publicatiebestand {path} klopt niet met de vastgelegde SHA-256; de back-up "
                              "is afgebroken. Het gepubliceerde bestand is gewijzigd of beschadigd.")
    if root.is_dir():
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            rel = PurePosixPath(path.relative_to(root).as_posix())
            if rel not in wanted:
                skipped.append(f"publicaties/{rel}")


# --- restoring ----------------------------------------------------------------------------------

def _open(archive: Path) -> tarfile.TarFile:
    try:
        return tarfile.open(archive, "r:*")
    except (OSError, tarfile.TarError, EOFError) as exc:
        raise BackupError(f"{archive} is geen leesbaar Zicht-back-uparchief ({exc}). Er is niets hersteld.") from exc


def read_manifest(tar: tarfile.TarFile) -> dict:
    try:
        member = tar.getmember(MANIFEST)
        manifest = json.loads(tar.extractfile(member).read().decode("utf-8"))
    except (KeyError, ValueError, UnicodeDecodeError, tarfile.TarError, OSError, EOFError, AttributeError) as exc:
        raise BackupError(f"Het archief heeft geen leesbaar {MANIFEST}; het is beschadigd of geen "
                          "Zicht-back-up. Er is niets hersteld.") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"Onbekend archiefformaat {manifest.get('format') if isinstance(manifest, dict) else None!r}; "
                          f"deze versie van Zicht herstelt {FORMAT}. Er is niets hersteld.")
    return manifest


def verify_archive(archive: Path) -> dict:
    """Check every member against the manifest (names, sizes, SHA-256); returns the manifest."""
    with _open(archive) as tar:
        manifest = read_manifest(tar)
        expected = manifest.get("members") or {}
        seen = set()
        try:
            for member in tar:
                if member.name == MANIFEST:
                    continue
                if not member.isfile() or member.name not in expected:
                    raise BackupError(f"Het archief bevat {member.name!r}, dat niet in het manifest staat. "
                                      "Er is niets hersteld.")
                if member.name.startswith("files/"):
                    _safe_relative(member.name)
                digest = hashlib.sha256()
                fh = tar.extractfile(member)
                for chunk in iter(lambda fh=fh: fh.read(CHUNK), b""):
                    digest.update(chunk)
                if digest.hexdigest() != expected[member.name]["sha256"]:
                    raise BackupError(f"Controlesom klopt niet voor {member.name}: het archief is beschadigd. "
                                      "Er is niets hersteld.")
                seen.add(member.name)
        except (tarfile.TarError, OSError, EOFError, ValueError) as exc:
            raise BackupError(f"Het archief is beschadigd en kan niet worden gelezen ({exc}). "
                              "Er is niets hersteld.") from exc
        missing = sorted(set(expected) - seen)
        if missing:
            raise BackupError(f"Het archief mist {len(missing)} bestand(en) uit het manifest, o.a. {missing[0]}. "
                              "Er is niets hersteld.")
    for artefact in manifest.get("artefacts", []):
        name = _member_name("publicaties", PurePosixPath(artefact["folder"]) / artefact["name"])
        if expected.get(name, {}).get("sha256") != artefact["sha256"]:
            raise BackupError(f"Publicatiebestand {name} in het archief klopt niet met de publicatie. "
                              "Er is niets hersteld.")
    return manifest


def _nonempty_tables(alias: str) -> list[str]:
    connection = connections[alias]
    tables = set(connection.introspection.table_names())
    return [
        m._meta.label_lower for m in dumped_models()
        if m._meta.db_table in tables and m._base_manager.using(alias).exists()
    ]


def check_empty(manifest: dict, alias: str = DEFAULT_DB_ALIAS) -> None:
    """Refuse (in Dutch) unless the database holds no rows and no restored file would land on a file."""
    full = _nonempty_tables(alias)
    if full:
        raise BackupError(f"De database is niet leeg (o.a. {', '.join(full[:3])} bevat al gegevens). Herstel "
                          "alleen in een nieuwe, lege database. Er is niets hersteld.")
    roots = file_roots()
    for key in ("publicaties", "concepten"):
        root = roots[key]
        if root.is_dir() and any(p.is_file() for p in root.rglob("*")):
            raise BackupError(f"De map {root} is niet leeg. Herstel alleen in een lege datamap. Er is niets hersteld.")
    for name in manifest["members"]:
        if name.startswith("files/"):
            _, key, rel = name.split("/", 2)
            if (roots[key] / rel).exists():
                raise BackupError(f"{roots[key] / rel} bestaat al. Herstel alleen in een lege datamap. "
                                  "Er is niets hersteld.")


def _migrate_to(state: list[list[str]], alias: str) -> None:
    """Bring the schema to the backup's migration state, so its rows load into the tables they came from."""
    connection = connections[alias]
    executor = MigrationExecutor(connection)
    graph = executor.loader.graph
    # A squashed migration stands in the graph for the migrations it replaces.
    squashed = {tuple(old): key for key, migration in executor.loader.replacements.items()
                for old in migration.replaces}
    applied = {tuple(x) if tuple(x) in graph.nodes else squashed.get(tuple(x), tuple(x)) for x in state}
    unknown = sorted(a for a in applied if a not in graph.nodes)
    if unknown:
        raise BackupError(f"De back-up komt van een nieuwere Zicht (migratie {unknown[0][0]}.{unknown[0][1]} "
                          "is hier onbekend). Herstel met dezelfde of een nieuwere versie. Er is niets hersteld.")
    targets = [
        node for node in applied
        if not any(child in applied and child[0] == node[0] for child in graph.node_map[node].children)
    ]
    executor.migrate(targets)
    # What `migrate` does after migrating: content types and permissions, which rows refer to.
    emit_post_migrate_signal(0, False, alias)


def _load(dump: bytes, alias: str) -> dict[str, int]:
    """Insert every row (never an update: rows are new and append-only tables refuse updates)."""
    connection = connections[alias]
    counts: dict[str, int] = {}
    loaded = set()
    with transaction.atomic(using=alias):
        for obj in serializers.deserialize("json", dump, using=alias, handle_forward_references=True):
            if obj.deferred_fields:
                raise BackupError(f"Rij {obj.object._meta.label} verwijst naar een rij die later in de back-up "
                                  "staat; herstellen zou een wijziging vragen. Er is niets hersteld.")
            obj.save(using=alias, force_insert=True)
            label = obj.object._meta.label_lower
            counts[label] = counts.get(label, 0) + 1
            loaded.add(type(obj.object))
        connection.check_constraints(table_names=[m._meta.db_table for m in loaded])
        sequences = connection.ops.sequence_reset_sql(no_style(), list(loaded))
        with connection.cursor() as cursor:
            for sql in sequences:
                cursor.execute(sql)
    return counts


def _extract(archive: Path, manifest: dict) -> dict[str, Path]:
    """Unpack the files into a staging folder beside each root (moved into place after the load)."""
    roots = file_roots()
    staging: dict[str, Path] = {}
    with _open(archive) as tar:
        for member in tar:
            if not member.name.startswith("files/"):
                continue
            _, key, rel = member.name.split("/", 2)
            if key not in staging:
                roots[key].mkdir(parents=True, exist_ok=True)
                staging[key] = Path(tempfile.mkdtemp(prefix=".zicht-restore-", dir=roots[key]))
            target = staging[key] / _safe_relative(rel)
            target.parent.mkdir(parents=True, exist_ok=True)
            with tar.extractfile(member) as src, open(target, "wb") as dst:
                shutil.copyfileobj(src, dst, CHUNK)
    return staging


def _place(staging: dict[str, Path]) -> None:
    """Move the unpacked files into their roots (renames within one folder: no copy, no half file)."""
    roots = file_roots()
    for key, folder in staging.items():
        for entry in sorted(folder.iterdir()):
            os.rename(entry, roots[key] / entry.name)
        folder.rmdir()


def _check_artefacts(alias: str) -> int:
    from zicht.publish.models import Artefact
    from zicht.publish.storage import ArtefactError, read_artefact

    checked = 0
    for artefact in Artefact.objects.using(alias).select_related("publication").order_by("pk"):
        try:
            read_artefact(artefact.publication.folder, artefact.name, artefact.sha256)
        except ArtefactError as exc:
            raise BackupError(f"Na herstel klopt publicatiebestand {artefact} niet: {exc}") from exc
        checked += 1
    return checked


def restore_backup(archive: Path, *, actor=None, alias: str = DEFAULT_DB_ALIAS) -> RestoreReport:
    """Restore ``archive`` into an empty database and data folder, or refuse and change nothing."""
    archive = Path(archive)
    if not archive.is_file():
        raise BackupError(f"{archive} bestaat niet of is geen bestand.")
    manifest = verify_archive(archive)
    Path(settings.BASE_DIR).mkdir(parents=True, exist_ok=True)  # the embedded database's folder
    check_empty(manifest, alias)
    with _open(archive) as tar:
        dump = tar.extractfile(DATABASE_MEMBER).read()
    staging = _extract(archive, manifest)
    try:
        _migrate_to(manifest["migrations"], alias)
        counts = _load(dump, alias)
    except BaseException:
        for folder in staging.values():
            shutil.rmtree(folder, ignore_errors=True)
        raise
    call_command("migrate", database=alias, verbosity=0)
    files = sum(1 for name in manifest["members"] if name.startswith("files/"))
    _place(staging)
    expected = {k: v for k, v in manifest["counts"].items() if v}
    if counts != expected:
        raise BackupError(f"Na herstel kloppen de aantallen rijen niet met het manifest: {counts} tegen {expected}.")
    checked = _check_artefacts(alias)
    events.backup_restored(actor, str(archive), manifest.get("created_at", ""), counts)
    return RestoreReport(counts, files, checked)
