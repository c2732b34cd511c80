"""Sentences about method that more than one output says (report, factsheets, dashboard), written once.

They are Dutch, as the publications are; marked for translation so the web pages can show them in
English when the visitor chose it."""

from django.utils.translation import gettext_noop

# Figures per municipality or part of the region: what their differences do and do not show.
MUNICIPAL_DIFFERENCES = gettext_noop(
    "Verschillen tussen gemeenten en regio's laten vooral zien hoeveel aandacht er is en hoe er wordt "
    "geregistreerd en gemeld, niet hoe vaak mensenhandel er voorkomt."
)
