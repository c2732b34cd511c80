"""The chapter on awareness (task 3 of the regional approach): the checked activities of the awareness
register as a table, and a chart of the number of activities per kind."""

from __future__ import annotations

from collections import Counter

from zicht.engines.disclosure.policy import Policy
from zicht.publish.blocks import Block, Chart, Paragraph, Table, TableCell
from zicht.publish.sections.registry import ReportContext, Section, register


def source_of(ctx: ReportContext) -> str:
    """The register's source line, naming the alliance as the catalog does."""
    short = ctx.catalog.region.publisher_short
    return f"Bewustwordingsregister in Zicht (ingevoerd door de {short} en gemeenten, gecontroleerd door de {short})"


def reach_cell(activity) -> TableCell:
    """An activity's reach as a table cell: "•" when ``reach_text`` suppressed a small count of people."""
    if activity.suppressed:
        return TableCell(None, suppressed=True)
    return TableCell(None, text=f"{activity.reach} {activity.reach_kind}" if activity.reach_kind else activity.reach)


def suppression_notes(activities) -> list[str]:
    """The note under a table of activities when one of their reaches is suppressed."""
    if not any(a.suppressed for a in activities):
        return []
    return [f"Aantallen personen van 1 tot {Policy().threshold} zijn niet gepubliceerd (•), zoals in alle "
            "tabellen van de monitor."]


@register
class Awareness(Section):
    key, title, order = "bewustwording", "Bewustwording: campagnes, trainingen en actieweken", 115

    def blocks(self, ctx: ReportContext) -> list[Block]:
        from zicht.publish.awareness import reported_activities

        activities = reported_activities(ctx.year)
        if not activities:
            return [Paragraph(f"Voor {ctx.year} zijn geen bewustwordingsactiviteiten geregistreerd.", kind="missing")]
        rows = [(a.title, [TableCell(None, text=a.kind), TableCell(None, text=a.when), TableCell(None, text=a.where),
                           reach_cell(a)]) for a in activities]
        table = Table(
            key="bewustwording.activiteiten", caption=f"Bewustwordingsactiviteiten, {ctx.year}",
            columns=["Activiteit", "Soort", "Wanneer", "Gemeenten", "Bereik"], rows=rows, source=source_of(ctx),
            notes=suppression_notes(activities),
        )
        per_kind = Counter(a.kind for a in activities)
        counts = Table(
            key="bewustwording.per_soort", caption=f"Aantal bewustwordingsactiviteiten per soort, {ctx.year}",
            columns=["Soort", "Activiteiten"],
            rows=[(kind, [TableCell(n)]) for kind, n in sorted(per_kind.items(), key=lambda kv: (-kv[1], kv[0]))],
            source=source_of(ctx),
        )
        return [table, Chart(key=counts.key, title=counts.caption, svg="", alt_text="", table=counts)]
