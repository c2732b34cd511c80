"""The estimate chapter with case records linked for two years: both estimators side by side, the
hidden number as a series with honest wording, strata refused with a reason, the headline choice
recorded on the publication and shown in open data and the API. The demo's synthetic records."""

import csv
import io
import json

import pytest
from django.core.management import call_command
from django.test import Client

from zicht.audit.models import AuditEvent
from zicht.catalog.periods import reopen_period
from zicht.catalog.services import load_catalog
from zicht.demo.loader import NARRATIVE_DIR, load_demo_deliveries
from zicht.demo.synthetic import synthetic_encoded_deliveries
from zicht.engines.mse.data import CaptureData
from zicht.engines.mse.latent_class import LatentClassSettings, estimate_latent_class
from zicht.publish.models import Publication
from zicht.publish.names import report_name
from zicht.publish.report import build_sections
from zicht.publish.services import publish_period
from zicht.publish.storage import publish_root
from zicht.records.models import LinkageRun
from zicht.records.services import latest_run, request_linkage, submit_encoded

from .scan import PublishedNumbers

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


@pytest.fixture
def two_years(tmp_path):
    load_catalog()
    load_demo_deliveries()
    for year in (2021, 2022):
        encoded = synthetic_encoded_deliveries(year, tmp_path / "secret.key", seed=year, secret=bytes(range(32)))
        for partner, content in encoded.items():
            submit_encoded(content, f"{partner}-{year}.csv", partner, year, synthetic=True)
        request_linkage(year)
        call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    runs = {year: latest_run(year) for year in (2021, 2022)}
    assert all(run is not None and run.status == LinkageRun.Status.DONE for run in runs.values())
    return runs


def _table(tables, key):
    return next(t for t in tables if t["key"] == key)


def _shown(cell):
    return "•" if cell["suppressed"] else cell.get("text", cell["value"])


def test_both_estimators_and_the_series_in_chapter_open_data_publication_and_api(two_years):
    run = two_years[2022]
    ll, lc = run.result["estimate"], run.result["estimate_latent_class"]
    assert lc["status"] == "ok" and lc["rhat"] <= 1.1  # the demo's records converge
    publication, built = publish_period(2022, NARRATIVE_DIR)
    html = built.html_path.read_text(encoding="utf-8")
    assert "Beide schattingen van het totale aantal naast elkaar, 2022" in html
    assert "Het latente-klassenmodel laat toe dat groepen slachtoffers verschillen" in html

    estimators = _table(publication.tables, "omvang.estimators")
    rows = {r["label"]: [_shown(c) for c in r["cells"]] for r in estimators["rows"]}
    [ll_row] = [v for k, v in rows.items() if k.startswith("Log-lineair")]
    [lc_row] = [v for k, v in rows.items() if k.startswith("Latente-klassenmodel")]
    assert int(ll_row[0].replace(".", "")) == round(ll["estimate"], -1)
    assert int(lc_row[0].replace(".", "")) == round(lc["estimate"], -1)
    assert lc_row[3].startswith("geconvergeerd")

    # the default rule, recorded on the publication and in the API (codes only)
    rule_method = "latent-class" if lc["estimate"] > ll["ci"][1] else "log-linear"
    assert publication.headline["method"] == rule_method and publication.headline["rule"] == "rule"
    assert publication.headline["chosen_by"] is None
    api = Client().get("/api/v1/publications/2022/").json()
    assert api["headline"] == {"method": rule_method, "rule": "rule", "reason_code": publication.headline["reason_code"],
                               "default_method": rule_method}
    assert any(t["key"] == "omvang.series" for t in api["tables"])

    # the series: both years, both estimators, wording that claims no more than the intervals
    series = _table(publication.tables, "omvang.series")
    assert [r["label"] for r in series["rows"]] == ["2021", "2022"]
    previous = two_years[2021].result["estimate"]
    overlap = previous["ci"][0] <= ll["ci"][1] and ll["ci"][0] <= (previous["ci"][1] or float("inf"))
    sentence = next(line for line in html.split("<p") if "Log-lineair model: ongeveer" in line)
    if overlap:
        assert "geen stijging of daling" in sentence and "gestegen" not in sentence
    else:
        assert "gestegen" in sentence or "gedaald" in sentence
    assert 'aria-label="Grafiek: Geschat totaal aantal slachtoffers per jaar' in html

    # strata over the years: an estimate where the overlap carries it, a reason where it does not
    forms = _table(publication.tables, "omvang.series_form")
    labels = [r["label"] for r in forms["rows"]]
    assert "Seksuele uitbuiting, 2021" in labels and "Seksuele uitbuiting, 2022" in labels
    refused = [r for r in forms["rows"] if _shown(r["cells"][1]) == "geen schatting"]
    assert refused, "the demo has a stratum with too little overlap"
    assert any("geen schatting, te weinig overlap" in n for n in forms["notes"])
    assert _table(publication.tables, "omvang.series_age_group")["rows"]

    # open data: the same tables, in the CSV too
    rows = list(csv.reader(io.StringIO(built.csv_path.read_text(encoding="utf-8-sig")), delimiter=";"))
    assert {"omvang.estimators", "omvang.series", "omvang.series_form"} <= {r[0] for r in rows}
    document = json.loads(built.json_path.read_text(encoding="utf-8"))
    assert _table(document["tables"], "omvang.estimators")["rows"] == estimators["rows"]

    # no small count in any text of the chapter's new tables and sentences (the scan of ADR 0303)
    sections, ctx, _, factsheets = build_sections(2022, NARRATIVE_DIR)
    known = PublishedNumbers(ctx, sections, factsheets)
    findings = known.scan_html(html, "HTML") + known.scan_csv(built.csv_path.read_text(encoding="utf-8-sig"), "CSV")
    # (the JSON's own "version": 1 is metadata of a publication, not a count: the tables are scanned)
    findings += known.scan_json(json.dumps({"tables": document["tables"]}), "JSON")
    assert known.cell_findings == [] and findings == [], "\n".join(map(str, findings))

    # A correction (version 2) whose latent-class run did not converge, headline chosen by override
    # (one test: linking two years is the slow part)
    reopen_period(2022, None, "correctie van de kopschatting (test)")
    _unconverged_version(run, v1=publication)


