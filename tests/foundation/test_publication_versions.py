"""Publications hold year after year: drafts never public, every version written once and served
only through its checksum, corrections as new versions, the next year beside the last."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client
from scipy.optimize import linprog

from zicht.accounts.models import Profile
from zicht.audit.models import AuditEvent
from zicht.catalog.definitions import get_catalog
from zicht.catalog.models import Partner
from zicht.catalog.periods import close_period, reopen_period
from zicht.catalog.services import load_catalog
from zicht.demo.loader import NARRATIVE_DIR, load_demo_deliveries
from zicht.intake.services import submit_bytes
from zicht.publish.models import Publication
from zicht.publish.services import AlreadyPublished, CorrectionNoteMissing, publish_period

pytestmark = pytest.mark.django_db

POLICE_2022 = Path(__file__).resolve().parents[2] / "src/zicht/demo/deliveries/2022/police_tmm.csv"


def _public_urls(year: int) -> list[str]:
    muni = get_catalog().municipalities_in(year)[0]
    from zicht.publish.factsheets import factsheet_filename

    return [
        f"/monitor/{year}/", f"/monitor/{year}.pdf", f"/monitor/{year}/factsheets/",
        f"/monitor/{year}/factsheets/{factsheet_filename(muni)}",
        f"/open-data/monitor-{year}-tabellen.csv", f"/open-data/monitor-{year}-tabellen.json",
        f"/monitor/{year}/v1/", f"/monitor/{year}/v1/monitor-{year}.pdf", f"/dashboard/{year}/",
        f"/api/v1/publications/{year}/", f"/api/v1/publications/{year}/versions/1/",
    ]


def _tree_checksums(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def _pdf_pages(path: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    return [page for page in text.split("\f") if page.strip()]


def _analyst_client(two_factor_login, role=Profile.Role.ANALYST, partner=None) -> Client:
    user = User.objects.create_user(f"u-{role}", password="een-lang-wachtwoord-123")
    Profile.objects.create(user=user, role=role, partner=Partner.objects.get(code=partner) if partner else None)
    client = Client()
    two_factor_login(client, user)
    return client


def test_a_draft_is_never_public(settings, two_factor_login):
    load_catalog()
    load_demo_deliveries()
    call_command("report", "--year", "2021")
    draft = Path(settings.ZICHT_DRAFTS_DIR) / "2021"
    assert (draft / "monitor-2021.html").is_file() and (draft / "factsheets" / "index.html").is_file()
    # Even a draft copied into the publication tree (the old layout) is not served: views follow
    # Publication rows, not folders.
    publish_dir = Path(settings.ZICHT_PUBLISH_DIR)
    shutil.copytree(draft, publish_dir, dirs_exist_ok=True)
    shutil.copytree(draft, publish_dir / "2021" / "v1", dirs_exist_ok=True)
    client = Client()
    for url in _public_urls(2021):
        assert client.get(url).status_code == 404, url
    home = client.get("/").content.decode()
    assert "2021" not in home
    # Marked CONCEPT on every page of the HTML and the PDF, and in open data.
    assert "CONCEPT" in (draft / "monitor-2021.html").read_text(encoding="utf-8")
    assert all("CONCEPT" in (draft / "factsheets" / f).read_text(encoding="utf-8")
               for f in ("index.html",) if (draft / "factsheets" / f).exists())
    pages = _pdf_pages(draft / "monitor-2021.pdf")
    assert len(pages) > 3 and all("CONCEPT" in page for page in pages)
    assert json.loads((draft / "monitor-2021-tabellen.json").read_text(encoding="utf-8"))["status"] == "draft"
    # The analyst sees drafts behind login and a second factor; a partner does not; every look is logged.
    assert client.get("/beheer/concepten/").status_code == 302
    partner = _analyst_client(two_factor_login, Profile.Role.PARTNER, "essm_care")
    assert partner.get("/beheer/concepten/2021/monitor-2021.html").status_code == 403
    analyst = _analyst_client(two_factor_login)
    listing = analyst.get("/beheer/concepten/")
    assert listing.status_code == 200 and "monitor-2021.pdf" in listing.content.decode()
    page = analyst.get("/beheer/concepten/2021/monitor-2021.html")
    assert page.status_code == 200 and b"CONCEPT" in page.content
    assert analyst.get("/beheer/concepten/2021/../../etc/passwd").status_code == 404
    assert AuditEvent.objects.filter(action="data.viewed", details__name="monitor-2021.html").exists()


def test_report_refuses_to_draft_into_the_publication_tree(settings):
    from django.core.management import CommandError

    load_catalog()
    load_demo_deliveries()
    with pytest.raises(CommandError, match="publicatiemap"):
        call_command("report", "--year", "2021", "--out", str(Path(settings.ZICHT_PUBLISH_DIR) / "x"))


def test_a_tampered_artefact_is_not_served(settings):
    load_catalog()
    load_demo_deliveries()
    publication, built = publish_period(2022, NARRATIVE_DIR)
    client = Client()
    assert client.get("/monitor/2022/").status_code == 200
    built.html_path.write_text("<p>vervalst: 1 slachtoffer in Brielle</p>", encoding="utf-8")
    response = client.get("/monitor/2022/")
    assert response.status_code == 503 and b"vervalst" not in response.content
    assert AuditEvent.objects.filter(action="publication.artefact_unreadable").exists()
    built.pdf_path.unlink()
    assert client.get("/monitor/2022.pdf").status_code == 503
    # A file that is not an artefact of the publication is not served, whatever the folder holds.
    (built.folder / "extra.html").write_text("x", encoding="utf-8")
    assert client.get("/monitor/2022/v1/extra.html").status_code == 404


def _police_2022(**changes: int) -> bytes:
    """The 2022 police delivery with some forms' counts changed (and the total following)."""
    lines = POLICE_2022.read_text(encoding="utf-8").splitlines()
    out, delta = [], 0
    for line in lines:
        parts = line.split(",")
        if parts[0] == "police.complaints" and parts[1] in changes:
            delta += changes[parts[1]] - int(parts[3])
            parts[3] = str(changes[parts[1]])
        out.append(",".join(parts))
    text = "\n".join(out) + "\n"
    total = next(line for line in out if line.startswith("police.complaints,,,"))
    new_total = total.split(",")
    new_total[3] = str(int(new_total[3]) + delta)
    return text.replace(total, ",".join(new_total)).encode("utf-8")


