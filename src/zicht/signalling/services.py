"""What the meldroutekaart pages show, built from the routes file (no personal data, nothing stored)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from django.utils import timezone

from zicht.signalling.routing import (
    QUESTION_LABELS,
    AnswerError,
    Answers,
    Route,
    RouteMap,
    load_route_map,
    parse_answers,
    routes_for,
)

QUESTION_ORDER = ("urgency", "situation", "form", "minor")


@cache
def route_map() -> RouteMap:
    """The packaged routes file, read and checked once per process (it only changes with a release)."""
    return load_route_map()


@dataclass(frozen=True)
class RouteRow:
    route: Route
    check_due: bool


def route_rows(rm: RouteMap, today: dt.date | None = None) -> list[RouteRow]:
    today = today or timezone.localdate()
    return [RouteRow(r, r.check_due(today, rm.review_interval_days)) for r in rm.routes]


def questions(
    rm: RouteMap, raw: Mapping[str, str], errors: Mapping[str, str] | None = None
) -> list[dict]:
    """The form's questions in step order, each with its options, the answer so far and any error."""
    errors = errors or {}
    options = rm.options()
    return [
        {
            "name": name,
            "number": i,
            "label": QUESTION_LABELS[name],
            "options": list(options[name].items()),
            "value": raw.get(name, ""),
            "error": errors.get(name, ""),
        }
        for i, name in enumerate(QUESTION_ORDER, start=1)
    ]


@dataclass(frozen=True)
class Advice:
    answers: Answers | None
    routes: list[RouteRow]
    errors: dict[str, str]

    def summary(self, rm: RouteMap) -> list[tuple[str, str]]:
        """(question, chosen answer) in step order, to repeat the answers above the advice."""
        if self.answers is None:
            return []
        options = rm.options()
        return [
            (QUESTION_LABELS[name], options[name][getattr(self.answers, name)])
            for name in QUESTION_ORDER
        ]


def advise(rm: RouteMap, raw: Mapping[str, str], today: dt.date | None = None) -> Advice:
    """Routes for the submitted answers; no answers yet means an empty form, not an error."""
    if not any(raw.get(name) for name in QUESTION_ORDER):
        return Advice(None, [], {})
    try:
        answers = parse_answers(rm, raw)
    except AnswerError as exc:
        return Advice(None, [], exc.errors)
    rows = {row.route.code: row for row in route_rows(rm, today)}
    return Advice(answers, [rows[r.code] for r in routes_for(rm, answers)], {})


# -- the region's checks of the contact details (cockpit; ADR 1016) -----------------------------------

STALE_AFTER_DAYS = 365


class RouteUpdateError(Exception):
    """A route change was refused (Dutch message); nothing changed."""


def latest_checks() -> dict:
    """The newest ``RouteCheck`` of every route that has one."""
    from zicht.signalling.models import RouteCheck

    out = {}
    for check in RouteCheck.objects.order_by("route", "-changed_at", "-id"):
        out.setdefault(check.route, check)
    return out


def apply_checks(rm: RouteMap, checks: Mapping) -> RouteMap:
    """The route map with each route's contact details taken from its newest check, where it has one.
    Codes, order and rules stay the file's, so the routing guarantees (ADR 0500) still hold."""
    import dataclasses

    routes = []
    for route in rm.routes:
        check = checks.get(route.code)
        if check is not None:
            route = dataclasses.replace(
                route, contact=check.phone or route.contact, address=check.address, hours=check.hours,
                verified=check.verified, last_checked=check.verified_on if check.verified else route.last_checked,
                checked_by=check.changed_by_label if check.verified else "")
        routes.append(route)
    return dataclasses.replace(rm, routes=tuple(routes))


def current_route_map() -> RouteMap:
    """What the pages show: the routes file with the region's latest checks applied."""
    return apply_checks(route_map(), latest_checks())


def stale_routes(today: dt.date | None = None, max_age_days: int = STALE_AFTER_DAYS) -> list[Route]:
    """Routes never verified, marked unverified, or last verified more than ``max_age_days`` ago (for
    the cockpit's home page)."""
    today = today or timezone.localdate()
    return [r for r in current_route_map().routes if r.check_due(today, max_age_days)]


def _state(route: Route) -> dict:
    return {"phone": route.contact or "", "address": route.address, "hours": route.hours,
            "verified": route.verified, "last_checked": route.last_checked.isoformat() if route.last_checked else ""}


def update_route(code: str, *, phone: str, address: str, hours: str, verified: bool, actor,
                 today: dt.date | None = None):
    """Store new contact details for route ``code``; ``verified``: the analyst checked them today (who and
    when are recorded). Audited with the details before and after; refused (audited) for an unknown
    route or a number that is not a phone number."""
    from django.db import transaction

    from zicht.audit import content_events
    from zicht.signalling.models import RouteCheck

    phone, address, hours = (phone or "").strip(), (address or "").strip(), (hours or "").strip()
    current = {r.code: r for r in current_route_map().routes}
    reason = None
    if code not in current:
        reason = "Onbekende meldroute."
    elif phone and (sum(c.isdigit() for c in phone) < 3 or len(phone) > 120 or set(phone) & set("<>{}[]\\")):
        reason = ("Vul een telefoonnummer in (bijvoorbeeld 0800-5151), eventueel met een korte toelichting; "
                  "hooguit 120 tekens.")
    elif len(address) > 200 or len(hours) > 200:
        reason = "Adres en bereikbaarheid hebben elk hooguit 200 tekens."
    elif verified and not (phone or current[code].contact or current[code].contact_note):
        reason = "Een gecontroleerde route heeft een telefoonnummer (of een notitie in het routesbestand)."
    if reason:
        content_events.route_update_refused(actor, code, reason)
        raise RouteUpdateError(reason)
    before = _state(current[code])
    with transaction.atomic():
        check = RouteCheck.objects.create(
            route=code, phone=phone, address=address, hours=hours, verified=verified,
            verified_on=(today or timezone.localdate()) if verified else None,
            changed_by=actor if getattr(actor, "pk", None) else None,
            changed_by_label=getattr(actor, "username", "systeem") if actor is not None else "systeem")
        after = next(r for r in apply_checks(route_map(), {code: check}).routes if r.code == code)
        content_events.route_updated(check, actor, before, _state(after))
    return check
