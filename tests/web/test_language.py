"""Dutch by default, English on request; the English catalogue complete, current and compiled.

The pages are tested without a browser: the language comes from the Accept-Language header or from
the cookie that Django's ``set_language`` view sets after the switch's form is posted."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.test import Client

LOCALE_DIR = Path(django_settings.LOCALE_PATHS[0])
PO_FILE = LOCALE_DIR / "en" / "LC_MESSAGES" / "django.po"
MO_FILE = PO_FILE.with_suffix(".mo")
PACKAGE_DIR = LOCALE_DIR.parent


def english_client() -> Client:
    """A visitor who chose English with the switch (the cookie ``set_language`` writes)."""
    client = Client()
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def html_of(client: Client, url: str, **headers) -> str:
    response = client.get(url, headers=headers)
    assert response.status_code == 200, url
    return response.content.decode()


# --- the pages ------------------------------------------------------------------------------------


@pytest.mark.django_db  # the home page lists publications from the database
def test_home_is_dutch_by_default():
    html = html_of(Client(), "/")
    assert '<html lang="nl">' in html
    assert "<h1>Mensenhandelmonitor regio Rotterdam</h1>" in html
    assert "Gepubliceerde monitors" in html


@pytest.mark.django_db  # the home page lists publications from the database
def test_home_is_dutch_whatever_the_browser_says():
    """An English browser (Accept-Language) still gets Dutch: only the switch changes the language."""
    html = html_of(Client(), "/", **{"Accept-Language": "en-GB,en;q=0.9"})
    assert '<html lang="nl">' in html
    assert "Gepubliceerde monitors" in html
    assert "Published monitors" not in html


@pytest.mark.django_db  # the home page lists publications from the database
def test_home_is_english_after_choosing_english():
    html = html_of(english_client(), "/", **{"Accept-Language": "nl"})
    assert '<html lang="en">' in html
    assert "<h1>Human trafficking monitor, Rotterdam region</h1>" in html
    assert "Published monitors" in html
    assert "Gepubliceerde monitors" not in html


@pytest.mark.django_db  # the home page lists publications from the database
def test_language_switch_posts_to_set_language_and_sticks():
    client = Client()
    home = html_of(client, "/")
    assert 'action="/i18n/setlang/"' in home and 'method="post"' in home
    assert '<label for="taalkeuze">' in home and 'name="language"' in home
    assert '<option value="en" lang="en">English</option>' in home

    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302 and response["Location"] == "/"
    english = html_of(client, "/")
    assert '<html lang="en">' in english
    assert "<h1>Human trafficking monitor, Rotterdam region</h1>" in english
    assert '<option value="en" lang="en" selected>English</option>' in english

    client.post("/i18n/setlang/", {"language": "nl", "next": "/"})
    assert "<h1>Mensenhandelmonitor regio Rotterdam</h1>" in html_of(client, "/")


def test_switch_refuses_a_foreign_next_url():
    response = Client().post("/i18n/setlang/", {"language": "en", "next": "https://example.org/"})
    assert response["Location"] == "/"


@pytest.mark.django_db  # the two-factor login wizard keeps its step in the session
def test_login_page_in_both_languages():
    dutch = html_of(Client(), "/accounts/login/")
    assert '<html lang="nl">' in dutch
    assert "<h1>Inloggen</h1>" in dutch and '<label for="id_auth-password">Wachtwoord</label>' in dutch
    assert "authenticator-app" in dutch  # the two-factor login says a code comes next
    assert 'action="/i18n/setlang/"' in dutch  # the switch sits in the web base template

    english = html_of(english_client(), "/accounts/login/")
    assert '<html lang="en">' in english
    assert "<h1>Log in</h1>" in english
    assert '<label for="id_auth-username">Username</label>' in english
    assert '<label for="id_auth-password">Password</label>' in english
    assert "authenticator app" in english
    assert "Inloggen" not in english and "Wachtwoord" not in english


@pytest.mark.django_db  # the meldroutekaart reads the region's checks of the routes
def test_meldroutekaart_chrome_in_english_content_stays_dutch():
    english = html_of(english_client(), "/meldroutekaart/")
    assert '<html lang="en">' in english
    assert "<h1>Human trafficking reporting map</h1>" in english
    assert "Act on a suspicion; never wait when there is acute danger." in english
    assert "still to be checked by the region" in english
    # Signals and routes come from routes.yaml, which is Dutch: shown as such and marked lang="nl".
    assert re.search(r'<h3 id="vorm-sexual" lang="nl">Seksuele uitbuiting</h3>', english)
    assert "Handel op een vermoeden" not in english

    dutch = html_of(Client(), "/meldroutekaart/")
    assert '<html lang="nl">' in dutch and "<h1>Meldroutekaart mensenhandel</h1>" in dutch


@pytest.mark.django_db
def test_where_to_report_chrome_in_english():
    url = "/meldroutekaart/waar-melden/?urgency=acute&situation=location&form=labour&minor=no"
    english = html_of(english_client(), url)
    assert "<h1>Where do I report a sign of human trafficking?</h1>" in english
    assert "First: 112" in english
    assert "Step 1 of 4:" in english and "Show where I report" in english
    dutch = html_of(Client(), url)
    assert "Eerst: 112" in dutch and "Stap 1 van 4:" in dutch


# --- the catalogue --------------------------------------------------------------------------------


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: list[str] = field(default_factory=list)
    flags: set[str] = field(default_factory=set)
    line: int = 0


def parse_po(text: str) -> list[Entry]:
    """A small PO reader (no extra package): active entries only, obsolete ``#~`` ones skipped."""
    entries, entry, key = [], None, None
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#~"):  # a blank line ends an entry; skip obsolete ones
            if entry:
                entries.append(entry)
            entry, key = None, None
            continue
        if entry is None:
            entry = Entry(line=number)
        if line.startswith("#,"):
            entry.flags |= {flag.strip() for flag in line[2:].split(",")}
            continue
        if line.startswith("#"):
            continue
        if line.startswith('"'):
            rest = line
        else:
            key, _, rest = line.partition(" ")
            if key.startswith("msgstr"):
                entry.msgstr.append("")
        value = ast.literal_eval(rest)
        if key == "msgid":
            entry.msgid += value
        elif key == "msgid_plural":
            entry.msgid_plural = (entry.msgid_plural or "") + value
        elif key and key.startswith("msgstr"):
            entry.msgstr[-1] += value
    if entry:
        entries.append(entry)
    return [e for e in entries if e.msgstr]


