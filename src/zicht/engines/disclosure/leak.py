"""Checks that an exported file (HTML, PDF text, CSV, JSON, API) leaks no hidden value.

Two complementary checks, for the publication layer's tests:

- notation: no "<5", "< 5", "&lt;5" or "≤4" anywhere (the one mark "•" is the only way
  a hidden cell may look);
- twin export: render the same publication from ``alternative_table(data, publication)``,
  a different true table with exactly the same published figures. A leak-free exporter
  produces byte-identical output from both; any difference shows a hidden value seeping
  through (for example a chart or percentage computed from raw data).
"""

from __future__ import annotations

import difflib
import re

from .audit import alternative_table

FORBIDDEN = re.compile(r"(<|&lt;|≤|&le;)\s*\d")

__all__ = ["FORBIDDEN", "alternative_table", "assert_no_leak"]


def assert_no_leak(text: str, publication=None, twin_text: str | None = None) -> None:
    """Raise AssertionError when ``text`` shows a hidden figure.

    ``twin_text``: the same export rendered from ``alternative_table(...)`` with the
    publication's pattern frozen; it must equal ``text``.
    """
    match = FORBIDDEN.search(text)
    if match:
        start = max(0, match.start() - 30)
        raise AssertionError(
            f"Verboden notatie voor een onderdrukte cel: ...{text[start:match.end() + 30]}..."
        )
    if publication is not None:
        hidden_values = [
            c for t in publication.tables for c in t.cells if c.suppressed and c.value is not None
        ]
        if hidden_values:
            raise AssertionError("De publicatie zelf bevat waarden van onderdrukte cellen.")
    if twin_text is not None and twin_text != text:
        diff = "\n".join(
            list(
                difflib.unified_diff(
                    text.splitlines(), twin_text.splitlines(), "echt", "tweeling", lineterm=""
                )
            )[:20]
        )
        raise AssertionError(f"De export hangt af van onderdrukte waarden:\n{diff}")
