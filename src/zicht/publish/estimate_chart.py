"""The hidden number over the years as a chart: each estimator's rounded estimate with its
interval as a vertical bar, per year (shape and colour both tell the estimators apart)."""

from __future__ import annotations

from dataclasses import dataclass, field

from zicht.engines.mse.dutch import fmt_official
from zicht.publish.blocks import Chart
from zicht.publish.charts import PALETTE, altair_svg


@dataclass
class IntervalChart(Chart):
    """A chart of estimates with intervals, drawn after disclosure control (``draw``): a point
    whose table cell was hidden (a guard) is left out of the chart and its text alternative."""

    # {"row": index in table.rows, "column": index of the estimate cell, "year", "method", ...}
    points: list[dict] = field(default_factory=list)

    def draw(self) -> Chart:
        shown = [p for p in self.points if not self.table.rows[p["row"]][1][p["column"]].suppressed]
        self.svg = interval_chart(shown, title=self.title) if shown else ""
        self.alt_text = f"Grafiek: {self.title}. " + "; ".join(
            f"{p['year']}, {p['method'].lower()}: ongeveer {fmt_official(p['estimate'])} "
            f"({fmt_official(p['low'])} tot {fmt_official(p['high'])})" for p in shown) + "."
        return self


def interval_chart(points: list[dict], *, title: str) -> str:
    """``points``: {"year", "method" (label), "estimate", "low", "high"}, already rounded."""
    import altair as alt
    import pandas as pd

    data = pd.DataFrame(points)
    data["jaar"] = data["year"].astype(str)
    methods = list(dict.fromkeys(data["method"]))
    color = alt.Color("method:N", title="Schatter", scale=alt.Scale(domain=methods, range=PALETTE[:len(methods)]),
                      legend=alt.Legend(orient="bottom"))
    offset = alt.XOffset("method:N", scale=alt.Scale(domain=methods))
    x = alt.X("jaar:O", title="Jaar", axis=alt.Axis(labelAngle=0))
    base = alt.Chart(data).encode(x=x, xOffset=offset, color=color)
    rules = base.mark_rule(strokeWidth=2).encode(
        y=alt.Y("low:Q", title="Geschat totaal (met 95%-interval)", axis=alt.Axis(format=",d")), y2="high:Q")
    dots = base.mark_point(filled=True, size=70).encode(
        y="estimate:Q", shape=alt.Shape("method:N", scale=alt.Scale(domain=methods, range=["circle", "square"]),
                                        legend=None))
    chart = (rules + dots).properties(width=max(160, 110 * data["jaar"].nunique()), height=240, title=title)
    return altair_svg(chart.configure_view(stroke=None).configure(font="DejaVu Sans"))
