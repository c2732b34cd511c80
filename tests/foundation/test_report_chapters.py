"""Every chapter of the 2022 monitor reaches the built demo report, shares stand with their base,
and the figures the seed states are shown (issue 11, "Everything the seed monitor says")."""

import re

import pytest

from zicht.catalog.services import load_catalog
from zicht.demo.loader import NARRATIVE_DIR, load_demo_deliveries
from zicht.publish.report import build_report

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

CHAPTERS = [
    "Uitbuiting licht verstandelijk beperkten", "Seksuele uitbuiting", "Criminele uitbuiting", "Het vervolg",
    "Onderzoek van het CKM onder professionals", "Campagnes, voorlichting en de pilot van 2023",
    "Awareness hotels en vakantieparken", "Vernieuwde voorlichting ESSM", "Week tegen mensenhandel",
    "Verdere awareness rondom mensenhandel", "EU-arbeidsmigranten en het Oekraïnehuis", "Regionaal Controle Team",
    "Dadermonitor mensenhandel",
    "Lancering bewustwordingscampagne 'Steek jij je hand uit'", "Actieweek politie",
]


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&#x27;", "'").replace("&#39;", "'")


def test_the_demo_report_covers_every_chapter_of_the_seed(tmp_path):
    load_catalog()
    load_demo_deliveries()
    html = build_report(2022, tmp_path, NARRATIVE_DIR, pdf=False).html_path.read_text(encoding="utf-8")
    text = _text(html).replace("’", "'").replace("‘", "'")
    for heading in CHAPTERS:
        assert heading in text, heading
    assert "Open je Ogen voor mensenhandel" in text and "FairWork" in text and "ronde tafels" in text

    # shares with their base, not "niet geleverd"
    assert "Binnengekomen melding 56% van de 16 Basis (100%): opsporingsonderzoeken mensenhandel 16" in text
    assert "Ouder dan 26 jaar 70% van de 20 Basis (100%): daders in opsporingsonderzoeken" in text
    assert "18-25 jaar 27% van de 22 Ouder dan 26 jaar 50% van de 22 Basis (100%): slachtoffers" in text
    assert "Seksuele uitbuiting in Nederland 43% van de 893" in text  # a national share with its base
    assert "Opsporingsonderzoeken naar aanleiding:" not in text  # the old count indicator, never delivered

    # ESSM's 121 clients in sexual exploitation (28 preventive) are sums of sectors (catalog sum_of),
    # protected together with the sector table: shown, and the one client in criminal exploitation is
    # protected by hiding the labour sector (hiding 'jeugdprostitutie preventief' as before would let
    # 121 - 66 - 22 - 27 give it back)
    sums = re.search(r"Cliënten die te maken hadden met seksuele uitbuiting, 2022 (.*?) Bron:", text).group(1)
    assert "seksuele uitbuiting 121 Waarvan in een preventief traject 28" in sums
    assert "niet uit het verschil af te leiden" in text
    assert "Jeugdprostitutie preventief 6" in text
    assert "Mensenhandel arbeidsuitbuiting •" in text and "Mensenhandel criminele uitbuiting •" in text
    # the Dadermonitor's recidivism
    for label, pct in (("Recidive daders seksuele uitbuiting binnen 2 jaar", 36),
                       ("Recidive binnen 5 jaar: vermogensdelicten", 28),
                       ("Recidive binnen 5 jaar: opnieuw mensenhandel", 9),
                       ("Recidiverende daders jonger dan 23 jaar", 42)):
        assert f"{label} {pct}%" in text, label


def test_a_share_of_a_small_base_is_suppressed_in_the_report():
    from zicht.intake.services import submit_bytes
    from zicht.publish.report import build_sections

    load_catalog()
    rows = ["indicator,investigation_trigger,age_band_police,value,source",
            "police.investigations,,,8,test", "police.investigations_trigger_share,incoming_report,,50,test",
            "police.investigation_victims,,,40,test", "police.investigation_victims_age_share,,gt26,50,test",
            "police.investigation_victims_age_share,,18_25,40,test"]
    submit_bytes(("\n".join(rows) + "\n").encode(), "politie.csv", "police_tmm", 2022)
    sections, *_ = build_sections(2022, None)
    tables = {b.key: b for s in sections if s.key == "seksuele_uitbuiting" for b in s.blocks if hasattr(b, "rows")}
    trigger = tables["police.investigations_trigger_share.investigation_trigger"]
    # 50% of 8 investigations is 4: a small count, so the share is hidden; the base is a total and stays
    assert [(label, c.display()) for label, [c] in trigger.rows] == [
        ("Binnengekomen melding", "•"), ("Basis (100%): opsporingsonderzoeken mensenhandel", "8")]
    victims = tables["police.investigation_victims_age_share.age_band_police"]
    # 40% and 50% of 40 (16 and 20) leave 4 over: the smaller share is hidden as well
    assert [c.display() for _, [c] in victims.rows] == ["•", "50%\u00a0van de\u00a040", "40"]
