"""Render one report block with the template that belongs to its type."""

from django import template
from django.template.loader import render_to_string

register = template.Library()


@register.simple_tag(takes_context=True)
def render_block(context, block):
    """A block in its template; in print, a table too large for paper gives its print note."""
    if context.get("for_print") and getattr(block, "print_note", None):
        return render_to_string("publish/blocks/print_note.html", {"b": block})
    name = type(block).__name__.lower()
    return render_to_string(f"publish/blocks/{name}.html", {"b": block})


@register.simple_tag
def municipality_count(year):
    """How many municipalities the region had in ``year`` (from the catalog: mergers change it,
    e.g. 25 in 2022 and 23 from 2023 on, after Voorne aan Zee)."""
    from zicht.catalog.definitions import get_catalog

    return len(get_catalog().municipalities_in(int(year)))
