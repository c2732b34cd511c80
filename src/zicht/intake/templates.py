"""Excel templates per partner and year, generated from the catalog.

One sheet per indicator with locked Dutch labels, hidden codes, an unlocked value column with data
validation (whole number >= 0), pre-listed margin and "Totaal" rows that the partner fills in (no
formulas: formulas are refused on delivery), and for municipality indicators free rows with
drop-downs. The reader (``xlsxread``) reads back exactly this structure; see ``layout``.
"""

from __future__ import annotations

import io
import itertools
import re

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ..catalog.definitions import Catalog, Indicator, Partner, get_catalog
from .layout import (
    CODE_PREFIX,
    DESCRIPTION_FIELD,
    FIELDS_MARKER,
    INSTRUCTION_SHEET,
    LABEL_PREFIX,
    LISTS_SHEET,
    PARTNER_MARK_ROW,
    REGION_LABEL,
    ROW_MUNICIPAL,
    ROW_REGIONAL,
    SOURCE_FIELD,
    TEMPLATE_VERSION,
    TOTAL_LABEL,
    VALUE_FIELD,
    YEAR_MARK_ROW,
    municipality_option,
    partner_mark,
    year_mark,
)
from .limits import Limits, human_size
from .table import MUNICIPALITY

FIELDS_ROW = 7
HEADER_ROW = 8
FIRST_DATA_ROW = 9
MAX_FREE_ROWS = 1000
BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
UNLOCKED = Protection(locked=False)
FORBIDDEN_IN_TITLE = re.compile(r"[\[\]:*?/\\]")


def sheet_titles(partner: Partner) -> dict[str, str]:
    """A unique sheet title (<= 31 characters, no forbidden characters) per indicator code."""
    titles: dict[str, str] = {}
    used = {INSTRUCTION_SHEET.casefold(), LISTS_SHEET.casefold()}
    for ind in partner.indicators:
        base = FORBIDDEN_IN_TITLE.sub("-", ind.nl).strip().strip("'")[:31].strip()
        title, n = base, 2
        while title.casefold() in used:
            suffix = f" ({n})"
            title, n = base[: 31 - len(suffix)].rstrip() + suffix, n + 1
        used.add(title.casefold())
        titles[ind.code] = title
    return titles


class _Lists:
    """The hidden sheet with the drop-down lists (labels of code lists and municipalities)."""

    def __init__(self, ws: Worksheet):
        self.ws = ws
        self.ranges: dict[str, str] = {}

    def add(self, name: str, options: list[str]) -> str:
        if name not in self.ranges:
            col = len(self.ranges) + 1
            letter = get_column_letter(col)
            self.ws.cell(row=1, column=col, value=name)
            for i, option in enumerate(options, start=2):
                self.ws.cell(row=i, column=col, value=option)
            self.ranges[name] = f"'{LISTS_SHEET}'!${letter}$2:${letter}${len(options) + 1}"
        return self.ranges[name]

    def mark(self, partner: str, year: int) -> None:
        """Say on this sheet too which partner and year the workbook is for (after the last list)."""
        col = len(self.ranges) + 2
        self.ws.cell(row=1, column=col, value=partner_mark(partner))
        self.ws.cell(row=2, column=col, value=year_mark(year))


def _instruction(ws: Worksheet, partner: Partner, year: int, titles: dict[str, str], catalog: Catalog,
                 limits: Limits) -> None:
    lines = [
        (f"Aanleveringssjabloon Zicht — {partner.name} ({partner.code})", TITLE),
        (f"Verslagjaar: {year}. Dit sjabloon is alleen voor leveringen van {partner.code} over {year}; "
         "een werkmap van een ander jaar of een andere partner wordt geweigerd.", BOLD),
        ("", None),
        ("Zo vult u dit sjabloon in", BOLD),
        ("1. Elk blad hoort bij één indicator. Bovenaan staan de naam, eenheid, definitie en eventuele kanttekeningen.", None),
        ("2. Vul alleen de gele cellen in de kolom 'Aantal' in (en desgewenst 'Bron / toelichting'). De andere cellen zijn beveiligd tegen per ongeluk wijzigen (zonder wachtwoord).", None),
        ("3. Vul ook de rijen 'Totaal' in met het totaal zoals u dat zelf telt. Zicht controleert of de delen optellen tot het totaal.", None),
        ("4. Laat een cel LEEG als u het cijfer niet levert of niet kent. Vul 0 in als het aantal echt nul is. Leeg en 0 betekenen dus iets anders.", None),
        ("5. Het totaal van een indicator is verplicht zodra u één cijfer van die indicator levert.", None),
        ("6. Alleen hele getallen van 0 of meer (percentages: 0 tot en met 100). Geen formules: Zicht weigert werkmappen met formules. Plak zo nodig als 'Waarden'.", None),
        ("7. Levert u cijfers per gemeente? Kies onderaan het blad in de gele rijen een gemeente (en zo nodig de categorie) uit de keuzelijst.", None),
        ("8. Wijzig geen bladnamen-inhoud of verborgen kolommen en rijen; die gebruikt Zicht om het blad te herkennen. Bladen hernoemen mag.", None),
        ("", None),
        ("Grenzen", BOLD),
        (f"Het bestand mag hoogstens {human_size(limits.max_bytes)} groot zijn en hoogstens {limits.max_rows:,} gevulde rijen hebben.".replace(",", "."), None),
        ("Werkmappen met een wachtwoord, versleuteling of macro's worden geweigerd. Oude .xls-bestanden ook: sla op als .xlsx.", None),
        ("U mag ook een CSV-bestand in lang formaat leveren; zie de leverspecificatie (delivery-spec).", None),
        ("", None),
        ("Vragen?", BOLD),
        ("Neem contact op met de analist van de monitor die u dit sjabloon stuurde.", None),
        ("", None),
        ("Bladen in dit sjabloon", BOLD),
    ]
    for ind in partner.indicators:
        lines.append((f"{titles[ind.code]}: {ind.nl} ({ind.unit_nl})", None))
    lines.append(("", None))
    lines.append((f"Catalogus: {catalog.version}; {TEMPLATE_VERSION}", None))
    for i, (text, font) in enumerate(lines, start=1):
        cell = ws.cell(row=i, column=1, value=text)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if font:
            cell.font = font
    ws.column_dimensions["A"].width = 120
    ws.protection.sheet = True


