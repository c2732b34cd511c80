"""Template filters of the web pages: labels people read instead of codes."""

from django import template

from zicht.figures.changes import breakdown_label

register = template.Library()


@register.filter
def dims_label(dims) -> str:
    """A breakdown (``{"form": "sexual"}``) in words: "Vorm van uitbuiting: Seksuele uitbuiting"."""
    return breakdown_label(dims or {})
