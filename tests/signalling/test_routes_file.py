"""Checks on the routes file: every mistake the region can make stops the load with a Dutch message."""

from __future__ import annotations

import copy

import pytest
import yaml

from zicht.signalling.routing import DEFAULT_FILE, RouteMapError, load_route_map, parse_route_map

BASE = yaml.safe_load(DEFAULT_FILE.read_text(encoding="utf-8"))


def broken(change) -> dict:
    data = copy.deepcopy(BASE)
    change(data)
    return data


def route(data, code):
    return next(r for r in data["routes"] if str(r["code"]) == code)


def test_the_packaged_file_loads():
    rm = load_route_map()
    assert rm.emergency_route == "112" and rm.youth_route == "jeugdzorg"
    assert len(rm.routes) == 10 and len(rm.forms) == 4


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda d: d["rules"][1].__setitem__("routes", ["nla", "arbeidsinspectie"]),
            r"rules\[1\].*onbekende routecode\(s\) \['arbeidsinspectie'\]",
        ),
        (
            lambda d: d["rules"][1]["when"].__setitem__("form", "labor"),
            r"rules\[1\].*onbekend antwoord \['labor'\] bij 'form'",
        ),
        (
            lambda d: d["rules"][1]["when"].__setitem__("leeftijd", "minor"),
            r"rules\[1\].*onbekende vraag 'leeftijd'",
        ),
        (lambda d: route(d, "nla").pop("owner"), r"routes\[2\] \(nla\).*veld 'owner' ontbreekt"),
        (lambda d: route(d, "nla").pop("verified"), r"routes\[2\] \(nla\).*'verified' ontbreekt"),
        (
            lambda d: route(d, "nla").pop("last_checked"),
            r"routes\[2\] \(nla\).*'last_checked' ontbreekt",
        ),
        (
            lambda d: route(d, "nla").__setitem__("last_checked", "30-11-2026"),
            r"routes\[2\] \(nla\).*geen datum",
        ),
        (
            lambda d: route(d, "nla").__setitem__("last_checked", None),
            r"routes\[2\] \(nla\).*verified: true.*datum",
        ),
        (
            lambda d: route(d, "fier").pop("contact_note"),
            r"routes\[9\] \(fier\).*'contact' of.*'contact_note'",
        ),
        (
            lambda d: d["routes"].append(copy.deepcopy(route(d, "nla"))),
            r"routes: code 'nla' komt twee keer voor",
        ),
        (lambda d: d["forms"][0].__setitem__("signals", []), r"forms\[0\] \(sexual\).*'signals'"),
        (lambda d: d.__setitem__("youth_route", "jeugd"), r"youth_route: onbekende route 'jeugd'"),
        (lambda d: d.pop("maintained_by"), r"bovenaan: veld 'maintained_by' ontbreekt"),
        (
            lambda d: d.__setitem__("review_interval_days", "half jaar"),
            r"review_interval_days: moet een positief geheel",
        ),
    ],
)
def test_mistakes_are_named_with_their_place(change, expected):
    with pytest.raises(RouteMapError, match=expected):
        parse_route_map(broken(change))


def test_acute_danger_without_112_first_is_refused():
    def swap(d):
        d["rules"][0]["routes"] = ["politie", "112"]

    with pytest.raises(
        RouteMapError, match=r"acuut gevaar moet '112' de eerste route zijn.*politie"
    ):
        parse_route_map(broken(swap))


def test_a_rule_sending_a_suspicion_to_112_is_refused():
    def add(d):
        d["rules"].append({"when": {"form": "labour"}, "routes": ["112"]})

    with pytest.raises(RouteMapError, match=r"'112' is alleen voor acuut gevaar"):
        parse_route_map(broken(add))


def test_a_minor_without_the_youth_route_is_refused():
    def drop(d):
        d["rules"] = [r for r in d["rules"] if "jeugdzorg" not in r["routes"]]

    with pytest.raises(
        RouteMapError, match=r"minderjarige hoort route 'jeugdzorg'.*minderjarig=yes"
    ):
        parse_route_map(broken(drop))


def test_answers_without_any_route_are_refused():
    def keep_acute_and_youth_only(d):
        d["rules"] = [
            r
            for r in d["rules"]
            if r["when"].get("urgency") == "acute" or "jeugdzorg" in r["routes"]
        ]

    with pytest.raises(
        RouteMapError,
        match=r"geen enkele route voor de antwoorden .*urgentie=suspicion.*minderjarig=no",
    ):
        parse_route_map(broken(keep_acute_and_youth_only))


def test_a_new_form_must_be_routed_too():
    def add(d):
        d["forms"].append(
            {"code": "organ", "label": "Orgaanhandel", "source": "x", "signals": ["y"]}
        )

    with pytest.raises(RouteMapError, match=r"geen enkele route.*vorm=organ"):
        parse_route_map(broken(add))


def test_unreadable_and_invalid_files_name_the_file(tmp_path):
    with pytest.raises(RouteMapError, match="kan niet worden gelezen"):
        load_route_map(tmp_path / "ontbreekt.yaml")
    bad = tmp_path / "routes.yaml"
    bad.write_text("routes: [\n", encoding="utf-8")
    with pytest.raises(RouteMapError, match=r"routes.yaml: geen geldige YAML"):
        load_route_map(bad)
    bad.write_text("- alleen een lijst\n", encoding="utf-8")
    with pytest.raises(RouteMapError, match=r"routes.yaml: bovenaan"):
        load_route_map(bad)