def _with_municipalities(path: Path, parts: dict[str, int]) -> bytes:
    """The ESSM line delivery with a municipality column and municipal parts of its contacts."""
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8")), delimiter=";"))
    at = rows[0].index("value")
    out = [[*row[:at], "municipality" if i == 0 else "", *row[at:]] for i, row in enumerate(rows)]
    blank = [""] * (len(rows[0]) + 1)
    for code, value in parts.items():
        row = list(blank)
        row[0], row[at], row[at + 1] = "essm_line.contacts", code, str(value)
        out.append(row)
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\n").writerows(out)
    return buffer.getvalue().encode("utf-8")


def _complaints(publication: Publication) -> dict[str, int | None]:
    table = next(t for t in publication.tables if t["key"] == "police.complaints.form")
    return {row["label"]: row["cells"][0]["value"] for row in table["rows"] if not row.get("total")}


def _union_interval(versions: list[dict[str, int | None]], totals: list[int], unchanged: set[str],
                    cell: str, version: int) -> tuple[float, float]:
    """What an attacker who holds every public version (and knows which cells the correction left
    unchanged) can derive about one hidden cell: min and max over the LP of all versions together."""
    labels = sorted(versions[0])
    index = {(v, label): i for i, (v, label) in enumerate((v, lab) for v in range(len(versions)) for lab in labels)}
    a_eq, b_eq = [], []
    for v, shown in enumerate(versions):
        row = [0.0] * len(index)
        for label in labels:
            row[index[(v, label)]] = 1.0
        a_eq.append(row)
        b_eq.append(totals[v])
        for label, value in shown.items():
            if value is not None:
                fix = [0.0] * len(index)
                fix[index[(v, label)]] = 1.0
                a_eq.append(fix)
                b_eq.append(value)
    for label in unchanged:
        for v in range(1, len(versions)):
            same = [0.0] * len(index)
            same[index[(0, label)]], same[index[(v, label)]] = 1.0, -1.0
            a_eq.append(same)
            b_eq.append(0)
    objective = [0.0] * len(index)
    objective[index[(version, cell)]] = 1.0
    low = linprog(objective, A_eq=a_eq, b_eq=b_eq, bounds=(0, None)).fun
    high = -linprog([-c for c in objective], A_eq=a_eq, b_eq=b_eq, bounds=(0, None)).fun
    return low, high


