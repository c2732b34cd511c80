"""The cockpit's content pages: the narrative editor and the audit log.

Views stay thin: every change goes through a named service (``save_narrative``) that writes its audit
event in the same transaction; every look at unpublished text or at the audit log is audited."""

from __future__ import annotations

import csv
import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from zicht.accounts.models import Profile
from zicht.accounts.permissions import require_role
from zicht.audit import content_events, events
from zicht.audit.models import AuditEvent
from zicht.catalog.models import Period
from zicht.publish.models import NarrativeVersion
from zicht.publish.narrative import file_texts, render_section_preview, small_counts
from zicht.publish.narrative_services import (
    NarrativeRefused,
    current_version,
    save_narrative,
    section_titles,
)

ANALYSTS = (Profile.Role.ANALYST, "admin")  # "admin": an administrator's role, where one is defined


# -- narrative editor --------------------------------------------------------------------------------

def _narrative_years() -> list[int]:
    years = set(Period.objects.values_list("year", flat=True))
    years |= set(NarrativeVersion.objects.values_list("year", flat=True))
    folder = settings.ZICHT_NARRATIVE_DIR
    if folder and folder.is_dir():
        years |= {int(p.name) for p in folder.iterdir() if p.is_dir() and p.name.isdigit()}
    return sorted(years, reverse=True)


@require_role(*ANALYSTS)
def narrative_years(request):
    years = _narrative_years()
    chosen = request.GET.get("jaar", "")
    if chosen.isdigit() and 2000 <= int(chosen) <= 2100:
        return redirect("narrative-index", year=int(chosen))
    return render(request, "web/cockpit/narrative_years.html", {"years": years})


@require_role(*ANALYSTS)
def narrative_index(request, year: int):
    files = file_texts(settings.ZICHT_NARRATIVE_DIR, year)
    rows = []
    for key, title in section_titles().items():
        version = current_version(year, key)
        rows.append({"key": key, "title": title, "version": version, "from_file": version is None and key in files})
    events.unpublished_data_viewed(request.user, "teksten", year=year)
    return render(request, "web/cockpit/narrative_index.html", {"year": year, "rows": rows})


def _editor_context(year: int, section: str, text: str) -> dict:
    titles = section_titles()
    return {
        "year": year,
        "section": section,
        "title": titles[section],
        "text": text,
        "preview": render_section_preview(year, section, titles[section], text),
        "findings": small_counts(text),
        "history": NarrativeVersion.objects.filter(year=year, section=section).order_by("-version"),
    }


def _stored_text(year: int, section: str) -> tuple[str, str]:
    """The text the report would use now, and where it comes from ("database", "file", "")."""
    version = current_version(year, section)
    if version is not None:
        return version.text, "database"
    text = file_texts(settings.ZICHT_NARRATIVE_DIR, year).get(section)
    return (text, "file") if text is not None else ("", "")


@require_role(*ANALYSTS)
def narrative_edit(request, year: int, section: str):
    if section not in section_titles():
        raise Http404("Onbekend hoofdstuk.")
    status = 200
    if request.method == "POST":
        text = request.POST.get("text", "")
        if request.POST.get("action") == "save":
            try:
                version = save_narrative(year, section, text, request.user)
            except NarrativeRefused as exc:
                messages.error(request, _("Niet opgeslagen: %(reason)s") % {"reason": exc})
                status = 400
            else:
                messages.success(request, _("Opgeslagen als versie %(n)s.") % {"n": version.version})
                return redirect("narrative-edit", year=year, section=section)
        source = "posted"
    else:
        text, source = _stored_text(year, section)
        events.unpublished_data_viewed(request.user, "tekst", year=year, section=section)
    context = _editor_context(year, section, text)
    context["source"] = source
    return render(request, "web/cockpit/narrative_edit.html", context, status=status)


@require_role(*ANALYSTS)
@require_POST
def narrative_preview(request, year: int, section: str):
    """The live preview (fetched by the editor's script): the section as it will be published."""
    if section not in section_titles():
        raise Http404("Onbekend hoofdstuk.")
    context = _editor_context(year, section, request.POST.get("text", ""))
    return render(request, "web/cockpit/_narrative_preview.html", context)


