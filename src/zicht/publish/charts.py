"""Bar charts as SVG (Vega-Altair through vl-convert, no browser), Dutch number format.

A value that disclosure control suppressed is a marked gap: its category keeps its place on the
axis and carries the text "• onderdrukt" instead of a bar, never a missing or zero-length bar; the
chart's subtitle explains the mark. Values are ``None`` where suppressed."""

from __future__ import annotations

import json
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # Altair, pandas and vl-convert load when a chart is drawn, not with the URLconf.
    import altair as alt

PALETTE = ["#154273", "#39870c", "#e17000", "#a90061", "#007bc7", "#673327"]
MARK = "•"
GAP_TEXT = f"{MARK} onderdrukt"
GAP_LEGEND = f"{MARK} = onderdrukt (onthullingscontrole), geen staaf"
MUTED = "#545454"


def _svg_of(spec: dict) -> str:
    return _render(json.dumps(spec, sort_keys=True))


def altair_svg(chart: alt.Chart) -> str:
    """An Altair chart built elsewhere in publish (the estimate's interval chart) as accessible SVG,
    drawn through the same cache as every other chart."""
    return _svg_of(chart.to_dict(validate=False))


@lru_cache(maxsize=512)
def _render(spec_json: str) -> str:
    """Vega-Lite to SVG; identical specs (rebuilds, factsheets) are drawn once per process."""
    import vl_convert as vlc

    svg = vlc.vegalite_to_svg(json.loads(spec_json), format_locale="nl-NL")
    # Accessibility: the chart is described by the figure's text alternative and data table.
    return svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1)


def _spec(chart: alt.Chart) -> dict:
    # The specs are built by our own code, so Altair's (slow) schema validation adds nothing.
    return chart.configure_view(stroke=None).configure(font="DejaVu Sans").to_dict(validate=False)


def _title(title: str, suppressed: bool):
    import altair as alt

    if not suppressed:
        return title
    return alt.TitleParams(title, subtitle=GAP_LEGEND, subtitleColor=MUTED, subtitleFontSize=11)


def _value_scale(values: list[int | None]):
    """From zero; when every visible value is 0, up to 1 (so 0 sits at the axis's start, not mid-air)."""
    import altair as alt

    shown = [v for v in values if v is not None]
    return alt.Scale(domainMin=0) if any(shown) else alt.Scale(domain=[0, 1])


def _value_axis(values: list[int | None]):
    import altair as alt

    # All visible values 0: one tick, 0 (a tick "1" would read as a count in the printed text).
    extra = {} if any(v for v in values if v is not None) else {"values": [0]}
    return alt.Axis(format=",d", tickMinStep=1, **extra)


def bar_chart_spec(labels: list[str], values: list[int | None], *, title: str,
                   value_title: str = "Aantal") -> dict:
    """Horizontal bars with the value printed beside each bar (no meaning by colour alone);
    a suppressed category (value None) gets the mark "• onderdrukt" at the axis, no bar."""
    import altair as alt
    import pandas as pd

    shown = pd.DataFrame({"categorie": [lab for lab, v in zip(labels, values, strict=True) if v is not None],
                          "aantal": [v for v in values if v is not None]})
    gaps = [lab for lab, v in zip(labels, values, strict=True) if v is None]
    y = alt.Y("categorie:N", title=None, sort=None, scale=alt.Scale(domain=list(labels)),
              axis=alt.Axis(labelLimit=260))
    x = alt.X("aantal:Q", title=value_title, axis=_value_axis(values), scale=_value_scale(values))
    base = alt.Chart(shown).encode(y=y, x=x)
    layers = [base.mark_bar(color=PALETTE[0]),
              base.mark_text(align="left", dx=3, color="#000").encode(text=alt.Text("aantal:Q", format=",d"))]
    if gaps:
        marks = pd.DataFrame({"categorie": gaps, "teken": [MARK] * len(gaps), "aantal": [None] * len(gaps),
                              "tekst": [GAP_TEXT] * len(gaps)})
        layers.append(alt.Chart(marks).mark_text(align="left", dx=3, color=MUTED, fontStyle="italic")
                      .encode(y=y, x=alt.datum(0), text="tekst:N"))
    chart = alt.layer(*layers).properties(width=360, height=max(60, 24 * len(labels)),
                                          title=_title(title, bool(gaps)))
    return _spec(chart)


def bar_chart(labels: list[str], values: list[int | None], *, title: str, value_title: str = "Aantal") -> str:
    return _svg_of(bar_chart_spec(labels, values, title=title, value_title=value_title))


def year_chart_spec(years: list[int], values: list[int | None], *, title: str, value_title: str = "Aantal") -> dict:
    """Vertical bars for a yearly series, values on top; a suppressed year keeps its place with "•"."""
    import altair as alt
    import pandas as pd

    names = [str(y) for y in years]
    shown = pd.DataFrame({"jaar": [n for n, v in zip(names, values, strict=True) if v is not None],
                          "aantal": [v for v in values if v is not None]})
    gaps = [n for n, v in zip(names, values, strict=True) if v is None]
    x = alt.X("jaar:O", title="Jaar", sort=None, scale=alt.Scale(domain=names), axis=alt.Axis(labelAngle=0))
    y = alt.Y("aantal:Q", title=value_title, axis=_value_axis(values), scale=_value_scale(values))
    base = alt.Chart(shown).encode(x=x, y=y)
    layers = [base.mark_bar(color=PALETTE[0], size=36),
              base.mark_text(dy=-6, color="#000").encode(text=alt.Text("aantal:Q", format=",d"))]
    if gaps:
        marks = pd.DataFrame({"jaar": gaps, "teken": [MARK] * len(gaps), "aantal": [None] * len(gaps),
                              "tekst": [GAP_TEXT] * len(gaps)})
        layers.append(alt.Chart(marks).mark_text(dy=-8, color=MUTED, fontStyle="italic")
                      .encode(x=x, y=alt.datum(0), text="tekst:N"))
    chart = alt.layer(*layers).properties(width=80 * len(years) + 40, height=220, title=_title(title, bool(gaps)))
    return _spec(chart)


def year_chart(years: list[int], values: list[int | None], *, title: str, value_title: str = "Aantal") -> str:
    return _svg_of(year_chart_spec(years, values, title=title, value_title=value_title))
