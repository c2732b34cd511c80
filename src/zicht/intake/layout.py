"""The structure of a Zicht Excel template, shared by the writer (``templates``) and the reader.

The reader recognises a sheet by the indicator code in cell A1 (column A is hidden), not by its
title, so partners may rename sheets. Cells A3 and A4 say which partner and year the sheet was made
for (``partner:police_tmm``, ``jaar:2022``; the visible B2 says it in words), so a workbook of another
year or partner is refused instead of read as this one (ADR 0104). Columns are found through a hidden
row of machine field names (marker ``#fields`` in column A), so the layout can grow without breaking
older templates.
"""

from __future__ import annotations

TEMPLATE_VERSION = "zicht-sjabloon-v1"
FIELDS_MARKER = "#fields"
ROW_REGIONAL = "R"
"""A pre-listed row whose codes sit in hidden code columns (region as a whole)."""
ROW_MUNICIPAL = "M"
"""A free row where the partner picks a municipality (and codes) from drop-downs."""
LABEL_PREFIX = "label:"
CODE_PREFIX = "code:"
VALUE_FIELD = "value"
SOURCE_FIELD = "source"
INSTRUCTION_SHEET = "Instructie"
LISTS_SHEET = "Codelijsten"
TOTAL_LABEL = "Totaal"
REGION_LABEL = "Hele regio"
DESCRIPTION_FIELD = "label:description"
"""Label column of an indicator without dimensions (the row says what the number is)."""


PARTNER_MARK = "partner:"
YEAR_MARK = "jaar:"
PARTNER_MARK_ROW = 3
YEAR_MARK_ROW = 4


def partner_mark(code: str) -> str:
    return f"{PARTNER_MARK}{code}"


def year_mark(year: int) -> str:
    return f"{YEAR_MARK}{year}"


def municipality_option(name: str, code: str) -> str:
    """The drop-down text of a municipality; the reader takes the code between the brackets."""
    return f"{name} ({code})"
