"""Synthetic victims and partner lists with known truth.

Real case records may never be used to tune or test linkage, so quality is measured
on generated people: a Dutch-heavy mix of names and nationalities, each partner
catching a person with a probability that depends on the form of exploitation (so the
overlaps follow a known population size, which the multiple-systems estimate can be
checked against), and each partner's copy carrying the errors real registrations have:
typos, dropped or moved surname particles, swapped names, wrong or partial birth dates,
and duplicates within one list.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

# (prefix, surname) pairs, most frequent first; Zipf weights give realistic name clashes.
DUTCH_SURNAMES = [
    ("de", "Jong"), ("", "Jansen"), ("de", "Vries"), ("van den", "Berg"), ("van", "Dijk"),
    ("", "Bakker"), ("", "Janssen"), ("", "Visser"), ("", "Smit"), ("", "Meijer"),
    ("de", "Boer"), ("", "Mulder"), ("de", "Groot"), ("", "Bos"), ("", "Vos"), ("", "Peters"),
    ("", "Hendriks"), ("van", "Leeuwen"), ("", "Dekker"), ("", "Brouwer"), ("de", "Wit"),
    ("", "Dijkstra"), ("", "Smits"), ("de", "Graaf"), ("van der", "Meer"),
    ("van der", "Linden"), ("", "Kok"), ("", "Jacobs"), ("de", "Haan"), ("", "Vermeulen"),
    ("van den", "Heuvel"), ("van der", "Veen"), ("van den", "Broek"), ("de", "Bruijn"),
    ("de", "Bruin"), ("van der", "Heijden"), ("", "Schouten"), ("van", "Beek"),
    ("", "Willems"), ("van", "Vliet"), ("van de", "Ven"), ("", "Hoekstra"), ("", "Maas"),
    ("", "Verhoeven"), ("", "Koster"), ("van", "Dam"), ("van der", "Wal"), ("", "Prins"),
    ("", "Blom"), ("", "Huisman"), ("", "Peeters"), ("de", "Jonge"), ("", "Kuipers"),
    ("van", "Veen"), ("", "Post"), ("", "Kuiper"), ("", "Veenstra"), ("", "Kramer"),
    ("van den", "Brink"), ("", "Scholten"), ("van", "Wijk"), ("", "Postma"), ("", "Martens"),
    ("", "Vink"), ("de", "Ruiter"), ("", "Timmermans"), ("", "Groen"), ("", "Gerritsen"),
    ("", "Jonker"), ("van", "Loon"), ("", "Boer"), ("van der", "Velde"), ("", "Willemsen"),
    ("", "Smeets"), ("de", "Lange"), ("de", "Vos"), ("", "Bosch"), ("van", "Dongen"),
    ("", "Schipper"), ("de", "Koning"), ("van der", "Laan"), ("", "Koning"),
    ("van der", "Velden"), ("", "Driessen"), ("van", "Doorn"), ("", "Hermans"), ("", "Evers"),
    ("van den", "Bosch"), ("van der", "Meulen"), ("", "Hofman"), ("", "Bosman"),
    ("", "Wolters"), ("", "Sanders"), ("van der", "Horst"), ("", "Mol"), ("", "Kuijpers"),
    ("", "Molenaar"), ("van de", "Pol"), ("de", "Leeuw"), ("", "Verbeek"), ("ter", "Horst"),
    ("'t", "Hart"), ("ten", "Brink"), ("van 't", "Hof"), ("in 't", "Veld"), ("", "Rijnders"),
    ("", "Zwart"), ("", "Kloosterman"), ("van", "Rijn"), ("", "Bijl"), ("", "IJzerman"),
    ("", "Hoogendoorn"), ("", "Verschoor"), ("van", "Putten"), ("", "Wouters"),
    ("", "Goossens"), ("", "Claassen"), ("", "Franssen"), ("", "Lambregts"),
]  # fmt: skip

DUTCH_GIVEN = {
    "v": ["Emma", "Sophie", "Julia", "Anna", "Lisa", "Sanne", "Fleur", "Eva", "Lotte", "Sara",
          "Tess", "Noa", "Lieke", "Femke", "Iris", "Anouk", "Maud", "Esmee", "Demi", "Kim",
          "Laura", "Naomi", "Romy", "Jasmijn", "Roos", "Ilse", "Marieke", "Ingrid", "Petra",
          "Monique", "Chantal", "Priscilla", "Shanice", "Britt", "Lynn", "Jade", "Zoë", "Chloë"],
    "m": ["Daan", "Sem", "Lucas", "Levi", "Thomas", "Jesse", "Bram", "Tim", "Lars", "Ruben",
          "Thijs", "Stijn", "Niels", "Jeroen", "Kevin", "Dennis", "Mark", "Pieter", "Jan",
          "Willem", "Hendrik", "Johannes", "Gerrit", "Dirk", "Bas", "Joost", "Sander", "Rick",
          "Mike", "Jordy", "Dylan", "Mohamed", "Joël", "René", "André"],
}  # fmt: skip

FOREIGN_NAMES = {
    "PL": (["Kowalski", "Nowak", "Wiśniewski", "Wójcik", "Kowalczyk", "Kamiński",
            "Lewandowski", "Zieliński", "Szymański", "Woźniak", "Dąbrowski", "Kozłowski"],
           {"m": ["Piotr", "Krzysztof", "Tomasz", "Paweł", "Michał", "Łukasz", "Marcin"],
            "v": ["Anna", "Katarzyna", "Małgorzata", "Agnieszka", "Magdalena", "Joanna"]}),
    "RO": (["Popescu", "Ionescu", "Popa", "Constantin", "Dumitru", "Stan", "Gheorghe",
            "Stoica", "Munteanu", "Rusu"],
           {"m": ["Andrei", "Alexandru", "Ionuț", "Mihai", "Florin", "Bogdan", "Ștefan"],
            "v": ["Maria", "Elena", "Ioana", "Andreea", "Mihaela", "Alexandra", "Cristina"]}),
    "BG": (["Ivanov", "Georgiev", "Dimitrov", "Petrov", "Nikolov", "Hristov", "Stoyanov"],
           {"m": ["Georgi", "Ivan", "Dimitar", "Nikolay", "Petar", "Hristo"],
            "v": ["Maria", "Ivana", "Elena", "Yordanka", "Desislava", "Gergana"]}),
    "HU": (["Nagy", "Kovács", "Tóth", "Szabó", "Horváth", "Varga", "Kiss"],
           {"m": ["László", "István", "József", "Zoltán", "Gábor"],
            "v": ["Erzsébet", "Katalin", "Éva", "Zsófia", "Anikó"]}),
    "MA": (["El Amrani", "Benali", "Bouzid", "El Idrissi", "Aït Ahmed", "Bakkali",
            "El Khatib", "Ouali", "Ziani", "Haddou"],
           {"m": ["Mohamed", "Youssef", "Ahmed", "Karim", "Said", "Mustafa", "Hamza"],
            "v": ["Fatima", "Khadija", "Samira", "Nadia", "Sanae", "Imane", "Yasmina"]}),
    "TR": (["Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Öztürk", "Aydın"],
           {"m": ["Mehmet", "Mustafa", "Ahmet", "Ali", "Hüseyin", "Emre", "Murat"],
            "v": ["Ayşe", "Fatma", "Emine", "Hatice", "Zeynep", "Elif", "Özlem"]}),
    "NG": (["Okafor", "Adeyemi", "Okonkwo", "Eze", "Obi", "Ogunleye", "Nwosu", "Balogun"],
           {"m": ["Chinedu", "Emeka", "Oluwaseun", "Tunde", "Ikenna", "Femi"],
            "v": ["Blessing", "Chioma", "Ngozi", "Adaeze", "Funmilayo", "Precious", "Joy"]}),
    "SR": (["Sital", "Ramdin", "Kalloe", "Lachman", "Pinas", "Sabajo", "Brunings"],
           {"m": ["Ravi", "Anil", "Dinesh", "Romeo", "Errol"],
            "v": ["Sharmila", "Anjali", "Priya", "Gerda", "Shirley"]}),
    "ER": (["Tesfay", "Haile", "Gebremedhin", "Tekle", "Berhane", "Kidane"],
           {"m": ["Yonas", "Dawit", "Michael", "Samuel", "Filmon"],
            "v": ["Selam", "Helen", "Senait", "Mebrat", "Yodit"]}),
    "VN": (["Nguyen", "Tran", "Le", "Pham", "Hoang", "Vu", "Dang"],
           {"m": ["Minh", "Tuan", "Hung", "Duc", "Quang"],
            "v": ["Linh", "Huong", "Lan", "Thu", "Mai"]}),
    "CN": (["Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang"],
           {"m": ["Wei", "Jun", "Lei", "Jie", "Tao"], "v": ["Fang", "Jing", "Min", "Xiu", "Yan"]}),
    "UA": (["Shevchenko", "Kovalenko", "Bondarenko", "Tkachenko", "Kravchenko", "Melnyk"],
           {"m": ["Oleksandr", "Dmytro", "Andriy", "Serhiy", "Mykola"],
            "v": ["Olena", "Tetiana", "Iryna", "Natalia", "Oksana"]}),
    "BR": (["Silva", "Santos", "Oliveira", "Souza", "Pereira", "Ferreira", "Almeida"],
           {"m": ["João", "Gabriel", "Lucas", "Matheus", "Rafael"],
            "v": ["Ana", "Júlia", "Beatriz", "Larissa", "Camila"]}),
}  # fmt: skip

# Real surname pools are long-tailed: the common names above cover a minority of people.
# The tail is synthesised from name parts typical of each origin, so name clashes are as
# rare (or frequent) as in a real population, not an artefact of a short list.
SURNAME_PARTS = {
    "NL": (["Berg", "Brink", "Dijk", "Hoek", "Veld", "Kamp", "Horst", "Bosch", "Broek", "Meer",
            "Wal", "Zand", "Hof", "Beek", "Molen", "Kerk", "Holt", "Sloot", "Dam", "Heuvel",
            "Wijk", "Burg", "Laan", "Steen", "Hout", "Vliet", "Poel", "Haar", "Water", "Doorn",
            "Linde", "Koop", "Schaap", "Boom", "Wind", "Groote", "Klein", "Oost", "West", "Noord",
            "Hage", "Ree", "Ros", "Brugge", "Gaal", "Bree", "Mos", "Wouw", "Stok", "Riet"],
           ["", "man", "mans", "sen", "ink", "ing", "stra", "ma", "ers", "s", "haar", "veld",
            "kamp", "hof", "hout", "boom", "dijk", "horst", "meijer", "de", "er", "en", "huis",
            "ens", "ij", "kes"]),
    "PL": (["Kowal", "Nowa", "Wiśniew", "Wójc", "Kamiń", "Lewandow", "Zieliń", "Szymań", "Woź",
            "Dąbrow", "Kozłow", "Jankow", "Mazur", "Krawc", "Piotrow", "Grabow", "Pawłow",
            "Michal", "Wieczor", "Jabłoń", "Majew", "Olszew", "Malinow", "Jawor", "Adamc"],
           ["ski", "ska", "czyk", "ak", "ek", "owski", "iak", "ik"]),
    "RO": (["Pop", "Ion", "Constantin", "Dumitr", "Stan", "Gheorgh", "Stoic", "Munt", "Rus",
            "Marin", "Tudor", "Dobr", "Barbu", "Nistor", "Florea", "Ene", "Dinu", "Lazăr", "Cristea",
            "Moldov", "Vasil", "Neagu", "Radu", "Matei"],
           ["escu", "eanu", "a", "ache", "oiu", "ică", ""]),
    "BG": (["Ivan", "Georgi", "Dimitr", "Petr", "Nikol", "Hrist", "Stoyan", "Todor", "Angel",
            "Iliev", "Atanas", "Kolev", "Yordan", "Marin", "Popov", "Kostadin", "Mihail", "Stefan"],
           ["ov", "ova", "ev", "eva", "ski"]),
    "HU": (["Nagy", "Kovács", "Tóth", "Szabó", "Horváth", "Varga", "Kiss", "Molnár", "Németh",
            "Farkas", "Balogh", "Papp", "Takács", "Juhász", "Lakatos", "Mészáros", "Oláh", "Simon"],
           [""]),
    "MA": (["Amrani", "Idrissi", "Khatib", "Ouali", "Ziani", "Haddou", "Bakkali", "Azzouzi",
            "Boukhari", "Chaoui", "Fassi", "Alaoui", "Tahiri", "Bennani", "Mansouri", "Ouazzani",
            "Hamdaoui", "Kaddouri", "Lahlou", "Sabri", "Yousfi", "Zerouali"],
           ["", "El ", "Ben ", "Aït "]),
    "TR": (["Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Öztürk", "Aydın", "Arslan",
            "Doğan", "Kılıç", "Aslan", "Çetin", "Kara", "Koç", "Kurt", "Özdemir", "Şimşek"],
           ["", "oğlu", "er", "can"]),
    "NG": (["Okafor", "Adeyemi", "Okonkwo", "Eze", "Obi", "Ogunleye", "Nwosu", "Balogun",
            "Adebayo", "Olawale", "Chukwu", "Nnamdi", "Oyelaran", "Ibekwe", "Afolabi", "Onyeka",
            "Uchenna", "Babatunde", "Okoro", "Ajayi", "Ogbonna", "Akinola"],
           ["", "ike", "nna", "wu"]),
    "SR": (["Sital", "Ramdin", "Kalloe", "Lachman", "Pinas", "Sabajo", "Brunings", "Ramsaran",
            "Jagessar", "Mahabier", "Doekhie", "Bhagwandin", "Tjon", "Fung", "Kartodikromo",
            "Soekhlal", "Baldewsingh", "Mangroe"],
           ["", "sing", "pal"]),
    "ER": (["Tesfay", "Haile", "Gebre", "Tekle", "Berhane", "Kidane", "Woldu", "Habte", "Asfaha",
            "Ghebre", "Mehari", "Yemane", "Tewolde", "Zeray", "Andemariam", "Negash"],
           ["", "medhin", "mariam", "michael", "selassie"]),
    "VN": (["Nguyen", "Tran", "Le", "Pham", "Hoang", "Vu", "Dang", "Bui", "Do", "Ho", "Ngo", "Duong"],
           [""]),
    "CN": (["Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu",
            "Sun", "Ma", "Zhu", "Hu", "Guo", "He", "Lin"],
           [""]),
    "UA": (["Shevch", "Kovalen", "Bondar", "Tkach", "Kravch", "Melny", "Boyko", "Kovalch",
            "Oliynyk", "Lysen", "Marchen", "Rudenk", "Savch", "Petren", "Moroz", "Pavlen"],
           ["enko", "uk", "yk", "ko", ""]),
    "BR": (["Silva", "Santos", "Oliveira", "Souza", "Pereira", "Ferreira", "Almeida", "Costa",
            "Rodrigues", "Gomes", "Martins", "Araújo", "Ribeiro", "Carvalho", "Lima", "Barbosa"],
           ["", "da ", "dos "]),
}  # fmt: skip

GIVEN_PARTS = {  # extra given names per origin and sex, beside FOREIGN_NAMES / DUTCH_GIVEN
    "NL": {"v": ["Mila", "Yara", "Evi", "Nina", "Saar", "Liv", "Fenna", "Noor", "Isa", "Vera",
                 "Amber", "Bo", "Floor", "Merel", "Nikki", "Danique", "Kelly", "Melissa",
                 "Sabrina", "Tamara", "Wendy", "Yvonne", "Annemarie", "Gerda", "Henriëtte",
                 "Johanna", "Wilhelmina", "Cornelia", "Geertruida", "Aaltje"],
           "m": ["Finn", "Noah", "Luuk", "Milan", "Sven", "Gijs", "Teun", "Max", "Koen", "Wout",
                 "Rutger", "Floris", "Maarten", "Erik", "Arjen", "Wouter", "Ronald", "Patrick",
                 "Marcel", "Cornelis", "Jacobus", "Adrianus", "Petrus", "Theodorus", "Gerardus"]},
}  # fmt: skip


def _surname(nat: str, rng: np.random.Generator) -> tuple[str, str]:
    """A surname for a person of origin `nat`: a common one or one from the long tail."""
    if nat == "NL":
        if rng.random() < 0.12:  # the 100 commonest Dutch surnames cover about 12% of people
            return DUTCH_SURNAMES[_zipf_choice(rng, DUTCH_SURNAMES, 1, 0.7)[0]]
        roots, suffixes = SURNAME_PARTS["NL"]
        root = roots[int(rng.integers(len(roots)))]
        if rng.random() < 0.3:
            prefix = str(rng.choice(["de", "van", "van der", "van den", "van de", "ter", "ten"]))
            return prefix, root + str(rng.choice(["", "e", "en", "er"]))
        suffix = suffixes[int(rng.integers(len(suffixes)))]
        return "", (root + suffix).capitalize()
    if rng.random() < 0.3:
        surnames = FOREIGN_NAMES[nat][0]
        return "", surnames[_zipf_choice(rng, surnames, 1, 0.7)[0]]
    stems, affixes = SURNAME_PARTS[nat]
    stem = stems[int(rng.integers(len(stems)))]
    affix = affixes[int(rng.integers(len(affixes)))]
    if affix.endswith(" "):  # a particle or article in front: "El Amrani", "dos Santos"
        return "", affix + stem
    return "", stem + affix


def _given(nat: str, sex: str, rng: np.random.Generator) -> str:
    if nat == "NL":
        pool = DUTCH_GIVEN[sex] + GIVEN_PARTS["NL"][sex]
        name = pool[_zipf_choice(rng, pool, 1, 0.3)[0]]
        if rng.random() < 0.2:
            second = pool[int(rng.integers(len(pool)))]
            if second != name:
                name = f"{name} {second}"
        return name
    pool = FOREIGN_NAMES[nat][1][sex]
    name = pool[int(rng.integers(len(pool)))]
    if nat == "VN":  # Vietnamese middle names: Thi (women), Van/Duc/Minh (men)
        middle = "Thi" if sex == "v" else str(rng.choice(["Van", "Duc", "Minh", "Quoc"]))
        name = f"{middle} {name}"
    elif rng.random() < 0.2:
        second = pool[int(rng.integers(len(pool)))]
        if second != name:
            name = f"{name} {second}"
    return name


# Share of each nationality among victims: Dutch-heavy, with the usual origin countries.
NATIONALITY_SHARES = {
    "NL": 0.52, "PL": 0.06, "RO": 0.07, "BG": 0.05, "HU": 0.03, "MA": 0.04, "TR": 0.03,
    "NG": 0.05, "SR": 0.03, "ER": 0.03, "VN": 0.03, "CN": 0.02, "UA": 0.02, "BR": 0.02,
}  # fmt: skip

FORM_SHARES = {"sexual": 0.55, "labour": 0.25, "criminal": 0.12, "other": 0.08}

# Probability that a partner registers a person, by form of exploitation (a known truth
# for checking the hidden-number estimate).
DEFAULT_CAPTURE = {
    "politie": {"sexual": 0.30, "labour": 0.10, "criminal": 0.20, "other": 0.10},
    "zorg": {"sexual": 0.35, "labour": 0.20, "criminal": 0.15, "other": 0.20},
    "arbeidsinspectie": {"sexual": 0.02, "labour": 0.30, "criminal": 0.05, "other": 0.05},
}

ISIC_BY_FORM = {
    "sexual": ["R", "S", "I"],
    "labour": ["A", "F", "C", "I", "H", "N", "T"],
    "criminal": ["G", "S"],
    "other": ["S", "T"],
}


@dataclass(frozen=True)
class Noise:
    """Per-record error probabilities of one partner's registration (defaults: realistic, documented in the bench)."""

    first_name_typo: float = 0.10
    last_name_typo: float = 0.10
    diacritics_dropped: float = 0.5
    prefix_dropped: float = 0.15
    prefix_moved: float = 0.20
    names_swapped: float = 0.05
    second_given_name_dropped: float = 0.5
    birth_date_wrong: float = 0.06
    birth_date_partial: float = 0.06
    birth_date_missing: float = 0.04
    sex_missing: float = 0.03


