"""Template helpers of the dashboard: the bars of a table, whether it is worth drawing, and why not."""

from django import template

from zicht.web import dashboard_chart as chart

register = template.Library()


@register.filter
def chart_bars(table):
    return chart.bars(table)


@register.filter
def drawable(table) -> bool:
    return chart.drawable(table)


@register.filter
def no_chart_reason(table) -> str:
    """``texts`` (estimates or shares, read only with their interval or base) or ``too-few``."""
    return chart.no_chart_reason(table)


@register.filter
def any_suppressed(table) -> bool:
    return chart.has_suppressed(table)
