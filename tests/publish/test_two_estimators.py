"""Two estimators of the hidden number side by side: the wording (refusals without numbers), the
headline rule, the analyst's override (audited, refused when it must be) and the honest wording
of a series. Real engine results throughout (short latent-class runs where a refusal is needed)."""

import re

import pytest

from zicht.audit.models import AuditEvent
from zicht.catalog.models import Period
from zicht.engines.mse.data import CaptureData
from zicht.engines.mse.estimate import estimate
from zicht.engines.mse.latent_class import LatentClassSettings, estimate_latent_class
from zicht.publish import headline as choose
from zicht.publish.models import HeadlineChoice
from zicht.publish.sections import estimate_text as wording
from zicht.publish.services import HeadlineChoiceRefused, choose_headline_estimate

RICH = {(1, 0, 0): 120, (0, 1, 0): 90, (0, 0, 1): 70, (1, 1, 0): 30, (1, 0, 1): 22, (0, 1, 1): 18,
        (1, 1, 1): 6}
LISTS = ["Politie", "Zorg", "Inspectie"]
QUICK = LatentClassSettings(burn_in=2000, samples=400, thin=10, chains=3)
# Four chains of twenty draws, no burn-in, from dispersed starts: they have not met.
UNCONVERGED = LatentClassSettings(burn_in=0, samples=20, thin=1, chains=4, seed=7)


@pytest.fixture(scope="module")
def loglinear():
    return estimate(CaptureData.from_histories(LISTS, RICH), bootstrap=200, seed=1, workers=1).to_dict()


@pytest.fixture(scope="module")
def latent():
    return estimate_latent_class(CaptureData.from_histories(LISTS, RICH), QUICK).to_dict()


@pytest.fixture(scope="module")
def unconverged():
    result = estimate_latent_class(CaptureData.from_histories(LISTS, RICH), UNCONVERGED).to_dict()
    assert result["status"] == "not_converged", result["rhat"]  # the precondition of the tests below
    return result


def _numbers(text: str) -> list[int]:
    return [int(n.replace(".", "")) for n in re.findall(r"(?<![\d.,])\d{1,3}(?:\.\d{3})*(?![\d%,])", text)]


def test_both_estimators_publish_rounded_numbers(loglinear, latent):
    assert latent["status"] == "ok"
    assert wording.latent_publishable(latent)
    estimate_text, interval = wording.latent_cells(latent)
    assert int(estimate_text.replace(".", "")) % 10 == 0
    assert all(n % 10 == 0 for n in _numbers(interval))
    assert wording.convergence_nl(latent).startswith("geconvergeerd (R-hat 1,")
    text = wording.comparison_nl(loglinear, latent)
    assert wording.ASSUMES_LOGLINEAR in text and wording.ASSUMES_LATENT_CLASS in text
    assert wording.DISAGREEMENT in text


def test_a_latent_class_run_that_did_not_converge_is_refused_without_a_number(loglinear, unconverged):
    assert unconverged["unconverged"]["median"] > 0  # the engine keeps numbers for the analyst ...
    assert not wording.latent_publishable(unconverged)
    assert wording.latent_cells(unconverged) == ["geen schatting", "–"]  # ... the publication none
    assert "niet op dezelfde uitkomst" in wording.latent_refusal_reason(unconverged)
    assert wording.convergence_nl(unconverged).startswith("niet geconvergeerd")
    text = wording.comparison_nl(loglinear, unconverged)
    assert "geeft hier geen getal" in text and _numbers(text) == []
    # the headline rule falls back to the log-linear estimate
    assert choose.default_choice(loglinear, unconverged) == ("log-linear", "loglinear_default")


def test_default_rule(loglinear, latent):
    assert choose.default_choice(loglinear, latent)[0] == "log-linear"  # intervals agree here
    above = dict(latent, estimate=loglinear["ci"][1] + 50)
    assert choose.default_choice(loglinear, above) == ("latent-class", "latent_class_above")
    refused = dict(loglinear, estimate=None)
    assert choose.default_choice(refused, latent) == ("latent-class", "loglinear_refused")
    two_lists = dict(latent, lists=["Politie", "Zorg"])  # never an estimate from two lists
    assert choose.default_choice(refused, two_lists) == (None, "none")
    sentence = wording.headline_nl(2022, "latent-class", above, 356, "", choose.REASONS_NL["latent_class_above"])
    assert "geloofwaardigheidsinterval" in sentence and "latente-klassenmodel" in sentence


@pytest.mark.django_db
def test_override_is_recorded_with_its_audit_event(loglinear, latent, django_user_model):
    analyst = django_user_model.objects.create_user("ana", password="x" * 20)
    choice = choose_headline_estimate(2022, "latent-class", analyst, "  Heterogeniteit verwacht  ")
    assert choice.reason == "Heterogeniteit verwacht"
    event = AuditEvent.objects.get(action="publication.headline_chosen")
    assert event.actor == analyst and event.details["method"] == "latent-class"
    current = choose.choice_for(2022, loglinear, latent)
    assert current | {"chosen_at": None} == {
        "method": "latent-class", "rule": "override", "reason_code": "override",
        "reason": "Heterogeniteit verwacht", "default_method": "log-linear", "chosen_by": "ana", "chosen_at": None}
    choose_headline_estimate(2022, "default", analyst, "Terug naar de regel")
    assert choose.choice_for(2022, loglinear, latent)["rule"] == "rule"
    assert HeadlineChoice.objects.filter(year=2022).count() == 2


@pytest.mark.django_db
@pytest.mark.parametrize(("method", "reason", "message"), [
    ("bayes", "reden", "Onbekende schatter"),
    ("latent-class", "   ", "Geef een reden"),
])
def test_bad_choices_are_refused_audited_and_store_nothing(method, reason, message):
    with pytest.raises(HeadlineChoiceRefused, match=message):
        choose_headline_estimate(2022, method, None, reason)
    assert HeadlineChoice.objects.count() == 0
    assert AuditEvent.objects.filter(action="publication.headline_refused").count() == 1


@pytest.mark.django_db
def test_a_published_year_keeps_its_headline():
    Period.objects.create(year=2021, status=Period.Status.PUBLISHED)
    with pytest.raises(HeadlineChoiceRefused, match="gepubliceerd"):
        choose_headline_estimate(2021, "latent-class", None, "te laat")
    assert HeadlineChoice.objects.count() == 0


def _est(value, lo, hi):
    return {"estimate": value, "ci": [lo, hi], "lists": LISTS}


def test_series_wording_says_no_trend_when_intervals_overlap():
    text = wording.series_change_nl((2021, _est(575, 435, 2441)), (2022, _est(678, 549, 913)), "Log-lineair model")
    assert "geen stijging of daling" in text and "gestegen" not in text
    assert "ongeveer 680 in 2022, tegen ongeveer 580 in 2021" in text  # rounded, as published


def test_series_wording_speaks_of_a_rise_only_when_intervals_do_not_overlap():
    up = wording.series_change_nl((2021, _est(400, 350, 460)), (2022, _est(700, 600, 820)), "Log-lineair model")
    assert "gestegen" in up and "onzeker" in up
    down = wording.series_change_nl((2021, _est(700, 600, 820)), (2022, _est(400, 350, 460)), "Log-lineair model")
    assert "gedaald" in down
    # an unbounded upper limit overlaps everything above its lower bound
    open_ended = wording.series_change_nl((2021, _est(400, 350, None)), (2022, _est(900, 800, 1000)), "x")
    assert "geen stijging" in open_ended
