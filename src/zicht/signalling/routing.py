"""The meldroutekaart as data: load and check ``routes.yaml`` and answer "where do I report?".

Plain Python without Django, so the same rules run in the web page, the ``zicht meldroutes`` check
and the tests. The routes file is maintained by the region, so every mistake in it must stop the
load with a Dutch message that says where it is; the two safety guarantees (acute danger: the
emergency route first; a possible minor: the youth route included) are checked for every possible
combination of answers at load time, so a wrong edit fails loudly instead of being patched silently.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml

DEFAULT_FILE = Path(__file__).resolve().parent / "data" / "routes.yaml"

# The questions of the step-by-step form. Their options are fixed because the guarantees refer to
# them; the forms of exploitation come from the routes file.
SITUATIONS = {"person": "Een persoon", "location": "Een locatie"}
URGENCIES = {"acute": "Ja, er is nu acuut gevaar", "suspicion": "Nee, het is een vermoeden"}
MINOR_OPTIONS = {"yes": "Ja", "no": "Nee", "unknown": "Weet ik niet"}
MINOR_ANSWERS_FOR_YOUTH = frozenset({"yes", "unknown"})  # doubt about age: treat as a minor
QUESTION_LABELS = {
    "urgency": "Is er acuut gevaar?",
    "situation": "Gaat het om een persoon of om een locatie?",
    "form": "Welke vorm van uitbuiting vermoedt u?",
    "minor": "Gaat het (mogelijk) om iemand jonger dan 18 jaar?",
}

ROUTE_REQUIRED = ("code", "name", "when", "owner", "source")
FORM_REQUIRED = ("code", "label", "source", "signals")


class RouteMapError(ValueError):
    """The routes file is wrong; the message (Dutch) names the file and the place."""


class AnswerError(ValueError):
    """The answers to the form are incomplete or unknown; ``errors`` maps question -> Dutch text."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(errors.values()))
        self.errors = errors


@dataclass(frozen=True)
class Form:
    code: str
    label: str
    description: str
    source: str
    signals: tuple[str, ...]


@dataclass(frozen=True)
class Route:
    code: str
    name: str
    when: str
    contact: str | None
    contact_note: str
    owner: str
    source: str
    verified: bool
    last_checked: dt.date | None
    address: str = ""  # set by the database overlay (``zicht.signalling.models.RouteCheck``) only
    hours: str = ""
    checked_by: str = ""

    def check_due(self, today: dt.date, interval_days: int) -> bool:
        """True when the region must (re)check this route: never checked, unverified or too old."""
        if not self.verified or self.last_checked is None:
            return True
        return (today - self.last_checked).days > interval_days


@dataclass(frozen=True)
class Rule:
    when: Mapping[str, frozenset[str]]
    routes: tuple[str, ...]

    def matches(self, answers: Answers) -> bool:
        return all(getattr(answers, key) in allowed for key, allowed in self.when.items())


@dataclass(frozen=True)
class Answers:
    form: str
    situation: str
    urgency: str
    minor: str


@dataclass(frozen=True)
class RouteMap:
    version: str
    region: str
    maintained_by: str
    review_interval_days: int
    emergency_route: str
    youth_route: str
    forms: tuple[Form, ...]
    routes: tuple[Route, ...]
    rules: tuple[Rule, ...]

    def route(self, code: str) -> Route:
        return next(r for r in self.routes if r.code == code)

    def form(self, code: str) -> Form:
        return next(f for f in self.forms if f.code == code)

    def options(self) -> dict[str, dict[str, str]]:
        """Every question with its allowed answers (code -> Dutch label)."""
        return {
            "urgency": dict(URGENCIES),
            "situation": dict(SITUATIONS),
            "form": {f.code: f.label for f in self.forms},
            "minor": dict(MINOR_OPTIONS),
        }

    def all_answers(self) -> list[Answers]:
        """The whole answer space, used to check the guarantees for every combination."""
        opts = self.options()
        return [
            Answers(form=f, situation=s, urgency=u, minor=m)
            for u, s, f, m in itertools.product(
                opts["urgency"], opts["situation"], opts["form"], opts["minor"]
            )
        ]


def routes_for(route_map: RouteMap, answers: Answers) -> tuple[Route, ...]:
    """The ordered routes for these answers: every matching rule in file order, each route once."""
    codes: list[str] = []
    for rule in route_map.rules:
        if rule.matches(answers):
            codes.extend(c for c in rule.routes if c not in codes)
    return tuple(route_map.route(c) for c in codes)