NO_NOISE = Noise(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)


@dataclass
class PartnerLists:
    """Partner exports (clear identifiers, as a partner holds them) and the truth behind them."""

    lists: dict[str, pd.DataFrame]
    truth: pd.DataFrame  # columns: list, record_id, person_id
    people: pd.DataFrame = field(repr=False)

    def persons_per_history(self) -> dict[tuple[str, ...], int]:
        """How many true persons appear in exactly each combination of lists."""
        sets = self.truth.groupby("person_id")["list"].agg(lambda s: tuple(sorted(set(s))))
        return {tuple(k): int(v) for k, v in sets.value_counts().items()}


def _zipf_choice(rng: np.random.Generator, items: list, size: int, exponent: float = 0.9):
    weights = 1.0 / np.arange(1, len(items) + 1) ** exponent
    return rng.choice(len(items), size=size, p=weights / weights.sum())


def generate_people(n: int, seed: int = 0, reference_year: int = 2024) -> pd.DataFrame:
    """`n` distinct true persons with names, birth date, sex, nationality and form of exploitation."""
    rng = np.random.default_rng(seed)
    nationalities = rng.choice(
        list(NATIONALITY_SHARES), size=n, p=np.array(list(NATIONALITY_SHARES.values())) /
        sum(NATIONALITY_SHARES.values()),
    )
    sexes = rng.choice(["v", "m"], size=n, p=[0.75, 0.25])
    ages = np.clip(rng.gamma(shape=4.0, scale=6.0, size=n) + 12, 13, 75).astype(int)
    day_offsets = rng.integers(0, 365, size=n)
    forms = rng.choice(list(FORM_SHARES), size=n, p=list(FORM_SHARES.values()))
    records = []
    for i in range(n):
        nat, sex = str(nationalities[i]), str(sexes[i])
        prefix, last = _surname(nat, rng)
        given = _given(nat, sex, rng)
        birth = dt.date(reference_year - int(ages[i]), 1, 1) + dt.timedelta(days=int(day_offsets[i]))
        second_nat = "NL" if nat in {"MA", "TR", "SR"} and rng.random() < 0.4 else ""
        records.append(
            {
                "person_id": f"P{i:07d}",
                "first_name": given,
                "surname_prefix": prefix,
                "last_name": last,
                "birth_date": birth.isoformat(),
                "sex": sex,
                "nationality": ";".join(x for x in (nat, second_nat) if x),
                "form": str(forms[i]),
                "sector": str(rng.choice(ISIC_BY_FORM[str(forms[i])])),
            }
        )
    return pd.DataFrame.from_records(records)


