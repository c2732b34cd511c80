"""Encoded case-record files are read row by row with the intake's limits: reading stops at the first row
over the row limit, an oversized or header-only file is refused, and nothing is stored."""

import pytest

from zicht.audit.models import AuditEvent
from zicht.demo.synthetic import synthetic_encoded_deliveries
from zicht.intake.limits import Limits
from zicht.records.models import EncodedDelivery
from zicht.records.services import EncodedDeliveryRefused, submit_encoded
from zicht.records.validation import check_encoded

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def police(tmp_path_factory):
    return synthetic_encoded_deliveries(2022, tmp_path_factory.mktemp("partner") / "secret.key",
                                        secret=bytes(range(32)))["police_tmm"]


def test_a_valid_file_gives_what_storing_needs(police):
    problems, rows = check_encoded(police, "police_tmm", 2022, set())
    assert problems == []
    lines = [line for line in police.decode().splitlines()[1:] if line]
    assert rows.count == len(lines) and rows.encoding_version and len(rows.key_check) == 16


def test_reading_stops_at_the_first_row_over_the_limit(police):
    # the rows after the limit carry a clear name as record number: had reading gone on, that would show
    header, *rows = police.decode().splitlines()
    tail = [row.replace(row.split(",")[0], "DOORNHOF_ANNA_00-10-1993", 1) for row in rows[3:]]
    content = "\n".join([header, *rows[:3], *tail]).encode()
    problems, got = check_encoded(content, "police_tmm", 2022, set(), Limits(max_rows=3))
    assert got is None and [p.code for p in problems] == ["too-many-rows"]
    assert problems[0].row == 5 and "meer dan 3 gegevensregels" in problems[0].message


def test_oversized_and_header_only_files_are_refused_and_not_stored(police, settings):
    header = police.decode().splitlines()[0].encode() + b"\n"
    with pytest.raises(EncodedDeliveryRefused) as refused:
        submit_encoded(header, "leeg.csv", "police_tmm", 2022)
    assert [p.code for p in refused.value.result.problems] == ["no-records"]
    settings.ZICHT_MAX_UPLOAD_BYTES = len(police) - 1
    with pytest.raises(EncodedDeliveryRefused) as refused:
        submit_encoded(police, "groot.csv", "police_tmm", 2022)
    assert [p.code for p in refused.value.result.problems] == ["file-too-large"]
    assert EncodedDelivery.objects.count() == 0
    assert AuditEvent.objects.filter(action="submission.rejected").count() == 2