def test_next_year_and_a_correction_leave_every_earlier_artefact_as_it_was(settings):
    load_catalog()
    load_demo_deliveries()
    line = POLICE_2022.parent / "essm_line.csv"
    # Municipal parts under the 2022 boundaries (Brielle, Hellevoetsluis, Westvoorne still exist).
    submit_bytes(_with_municipalities(line, {"GM0599": 94, "GM0501": 6, "GM0530": 5, "GM0614": 7}),
                 "essm_line.csv", "essm_line", 2022)
    root = Path(settings.ZICHT_PUBLISH_DIR)
    v1, _ = publish_period(2022, NARRATIVE_DIR)
    first = _tree_checksums(root)
    assert {a.name: a.sha256 for a in v1.artefacts.all()} == {
        name.removeprefix("2022/v1/"): digest for name, digest in first.items()}
    assert len([n for n in first if "/factsheets/GM" in n]) == 25  # 2022 had 25 municipalities

    # The next year: its own municipalities (23 after the merger into Voorne aan Zee).
    for path in sorted((POLICE_2022.parent).glob("*.csv")):
        partner = path.stem.split("__")[0]
        content = (_with_municipalities(path, {"GM0599": 90, "GM1992": 17}) if partner == "essm_line"
                   else path.read_bytes())
        submit_bytes(content, path.name, partner, 2023)
    y2023, built_2023 = publish_period(2023, NARRATIVE_DIR)
    report_2023 = built_2023.html_path.read_text(encoding="utf-8")
    assert "in 2022" in report_2023  # the next year compares with the last
    voorne = (built_2023.folder / "factsheets" / "GM1992-voorne-aan-zee.html").read_text(encoding="utf-8")
    assert "Voorne aan Zee" in voorne and "Contactmomenten" in voorne
    brielle = (root / "2022" / "v1" / "factsheets" / "GM0501-brielle.html").read_text(encoding="utf-8")
    assert "Contactmomenten" in brielle
    names_2023 = [a.name for a in y2023.artefacts.all()]
    assert len([n for n in names_2023 if n.startswith("factsheets/GM")]) == 23
    assert not any(code in n for n in names_2023 for code in ("GM0501", "GM0530", "GM0614"))
    assert any("GM1992" in n for n in names_2023)
    client = Client()
    assert client.get("/monitor/2022/factsheets/GM0501-brielle.html").status_code == 200
    assert client.get("/monitor/2023/factsheets/GM0501-brielle.html").status_code == 404
    after_2023 = _tree_checksums(root)
    assert {k: v for k, v in after_2023.items() if k.startswith("2022/")} == first

    # A correction of 2022: refused while the year is published, and without a note.
    with pytest.raises(AlreadyPublished):
        publish_period(2022, NARRATIVE_DIR, correction_note="x")
    reopen_period(2022, reason="politie: een aangifte was ten onrechte als arbeidsuitbuiting geteld")
    submit_bytes(_police_2022(labour=0), "police_tmm.csv", "police_tmm", 2022)
    close_period(2022)
    with pytest.raises(CorrectionNoteMissing):
        publish_period(2022, NARRATIVE_DIR)
    note = "De politie telde een aangifte ten onrechte mee; het totaal is 22 in plaats van 23."
    v2, built = publish_period(2022, NARRATIVE_DIR, correction_note=note)
    assert v2.version == 2 and v2.correction_note == note
    after = _tree_checksums(root)
    assert {k: v for k, v in after.items() if not k.startswith("2022/v2/")} == after_2023

    # Version 2 says what changed, on the report, the factsheets and in open data; v1 stays readable.
    current = client.get("/monitor/2022/").content.decode()
    assert note in current and "Versie 2" in current
    assert note in client.get("/monitor/2022/factsheets/GM0599-rotterdam.html").content.decode()
    assert note in client.get("/open-data/monitor-2022-tabellen.csv").content.decode("utf-8-sig")
    assert json.loads(client.get("/open-data/monitor-2022-tabellen.json").content)["correction"] == note
    old = client.get("/monitor/2022/v1/")
    assert old.status_code == 200 and hashlib.sha256(old.content).hexdigest() == first["2022/v1/monitor-2022.html"]
    assert note not in old.content.decode()
    api = client.get("/api/v1/publications/2022/").json()
    assert api["version"] == 2 and api["versions"] == [1, 2] and api["correction_note"] == note
    assert client.get("/api/v1/publications/2022/versions/1/").json()["version"] == 1
    assert "GM0599-rotterdam.html" in {a["name"].rsplit("/", 1)[-1] for a in api["artefacts"]}

    # Every cell hidden in version 1 stays hidden in version 2, and the two versions together
    # narrow no hidden cell (attacker LP over the union).
    hidden_v1 = {(c["indicator"], json.dumps(c["dims"], sort_keys=True)) for c in v1.pattern if c["suppressed"]}
    hidden_v2 = {(c["indicator"], json.dumps(c["dims"], sort_keys=True)) for c in v2.pattern if c["suppressed"]}
    assert hidden_v1 <= hidden_v2
    first_cells, second_cells = _complaints(v1), _complaints(v2)
    assert first_cells["Seksuele uitbuiting"] is None and second_cells["Seksuele uitbuiting"] is None
    # A naive re-solve of version 2 (no small cell left) would publish "sexual 22", and with the
    # total of version 1 pin its hidden "labour 1".
    truth = [{"Seksuele uitbuiting": 22, "Arbeidsuitbuiting": 1}, {"Seksuele uitbuiting": 22, "Arbeidsuitbuiting": 0}]
    unchanged = {label for label in first_cells if label != "Arbeidsuitbuiting"}
    for version in (0, 1):
        for label, value in truth[version].items():
            low, high = _union_interval([first_cells, second_cells], [23, 22], unchanged, label, version)
            assert high - low >= 1, (label, low, high)
            if 1 <= value < 5:
                assert low < 1 or high >= 5, (label, low, high)
    assert Publication.objects.filter(year=2022).count() == 2