def messages(entries: list[Entry]) -> list[Entry]:
    return [e for e in entries if e.msgid]


PLACEHOLDER = re.compile(r"%\(\w+\)s|\{\{\s*\w+\s*\}\}")
TAG = re.compile(r"</?[a-z]+")


def test_po_reader_sees_untranslated_and_fuzzy_entries():
    sample = (
        'msgid ""\nmsgstr ""\n"Language: en\\n"\n\n'
        '#, fuzzy\nmsgid "Kies"\nmsgstr "Choose"\n\n'
        'msgid "Leeg"\nmsgstr ""\n\n'
        'msgid "een"\nmsgid_plural "meer"\nmsgstr[0] "one"\nmsgstr[1] ""\n\n'
        '#~ msgid "oud"\n#~ msgstr "old"\n'
    )
    found = messages(parse_po(sample))
    assert [e.msgid for e in found] == ["Kies", "Leeg", "een"]
    assert "fuzzy" in found[0].flags
    assert found[1].msgstr == [""] and found[2].msgstr == ["one", ""]


def test_english_catalogue_is_complete():
    entries = parse_po(PO_FILE.read_text(encoding="utf-8"))
    header = entries[0]
    assert header.msgid == "" and "Language: en\n" in header.msgstr[0]
    assert "fuzzy" not in header.flags, "de kop van django.po is nog als 'fuzzy' gemarkeerd"
    found = messages(entries)
    assert len(found) > 150
    problems = []
    for e in found:
        where = f"{PO_FILE.name}:{e.line} {e.msgid[:60]!r}"
        if "fuzzy" in e.flags:
            problems.append(f"{where}: vertaling is 'fuzzy'")
        if any(not s for s in e.msgstr):
            problems.append(f"{where}: geen Engelse vertaling")
        sources = [e.msgid] + ([e.msgid_plural] if e.msgid_plural else [])
        for text in e.msgstr:
            if text and set(PLACEHOLDER.findall(text)) != set(PLACEHOLDER.findall(sources[-1])):
                problems.append(f"{where}: andere variabelen in de vertaling")
            if text and sorted(TAG.findall(text)) != sorted(TAG.findall(sources[-1])):
                problems.append(f"{where}: andere HTML-tags in de vertaling")
    assert not problems, "\n".join(problems)


def _msgfmt() -> str:
    path = shutil.which("msgfmt")
    if not path:
        pytest.skip("msgfmt (GNU gettext) ontbreekt: installeer het met `make install`")
    return path


def test_compiled_catalogue_matches_the_po(tmp_path):
    """django.mo is committed (no build step at run time), so it must be exactly what the .po gives."""
    msgfmt = _msgfmt()
    assert MO_FILE.is_file(), f"{MO_FILE} ontbreekt: draai `zicht compilemessages`"
    fresh = tmp_path / "django.mo"
    # The same invocation as Django's compilemessages.
    subprocess.run([msgfmt, "--check-format", "-o", str(fresh), str(PO_FILE)], check=True)
    assert fresh.read_bytes() == MO_FILE.read_bytes(), (
        "django.mo is verouderd of wijkt af van django.po: draai `zicht compilemessages` vanuit src/zicht"
    )


def test_catalogue_holds_every_string_marked_in_the_code(tmp_path, monkeypatch, settings):
    """Re-extract the strings from a copy of the package: a new or changed string fails here."""
    _msgfmt()
    if not shutil.which("xgettext"):
        pytest.skip("xgettext (GNU gettext) ontbreekt: installeer het met `make install`")
    copy = tmp_path / "zicht"
    shutil.copytree(
        PACKAGE_DIR, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo", "*.sqlite3")
    )
    settings.LOCALE_PATHS = [copy / "locale"]
    monkeypatch.chdir(copy)
    call_command("makemessages", locale=["en"], ignore_patterns=[".venv", "tests"], verbosity=0)
    regenerated = messages(parse_po((copy / PO_FILE.relative_to(PACKAGE_DIR)).read_text("utf-8")))
    committed = messages(parse_po(PO_FILE.read_text(encoding="utf-8")))

    def keys(entries):
        return {(e.msgid, e.msgid_plural) for e in entries}

    new = keys(regenerated) - keys(committed)
    gone = keys(committed) - keys(regenerated)
    assert not new, f"nieuwe teksten zonder Engelse vertaling (draai makemessages): {sorted(new)}"
    assert not gone, f"vertalingen van teksten die niet meer bestaan (draai makemessages): {sorted(gone)}"
