"""Given names that follow the birth cohort, and birth dates that nobody knows.

Names change with the decades: a Dutch woman born in the 1950s is often Maria or Johanna, one
born in the 1980s Kim or Linda, one born after 2010 Emma or Julia. People of one cohort share
given names more often than the population as a whole, and namesakes of one cohort also have
close birth years: the hard case for linkage. The lists below are small and curated by hand
from the published top names per decade (Meertens Instituut for the Netherlands; national
statistics offices and name-frequency sites for the other origins); they give the flavour of
each cohort, not its exact shares. A quarter of the people of an origin with lists carries a
cohort name (weights falling as 1 / rank^0.5, so the commonest cohort name holds 3-7% of a
cohort of an origin); the rest keep the origin's name pool of `synthetic_names`. Origins
without lists (SR, ER, VN, CN) keep the pool only.

Undocumented victims often do not know, or do not give, their date of birth; partners then
leave it empty, register a year only, or register an estimated date, by convention 1 January
of the estimated year. ``unknown_birth_share`` gives the share per origin (5% for Dutch
people, 26% for other origins: about 15% of the benchmark population, ADR 1316).
"""

from __future__ import annotations

import numpy as np

COHORT_SHARE = 0.25
COHORT_DECAY = 0.5

# origin -> sex -> ((first birth year of the cohort, names), ...), oldest first
COHORT_GIVEN: dict[str, dict[str, tuple[tuple[int, tuple[str, ...]], ...]]] = {
    "NL": {
        "v": (
            (0, ("Maria", "Johanna", "Anna", "Cornelia", "Elisabeth", "Wilhelmina", "Hendrika",
                 "Geertruida", "Margaretha", "Catharina")),
            (1960, ("Maria", "Anja", "Ingrid", "Marian", "Monique", "Petra", "Yvonne",
                    "Annemieke", "Marjan", "Wilma")),
            (1970, ("Linda", "Petra", "Sandra", "Monique", "Esther", "Patricia", "Marieke",
                    "Wendy", "Karin", "Miranda")),
            (1980, ("Kim", "Linda", "Sanne", "Laura", "Lisa", "Melissa", "Kelly", "Chantal",
                    "Nicole", "Anne")),
            (1990, ("Lisa", "Anne", "Sanne", "Laura", "Kim", "Iris", "Romy", "Lotte", "Fleur",
                    "Demi")),
            (2000, ("Emma", "Sanne", "Lisa", "Anna", "Julia", "Sophie", "Eva", "Lotte", "Tess",
                    "Fleur")),
            (2010, ("Emma", "Julia", "Sophie", "Tess", "Zoë", "Mila", "Sara", "Evi", "Noor",
                    "Saar")),
        ),
        "m": (
            (0, ("Johannes", "Cornelis", "Hendrik", "Jan", "Willem", "Gerrit", "Petrus",
                 "Jacobus", "Pieter", "Adrianus")),
            (1960, ("Johannes", "Peter", "Hans", "Jan", "Henk", "Cornelis", "Gerard", "Kees",
                    "Ronald", "Frank")),
            (1970, ("Mark", "Jeroen", "Michel", "Patrick", "Dennis", "Martijn", "Erik",
                    "Richard", "Marco", "Robert")),
            (1980, ("Kevin", "Dennis", "Mark", "Tim", "Thomas", "Niels", "Jeroen", "Bas", "Mike",
                    "Rick")),
            (1990, ("Tim", "Thomas", "Kevin", "Stefan", "Niels", "Nick", "Lars", "Tom", "Jesse",
                    "Rick")),
            (2000, ("Daan", "Sem", "Thomas", "Tim", "Lars", "Luuk", "Milan", "Bram", "Jesse",
                    "Thijs")),
            (2010, ("Noah", "Sem", "Daan", "Lucas", "Levi", "Finn", "Milan", "Luuk", "Jesse",
                    "Bram")),
        ),
    },
    "PL": {
        "v": ((0, ("Barbara", "Krystyna", "Elżbieta", "Danuta", "Teresa", "Halina", "Grażyna",
                   "Jolanta")),
              (1975, ("Katarzyna", "Agnieszka", "Anna", "Magdalena", "Joanna", "Monika",
                      "Małgorzata", "Ewa")),
              (1995, ("Julia", "Natalia", "Aleksandra", "Wiktoria", "Zuzanna", "Weronika",
                      "Karolina", "Paulina"))),
        "m": ((0, ("Andrzej", "Krzysztof", "Stanisław", "Jan", "Tadeusz", "Zbigniew", "Jerzy",
                   "Marek")),
              (1975, ("Tomasz", "Piotr", "Paweł", "Michał", "Marcin", "Łukasz", "Krzysztof",
                      "Grzegorz")),
              (1995, ("Jakub", "Kacper", "Mateusz", "Bartosz", "Szymon", "Filip", "Dawid",
                      "Kamil"))),
    },
    "RO": {
        "v": ((0, ("Maria", "Elena", "Ioana", "Ana", "Viorica", "Mariana")),
              (1975, ("Mihaela", "Andreea", "Cristina", "Daniela", "Alina", "Ramona", "Elena")),
              (1995, ("Andreea", "Alexandra", "Ioana", "Bianca", "Denisa", "Maria", "Elena"))),
        "m": ((0, ("Ion", "Gheorghe", "Vasile", "Constantin", "Nicolae", "Dumitru")),
              (1975, ("Mihai", "Florin", "Adrian", "Marian", "Daniel", "Cristian", "Bogdan")),
              (1995, ("Andrei", "Alexandru", "Ionuț", "Ștefan", "David", "Darius", "Gabriel"))),
    },
    "BG": {
        "v": ((0, ("Maria", "Ivanka", "Yordanka", "Penka", "Stefka", "Elena")),
              (1975, ("Desislava", "Silvia", "Tsvetelina", "Gergana", "Milena", "Petya")),
              (1995, ("Viktoria", "Aleksandra", "Nikol", "Gabriela", "Raya", "Maria"))),
        "m": ((0, ("Ivan", "Georgi", "Dimitar", "Stoyan", "Petar", "Todor")),
              (1975, ("Nikolay", "Hristo", "Plamen", "Ivaylo", "Svetoslav", "Georgi")),
              (1995, ("Aleksandar", "Martin", "Kaloyan", "Daniel", "Viktor", "Georgi"))),
    },
    "HU": {
        "v": ((0, ("Erzsébet", "Katalin", "Mária", "Éva", "Ilona", "Zsuzsanna")),
              (1975, ("Krisztina", "Andrea", "Anita", "Mónika", "Szilvia", "Tímea")),
              (1995, ("Anna", "Zsófia", "Réka", "Viktória", "Dorina", "Fanni"))),
        "m": ((0, ("László", "István", "József", "János", "Ferenc", "Sándor")),
              (1975, ("Zoltán", "Gábor", "Attila", "Tamás", "Péter", "Krisztián")),
              (1995, ("Bence", "Máté", "Levente", "Dávid", "Dániel", "Ádám"))),
    },
    "UA": {
        "v": ((0, ("Halyna", "Nadiya", "Liudmyla", "Valentyna", "Tetiana", "Mariia")),
              (1975, ("Olena", "Natalia", "Iryna", "Oksana", "Svitlana", "Yulia")),
              (1995, ("Anastasia", "Daria", "Yulia", "Kateryna", "Viktoria", "Sofiia"))),
        "m": ((0, ("Mykola", "Volodymyr", "Ivan", "Vasyl", "Petro", "Anatoliy")),
              (1975, ("Oleksandr", "Serhiy", "Andriy", "Dmytro", "Yuriy", "Oleh")),
              (1995, ("Maksym", "Artem", "Denys", "Vladyslav", "Bohdan", "Nazar"))),
    },
    "TR": {
        "v": ((0, ("Fatma", "Ayşe", "Emine", "Hatice", "Zeynep", "Elif")),
              (1975, ("Özlem", "Esra", "Tuğba", "Elif", "Merve", "Derya")),
              (1995, ("Zeynep", "Elif", "Ecrin", "Yağmur", "Defne", "Nisa"))),
        "m": ((0, ("Mehmet", "Mustafa", "Ahmet", "Ali", "Hüseyin", "Hasan")),
              (1975, ("Murat", "Emre", "Serkan", "Hakan", "Mehmet", "Burak")),
              (1995, ("Yusuf", "Emir", "Berat", "Eymen", "Ömer", "Enes"))),
    },
    "MA": {
        "v": ((0, ("Fatima", "Khadija", "Aicha", "Zohra", "Rachida", "Malika")),
              (1975, ("Nadia", "Samira", "Latifa", "Naima", "Hanane", "Laila")),
              (1995, ("Imane", "Salma", "Hiba", "Yasmine", "Fatima Zahra", "Aya"))),
        "m": ((0, ("Mohamed", "Ahmed", "Abdelkader", "Mustapha", "Driss", "Lahcen")),
              (1975, ("Mohamed", "Youssef", "Rachid", "Karim", "Said", "Abdelali")),
              (1995, ("Mohamed", "Adam", "Rayan", "Amine", "Yassine", "Hamza"))),
    },
    "NG": {
        "v": ((0, ("Comfort", "Grace", "Mercy", "Patience", "Esther", "Felicia")),
              (1975, ("Blessing", "Ngozi", "Chioma", "Funmilayo", "Precious", "Joy")),
              (1995, ("Favour", "Precious", "Peace", "Goodness", "Chiamaka", "Esther"))),
        "m": ((0, ("Emmanuel", "Sunday", "Joseph", "Samuel", "Peter", "Godwin")),
              (1975, ("Chinedu", "Emeka", "Tunde", "Kelechi", "Oluwaseun", "Ikenna")),
              (1995, ("David", "Daniel", "Favour", "Divine", "Chidera", "Miracle"))),
    },
    "BR": {
        "v": ((0, ("Maria", "Francisca", "Antônia", "Raimunda", "Rita", "Terezinha")),
              (1975, ("Adriana", "Juliana", "Patrícia", "Márcia", "Fernanda", "Aline")),
              (1995, ("Júlia", "Beatriz", "Larissa", "Camila", "Amanda", "Letícia"))),
        "m": ((0, ("José", "Antônio", "Francisco", "João", "Sebastião", "Manoel")),
              (1975, ("Carlos", "Paulo", "Marcos", "Luiz", "Rodrigo", "Fábio")),
              (1995, ("Lucas", "Gabriel", "Matheus", "Pedro", "Guilherme", "Rafael"))),
    },
}  # fmt: skip