def _unconverged_version(run, v1):
    histories = {tuple(int(n in h["lists"]) for n in run.result["lists"]): h["count"]
                 for h in run.result["histories"]}
    data = CaptureData.from_histories(run.result["lists"], histories)
    unconverged = estimate_latent_class(data, LatentClassSettings(burn_in=0, samples=20, thin=1, chains=4, seed=7))
    assert unconverged.status == "not_converged"  # precondition: a real refusal of the engine
    run.result = run.result | {"estimate_latent_class": unconverged.to_dict()}
    run.save(update_fields=["result"])

    call_command("publish", "--year", "2022", "--headline-estimate", "latent-class",
                 "--headline-reason", "Heterogeniteit verwacht (test)", "--correction", "Kopschatting gekozen",
                 verbosity=0)
    publication = Publication.objects.get(year=2022, version=2)
    assert Publication.objects.get(pk=v1.pk).headline == v1.headline  # version 1 keeps its own
    assert publication.headline["method"] == "latent-class" and publication.headline["rule"] == "override"
    assert publication.headline["reason"] == "Heterogeniteit verwacht (test)"
    assert publication.headline["default_method"] == "log-linear"  # the rule would not pick a refused one
    assert AuditEvent.objects.filter(action="publication.headline_chosen", details__method="latent-class").exists()

    estimators = _table(publication.tables, "omvang.estimators")
    [lc_row] = [r for r in estimators["rows"] if r["label"].startswith("Latente-klassenmodel")]
    assert [_shown(c) for c in lc_row["cells"][:2]] == ["geen schatting", "–"]
    assert lc_row["cells"][3]["text"].startswith("niet geconvergeerd")
    assert any("niet op dezelfde uitkomst" in n for n in estimators["notes"])
    html = (publish_root() / publication.folder / report_name(2022, "html")).read_text(encoding="utf-8")
    assert "Zicht geeft voor 2022 geen schatting van het totale aantal: de onafhankelijke ketens" in html
    assert not [h for h in publication.highlights if h["section"] == "omvang" and h["kind"] == "estimate"]