def parse_answers(route_map: RouteMap, raw: Mapping[str, str]) -> Answers:
    """Turn submitted form values into ``Answers``; unknown or missing values raise ``AnswerError``."""
    errors: dict[str, str] = {}
    values: dict[str, str] = {}
    for question, allowed in route_map.options().items():
        value = (raw.get(question) or "").strip()
        label = QUESTION_LABELS[question]
        if not value:
            errors[question] = f"Beantwoord de vraag '{label}'."
        elif value not in allowed:
            errors[question] = f"Kies bij '{label}' een van de getoonde antwoorden."
        else:
            values[question] = value
    if errors:
        raise AnswerError(errors)
    return Answers(**values)


def load_route_map(path: Path | str = DEFAULT_FILE) -> RouteMap:
    """Read and check a routes file; any mistake raises ``RouteMapError`` naming file and place."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise RouteMapError(
            f"{path}: het bestand kan niet worden gelezen ({exc.strerror})."
        ) from exc
    except yaml.YAMLError as exc:
        raise RouteMapError(f"{path}: geen geldige YAML ({exc}).") from exc
    return parse_route_map(data, source=path.name)


def parse_route_map(data: object, source: str = "routes.yaml") -> RouteMap:
    """Check the parsed YAML of a routes file and build the ``RouteMap``."""

    def fail(where: str, message: str) -> RouteMapError:
        return RouteMapError(f"{source}: {where}: {message}")

    if not isinstance(data, dict):
        raise fail("bovenaan", "het bestand moet een mapping zijn met forms, routes en rules.")
    for key in (
        "version",
        "region",
        "maintained_by",
        "review_interval_days",
        "emergency_route",
        "youth_route",
        "forms",
        "routes",
        "rules",
    ):
        if data.get(key) in (None, "", []):
            raise fail("bovenaan", f"veld '{key}' ontbreekt of is leeg.")
    interval = data["review_interval_days"]
    if not isinstance(interval, int) or isinstance(interval, bool) or interval <= 0:
        raise fail("review_interval_days", "moet een positief geheel aantal dagen zijn.")

    forms = tuple(
        _parse_form(item, f"forms[{i}]", fail) for i, item in enumerate(_list(data, "forms", fail))
    )
    routes = tuple(
        _parse_route(item, f"routes[{i}]", fail)
        for i, item in enumerate(_list(data, "routes", fail))
    )
    _no_duplicates([f.code for f in forms], "forms", fail)
    _no_duplicates([r.code for r in routes], "routes", fail)

    route_codes = {r.code for r in routes}
    for key in ("emergency_route", "youth_route"):
        if str(data[key]) not in route_codes:
            raise fail(
                key,
                f"onbekende route '{data[key]}'; bekende routes: {', '.join(sorted(route_codes))}.",
            )

    answer_options = {
        "form": {f.code for f in forms},
        "situation": set(SITUATIONS),
        "urgency": set(URGENCIES),
        "minor": set(MINOR_OPTIONS),
    }
    rules = tuple(
        _parse_rule(item, f"rules[{i}]", fail, answer_options, route_codes)
        for i, item in enumerate(_list(data, "rules", fail))
    )
    route_map = RouteMap(
        version=str(data["version"]),
        region=str(data["region"]),
        maintained_by=str(data["maintained_by"]),
        review_interval_days=interval,
        emergency_route=str(data["emergency_route"]),
        youth_route=str(data["youth_route"]),
        forms=forms,
        routes=routes,
        rules=rules,
    )
    _check_guarantees(route_map, fail)
    return route_map


def _list(data: dict, key: str, fail) -> list:
    value = data[key]
    if not isinstance(value, list):
        raise fail(key, "moet een lijst zijn.")
    return value


def _text(item: dict, key: str, where: str, fail, required: bool = True) -> str:
    value = item.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise fail(where, f"veld '{key}' ontbreekt of is leeg.")
        return ""
    if not isinstance(value, str | int):
        raise fail(where, f"veld '{key}' moet tekst zijn.")
    return str(value).strip()


def _parse_form(item: object, where: str, fail) -> Form:
    if not isinstance(item, dict):
        raise fail(where, "moet een mapping zijn.")
    for key in FORM_REQUIRED:
        if key != "signals":
            _text(item, key, where, fail)
    where = f"{where} ({item['code']})"
    signals = item.get("signals")
    if not isinstance(signals, list) or not signals:
        raise fail(where, "veld 'signals' moet een niet-lege lijst met signalen zijn.")
    if not all(isinstance(s, str) and s.strip() for s in signals):
        raise fail(where, "elk signaal moet een niet-lege tekst zijn.")
    return Form(
        code=_text(item, "code", where, fail),
        label=_text(item, "label", where, fail),
        description=_text(item, "description", where, fail, required=False),
        source=_text(item, "source", where, fail),
        signals=tuple(s.strip() for s in signals),
    )


def _parse_route(item: object, where: str, fail) -> Route:
    if not isinstance(item, dict):
        raise fail(where, "moet een mapping zijn.")
    _text(item, "code", where, fail)
    where = f"{where} ({item['code']})"
    for key in ROUTE_REQUIRED:
        _text(item, key, where, fail)
    if "verified" not in item or not isinstance(item["verified"], bool):
        raise fail(where, "veld 'verified' ontbreekt; gebruik true of false.")
    if "last_checked" not in item:
        raise fail(where, "veld 'last_checked' ontbreekt; gebruik een datum (JJJJ-MM-DD) of null.")
    last_checked = _date(item["last_checked"], where, fail)
    if item["verified"] and last_checked is None:
        raise fail(
            where,
            "een gecontroleerde route (verified: true) heeft een datum in 'last_checked' nodig.",
        )
    contact = _text(item, "contact", where, fail, required=False) or None
    contact_note = _text(item, "contact_note", where, fail, required=False)
    if contact is None and not contact_note:
        raise fail(where, "geef 'contact' of, als dat er (nog) niet is, een 'contact_note'.")
    return Route(
        code=str(item["code"]),
        name=_text(item, "name", where, fail),
        when=_text(item, "when", where, fail),
        contact=contact,
        contact_note=contact_note,
        owner=_text(item, "owner", where, fail),
        source=_text(item, "source", where, fail),
        verified=item["verified"],
        last_checked=last_checked,
    )


def _date(value: object, where: str, fail) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise fail(where, f"'last_checked' is geen datum (JJJJ-MM-DD): {value!r}.") from None


def _parse_rule(item: object, where: str, fail, answer_options, route_codes) -> Rule:
    if not isinstance(item, dict) or set(item) != {"when", "routes"}:
        raise fail(where, "een regel heeft precies de velden 'when' en 'routes'.")
    when_raw = item["when"] or {}
    if not isinstance(when_raw, dict):
        raise fail(where, "'when' moet een mapping zijn (vraag: antwoord of lijst van antwoorden).")
    when: dict[str, frozenset[str]] = {}
    for question, answers in when_raw.items():
        if question not in answer_options:
            raise fail(
                where, f"onbekende vraag '{question}'; kies uit {', '.join(answer_options)}."
            )
        values = [answers] if isinstance(answers, str | bool) else answers
        if not isinstance(values, list) or not values:
            raise fail(where, f"'{question}' moet een antwoord of een lijst van antwoorden zijn.")
        # YAML reads bare yes/no as booleans; accept them as the answers they were meant to be.
        values = [
            {True: "yes", False: "no"}.get(v, v) if isinstance(v, bool) else str(v) for v in values
        ]
        unknown = sorted(set(values) - answer_options[question])
        if unknown:
            allowed = ", ".join(sorted(answer_options[question]))
            raise fail(
                where, f"onbekend antwoord {unknown} bij '{question}'; toegestaan: {allowed}."
            )
        when[question] = frozenset(values)
    routes = item["routes"]
    if not isinstance(routes, list) or not routes:
        raise fail(where, "'routes' moet een niet-lege lijst met routecodes zijn.")
    routes = [str(r) for r in routes]
    unknown_routes = [r for r in routes if r not in route_codes]
    if unknown_routes:
        raise fail(
            where,
            f"onbekende routecode(s) {unknown_routes}; bekend: {', '.join(sorted(route_codes))}.",
        )
    return Rule(when=when, routes=tuple(routes))


def _no_duplicates(codes: list[str], where: str, fail) -> None:
    seen: set[str] = set()
    for code in codes:
        if code in seen:
            raise fail(where, f"code '{code}' komt twee keer voor.")
        seen.add(code)


def _check_guarantees(route_map: RouteMap, fail) -> None:
    """Every combination of answers gets a route; acute danger starts with the emergency route;
    a (possible) minor always gets the youth route; the emergency route appears only when acute."""
    for answers in route_map.all_answers():
        codes = [r.code for r in routes_for(route_map, answers)]
        described = (
            f"vorm={answers.form}, situatie={answers.situation}, urgentie={answers.urgency}, "
            f"minderjarig={answers.minor}"
        )
        if not codes:
            raise fail("rules", f"geen enkele route voor de antwoorden {described}.")
        if answers.urgency == "acute" and codes[0] != route_map.emergency_route:
            raise fail(
                "rules",
                f"bij acuut gevaar moet '{route_map.emergency_route}' de eerste route "
                f"zijn, maar voor {described} is de volgorde {codes}.",
            )
        if answers.urgency != "acute" and route_map.emergency_route in codes:
            raise fail(
                "rules",
                f"'{route_map.emergency_route}' is alleen voor acuut gevaar, maar staat "
                f"bij {described}.",
            )
        if answers.minor in MINOR_ANSWERS_FOR_YOUTH and route_map.youth_route not in codes:
            raise fail(
                "rules",
                f"bij een (mogelijk) minderjarige hoort route '{route_map.youth_route}', "
                f"maar die ontbreekt voor {described}.",
            )