_KEYBOARD_NEIGHBOURS = {
    "a": "sqz", "b": "vn", "c": "xv", "d": "sf", "e": "wr", "f": "dg", "g": "fh", "h": "gj",
    "i": "uo", "j": "hk", "k": "jl", "l": "k", "m": "n", "n": "bm", "o": "ip", "p": "o",
    "r": "et", "s": "ad", "t": "ry", "u": "yi", "v": "cb", "w": "qe", "y": "tu", "z": "xs",
}  # fmt: skip
_SPELLING_VARIANTS = [("ij", "y"), ("y", "ij"), ("ss", "s"), ("s", "ss"), ("c", "k"), ("k", "c"),
                      ("ei", "ij"), ("dt", "d"), ("ou", "au"), ("ph", "f")]  # fmt: skip


def _typo(word: str, rng: np.random.Generator) -> str:
    """One realistic error: spelling variant, neighbour key, dropped, doubled or swapped letter."""
    if len(word) < 3:
        return word
    kind = rng.random()
    if kind < 0.2:
        for old, new in rng.permutation(np.array(_SPELLING_VARIANTS, dtype=object)):
            if old in word.lower():
                index = word.lower().index(old)
                return word[:index] + new + word[index + len(old) :]
    pos = int(rng.integers(1, len(word)))
    ch = word[pos].lower()
    if kind < 0.45 and ch in _KEYBOARD_NEIGHBOURS:
        options = _KEYBOARD_NEIGHBOURS[ch]
        return word[:pos] + options[int(rng.integers(len(options)))] + word[pos + 1 :]
    if kind < 0.65:
        return word[:pos] + word[pos + 1 :]
    if kind < 0.8:
        return word[:pos] + word[pos] + word[pos:]
    if pos < len(word) - 1:
        return word[:pos] + word[pos + 1] + word[pos] + word[pos + 2 :]
    return word[:pos]


