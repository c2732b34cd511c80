"""Template helpers of the dashboard: the bars of a table and whether it is worth drawing."""

from django import template

from zicht.web.dashboard_chart import bars, has_suppressed, visible_count

register = template.Library()


@register.filter
def chart_bars(table):
    return bars(table)


@register.filter
def drawable(table) -> bool:
    """A chart needs at least two visible values; otherwise the table alone says it better."""
    return visible_count(table) >= 2


@register.filter
def any_suppressed(table) -> bool:
    return has_suppressed(table)
