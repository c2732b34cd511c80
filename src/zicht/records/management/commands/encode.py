"""`zicht encode PEOPLE.csv --secret-file KEY --out ENCODED.csv`: runs at the partner, offline."""

from django.core.management.base import BaseCommand, CommandError

from zicht.engines.linkage.encoding import (
    IDENTIFIER_COLUMNS,
    SecretError,
    encode_records,
    load_secret,
)
from zicht.engines.linkage.files import CsvReadError, read_csv, write_encoded_csv
from zicht.records.record_ids import OPAQUE_ADVICE, identifying_record_ids

SHOWN_ROWS = 5


def _column_map(pairs: list[str]) -> dict[str, str]:
    mapping = {}
    for pair in pairs:
        ours, sep, theirs = pair.partition("=")
        if not sep or not ours.strip() or not theirs.strip():
            raise CommandError(f"--column '{pair}' heeft niet de vorm zicht_naam=uw_kolom.")
        mapping[ours.strip()] = theirs.strip()
    return mapping


def _refuse_identifying(values: list[str]) -> None:
    """Stop before anything is written when record numbers carry a name, date, e-mail or BSN."""
    found = identifying_record_ids(values)
    if not found:
        return
    rows = ", ".join(str(row) for row, _ in found[:SHOWN_ROWS])
    if len(found) > SHOWN_ROWS:
        rows += f" en nog {len(found) - SHOWN_ROWS}"
    raise CommandError(
        f"Kolom record_id, rij {rows}: het recordnummer lijkt een naam, datum, e-mailadres of BSN te bevatten. "
        + OPAQUE_ADVICE + " Codeer opnieuw met --hash-record-id, of lever betekenisloze zaaknummers. "
        "Er is niets geschreven."
    )


class Command(BaseCommand):
    help = (
        "Codeert de eigen export van een partner: namen, geboortedatum en geslacht worden een "
        "Bloom-filtercodering met de geheime sleutel; recordnummer en zaakvelden blijven. "
        "Geen enkele directe identificatie komt in het uitvoerbestand; een recordnummer met een naam, "
        "datum, e-mailadres of BSN wordt geweigerd, of met --hash-record-id onherleidbaar gemaakt."
    )

    def add_arguments(self, parser):
        parser.add_argument("people", help="CSV-export van de partner (UTF-8 of Windows-1252, ',' of ';').")
        parser.add_argument("--secret-file", required=True, help="Sleutelbestand van 'zicht keygen'.")
        parser.add_argument("--out", required=True, help="Pad van het gecodeerde CSV-bestand.")
        parser.add_argument(
            "--column", action="append", default=[], metavar="ZICHT=UW_KOLOM",
            help="Koppel een kolomnaam van Zicht aan uw eigen kolom, bv. first_name=voornaam "
                 "(herhaalbaar).",
        )  # fmt: skip
        parser.add_argument(
            "--hash-record-id", action="store_true",
            help="Vervang elk recordnummer door een onherleidbaar nummer (HMAC met de gedeelde sleutel; "
                 "hetzelfde nummer geeft steeds dezelfde uitkomst). Nodig als uw eigen nummers een naam, "
                 "datum, e-mailadres of BSN bevatten.",
        )  # fmt: skip

    def handle(self, *args, **options):
        mapping = _column_map(options["column"])
        try:
            secret = load_secret(options["secret_file"])
            people = read_csv(options["people"])
        except (SecretError, CsvReadError) as exc:
            raise CommandError(str(exc)) from exc
        expected = ["record_id", *IDENTIFIER_COLUMNS]
        missing = [c for c in expected if mapping.get(c, c) not in people.columns]
        if missing:
            raise CommandError(
                f"Bestand '{options['people']}' mist kolom(men): "
                + ", ".join(f"{c} (gezocht als '{mapping.get(c, c)}')" for c in missing)
                + ". Koppel andere kolomnamen met --column zicht_naam=uw_kolom."
            )
        record_ids = people[mapping.get("record_id", "record_id")]
        empty = record_ids.str.strip() == ""
        if empty.any():
            raise CommandError(f"Rij {int(empty.to_numpy().argmax()) + 2}: record_id is leeg.")
        if record_ids.duplicated().any():
            raise CommandError("Kolom record_id bevat dubbele waarden; elk record heeft een eigen nummer nodig.")
        if not options["hash_record_id"]:
            _refuse_identifying(record_ids.tolist())
        rows = encode_records(people.to_dict("records"), secret, column_map=mapping,
                              hash_record_id=options["hash_record_id"])
        count = write_encoded_csv(rows, options["out"])
        self.stdout.write(f"{count} records gecodeerd naar '{options['out']}'.")
