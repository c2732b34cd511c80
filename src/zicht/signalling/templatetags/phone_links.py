"""Phones first: every phone number in a route's contact text becomes a ``tel:`` link."""

from __future__ import annotations

import re

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()

# Dutch numbers as the region writes them: 112, 0800-5151, 0900-8844, 033-448 11 86, +31 70 333 44 44.
PHONE = re.compile(r"(?<![\w+])(112|\+31[\d \-]{8,14}\d|0\d{2,3}[\- ]?\d[\d \-]{2,9}\d)(?![\w])")


def tel_href(number: str) -> str:
    """The dialable form of a written number: digits (and a leading +) only."""
    digits = re.sub(r"[^\d+]", "", number)
    return f"tel:{digits}"


@register.filter(needs_autoescape=False)
def phone_links(text) -> str:
    """Escape the text and wrap each phone number in a link that dials it."""
    if not text:
        return ""
    out, last = [], 0
    for match in PHONE.finditer(str(text)):
        out.append(escape(text[last:match.start()]))
        number = match.group(1).strip()
        out.append(f'<a class="tel" href="{tel_href(number)}">{escape(number)}</a>')
        last = match.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out))