@require_role(*ANALYSTS)
def narrative_version(request, year: int, section: str, version: int):
    titles = section_titles()
    row = NarrativeVersion.objects.filter(year=year, section=section, version=version).first()
    if section not in titles or row is None:
        raise Http404("Deze versie bestaat niet.")
    events.unpublished_data_viewed(request.user, "tekstversie", year=year, section=section, version=version)
    return render(request, "web/cockpit/narrative_version.html", {
        "year": year, "section": section, "title": titles[section], "row": row,
        "preview": render_section_preview(year, section, titles[section], row.text),
    })


# -- audit log ---------------------------------------------------------------------------------------

PAGE_SIZE = 50
CSV_LIMIT = 100_000


def _date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        return None


def _filtered(params) -> tuple[object, dict, list[str]]:
    """The audit events matching the filters in ``params``; the filters applied; problems (Dutch)."""
    rows = AuditEvent.objects.all().order_by("-timestamp", "-id")
    applied, problems = {}, []
    user = params.get("gebruiker", "").strip()[:150]
    if user:
        rows = rows.filter(actor_label__iexact=user)
        applied["gebruiker"] = user
    action = params.get("handeling", "").strip()[:60]
    if action:
        rows = rows.filter(action=action)
        applied["handeling"] = action
    obj = params.get("object", "").strip()[:120]
    if obj:
        kind, _sep, ident = obj.partition(":")
        rows = rows.filter(object_type__iexact=kind.strip())
        if ident.strip():
            rows = rows.filter(object_id=ident.strip())
        applied["object"] = obj
    zone = timezone.get_default_timezone()
    for name, lookup, shift in (("van", "timestamp__gte", 0), ("tot", "timestamp__lt", 1)):
        raw = params.get(name, "").strip()
        if not raw:
            continue
        day = _date(raw)
        if day is None:
            problems.append(_("Datum ‘%(value)s’ is niet geldig; gebruik jjjj-mm-dd.") % {"value": raw[:20]})
            continue
        start = dt.datetime.combine(day + dt.timedelta(days=shift), dt.time(), tzinfo=zone)
        rows = rows.filter(**{lookup: start})
        applied[name] = day.isoformat()
    return rows, applied, problems


@require_role(*ANALYSTS)
@require_GET
def audit_log(request):
    rows, applied, problems = _filtered(request.GET)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("pagina"))
    for event in page:
        event.action_label = content_events.action_label(event.action)  # shown; never saved
    content_events.audit_log_viewed(request.user, applied, page.number)
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(request, "web/cockpit/audit_log.html", {
        "page": page, "applied": applied, "problems": problems, "params": request.GET,
        "query": query.urlencode(),
        "actions": sorted(((a, content_events.action_label(a)) for a in
                           AuditEvent.objects.order_by("action").values_list("action", flat=True).distinct()),
                          key=lambda pair: pair[1]),
        "export_url": reverse("audit-log-csv") + ("?" + query.urlencode() if query else ""),
    }, status=400 if problems else 200)


@require_role(*ANALYSTS)
@require_GET
def audit_log_csv(request):
    rows, applied, problems = _filtered(request.GET)
    if problems:
        return HttpResponse(" ".join(problems), status=400, content_type="text/plain; charset=utf-8")
    selected = list(rows[:CSV_LIMIT])
    content_events.audit_log_exported(request.user, applied, len(selected))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="auditlog.csv"'
    response["Cache-Control"] = "private, no-store"
    writer = csv.writer(response)
    writer.writerow(["tijdstip", "handeling", "omschrijving handeling", "door", "objecttype", "object-id",
                     "omschrijving", "hash"])
    for event in selected:
        writer.writerow([timezone.localtime(event.timestamp).isoformat(), event.action,
                         content_events.action_label(event.action), event.actor_label,
                         event.object_type, event.object_id, _csv_safe(event.message), event.hash])
    return response


def _csv_safe(text: str) -> str:
    """A cell a spreadsheet will not run as a formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