def _strip_accents(text: str) -> str:
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _wrong_date(date: dt.date, rng: np.random.Generator) -> dt.date:
    kind = rng.integers(4)
    try:
        if kind == 0 and date.day <= 12:
            return date.replace(day=date.month, month=date.day)  # day and month swapped
        if kind == 1:
            return date.replace(year=date.year + int(rng.choice([-1, 1])))
        if kind == 2:
            return date.replace(month=int(rng.integers(1, 13)))
        return date.replace(day=int(rng.integers(1, 29)))
    except ValueError:
        return date.replace(day=min(date.day, 28))


def noisy_copy(person: Mapping, noise: Noise, rng: np.random.Generator, date_style: str) -> dict:
    """One partner's registration of a true person, with that partner's errors."""
    first, prefix, last = person["first_name"], person["surname_prefix"], person["last_name"]
    if " " in first and rng.random() < noise.second_given_name_dropped:
        first = first.split(" ")[0]
    if rng.random() < noise.diacritics_dropped:
        first, last = _strip_accents(first), _strip_accents(last)
    if rng.random() < noise.first_name_typo:
        first = _typo(first, rng)
    if rng.random() < noise.last_name_typo:
        last = _typo(last, rng)
    if prefix:
        draw = rng.random()
        if draw < noise.prefix_dropped:
            prefix = ""
        elif draw < noise.prefix_dropped + noise.prefix_moved:
            last = f"{prefix} {last}" if rng.random() < 0.8 else f"{last}, {prefix}"
            prefix = ""
    if rng.random() < noise.names_swapped:
        first, last = (f"{prefix} {last}".strip(), first)
        prefix = ""
    date = dt.date.fromisoformat(person["birth_date"])
    if rng.random() < noise.birth_date_wrong:
        date = _wrong_date(date, rng)
    draw = rng.random()
    if draw < noise.birth_date_missing:
        birth = ""
    elif draw < noise.birth_date_missing + noise.birth_date_partial:
        if rng.random() < 0.5:
            birth = f"{date.year:04d}"
        else:
            birth = f"{date.year:04d}-{date.month:02d}" if date_style == "iso" else f"{date.month:02d}-{date.year:04d}"
    else:
        birth = date.isoformat() if date_style == "iso" else date.strftime("%d-%m-%Y")
    sex = "" if rng.random() < noise.sex_missing else person["sex"]
    return {"first_name": first, "surname_prefix": prefix, "last_name": last,
            "birth_date": birth, "sex": sex}  # fmt: skip


