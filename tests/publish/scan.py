"""A scan of every published text for small counts that did not pass disclosure control.

A small integer (1 up to the strictest threshold, minors' 10, minus one) may stand in a published
text only for a reason the scan can name. The scan is told what is legitimately published and
derives the allowed numbers from it, instead of from a list of strings that happen to be there:

- a published table cell: a count that disclosure control kept (its indicator's threshold is the
  scan's check that it really is safe), a zero, or a figure the catalog exempts from disclosure
  control (``disclosure: false``, percentages). Any other small count in a cell is a finding too.
  Its row (label and shown values) is then allowed wherever the row stands: the HTML table, the
  PDF table and chart, the chart's text alternative, the CSV and the JSON;
- the analyst's narrative and the catalog's definitions (texts written by people, shown as
  written; their numbers are allowed in the words they stand between there), and a delivery's
  source line where the only small number it quotes is its own table's published figure;
- metadata that counts no one: dates and times, delivery versions ("versie 1"), page and section
  numbers (also the printed contents' "Inleiding ........ 5"), the run number, the number of lists, the confidence level ("95%");
- print furniture: enumeration markers at the start of a line and the ticks of a chart axis.

Counts written out ("één", "twee", ... "negen"; not "een", which is also the article) are found
too, except where they count lists or partners or name a threshold ("meer dan één lijst").
Everything else, such as "Slechts 1 persoon staat op meer dan één lijst", is a finding.
"""

from __future__ import annotations

import csv
import html as html_lib
import io
import json
import re
from dataclasses import dataclass

from zicht.engines.disclosure import Policy
from zicht.publish.blocks import Chart, Table

POLICY = Policy()
SMALL = range(1, POLICY.minors_threshold)  # the strictest threshold: 1 to 9

NUMBER = re.compile(r"(?<![\w.,:/-])(\d+)(?![\w%]|[.,:]\d)")
TOKEN = re.compile(r"\S+")
METADATA = [
    re.compile(r"\d{1,2}-\d{1,2}-\d{4}"),  # dates
    re.compile(r"\d{1,2}:\d{2}"),  # times
    re.compile(r"(?i)\bversie\s+\d+"),  # delivery and publication versions
    re.compile(r"\b(?:p\.|pagina|blz\.)\s+\d+(?:-\d+)?"),  # page references
    re.compile(r"\.{3,}\s*\d+"),  # the printed contents: leader dots, then the chapter's page
    re.compile(r"\bkoppelingsrun\s+\d+"),  # the linkage run's number
    re.compile(r"\b\d+\s+lijsten\b"),  # how many partner lists an estimate uses
    re.compile(r"\d+%"),  # confidence levels; percentage cells are table cells
]
ENUMERATION = re.compile(r"(?m)^\s*\d+\.\s")  # ordered lists and the table of contents in print
# Counts written out ("Slechts één persoon"). "een" is left out: it is also the article.
NUMBER_WORDS = {"één": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "acht": 8,
                "negen": 9}
WORD = re.compile(r"(?i)(?<!\w)(" + "|".join(NUMBER_WORDS) + r")(?!\w)")
# A number word that counts lists or partners (metadata, as "4 lijsten"), or a threshold ("meer dan
# één", "ten minste één") is no count of people.
WORD_METADATA = re.compile(r"(?i)^\s*(?:lijst|partner|of meer|significante cijfers)")
WORD_THRESHOLD = re.compile(r"(?i)(?:meer dan|minder dan|ten minste|minstens|minimaal|telkens)\s*$")


@dataclass(frozen=True)
class Finding:
    where: str
    number: int
    context: str


def _words(text: str) -> list[str]:
    return [t.strip("()[]{}:;,.'\"“”") for t in TOKEN.findall(text)]


def _bigrams(text: str) -> set[tuple[str, str]]:
    words = [""] + _words(text)
    return set(zip(words, words[1:], strict=False))


def _plain(html: str) -> str:
    html = re.sub(r"<(style|script|svg)\b.*?</\1>", " ", html, flags=re.S | re.I)
    labels = " ".join(re.findall(r'aria-label="([^"]*)"', html))  # chart text alternatives
    return html_lib.unescape(re.sub(r"<[^>]+>", " ", html) + " " + labels)


