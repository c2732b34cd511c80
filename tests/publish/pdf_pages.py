"""How full the pages of a PDF are, from the words poppler finds on them (``pdftotext -bbox``).

A page's fill is how far down its content area the lowest word stands (0: empty, 1: down to the
bottom margin). Words in the margins (running header, page number) do not count. Charts count by
their text (title, axis labels, values), which is how far they reach."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

CM = 72 / 2.54
PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)
WORD = re.compile(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>')


def page_words(pdf: Path) -> list[tuple[float, list[tuple[float, float, str]]]]:
    """Per page: its height and its words as (yMin, yMax, text), in points."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [(float(h), [(float(a), float(b), t) for a, b, t in WORD.findall(body)]) for _, h, body in PAGE.findall(out)]


def page_fills(pdf: Path, margin_top: float = 2.2 * CM, margin_bottom: float = 2.2 * CM) -> list[float]:
    fills = []
    for height, words in page_words(pdf):
        top, bottom = margin_top, height - margin_bottom
        inside = [w for w in words if w[0] >= top - 1 and w[1] <= bottom + 1]
        lowest = max((w[1] for w in inside), default=top)
        fills.append(round((lowest - top) / (bottom - top), 3))
    return fills
