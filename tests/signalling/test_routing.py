"""The routing rules of the packaged meldroutekaart: the guarantees and the everyday answers."""

from __future__ import annotations

import datetime as dt

import pytest

from zicht.signalling.routing import (
    AnswerError,
    Answers,
    load_route_map,
    parse_answers,
    routes_for,
)


@pytest.fixture(scope="module")
def rm():
    return load_route_map()


def codes(rm, **answers) -> list[str]:
    return [r.code for r in routes_for(rm, Answers(**answers))]


def test_the_whole_answer_space_is_covered(rm):
    assert len(rm.all_answers()) == 4 * 2 * 2 * 3
    assert {f.code for f in rm.forms} == {"sexual", "labour", "criminal", "general"}


@pytest.mark.parametrize("form", ["sexual", "labour", "criminal", "general"])
@pytest.mark.parametrize("situation", ["person", "location"])
@pytest.mark.parametrize("minor", ["yes", "no", "unknown"])
def test_acute_danger_always_starts_with_112(rm, form, situation, minor):
    result = codes(rm, form=form, situation=situation, urgency="acute", minor=minor)
    assert result[0] == "112"


@pytest.mark.parametrize("form", ["sexual", "labour", "criminal", "general"])
@pytest.mark.parametrize("situation", ["person", "location"])
@pytest.mark.parametrize("urgency", ["acute", "suspicion"])
@pytest.mark.parametrize("minor", ["yes", "unknown"])
def test_a_possible_minor_always_gets_the_youth_route(rm, form, situation, urgency, minor):
    result = codes(rm, form=form, situation=situation, urgency=urgency, minor=minor)
    assert "jeugdzorg" in result


def test_112_only_for_acute_danger(rm):
    for answers in rm.all_answers():
        if answers.urgency == "suspicion":
            assert "112" not in [r.code for r in routes_for(rm, answers)], answers


def test_each_route_appears_once(rm):
    for answers in rm.all_answers():
        result = [r.code for r in routes_for(rm, answers)]
        assert len(result) == len(set(result)), answers


def test_labour_suspicion_goes_to_the_labour_inspectorate_first(rm):
    assert codes(rm, form="labour", situation="person", urgency="suspicion", minor="no") == [
        "nla",
        "essm",
        "gemeente",
        "comensha",
    ]
    assert (
        codes(rm, form="labour", situation="location", urgency="suspicion", minor="no")[0] == "nla"
    )


def test_a_location_offers_an_anonymous_tip_and_no_victim_registration(rm):
    result = codes(rm, form="criminal", situation="location", urgency="suspicion", minor="no")
    assert result == ["politie", "mma", "gemeente"]


def test_adult_victim_is_registered_with_comensha_minor_is_not_sent_there(rm):
    adult = codes(rm, form="sexual", situation="person", urgency="suspicion", minor="no")
    minor = codes(rm, form="sexual", situation="person", urgency="suspicion", minor="yes")
    assert "comensha" in adult and "jeugdzorg" not in adult
    assert "comensha" not in minor and {"jeugdzorg", "veilig_thuis", "fier"} <= set(minor)


def test_unknown_age_is_treated_as_a_minor(rm):
    unknown = codes(rm, form="general", situation="person", urgency="suspicion", minor="unknown")
    yes = codes(rm, form="general", situation="person", urgency="suspicion", minor="yes")
    assert unknown == yes


def test_unconfirmed_contacts_are_marked_and_due_for_a_check(rm):
    today = dt.date(2026, 12, 1)
    unverified = {r.code for r in rm.routes if not r.verified}
    # The notes mark these as "from memory, verify" / "not verified" / without a contact.
    assert {"mma", "essm"} <= unverified
    assert all(rm.route(c).check_due(today, rm.review_interval_days) for c in unverified)
    assert not rm.route("nla").check_due(today, rm.review_interval_days)


def test_a_confirmed_route_becomes_due_when_its_check_is_too_old(rm):
    nla = rm.route("nla")
    just_in_time = nla.last_checked + dt.timedelta(days=rm.review_interval_days)
    assert not nla.check_due(just_in_time, rm.review_interval_days)
    assert nla.check_due(just_in_time + dt.timedelta(days=1), rm.review_interval_days)


def test_parse_answers_accepts_the_form_values(rm):
    raw = {"urgency": "acute", "situation": "location", "form": "criminal", "minor": "no"}
    assert parse_answers(rm, raw) == Answers(
        form="criminal", situation="location", urgency="acute", minor="no"
    )


def test_parse_answers_names_each_missing_or_unknown_answer_in_dutch(rm):
    with pytest.raises(AnswerError) as info:
        parse_answers(rm, {"urgency": "acute", "form": "trafficking", "minor": " "})
    errors = info.value.errors
    assert set(errors) == {"situation", "form", "minor"}
    assert "Gaat het om een persoon of om een locatie?" in errors["situation"]
    assert "een van de getoonde antwoorden" in errors["form"]
