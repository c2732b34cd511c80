"""Drafts for the analyst: `zicht report` builds, marked CONCEPT, behind login, a second factor and
the analyst role; every look is audited. Draft files live outside the publication tree, so no
public URL reaches them."""

from __future__ import annotations

import datetime as dt

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from zicht.accounts.models import Profile
from zicht.accounts.permissions import require_role
from zicht.audit import events
from zicht.publish.storage import ArtefactError, content_type_of, drafts_root, safe_name


def _draft_years() -> list[dict]:
    root = drafts_root()
    if not root.is_dir():
        return []
    out = []
    for folder in sorted((p for p in root.iterdir() if p.is_dir() and p.name.isdigit()), reverse=True):
        files = sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())
        built = max((p.stat().st_mtime for p in folder.rglob("*") if p.is_file()), default=None)
        out.append({
            "year": int(folder.name),
            "files": [f for f in files if "/" not in f],
            "factsheets": len([f for f in files if f.startswith("factsheets/")]),
            "built": timezone.localtime(dt.datetime.fromtimestamp(built, tz=dt.UTC)) if built else None,
        })
    return out


@require_role(Profile.Role.ANALYST)
def drafts(request):
    events.unpublished_data_viewed(request.user, "concepten")
    return render(request, "web/drafts.html", {"drafts": _draft_years()})


@require_role(Profile.Role.ANALYST)
def draft_file(request, year: int, name: str):
    try:
        path = drafts_root() / str(year) / safe_name(name)
    except ArtefactError as exc:
        raise Http404("Onbekend conceptbestand.") from exc
    if not path.is_file():
        raise Http404("Dit concept bestaat niet (meer).")
    events.unpublished_data_viewed(request.user, "concept", year=year, name=name)
    response = HttpResponse(path.read_bytes(), content_type=content_type_of(name))
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "private, no-store"
    return response