class PublishedNumbers:
    """What the scan knows may legitimately stand in the publication of one build."""

    def __init__(self, ctx, sections, factsheets):
        self.catalog = ctx.catalog
        self.cell_findings: list[Finding] = []
        self.allowed: set[tuple[str, str]] = set()
        for section in sections:
            self._learn_blocks(section.key, section.blocks)
            self.allowed |= _bigrams(_plain(section.narrative))
        for sheet in factsheets:
            self._learn_blocks(f"factsheet {sheet.municipality.code}", sheet.blocks)
        for codelist in ctx.catalog.codelists.values():
            for code in codelist.codes:
                self.allowed |= _bigrams(f"{code.nl}: {code.definition_nl}")

    def _threshold(self, cell) -> int | None:
        """The threshold a shown count must meet, or None when it is exempt."""
        indicator = self.catalog.indicators.get(cell.indicator) if cell.indicator else None
        if indicator is None:  # no indicator, or one of disclosure control's own (linked tables)
            return POLICY.threshold
        if not indicator.disclosure or indicator.unit == "percent":
            return None
        if indicator.threshold is not None:
            return int(indicator.threshold)
        return POLICY.minors_threshold if indicator.minors else POLICY.threshold

    def _learn_blocks(self, where: str, blocks) -> None:
        for block in blocks:
            table = block.table if isinstance(block, Chart) else block
            if not isinstance(table, Table):
                continue
            for label, cells in list(table.rows) + ([table.total_row] if table.total_row else []):
                safe = True
                for cell in cells:
                    threshold = self._threshold(cell)
                    if (not cell.suppressed and cell.text is None and cell.value is not None
                            and threshold is not None and 0 < cell.value < threshold):
                        safe = False
                        self.cell_findings.append(Finding(f"{where}: {table.key}", cell.value, label))
                if safe:
                    shown = [c.display() for c in cells]
                    self.allowed |= _bigrams(" ".join([label, *shown]))
                    self.allowed |= {(_words(label)[-1] if _words(label) else "", s) for s in shown}
            self._learn_source(where, table)

    def _learn_source(self, where: str, table) -> None:
        """A delivery's source line may quote its own table's published figure ("p. 4: vijf
        casussen"); any other small number in it is a finding."""
        rows = list(table.rows) + ([table.total_row] if table.total_row else [])
        shown = {c.value for _, cells in rows for c in cells if not c.suppressed and c.value is not None}
        # The line beside the table, and the technical provenance (Verantwoording, open data).
        for line in (table.source, getattr(table, "provenance", "")):
            text = _without_metadata(line)
            quoted = [int(n) for n in NUMBER.findall(text)] + [NUMBER_WORDS[w.lower()] for w in WORD.findall(text)]
            stray = [n for n in quoted if n in SMALL and n not in shown]
            if stray:
                self.cell_findings += [Finding(f"{where}: {table.key} (bron)", n, line) for n in stray]
            else:
                self.allowed |= _bigrams(text)

    def scan(self, text: str, where: str) -> list[Finding]:
        """Every small integer in ``text`` that no reason above allows."""
        text = _without_metadata(ENUMERATION.sub(" ", _drop_axis_ticks(text)))
        findings = []
        for match in NUMBER.finditer(text):
            number = int(match.group(1))
            if number not in SMALL:
                continue
            before = _words(text[max(0, match.start() - 400):match.start()])  # wide print tables
            previous = before[-1] if before else ""
            if (previous, str(number)) in self.allowed:
                continue
            context = " ".join([*before[-8:], *text[match.start():match.end() + 40].split()])
            findings.append(Finding(where, number, context))
        for match in WORD.finditer(text):
            head, tail = text[max(0, match.start() - 400):match.start()], text[match.end():match.end() + 40]
            before = _words(head)
            if (WORD_METADATA.match(tail) or WORD_THRESHOLD.search(head)
                    or ((before[-1] if before else ""), match.group(1)) in self.allowed):
                continue
            context = " ".join([*before[-8:], *text[match.start():match.end() + 40].split()])
            findings.append(Finding(where, NUMBER_WORDS[match.group(1).lower()], context))
        return findings

    def scan_html(self, html: str, where: str) -> list[Finding]:
        return self.scan(_plain(html), where)

    def scan_csv(self, content: str, where: str) -> list[Finding]:
        """The CSV as its rows read: caption, then row label and value, then source."""
        rows = list(csv.reader(io.StringIO(content.lstrip("\ufeff")), delimiter=";"))[1:]
        lines = [f"{r[1]}\n{r[2]} {r[4]}\n{r[5]}\n{r[6] if len(r) > 6 else ''}" for r in rows]
        return self.scan("\n".join(lines), where)

    def scan_json(self, content: str, where: str) -> list[Finding]:
        """Every text of the JSON and every row as label plus its shown values."""
        document = json.loads(content)
        tables = document["tables"] if isinstance(document, dict) else document
        lines = [str(v) for k, v in document.items() if k != "tables"] if isinstance(document, dict) else []
        for table in tables:
            lines += [table["caption"], table["source"], table.get("provenance", ""), *table["notes"], *table["columns"]]
            for row in table["rows"]:
                shown = [_shown(c) for c in row["cells"]]
                lines.append(" ".join([row["label"], *shown]))
        return self.scan("\n".join(lines), where)


def _without_metadata(text: str) -> str:
    for pattern in METADATA:
        text = pattern.sub(" ", text)
    return text


def _shown(cell: dict) -> str:
    if cell["suppressed"]:
        return "•"
    if cell.get("text") is not None:
        return cell["text"]
    if cell["value"] is None:
        return "niet geleverd"
    return f"{cell['value']:,}".replace(",", ".")


def _drop_axis_ticks(text: str) -> str:
    """A line of three or more numbers 0, s, 2s, ... is a chart axis in print, not a count."""
    out = []
    for line in text.splitlines():
        tokens = line.split()
        if len(tokens) >= 3 and all(re.fullmatch(r"\d{1,3}(?:\.\d{3})*", t) for t in tokens):
            values = [int(t.replace(".", "")) for t in tokens]
            step = values[1] - values[0]
            if values[0] == 0 and step > 0 and all(b - a == step for a, b in zip(values, values[1:], strict=False)):
                continue
        out.append(line)
    return "\n".join(out)
