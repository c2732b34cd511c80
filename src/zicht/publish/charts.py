"""Bar and line charts as SVG (Vega-Altair through vl-convert, no browser), Dutch number format."""

from __future__ import annotations

import json
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # Altair, pandas and vl-convert load when a chart is drawn, not with the URLconf.
    import altair as alt

PALETTE = ["#154273", "#39870c", "#e17000", "#a90061", "#007bc7", "#673327"]


def _svg(chart: alt.Chart) -> str:
    # The specs are built by our own code, so Altair's (slow) schema validation adds nothing.
    return _render(json.dumps(chart.to_dict(validate=False), sort_keys=True))


@lru_cache(maxsize=512)
def _render(spec_json: str) -> str:
    """Vega-Lite to SVG; identical specs (rebuilds, factsheets) are drawn once per process."""
    import vl_convert as vlc

    svg = vlc.vegalite_to_svg(json.loads(spec_json), format_locale="nl-NL")
    # Accessibility: the chart is described by the figure's text alternative and data table.
    return svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1)


def bar_chart(labels: list[str], values: list[int], *, title: str, value_title: str = "Aantal") -> str:
    """Horizontal bars with the value printed beside each bar (no meaning by colour alone)."""
    import altair as alt
    import pandas as pd

    data = pd.DataFrame({"categorie": labels, "aantal": values, "volgorde": range(len(labels))})
    base = alt.Chart(data).encode(
        y=alt.Y("categorie:N", sort=alt.SortField("volgorde"), title=None,
                axis=alt.Axis(labelLimit=260)),
        x=alt.X("aantal:Q", title=value_title, axis=alt.Axis(format=",d", tickMinStep=1)),
    )
    bars = base.mark_bar(color=PALETTE[0])
    text = base.mark_text(align="left", dx=3, color="#000").encode(text=alt.Text("aantal:Q", format=",d"))
    chart = (bars + text).properties(width=360, height=max(60, 24 * len(labels)), title=title)
    return _svg(chart.configure_view(stroke=None).configure(font="DejaVu Sans"))


def year_chart(years: list[int], values: list[int], *, title: str, value_title: str = "Aantal") -> str:
    """Vertical bars for a yearly series, values on top."""
    import altair as alt
    import pandas as pd

    data = pd.DataFrame({"jaar": [str(y) for y in years], "aantal": values})
    base = alt.Chart(data).encode(
        x=alt.X("jaar:O", title="Jaar", axis=alt.Axis(labelAngle=0)),
        y=alt.Y("aantal:Q", title=value_title, axis=alt.Axis(format=",d")),
    )
    bars = base.mark_bar(color=PALETTE[0], size=36)
    text = base.mark_text(dy=-6, color="#000").encode(text=alt.Text("aantal:Q", format=",d"))
    chart = (bars + text).properties(width=80 * len(years) + 40, height=220, title=title)
    return _svg(chart.configure_view(stroke=None).configure(font="DejaVu Sans"))
