"""The documents people read: the report (web page and tagged PDF) and a factsheet per
municipality (HTML with an index, and a one- or two-page A4 PDF printed from that HTML)."""

from __future__ import annotations

from django.utils.translation import gettext_noop as _

from zicht.publish.exporters.base import FACTSHEET, REPORT, Bundle, Exporter
from zicht.publish.names import factsheet_filename, report_name

FACTSHEET_FOLDER = "factsheets/"
FACTSHEET_INDEX = f"{FACTSHEET_FOLDER}index.html"


class ReportHtml(Exporter):
    key, label_nl, media_type, audience = "report-html", _("Monitor (webversie)"), "text/html", REPORT
    url_name = "report-html"

    def names(self, year, municipalities=()):
        return [report_name(year, "html")]

    def render(self, bundle: Bundle) -> dict[str, bytes]:
        from zicht.publish.report import render_html

        html = render_html(bundle.year, bundle.sections, status=bundle.status)
        return {report_name(bundle.year, "html"): html.encode("utf-8")}


class ReportPdf(Exporter):
    key, label_nl, media_type, audience = "report-pdf", _("Monitor (PDF, toegankelijk)"), "application/pdf", REPORT
    needs_pdf, optional = True, True
    url_name = "report-pdf"

    def names(self, year, municipalities=()):
        return [report_name(year, "pdf")]

    def render(self, bundle: Bundle) -> dict[str, bytes]:
        from zicht.publish.report import print_pdf

        return {report_name(bundle.year, "pdf"): print_pdf(bundle.year, bundle.sections, bundle.status)}


class FactsheetHtml(Exporter):
    key, label_nl, media_type, audience = "factsheet-html", _("Factsheets per gemeente"), "text/html", FACTSHEET
    url_name = "factsheets"

    def names(self, year, municipalities=()):
        return [f"{FACTSHEET_FOLDER}{factsheet_filename(m)}" for m in municipalities] + [FACTSHEET_INDEX]

    def primary(self, year):
        return FACTSHEET_INDEX

    def render(self, bundle: Bundle) -> dict[str, bytes]:
        from zicht.publish.report import render_factsheets

        return render_factsheets(bundle.year, bundle.factsheets, bundle.status,
                                 with_pdf=FactsheetPdf.key in bundle.formats)


def factsheet_pdf_name(html_name: str) -> str:
    return html_name.removesuffix(".html") + ".pdf"


class FactsheetPdf(Exporter):
    """Each municipality's factsheet as PDF, printed from the factsheet HTML in ``bundle.files``
    (rendered by ``FactsheetHtml`` just before, or read back from a publication by `zicht
    factsheets`), so the PDF holds exactly the published figures."""

    key, label_nl, media_type, audience = "factsheet-pdf", _("Factsheets per gemeente (PDF)"), "application/pdf", FACTSHEET
    needs_pdf, optional = True, True

    def names(self, year, municipalities=()):
        return [factsheet_pdf_name(f"{FACTSHEET_FOLDER}{factsheet_filename(m)}") for m in municipalities]

    def primary(self, year):
        return None  # one file per municipality; the factsheets' index links them

    def render(self, bundle: Bundle) -> dict[str, bytes]:
        from zicht.publish.report import pdf_bytes_many

        sheets = sorted(name for name in bundle.files
                        if name.startswith(FACTSHEET_FOLDER) and name.endswith(".html") and name != FACTSHEET_INDEX)
        pdfs = pdf_bytes_many([bundle.files[name].decode("utf-8") for name in sheets])
        return {factsheet_pdf_name(name): pdf for name, pdf in zip(sheets, pdfs, strict=True)}
