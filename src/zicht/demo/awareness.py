"""The awareness activities of the 2022 monitor (chapter "Nieuwe ontwikkelingen en initiatieven"),
entered into the awareness register for the demo. The edition names most activities by month or
year only; where it gives no day, the demo takes the first of the month (or 1 January) and says so."""

from __future__ import annotations

import datetime as dt

from zicht.catalog.models import Municipality
from zicht.publish.awareness import ActivityInput, record_activity

APPROXIMATE = "Datum bij benadering: de monitor 2022 noemt alleen de maand of het jaar."


def _codes(*names: str) -> tuple[str, ...]:
    return tuple(Municipality.objects.filter(name__in=names).values_list("code", flat=True))


def demo_activities(year: int = 2022) -> list[ActivityInput]:
    d = dt.date
    return [
        ActivityInput(year, "Bewustwordingscampagne ‘Kijk op mensenhandel’ (VAR, RIEC Den Haag, RSIV)", "campaign",
                      d(year, 1, 1), description="Campagne en toolbox voor gemeentelijke organisaties. " + APPROXIMATE),
        ActivityInput(year, "Bewustwordingscampagne ‘Steek jij je hand uit’ (www.steekjijjehanduit.nl)", "website",
                      d(year, 5, 1), description="Voor jongeren, ouders en docenten; gelanceerd op een middelbare "
                      "school in Capelle aan den IJssel. " + APPROXIMATE),
        ActivityInput(year, "‘Steek jij je hand uit’ in de maand van de ondermijning", "campaign", d(year, 10, 1),
                      municipalities=_codes("Lansingerland"), description=APPROXIMATE),
        ActivityInput(year, "Actieweek politie: aanpak klanten van minderjarige sekswerkers", "action_week",
                      d(year, 6, 1), description="Team Migratiecriminaliteit en Mensenhandel. " + APPROXIMATE),
        ActivityInput(year, "Week tegen mensenhandel (VAR, ESSM, politie)", "action_week", d(year, 10, 14),
                      d(year, 10, 21), description="Rond de Europese Dag van de Mensenhandel (18 oktober); "
                      "regionaal webinar, VR-experience, netwerkbijeenkomst ESSM, socialmediacampagne."),
        ActivityInput(year, "Cursus mensenhandel voor medewerkers opvang Oekraïense vluchtelingen (ESSM, NLA)",
                      "training", d(year, 12, 1), municipalities=_codes("Rotterdam"), description=APPROXIMATE),
        ActivityInput(year, "Training FairWork Academie voor begeleiders vluchtelingenopvang", "training",
                      d(year, 1, 1), municipalities=_codes("Dordrecht"), reach_kind="trained", reach=12,
                      description="Twaalf medewerkers opgeleid. " + APPROXIMATE),
        ActivityInput(year, "Voorlichting wijkmanagers door de aandachtsfunctionaris", "training", d(year, 1, 1),
                      municipalities=_codes("Dordrecht"), description=APPROXIMATE),
        ActivityInput(year, "Vernieuwde voorlichting ESSM over criminele en seksuele uitbuiting (scholen en professionals)",
                      "training", d(year, 1, 1), municipalities=_codes("Rotterdam"),
                      description="Ontwikkeld in opdracht van de gemeente Rotterdam. " + APPROXIMATE),
        ActivityInput(year, "Awareness hotels en vakantieparken: gratis training voor recreatiebedrijven", "campaign",
                      d(year, 1, 1), description="Burgemeesters en aandachtsfunctionarissen van alle gemeenten kregen "
                      "informatie via de VAR. " + APPROXIMATE),
        ActivityInput(year, "Burgemeester schrijft hotels en recreatiebedrijven aan (No Place for Sex Trafficking)",
                      "campaign", d(year, 1, 1), municipalities=_codes("Dordrecht"), description=APPROXIMATE),
        ActivityInput(year, "Fototentoonstelling ‘Open je Ogen voor mensenhandel’ (CoMensha, Stichting Open Mind)",
                      "campaign", d(year, 3, 1), municipalities=_codes("Gorinchem", "Vlaardingen"),
                      description="In het voorjaar van 2022. " + APPROXIMATE),
    ]


def load_demo_awareness(year: int = 2022) -> int:
    """Enter the demo's activities (checked, as by the analyst); returns how many."""
    activities = demo_activities(year)
    for activity in activities:
        record_activity(activity, None, analyst=True)
    return len(activities)