_AGE_BANDS = [(11, "0-11"), (15, "12-15"), (17, "16-17"), (22, "18-22"), (29, "23-29"),
              (39, "30-39"), (49, "40-49"), (59, "50-59")]  # fmt: skip
_GENDER = {"v": "Feminine", "m": "Masculine"}


def _case_fields(person: Mapping, partner: str, year: int, rng: np.random.Generator) -> dict:
    age = year - int(person["birth_date"][:4])
    band = next((label for limit, label in _AGE_BANDS if age <= limit), "60+")
    return {
        "partner": partner,
        "year": year,
        "exploitation_forms": person["form"],
        "sector": person["sector"],
        "age_band": band,
        "minor": "true" if age < 18 else "false",
        "gender": _GENDER.get(person["sex"], "NonSpecifiedUnknown"),
        "nationality": person["nationality"],
        "residence_status": "dutch_citizen" if "NL" in person["nationality"] else str(
            rng.choice(["eu_citizen", "b8_permit", "undocumented", "asylum_seeker", "unknown"])),
        "municipality_residence": str(rng.choice(["GM0599", "GM0505", "GM0613", "GM0622", ""])),
        "municipality_exploitation": "",
        "reporter_type": str(rng.choice(["police", "care_provider", "self", "relative_or_surroundings"])),
        "means_of_control": str(rng.choice(["FalsePromises", "DebtBondage;TakesEarnings", "PsychologicalAbuse", ""])),
        "relation_to_exploiter": str(rng.choice(["IntimatePartner", "Acquainted", "Unacquainted", "Unknown"])),
        "victim_status": "presumed",
    }  # fmt: skip


