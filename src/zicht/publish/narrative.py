"""The analyst's narrative: Markdown per section per year, rendered and sanitised.

A section's text comes from the database (the newest ``NarrativeVersion``, written in the cockpit's
narrative editor) or, where the database has none, from ``<narrative_dir>/<year>/<section>.md``.

``small_counts`` is the check that keeps a count below the disclosure threshold out of the text: the
tables suppress "3 slachtoffers" in a cell, so the prose may not print it either. The editor refuses to
save such a text and ``publish_period`` refuses to publish one (also from the narrative folder)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import nh3
from markdown_it import MarkdownIt

from zicht.engines.disclosure.policy import Policy

_md = MarkdownIt("commonmark", {"typographer": True}).enable("table")
ALLOWED_TAGS = {"p", "h3", "h4", "ul", "ol", "li", "strong", "em", "a", "blockquote", "br",
                "table", "thead", "tbody", "tr", "th", "td", "figure", "figcaption"}


def render_markdown(text: str) -> str:
    """Markdown to HTML, with everything outside a small safe set of tags removed."""
    return nh3.clean(_md.render(text), tags=ALLOWED_TAGS, attributes={"a": {"href", "title"}})


# -- the disclosure check --------------------------------------------------------------------------

# Dutch number words a small count can be written as ("een" is left out: it is mostly the article).
NUMBER_WORDS = {"één": 1, "eén": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7,
                "acht": 8, "negen": 9}
# Nouns that make a number a count of people or cases (singular and plural stems).
COUNT_NOUNS = (
    "slachtoffer", "persoon", "personen", "mens", "mensen", "melding", "meldingen", "cliënt", "client",
    "zaak", "zaken", "casus", "casussen", "minderjarige", "minderjarigen", "meisje", "meisjes", "jongen",
    "jongens", "jongere", "jongeren", "kind", "kinderen", "vrouw", "vrouwen", "man", "mannen", "dader",
    "daders", "verdachte", "verdachten", "aangifte", "aangiften", "aangiftes", "zelfmelder", "zelfmelders",
    "werknemer", "werknemers", "arbeidsmigrant", "arbeidsmigranten", "aanmelding", "aanmeldingen",
    "signaal", "signalen", "verwijzing", "verwijzingen", "onderzoek", "onderzoeken", "uitbuitingssituatie",
)
MINOR_WORDS = ("minderjarig", "jongere", "jongeren", "kind", "kinderen", "meisje", "jongen")
_NUMBER = re.compile(r"(?<![\w.,])(\d+|" + "|".join(NUMBER_WORDS) + r")(?![\w.,-]\d)", re.IGNORECASE)
_FOLLOWING = re.compile(r"\s+([^\W\d_]+)")  # the next word, when only white space separates it
MAX_WORDS_BETWEEN = 2  # "3 minderjarige slachtoffers", "twee nieuwe Poolse zaken"


@dataclass(frozen=True)
class SmallCount:
    """A phrase in a text that states a count below the threshold that applies to it."""

    phrase: str
    value: int
    threshold: int
    line: int

    def message(self) -> str:
        return (f"Regel {self.line}: “{self.phrase}” noemt een aantal onder de onthullingsdrempel "
                f"({self.threshold}). Schrijf “minder dan {self.threshold}” of laat het aantal weg.")


def _is_count_noun(word: str) -> bool:
    word = word.lower()
    return word in COUNT_NOUNS or (word.endswith("s") and word[:-1] in COUNT_NOUNS)


def small_counts(text: str, policy: Policy | None = None) -> list[SmallCount]:
    """Every count of people or cases in ``text`` that the tables would suppress (``1 <= n < threshold``;
    counts about minors use the minors' threshold). A number counts when one of the next three words
    (separated by white space only) is a count noun; years, list numbers and amounts of anything else
    pass."""
    policy = policy or Policy()
    found = []
    for match in _NUMBER.finditer(text):
        raw = match.group(1).lower()
        value = int(raw) if raw.isdigit() else NUMBER_WORDS.get(raw)
        if value is None:
            continue
        words, end = [], match.end()
        while len(words) <= MAX_WORDS_BETWEEN:
            following = _FOLLOWING.match(text, end)
            if following is None:
                break
            words.append(following.group(1))
            end = following.end()
            if _is_count_noun(words[-1]):
                break
        else:
            continue
        if not words or not _is_count_noun(words[-1]):
            continue
        phrase = text[match.start():end]
        phrase = " ".join(phrase.split())
        minors = any(w.lower().startswith(MINOR_WORDS) for w in words)
        threshold = policy.minors_threshold if minors else policy.threshold
        if value >= 1 and policy.is_unsafe(value, threshold):
            found.append(SmallCount(phrase, value, threshold, text.count("\n", 0, match.start()) + 1))
    return found


class NarrativeDisclosureError(Exception):
    """A narrative states a count below the disclosure threshold; nothing was published."""

    def __init__(self, findings: dict[str, list[SmallCount]]):
        self.findings = findings
        parts = [f"{section}: {f.message()}" for section, items in findings.items() for f in items]
        super().__init__("De tekst noemt aantallen onder de onthullingsdrempel; niets gepubliceerd. " + " ".join(parts))


# -- where the text comes from ---------------------------------------------------------------------

def file_texts(directory: Path | None, year: int) -> dict[str, str]:
    """The Markdown in ``<directory>/<year>/<section>.md``, per section."""
    if directory is None:
        return {}
    folder = Path(directory) / str(year)
    if not folder.is_dir():
        return {}
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.md"))}


def database_texts(year: int) -> dict[str, str]:
    """The newest saved version of every section's text for ``year``."""
    from zicht.publish.models import NarrativeVersion

    out: dict[str, str] = {}
    for row in NarrativeVersion.objects.filter(year=year).order_by("section", "-version").values("section", "text"):
        out.setdefault(row["section"], row["text"])
    return out


def narrative_texts(directory: Path | None, year: int) -> dict[str, str]:
    """Markdown per section: the database's newest version where there is one, else the file."""
    return {**file_texts(directory, year), **database_texts(year)}


def check_narrative(directory: Path | None, year: int, policy: Policy | None = None) -> dict[str, list[SmallCount]]:
    """The small counts in every section's text for ``year`` (empty when the text may be published)."""
    out = {}
    for section, text in narrative_texts(directory, year).items():
        found = small_counts(text, policy)
        if found:
            out[section] = found
    return out


def load_narrative(directory: Path | None, year: int) -> dict[str, str]:
    """Sanitised HTML per section (database first, then ``<directory>/<year>/<section>.md``)."""
    return {key: render_markdown(text) for key, text in narrative_texts(directory, year).items()}


def render_section_preview(year: int, section: str, title: str, text: str) -> str:
    """The section as the report prints it (``publish/_section.html``, the report's own partial), with
    ``text`` as its narrative. The generated tables and charts need the whole year's disclosure
    control; the draft report (``zicht report``) shows them."""
    from django.template.loader import render_to_string

    from zicht.publish.report import BuiltSection

    built = BuiltSection(section, title, render_markdown(text), [])
    return render_to_string("publish/_section.html", {"s": built, "year": year})
