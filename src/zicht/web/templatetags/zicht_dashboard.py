"""Template helpers of the dashboard: the chart of a table and whether it is worth drawing."""

from django import template
from django.utils.safestring import mark_safe

from zicht.web.dashboard_chart import bar_chart_svg, visible_count

register = template.Library()


@register.filter
def chart_svg(table) -> str:
    return mark_safe(bar_chart_svg(table))  # built from escaped labels and numbers only


@register.filter
def drawable(table) -> bool:
    """A chart needs at least two visible values; otherwise the table alone says it better."""
    return visible_count(table) >= 2
