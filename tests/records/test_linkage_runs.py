"""Encoded case records: stored only when safe, linked in the background, feeding figures and the estimate."""

import csv
import io

import pytest
from django.core.management import call_command

from zicht.demo.synthetic import synthetic_encoded_deliveries
from zicht.figures.models import Observation
from zicht.records.models import EncodedDelivery, LinkageRun
from zicht.records.services import EncodedDeliveryRefused, request_linkage, submit_encoded

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(scope="module")
def encoded(tmp_path_factory):
    return synthetic_encoded_deliveries(2022, tmp_path_factory.mktemp("partner") / "secret.key",
                                        secret=bytes(range(32)))


def _rewrite(content: bytes, change) -> bytes:
    rows = list(csv.DictReader(io.StringIO(content.decode())))
    for row in rows:
        change(row)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def test_clear_names_are_refused_and_not_stored(encoded):
    clear = b"record_id,first_name,last_name,birth_date\nA1,Jan,Jansen,1990-01-01\n"
    with pytest.raises(EncodedDeliveryRefused) as refused:
        submit_encoded(clear, "namen.csv", "police_tmm", 2022)
    assert "leesbare vorm" in str(refused.value)
    assert EncodedDelivery.objects.count() == 0


def test_another_schema_version_is_refused(encoded):
    wrong = _rewrite(encoded["police_tmm"], lambda r: r.update(encoding_version="zicht-clk-0"))
    with pytest.raises(EncodedDeliveryRefused) as refused:
        submit_encoded(wrong, "oud.csv", "police_tmm", 2022)
    assert any(p.code == "encoding-version" for p in refused.value.result.errors)
    assert EncodedDelivery.objects.count() == 0


def test_a_file_encoded_with_another_secret_is_refused(encoded):
    submit_encoded(encoded["police_tmm"], "politie.csv", "police_tmm", 2022)
    other = _rewrite(encoded["essm_care"], lambda r: r.update(key_check="0" * 16))
    with pytest.raises(EncodedDeliveryRefused) as refused:
        submit_encoded(other, "zorg.csv", "essm_care", 2022)
    assert any(p.code == "other-secret" for p in refused.value.result.errors)
    assert EncodedDelivery.objects.count() == 1


def test_background_linkage_feeds_figures_and_estimate(encoded):
    for partner, content in encoded.items():
        submit_encoded(content, f"{partner}.csv", partner, 2022, synthetic=True)
    run = request_linkage(2022)
    assert run.status == LinkageRun.Status.QUEUED
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    run.refresh_from_db()
    assert run.status == LinkageRun.Status.DONE, run.error
    result = run.result
    assert set(result["per_list"]) == set(encoded)
    # the synthetic population has 550 persons; the lists see about half of them
    assert 200 < result["persons"] < 350
    est = result["estimate"]
    assert est["ci"][0] < 550 < est["ci"][1]
    assert est["ci_method"] == "bca_bootstrap"
    total = Observation.objects.get(indicator__code="linkage.persons", year=2022, dims_key="", municipality=None)
    assert total.value == result["persons"]
    assert "SYNTHETISCHE" in total.source
    # every municipality of the year has a figure: the linkage knows where nobody linked lives (0)
    per_municipality = Observation.objects.filter(indicator__code="linkage.persons", year=2022, dims_key="",
                                                  municipality__isnull=False)
    assert per_municipality.count() == 25 and per_municipality.filter(value=0).exists()
    assert result["sensitivity"][0]["kind"] == "all"
    # no clear identifier is stored anywhere
    for delivery in EncodedDelivery.objects.all():
        header = bytes(delivery.content).split(b"\n", 1)[0].decode()
        assert "first_name" not in header and "birth_date" not in header


def test_report_sections_label_synthetic_results(encoded, tmp_path, settings):
    from zicht.catalog.services import load_catalog
    from zicht.demo.loader import NARRATIVE_DIR, load_demo_deliveries
    from zicht.publish.report import build_report

    load_catalog()
    load_demo_deliveries()
    for partner, content in encoded.items():
        submit_encoded(content, f"{partner}.csv", partner, 2022, synthetic=True)
    request_linkage(2022)
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    built = build_report(2022, tmp_path, NARRATIVE_DIR, pdf=False)
    summaries = [h for h in built.highlights if h["section"] in {"omvang", "personen"}]
    assert summaries and all(h["text"].startswith("Synthetische demogegevens") for h in summaries)
    html = built.html_path.read_text(encoding="utf-8")
    assert "Hoe groot is het probleem?" in html and "Unieke personen naar gender, 2022" in html
    assert "Schatting per vorm van uitbuiting" in html and "Gevoeligheid" in html
