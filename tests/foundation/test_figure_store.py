"""The report's read model: current figures with provenance, without dragging delivered files along.

A delivery is stored whole (its bytes and its validation report) on the submission. The report
needs a handful of the submission's columns (partner, version, date, file name), not the file: a
national year has hundreds of thousands of observations, and reading the file once per observation
cost gigabytes (issue 9).
"""

import tracemalloc

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from zicht.figures.services import FigureStore
from zicht.intake.services import submit_bytes

pytestmark = pytest.mark.django_db

CARE = (
    b"indicator,gender,value,source\n"
    b"essm_care.clients,,143,registratie ESSM\n"
    b"essm_care.clients_by_gender,,143,\n"
    b"essm_care.clients_by_gender,female,115,\n"
    b"essm_care.clients_by_gender,male,12,\n"
    b"essm_care.clients_by_gender,other_unknown,16,\n"
)
# An Excel export often ends in thousands of empty rows; the file is valid and stored whole (2 MB).
TRAILING_EMPTY_ROWS = b",,,\n" * 500_000
LINE = b"indicator,value\nessm_line.contacts,40\n"


@pytest.fixture
def large_delivery():
    outcome = submit_bytes(CARE + TRAILING_EMPTY_ROWS, "care.csv", "essm_care", 2022)
    assert outcome.created and len(outcome.submission.content) > 2_000_000
    submit_bytes(LINE, "line.csv", "essm_line", 2022)
    return outcome.submission


def test_building_the_store_reads_no_delivered_file_or_validation_report(large_delivery):
    with CaptureQueriesContext(connection) as queries:
        FigureStore([2022])
    selected = " ".join(q["sql"] for q in queries.captured_queries)
    assert "intake_submission" in selected  # provenance is read ...
    for column in ("content", "validation_report"):  # ... but not the file or its report
        assert f'"{column}"' not in selected, column


def test_store_memory_does_not_grow_with_the_delivered_file(large_delivery):
    size = len(large_delivery.content)
    tracemalloc.start()
    try:
        store = FigureStore([2022])
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert store.value("essm_care.clients", 2022) == 143
    # Before: every observation carried its own copy of the 2 MB file (5 copies, > 10 MB).
    assert peak < size / 10, f"peak {peak:,} bytes while reading a store whose file is {size:,} bytes"


def test_store_keeps_values_sources_and_provenance(large_delivery):
    corrected = CARE.replace(b"143", b"144").replace(b",16,", b",17,")
    submit_bytes(corrected, "care-v2.csv", "essm_care", 2022)
    store = FigureStore([2021, 2022])
    assert store.value("essm_care.clients", 2022) == 144  # the superseded version is not read
    assert store.value("essm_care.clients_by_gender", 2022, gender="other_unknown") == 17
    assert store.value("essm_care.clients", 2021) is None
    prov = store.provenance("essm_care.clients", 2022)
    assert (prov.partner, prov.version, prov.filename) == ("essm_care", 2, "care-v2.csv")
    assert prov.sources == ("registratie ESSM",)
    assert prov.label_nl().startswith("Bron: Stichting Humanitas, ESSM hulpverlening, levering care-v2.csv versie 2 (")
    assert store.provenance("essm_line.contacts", 2022).sources == ()
    assert store.provenance("police.complaints", 2022) is None
    assert store.latest_year("essm_line.contacts", 2022) == 2022
    assert store.latest_year("essm_line.contacts", 2021) is None
    assert store.cells("essm_care.clients_by_gender", 2022)[("gender=male", None)] == 12
    breakdown = store.breakdown("essm_care.clients_by_gender", 2022, "gender")
    assert breakdown.total == 144 and [v for _, _, v in breakdown.rows] == [115, 12, 17]