# Share of people whose birth date is unknown to every partner (undocumented victims), by
# origin; 5% for Dutch people, 26% otherwise: about 15% of the benchmark population.
UNKNOWN_BIRTH_SHARE = {"NL": 0.05}
UNKNOWN_BIRTH_SHARE_OTHER = 0.26
# How a partner registers an unknown birth date: empty, a year only, or an estimated date
# (1 January of the estimated year); the estimated year is off by one or two in half the cases.
UNKNOWN_BIRTH_FORMS = {"missing": 0.4, "year_only": 0.2, "estimated": 0.4}


def cohort_names(nat: str, sex: str, birth_year: int) -> tuple[str, ...]:
    """The cohort list for a person of origin ``nat``, sex ``sex`` born in ``birth_year``,
    or () where the origin has none."""
    cohorts = COHORT_GIVEN.get(nat, {}).get(sex, ())
    names: tuple[str, ...] = ()
    for start, listed in cohorts:
        if birth_year >= start:
            names = listed
    return names


def cohort_given(nat: str, sex: str, birth_year: int, rng: np.random.Generator) -> str | None:
    """A cohort given name for ``COHORT_SHARE`` of the people of an origin with lists (None
    for the rest: they keep the origin's pool)."""
    names = cohort_names(nat, sex, birth_year)
    if not names or rng.random() >= COHORT_SHARE:
        return None
    weights = 1.0 / np.arange(1, len(names) + 1) ** COHORT_DECAY
    return names[int(rng.choice(len(names), p=weights / weights.sum()))]


def unknown_birth_share(nat: str) -> float:
    return UNKNOWN_BIRTH_SHARE.get(nat, UNKNOWN_BIRTH_SHARE_OTHER)


def registered_unknown_birth(year: int, rng: np.random.Generator, date_style: str) -> str:
    """What one partner registers for a person whose birth date nobody knows."""
    draw = rng.random()
    if draw < UNKNOWN_BIRTH_FORMS["missing"]:
        return ""
    estimated = year + (int(rng.choice([-2, -1, 1, 2])) if rng.random() < 0.5 else 0)
    if draw < UNKNOWN_BIRTH_FORMS["missing"] + UNKNOWN_BIRTH_FORMS["year_only"]:
        return f"{estimated:04d}"
    return f"{estimated:04d}-01-01" if date_style == "iso" else f"01-01-{estimated:04d}"
