"""Render one report block with the template that belongs to its type."""

from django import template
from django.template.loader import render_to_string

register = template.Library()


@register.simple_tag
def render_block(block):
    name = type(block).__name__.lower()
    return render_to_string(f"publish/blocks/{name}.html", {"b": block})
