"""The namesake-rich name pools of the first synthetic generator, kept as a stress scenario.

Before ADR 0402 the generator drew names from short lists: 5 to 7 given names per sex and 7
to 18 common surnames plus a short composed tail for each foreign origin. In a population of
57,000 people 56% had an exact namesake (77-99% for every non-Dutch origin), far more than
any real population. That is no way to measure linkage quality, but it is a fair way to
stress it: a linker that holds up here holds up in the worst region. The lists and the two
draw functions below are the ones of commit 13305e9 (git show 6ac99da^), unchanged; the
benchmark scenario "namesake_stress" uses them (ADR 1316).
"""

from __future__ import annotations

import numpy as np

from zicht.engines.linkage.synthetic_names import DUTCH_SURNAMES


def _zipf_choice(rng: np.random.Generator, items: list, size: int, exponent: float = 0.9):
    weights = 1.0 / np.arange(1, len(items) + 1) ** exponent
    return rng.choice(len(items), size=size, p=weights / weights.sum())


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

def stress_surname(nat: str, rng: np.random.Generator) -> tuple[str, str]:
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


def stress_given(nat: str, sex: str, rng: np.random.Generator) -> str:
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