def _combos(ind: Indicator, catalog: Catalog) -> list[tuple[str, ...]]:
    """Every combination of codes including margins ("" = Totaal); the grand total comes last."""
    options = [[c.code for c in catalog.codelists[d].codes] + [""] for d in ind.dimensions]
    return list(itertools.product(*options))


def _indicator_sheet(ws: Worksheet, ind: Indicator, partner: Partner, year: int, catalog: Catalog,
                     lists: _Lists) -> None:
    municipal = ind.municipality != "none"
    label_fields = [LABEL_PREFIX + d for d in ind.dimensions] or [DESCRIPTION_FIELD]
    label_headers = [catalog.codelists[d].label_nl for d in ind.dimensions] or ["Omschrijving"]
    fields = [*label_fields]
    headers = [*label_headers]
    if municipal:
        fields.append(LABEL_PREFIX + MUNICIPALITY)
        headers.append("Gemeente")
    fields += [VALUE_FIELD, SOURCE_FIELD]
    headers += [f"Aantal ({ind.unit_nl})", "Bron / toelichting"]
    code_fields = [CODE_PREFIX + d for d in ind.dimensions] + ([CODE_PREFIX + MUNICIPALITY] if municipal else [])
    col = {f: i for i, f in enumerate([*fields, *code_fields], start=2)}
    letter = {f: get_column_letter(c) for f, c in col.items()}

    ws["A1"] = ind.code
    ws["A2"] = TEMPLATE_VERSION
    ws.cell(row=PARTNER_MARK_ROW, column=1, value=partner_mark(partner.code))
    ws.cell(row=YEAR_MARK_ROW, column=1, value=year_mark(year))
    ws["B1"] = ind.nl
    ws["B1"].font = TITLE
    ws["B2"] = f"Eenheid: {ind.unit_nl}. Verslagjaar {year}. {partner.name} ({partner.code})."
    ws["B3"] = f"Definitie: {ind.definition_nl}" if ind.definition_nl else "Definitie: zie de leverspecificatie."
    caveats = ind.caveats_for(year)
    ws["B4"] = "Let op: " + " ".join(caveats) if caveats else ""
    ws["B5"] = "Leeg = niet geleverd; 0 = echt nul. Vul ook de rij(en) 'Totaal' in." + (
        " Per gemeente: kies de gemeente in de gele rijen onderaan." if municipal else ""
    )
    ws.cell(row=FIELDS_ROW, column=1, value=FIELDS_MARKER)
    for f, c in col.items():
        ws.cell(row=FIELDS_ROW, column=c, value=f)
    for h, f in zip([*headers], fields):
        cell = ws.cell(row=HEADER_ROW, column=col[f], value=h)
        cell.font, cell.fill = BOLD, HEADER_FILL
    ws.row_dimensions[FIELDS_ROW].hidden = True

    row = FIRST_DATA_ROW
    combos = _combos(ind, catalog)
    value_rows: list[int] = []
    if ind.municipality != "required":
        for combo in combos:
            ws.cell(row=row, column=1, value=ROW_REGIONAL)
            if ind.dimensions:
                for d, code in zip(ind.dimensions, combo):
                    ws.cell(row=row, column=col[LABEL_PREFIX + d],
                            value=catalog.codelists[d].label(code) if code else TOTAL_LABEL)
                    ws.cell(row=row, column=col[CODE_PREFIX + d], value=code or None)
            else:
                ws.cell(row=row, column=col[DESCRIPTION_FIELD], value=TOTAL_LABEL)
            if municipal:
                ws.cell(row=row, column=col[LABEL_PREFIX + MUNICIPALITY], value=REGION_LABEL)
            if not any(combo):
                for c in range(2, col[SOURCE_FIELD] + 1):
                    ws.cell(row=row, column=c).font = BOLD
            value_rows.append(row)
            row += 1
    free_rows: list[int] = []
    if municipal:
        row += 1
        ws.cell(row=row, column=2, value="Per gemeente (optioneel): kies een gemeente"
                + (" en de categorieën" if ind.dimensions else "") + " uit de keuzelijsten.").font = BOLD
        row += 1
        munis = catalog.municipalities_in(year)
        options = [municipality_option(m.name, m.code) for m in munis]
        muni_range = lists.add(f"gemeenten {year}", options)
        count = min(MAX_FREE_ROWS, len(munis) * len(combos))
        first_free = row
        for _ in range(count):
            ws.cell(row=row, column=1, value=ROW_MUNICIPAL)
            free_rows.append(row)
            row += 1
        last_free = row - 1
        if count:
            dv = DataValidation(type="list", formula1=muni_range, allow_blank=True, showErrorMessage=True,
                                errorTitle="Onbekende gemeente", error="Kies een gemeente uit de lijst.")
            dv.add(f"{letter[LABEL_PREFIX + MUNICIPALITY]}{first_free}:{letter[LABEL_PREFIX + MUNICIPALITY]}{last_free}")
            ws.add_data_validation(dv)
            for d in ind.dimensions:
                labels = [c.nl for c in catalog.codelists[d].codes] + [TOTAL_LABEL]
                rng = lists.add(catalog.codelists[d].label_nl, labels)
                dv = DataValidation(type="list", formula1=rng, allow_blank=True, showErrorMessage=True,
                                    errorTitle="Onbekende categorie", error="Kies een categorie uit de lijst.")
                dv.add(f"{letter[LABEL_PREFIX + d]}{first_free}:{letter[LABEL_PREFIX + d]}{last_free}")
                ws.add_data_validation(dv)
        for r in free_rows:
            for f in ([LABEL_PREFIX + d for d in ind.dimensions] + [LABEL_PREFIX + MUNICIPALITY]):
                cell = ws.cell(row=r, column=col[f])
                cell.protection, cell.fill = UNLOCKED, INPUT_FILL
    for r in value_rows + free_rows:
        for f in (VALUE_FIELD, SOURCE_FIELD):
            cell = ws.cell(row=r, column=col[f])
            cell.protection = UNLOCKED
            if f == VALUE_FIELD:
                cell.fill = INPUT_FILL
    rows_all = value_rows + free_rows
    if rows_all:
        percent = ind.unit == "percent"
        dv = DataValidation(
            type="whole", operator="between" if percent else "greaterThanOrEqual",
            formula1="0", formula2="100" if percent else None, allow_blank=True, showErrorMessage=True,
            errorTitle="Geen geldig aantal",
            error="Vul een geheel getal in" + (" van 0 tot en met 100." if percent else " van 0 of meer.")
            + " Laat de cel leeg als u het cijfer niet levert.",
        )
        v = letter[VALUE_FIELD]
        dv.add(f"{v}{min(rows_all)}:{v}{max(rows_all)}")
        ws.add_data_validation(dv)
    ws.column_dimensions["A"].hidden = True
    for f in code_fields:
        ws.column_dimensions[letter[f]].hidden = True
    for f in label_fields:
        ws.column_dimensions[letter[f]].width = 38
    if municipal:
        ws.column_dimensions[letter[LABEL_PREFIX + MUNICIPALITY]].width = 34
    ws.column_dimensions[letter[VALUE_FIELD]].width = 18
    ws.column_dimensions[letter[SOURCE_FIELD]].width = 40
    ws.freeze_panes = ws.cell(row=FIRST_DATA_ROW, column=2)
    ws.protection.sheet = True


def build_template(partner: str, year: int, catalog: Catalog | None = None,
                   limits: Limits = Limits()) -> bytes:  # noqa: B008 - frozen dataclass
    """The XLSX template of ``partner`` for ``year`` as bytes."""
    catalog = catalog or get_catalog()
    p = catalog.partner(partner)
    titles = sheet_titles(p)
    wb = Workbook()
    instruction = wb.active
    instruction.title = INSTRUCTION_SHEET
    lists_ws = wb.create_sheet(LISTS_SHEET)
    lists = _Lists(lists_ws)
    _instruction(instruction, p, year, titles, catalog, limits)
    for ind in p.indicators:
        _indicator_sheet(wb.create_sheet(titles[ind.code]), ind, p, year, catalog, lists)
    lists.mark(partner, year)
    lists_ws.sheet_state = "hidden"
    lists_ws.protection.sheet = True
    wb.move_sheet(lists_ws, offset=len(wb.sheetnames) - 1 - wb.sheetnames.index(LISTS_SHEET))
    wb.properties.creator = "Zicht"
    wb.properties.title = f"Zicht {partner} {year}"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
