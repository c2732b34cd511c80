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
