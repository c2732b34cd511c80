"""One plain sentence beside the sensitivity table says why the headline interval is wider."""

from zicht.publish.blocks import Table
from zicht.publish.report import BuiltSection, ReportStatus, render_html
from zicht.publish.sections.interval_note import SAME_KIND_NL, WHY_WIDER_NL, interval_difference_nl
from zicht.publish.sections.persons import HowBig

LISTS = ["politie", "essm", "fier"]
HEADLINE = {"estimate": 712.4, "ci": [549.2, 913.8], "ci_method": "bca_bootstrap", "lists": LISTS}
SENSITIVITY = [{"label": "Alle lijsten, gekozen model", "estimate": 712.4, "ci": [560.1, 845.3],
                "ci_method": "model_conditional", "lists": LISTS}]


def test_the_sentence_explains_the_bootstrap_over_model_choice():
    assert interval_difference_nl(HEADLINE) == WHY_WIDER_NL
    assert "breder" in WHY_WIDER_NL and "model" in WHY_WIDER_NL and "vaststaat" in WHY_WIDER_NL
    assert not any(ch.isdigit() for ch in WHY_WIDER_NL)  # names no number
    conditional = {**HEADLINE, "ci_method": "model_conditional"}
    assert interval_difference_nl(conditional) == SAME_KIND_NL
    assert interval_difference_nl({"estimate": None, "lists": LISTS}) is None
    assert interval_difference_nl(None) is None


def test_the_sentence_stands_beside_the_sensitivity_table():
    table = HowBig()._sensitivity({"estimate": HEADLINE, "sensitivity": SENSITIVITY})
    assert isinstance(table, Table) and table.notes[0] == WHY_WIDER_NL
    html = render_html(2022, [BuiltSection("omvang", "Hoe groot", "", [table])], status=ReportStatus(2022))
    after = html[html.index("<caption>Gevoeligheid"):]
    assert "560 tot 850" in after and WHY_WIDER_NL in after


def test_no_sentence_without_a_published_headline():
    refused = {**HEADLINE, "lists": ["politie", "essm"]}  # two lists: no published estimate
    table = HowBig()._sensitivity({"estimate": refused, "sensitivity": SENSITIVITY})
    assert WHY_WIDER_NL not in table.notes