def _build_list(
    name: str, people: pd.DataFrame, indices, noise: Noise, duplicate_rate: float,
    rng: np.random.Generator, year: int,
) -> tuple[pd.DataFrame, list[dict]]:
    date_style = "iso" if rng.random() < 0.5 else "dutch"
    rows, truth = [], []
    records = people.to_dict("records")
    for index in indices:
        person = records[int(index)]
        copies = 2 if rng.random() < duplicate_rate else 1
        for _ in range(copies):
            record_id = f"{name[:3].upper()}-{len(rows) + 1:06d}"
            row = {"record_id": record_id, **noisy_copy(person, noise, rng, date_style),
                   **_case_fields(person, name, year, rng)}  # fmt: skip
            rows.append(row)
            truth.append({"list": name, "record_id": record_id, "person_id": person["person_id"]})
    order = rng.permutation(len(rows))
    frame = pd.DataFrame.from_records([rows[i] for i in order])
    return frame, truth


def make_partner_lists(
    people: pd.DataFrame,
    capture: Mapping[str, Mapping[str, float]] | None = None,
    noise: Noise | Mapping[str, Noise] = Noise(),
    duplicate_rate: float = 0.02,
    seed: int = 1,
    year: int = 2024,
) -> PartnerLists:
    """Each partner registers each person with its capture probability for the person's form.

    The truth (which records are which person) is returned beside the exports, so
    linkage quality and the hidden-number estimate can both be checked.
    """
    rng = np.random.default_rng(seed)
    capture = capture or DEFAULT_CAPTURE
    lists, truth = {}, []
    for name, by_form in capture.items():
        probabilities = people["form"].map(by_form).fillna(0.0).to_numpy()
        caught = np.flatnonzero(rng.random(len(people)) < probabilities)
        partner_noise = noise[name] if isinstance(noise, Mapping) else noise
        lists[name], list_truth = _build_list(name, people, caught, partner_noise,
                                              duplicate_rate, rng, year)  # fmt: skip
        truth.extend(list_truth)
    return PartnerLists(lists, pd.DataFrame.from_records(truth), people)


def make_overlapping_lists(
    sizes: Mapping[str, int],
    shared: int,
    noise: Noise = Noise(),
    duplicate_rate: float = 0.0,
    seed: int = 2,
    year: int = 2024,
) -> PartnerLists:
    """Lists of given sizes with `shared` persons present in every list (the benchmark set-up)."""
    rng = np.random.default_rng(seed)
    unique_total = sum(size - shared for size in sizes.values())
    people = generate_people(shared + unique_total, seed=seed)
    lists, truth = {}, []
    next_index = shared
    for name, size in sizes.items():
        own = np.arange(next_index, next_index + size - shared)
        next_index += size - shared
        indices = np.concatenate([np.arange(shared), own])
        lists[name], list_truth = _build_list(name, people, indices, noise, duplicate_rate, rng, year)
        truth.extend(list_truth)
    return PartnerLists(lists, pd.DataFrame.from_records(truth), people)
