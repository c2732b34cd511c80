"""The analyst's choices in disclosure control, in Dutch: recodings chosen and recodings proposed,
each with what suppression and what recoding lose, so the analyst can weigh them."""

from __future__ import annotations


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def describe_alternative(alt: dict) -> str:
    """One proposal: which categories merge, and what each option hides."""
    if not alt["possible"]:
        return (
            f"{alt['indicator']} ({alt['dimension']}, {alt['year']}): onderdrukken verbergt "
            f"{_count(alt['suppressed_cells'], 'cel', 'cellen')} met samen {alt['suppressed_persons']}; "
            "een veilige hercodering bestaat niet (elke veilige samenvoeging omvat alle categorieën met een "
            "aantal en zegt dan niet meer dan het totaal)."
        )
    codes = ", ".join(alt["labels"])
    verdict = ("hercoderen verliest minder" if alt["recoding_loses_less"]
               else "onderdrukken verliest niet meer")
    return (
        f"{alt['indicator']} ({alt['dimension']}, {alt['year']}): onderdrukken verbergt "
        f"{_count(alt['suppressed_cells'], 'cel', 'cellen')} met samen {alt['suppressed_persons']}; "
        f"samenvoegen van {codes} tot '{alt['label']}' verbergt de uitsplitsing van "
        f"{_count(alt['merged_categories'], 'categorie', 'categorieën')} met samen {alt['merged_persons']} "
        f"en onderdrukt daar niets. {verdict.capitalize()}. Kiezen: --recode {alt['indicator']}:{alt['dimension']}"
    )


def write_choices(stdout, built) -> None:
    """Print the recodings in force and the ones Zicht proposes (analyst-only output: it names
    the size of groups that the publication hides, so it never goes into a published artefact)."""
    for recoding in built.recodings:
        stdout.write(f"Hercodering toegepast: {recoding['indicator']} ({recoding['dimension']}): "
                     f"{', '.join(recoding['codes'])} samengevoegd tot '{recoding['label']}'.")
    if built.alternatives:
        stdout.write("Onderdrukken of hercoderen (alleen voor de analist, niet publiceren):")
        for alt in built.alternatives:
            stdout.write(f"  - {describe_alternative(alt)}")
