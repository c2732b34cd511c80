"""Name pools for synthetic people, with name frequencies like those of real populations.

Linkage quality depends above all on how often two different people share a name. A
short list of names per origin makes nearly everyone a namesake of someone (with seven
given names and twelve surnames for an origin, nine in ten generated people had an exact
namesake in a 57,000-person population), which no real population shows. So each pool
has a head of real common names whose shares fall from the published share of the
commonest name (or follow a published table), and a long tail of names composed from
parts typical of the origin. `collision_probability` says how likely two people of one
origin are to share the name; tests hold it to the ranges of real populations
(docs/adr/0402-linkage-synthetic-name-frequencies.md).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property

import numpy as np


@dataclass(frozen=True)
class NamePool:
    """Real common names with their approximate population shares, and a composed tail.

    Head shares are either given (`shares`, a published table) or fall as
    top_share / rank ** decay. The rest of the population carries a tail name: one
    element of each list in `parts`, concatenated, each drawn uniformly.
    """

    head: tuple[str, ...]
    top_share: float = 0.0
    decay: float = 0.7
    parts: tuple[tuple[str, ...], ...] = ()
    shares: tuple[float, ...] = ()

    @cached_property
    def head_shares(self) -> np.ndarray:
        if self.shares:
            raw = np.array(self.shares, dtype=float)
        else:
            raw = self.top_share / np.arange(1, len(self.head) + 1) ** self.decay
        if not self.parts or raw.sum() > 0.98:  # no tail, or a head that is nearly everyone
            raw = raw / raw.sum() * (0.98 if self.parts else 1.0)
        return raw

    @property
    def tail_share(self) -> float:
        return float(1.0 - self.head_shares.sum())

    @property
    def tail_size(self) -> int:
        return math.prod(len(part) for part in self.parts) if self.parts else 0

    def collision_probability(self) -> float:
        """Chance that two people drawn from this pool carry the same name (sum of squared shares).

        Tail names that happen to equal a head name are ignored: they are few.
        """
        head = float((self.head_shares**2).sum())
        tail = self.tail_share**2 / self.tail_size if self.tail_size else 0.0
        return head + tail

    def draw(self, rng: np.random.Generator) -> str:
        pick = rng.random()
        cumulative = np.cumsum(self.head_shares)
        index = int(np.searchsorted(cumulative, pick, side="right"))
        if index < len(self.head):
            return self.head[index]
        name = "".join(part[int(rng.integers(len(part)))] for part in self.parts)
        return name[:1].upper() + name[1:]


def _p(*words: str) -> tuple[str, ...]:
    return tuple(words)


# --- surnames ------------------------------------------------------------------------------

# (prefix, surname), most frequent first: the commonest Dutch surnames. De Jong carries about
# 0.5% of the population and the hundred commonest about 12% (Meertens Instituut).
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

DUTCH_PREFIXES = ("de", "de", "van", "van", "van der", "van den", "van de", "ter", "ten", "in 't")
DUTCH_PREFIX_SHARE = 0.25  # of Dutch tail surnames; with the head, about a fifth of all Dutch surnames

SURNAMES: dict[str, NamePool] = {
    "NL": NamePool(
        head=tuple(f"{prefix}|{name}" for prefix, name in DUTCH_SURNAMES),
        top_share=0.005, decay=0.45,
        parts=(
            _p("", "", "", "", "groen", "hoog", "nieuw", "oud", "zuid", "noord", "oost", "west",
               "klein", "groot", "lange", "korte", "hooge", "zwarte", "witte", "ooster", "wester",
               "buiten", "over", "neder", "boven", "mid"),
            _p("berg", "brink", "dijk", "hoek", "veld", "kamp", "horst", "bosch", "broek", "meer",
               "wal", "zand", "hof", "beek", "molen", "kerk", "holt", "sloot", "dam", "heuvel",
               "wijk", "burg", "laan", "steen", "hout", "vliet", "poel", "haar", "water", "doorn",
               "linde", "koop", "schaap", "boom", "wind", "hage", "ree", "ros", "brugge", "gaal",
               "bree", "mos", "wouw", "stok", "riet", "land", "veen", "kamp", "rade", "loo"),
            _p("", "", "", "man", "mans", "sen", "ink", "ing", "stra", "ma", "ers", "s", "er",
               "en", "huis", "ens", "ij", "kes", "ga", "inga", "hof", "veld", "dijk", "meijer",
               "e"),
        ),
    ),
    "PL": NamePool(
        head=_p("Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kowalczyk", "Kamiński",
                "Lewandowski", "Zieliński", "Szymański", "Woźniak", "Dąbrowski", "Kozłowski"),
        top_share=0.0053, decay=0.6,
        parts=(
            _p("kowal", "nowa", "wiśniew", "wójc", "kamiń", "lewandow", "zieliń", "szymań", "woź",
               "dąbrow", "kozłow", "jankow", "mazur", "krawc", "piotrow", "grabow", "pawłow",
               "michal", "wieczor", "jabłoń", "majew", "olszew", "malinow", "jawor", "adamc",
               "sobcz", "czarn", "sikor", "baran", "wróbl", "krupi", "zając", "król", "dudz",
               "kubi", "głow", "sawi", "pietrz", "zaw", "bork"),
            _p("", "", "ow", "ew", "in", "an"),
            _p("ski", "ska", "czyk", "ak", "ek", "iak", "ik", "ewicz", "owicz", "uk"),
        ),
    ),
    "RO": NamePool(
        head=_p("Popa", "Popescu", "Pop", "Radu", "Ionescu", "Dumitru", "Stoica", "Stan",
                "Gheorghe", "Matei", "Constantin", "Rusu", "Munteanu"),
        top_share=0.009, decay=0.6,
        parts=(
            _p("ion", "constantin", "dumitr", "stan", "gheorgh", "stoic", "munt", "rus", "marin",
               "tudor", "dobr", "barbu", "nistor", "flore", "ene", "dinu", "lazăr", "cristea",
               "moldov", "vasil", "neag", "rad", "mate", "mihai", "stanc", "urs", "sand", "voic",
               "opre", "manole", "pred", "iord", "coman", "bălan", "tom", "avram", "mocan", "pop"),
            _p("", "", "il", "ul", "ar"),
            _p("escu", "eanu", "a", "ache", "oiu", "ică", "", "aru", "ean"),
        ),
    ),
    "BG": NamePool(
        head=_p("Ivanov", "Georgiev", "Dimitrov", "Petrov", "Nikolov", "Hristov", "Stoyanov",
                "Todorov", "Iliev", "Atanasov"),
        top_share=0.02, decay=0.5,
        parts=(
            _p("ivan", "georgi", "dimitr", "petr", "nikol", "hrist", "stoyan", "todor", "angel",
               "ili", "atanas", "kol", "yordan", "marin", "pop", "kostadin", "mihail", "stefan",
               "velik", "zhel", "krast", "lyub", "rad", "slav", "vasil", "tsvet", "bozh", "emil",
               "kiril", "blag", "plamen", "asen", "borisl", "lazar"),
            _p("", "", "ch", "ar", "in"),
            _p("ov", "ova", "ev", "eva", "ski", "ska"),
        ),
    ),
    "HU": NamePool(
        head=_p("Nagy", "Kovács", "Tóth", "Szabó", "Horváth", "Varga", "Kiss", "Molnár",
                "Németh", "Farkas", "Balogh", "Papp", "Takács", "Juhász", "Lakatos", "Mészáros",
                "Oláh", "Simon"),
        top_share=0.024, decay=0.45,
        parts=(
            _p("bal", "fel", "hor", "kal", "kert", "kor", "lak", "mar", "mol", "ném", "sza", "tak",
               "var", "fe", "csi", "bod", "gál", "pet", "vég", "szil", "ber", "bog", "hal", "vad",
               "sip", "kun"),
            _p("", "á", "o", "e"),
            _p("sz", "i", "ás", "ós", "os", "ár", "es", "ai", "ics", "ó"),
        ),
    ),
    "MA": NamePool(
        head=_p("El Idrissi", "Alaoui", "El Amrani", "Benali", "Bouzid", "Bakkali", "El Khatib",
                "Ouali", "Ziani", "Haddou", "Aït Ahmed"),
        top_share=0.008, decay=0.6,
        parts=(
            _p("", "", "el ", "ben ", "aït ", "bou"),
            _p("amran", "idriss", "khatib", "oual", "zian", "hadd", "bakkal", "azzouz", "boukhar",
               "chaou", "fass", "alaou", "tahir", "bennan", "mansour", "ouazzan", "hamdaou",
               "kaddour", "lahl", "sabr", "yousf", "zeroual", "chergu", "dahman", "ennaj", "fadl",
               "ghazal", "hajj", "jabr", "moussaou"),
            _p("i", "", "ani", "aoui"),
        ),
    ),
    "TR": NamePool(
        head=_p("Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Yıldırım", "Öztürk",
                "Aydın", "Özdemir", "Arslan", "Doğan", "Kılıç", "Aslan", "Çetin", "Kara", "Koç",
                "Kurt"),
        top_share=0.022, decay=0.55,
        parts=(
            _p("aksoy", "bulut", "erdoğ", "güneş", "kesk", "ünal", "polat", "tekin", "avcı",
               "acar", "toprak", "yavuz", "korkmaz", "uçar", "bozkurt", "tunç", "karaca", "ateş",
               "sarı", "güler", "kara", "ak", "öz", "er", "gök", "şim", "yücel", "tok", "bal",
               "kaplan", "altın", "demir", "kocak", "çak", "yurt", "ay"),
            _p("", "", "oğlu", "er", "can", "soy", "tekin", "han", "türk"),
        ),
    ),
    "NG": NamePool(
        head=_p("Okafor", "Adeyemi", "Okonkwo", "Eze", "Obi", "Ogunleye", "Nwosu", "Balogun",
                "Adebayo", "Ibrahim", "Musa"),
        top_share=0.008, decay=0.6,
        parts=(
            _p("ade", "olu", "chukwu", "obi", "nwa", "oke", "eze", "ogun", "ayo", "ibe", "onye",
               "ola", "aki", "oye", "ama", "uche", "ako", "ebi"),
            _p("", "nna", "ke", "wu", "la", "mi", "ye", "bo", "de"),
            _p("", "ji", "de", "ma", "le", "nde", "kwe", "si", "ro", "nwa"),
        ),
    ),
    "SR": NamePool(
        head=_p("Sital", "Ramdin", "Kalloe", "Lachman", "Pinas", "Sabajo", "Brunings",
                "Ramsaran", "Jagessar", "Mahabier"),
        top_share=0.005, decay=0.5,
        parts=(
            _p("ram", "jag", "mahab", "doekh", "bhag", "soekh", "bald", "mang", "kart", "tjon",
               "lach", "kall", "sab", "pin", "brun", "goed", "wong", "kro", "nan", "raghoe",
               "chot", "bis", "pers", "sew", "gan"),
            _p("", "a", "oe", "ie", "e"),
            _p("din", "sing", "pal", "dien", "lal", "bier", "saran", "man", "", "ie"),
        ),
    ),
    "ER": NamePool(
        head=_p("Tesfay", "Haile", "Gebremedhin", "Tekle", "Berhane", "Kidane", "Woldu",
                "Habte", "Asfaha", "Mehari"),
        top_share=0.02, decay=0.5,
        parts=(
            _p("tes", "hai", "gebre", "tek", "ber", "kid", "wol", "hab", "asf", "gheb", "meh",
               "yem", "tew", "zer", "ande", "neg", "ab", "ame", "fits", "gir", "hag", "kahs", "sol"),
            _p("", "e", "a", "re"),
            _p("fay", "le", "medhin", "ane", "du", "te", "aha", "ari", "mariam", "selassie",
               "ghis", "zghi"),
        ),
    ),
    # Vietnam: nine in ten people carry one of about fifteen family names (published shares, %).
    "VN": NamePool(
        head=_p("Nguyen", "Tran", "Le", "Pham", "Hoang", "Huynh", "Phan", "Vu", "Vo", "Dang",
                "Bui", "Do", "Ho", "Ngo", "Duong", "Ly"),
        shares=(0.38, 0.11, 0.095, 0.071, 0.051, 0.051, 0.045, 0.039, 0.039, 0.021, 0.02,
                0.014, 0.013, 0.013, 0.01, 0.005),
        parts=(_p("Cao", "Chu", "Dinh", "Doan", "Giang", "Ha", "Khuc", "Lam", "Luong", "Luu",
                  "Mac", "Mai", "Nghiem", "Quach", "Ta", "Thai", "Thach", "Tieu", "To", "Trinh",
                  "Truong", "Van", "Vuong", "Kieu"),),
    ),
    # China: the hundred commonest family names cover about 85% (published shares, %).
    "CN": NamePool(
        head=_p("Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou",
                "Xu", "Sun", "Ma", "Zhu", "Hu", "Guo", "He", "Lin", "Gao", "Luo"),
        shares=(0.0725, 0.0719, 0.0683, 0.0538, 0.0453, 0.0308, 0.0223, 0.0219, 0.0205, 0.0189,
                0.017, 0.0154, 0.0146, 0.0126, 0.0131, 0.0115, 0.0114, 0.0113, 0.0097, 0.008),
        parts=(_p("Zheng", "Liang", "Xie", "Song", "Tang", "Han", "Feng", "Deng", "Cao", "Peng",
                  "Zeng", "Xiao", "Tian", "Dong", "Pan", "Yuan", "Cai", "Jiang", "Yu", "Du", "Ye",
                  "Cheng", "Wei", "Su", "Ding", "Ren", "Lu", "Yao", "Shen", "Zhong", "Cui", "Tan",
                  "Fan", "Liao", "Shi", "Jin", "Jia", "Xia", "Fu", "Fang", "Zou", "Xiong", "Bai",
                  "Meng", "Qin", "Qiu", "Hou", "Yin", "Xue", "Yan", "Duan", "Lei", "Long", "Tao",
                  "Mao", "Hao", "Gu", "Gong", "Shao", "Wan", "Qian", "Dai"),),
    ),
    "UA": NamePool(
        head=_p("Melnyk", "Shevchenko", "Boyko", "Kovalenko", "Bondarenko", "Tkachenko",
                "Kovalchuk", "Kravchenko", "Oliynyk", "Shevchuk"),
        top_share=0.005, decay=0.4,
        parts=(
            _p("shevch", "kovalen", "bondar", "tkach", "kravch", "melny", "boy", "kovalch",
               "oliyn", "lysen", "marchen", "ruden", "savch", "petren", "moroz", "pavlen",
               "kuz", "polishch", "lytvyn", "moz", "sav", "hnat", "klym", "ostap", "zhuk",
               "hrytsen", "tymosh", "vasyl", "yurch", "fed"),
            _p("", "", "ar", "ov", "ch"),
            _p("enko", "uk", "yk", "ko", "", "chuk", "ets", "iv"),
        ),
    ),
    # Brazil: Silva alone is carried by about one in ten; many people use two surnames.
    "BR": NamePool(
        head=_p("Silva", "Santos", "Oliveira", "Souza", "Rodrigues", "Ferreira", "Alves",
                "Pereira", "Lima", "Gomes", "Costa", "Ribeiro", "Martins", "Carvalho", "Almeida"),
        top_share=0.09, decay=0.75,
        parts=(
            _p("", "", "", "da ", "dos ", "de "),
            _p("Silva", "Santos", "Oliveira", "Souza", "Pereira", "Ferreira", "Almeida", "Costa",
               "Rodrigues", "Gomes", "Martins", "Araújo", "Ribeiro", "Carvalho", "Lima", "Barbosa",
               "Rocha", "Dias", "Nascimento", "Andrade", "Moreira", "Nunes", "Marques", "Machado",
               "Mendes", "Freitas", "Cardoso", "Ramos", "Gonçalves", "Santana", "Teixeira", "Pinto"),
            _p("", "", " Silva", " Santos", " Oliveira", " Souza", " Pereira", " Costa", " Lima",
               " Rocha", " Dias", " Ramos", " Nunes", " Mendes", " Cardoso", " Freitas"),
        ),
    ),
}

# --- given names, per origin and sex ("v" women, "m" men) ----------------------------------

_NL_V = ("Emma", "Sophie", "Julia", "Anna", "Lisa", "Sanne", "Fleur", "Eva", "Lotte", "Sara",
         "Tess", "Noa", "Lieke", "Femke", "Iris", "Anouk", "Maud", "Esmee", "Demi", "Kim",
         "Laura", "Naomi", "Romy", "Jasmijn", "Roos", "Ilse", "Marieke", "Ingrid", "Petra",
         "Monique", "Chantal", "Priscilla", "Shanice", "Britt", "Lynn", "Jade", "Zoë", "Chloë",
         "Mila", "Yara", "Evi", "Nina", "Saar", "Liv", "Fenna", "Noor", "Isa", "Vera", "Amber",
         "Bo", "Floor", "Merel", "Nikki", "Danique", "Kelly", "Melissa", "Sabrina", "Tamara",
         "Wendy", "Yvonne", "Annemarie", "Gerda", "Henriëtte", "Johanna", "Wilhelmina",
         "Cornelia", "Geertruida", "Aaltje")  # fmt: skip
_NL_M = ("Daan", "Sem", "Lucas", "Levi", "Thomas", "Jesse", "Bram", "Tim", "Lars", "Ruben",
         "Thijs", "Stijn", "Niels", "Jeroen", "Kevin", "Dennis", "Mark", "Pieter", "Jan",
         "Willem", "Hendrik", "Johannes", "Gerrit", "Dirk", "Bas", "Joost", "Sander", "Rick",
         "Mike", "Jordy", "Dylan", "Mohamed", "Joël", "René", "André", "Finn", "Noah", "Luuk",
         "Milan", "Sven", "Gijs", "Teun", "Max", "Koen", "Wout", "Rutger", "Floris", "Maarten",
         "Erik", "Arjen", "Wouter", "Ronald", "Patrick", "Marcel", "Cornelis", "Jacobus",
         "Adrianus", "Petrus", "Theodorus", "Gerardus")  # fmt: skip

GIVEN_NAMES: dict[str, dict[str, NamePool]] = {
    "NL": {
        "v": NamePool(_NL_V, top_share=0.015, decay=0.35, parts=(
            _p("an", "mar", "jo", "lie", "el", "fe", "wil", "ger", "han", "ma", "ka", "li", "ro",
               "sa", "ti", "de", "e", "i", "ne", "ri", "lo", "ju", "cha", "mi"),
            _p("ke", "na", "nie", "lien", "ja", "ra", "sa", "tje", "ne", "la", "ssa", "nke",
               "da", "rie", "lijn"))),
        "m": NamePool(_NL_M, top_share=0.015, decay=0.35, parts=(
            _p("ar", "ber", "cor", "dir", "ger", "har", "jo", "ko", "lam", "mar", "pe", "ro",
               "sie", "tij", "wil", "jan", "hen", "kees", "bar", "ste", "aal", "men", "ru", "fre"),
            _p("t", "nd", "en", "ard", "ijn", "mer", "o", "us", "ius", "ke", "bert", "win",
               "mond", "rik", "ger"))),
    },
    "PL": {
        "m": NamePool(_p("Piotr", "Krzysztof", "Tomasz", "Andrzej", "Paweł", "Michał",
                         "Marcin", "Łukasz", "Jakub", "Adam", "Kamil", "Mateusz"),
                      top_share=0.035, decay=0.5, parts=(
            _p("bog", "cze", "dar", "grze", "ja", "jer", "ka", "ma", "prze", "ra", "sła", "sze",
               "wie", "zbi", "to", "rys", "wła", "mi", "bar", "ste", "ro"),
            _p("m", "usz", "mir", "rek", "cin", "dek", "sław", "wid", "fał", "ek", "bert", "nisław"))),
        "v": NamePool(_p("Anna", "Katarzyna", "Małgorzata", "Agnieszka", "Magdalena", "Joanna",
                         "Monika", "Ewa", "Karolina", "Aleksandra", "Natalia", "Marta"),
                      top_share=0.04, decay=0.5, parts=(
            _p("ag", "al", "bar", "be", "do", "ew", "ha", "iz", "ju", "ka", "le", "mar", "na",
               "pa", "ro", "sta", "ur", "we", "zo", "mil", "ole", "wik", "graż", "kin"),
            _p("a", "ina", "ota", "szka", "ia", "ena", "eta", "ela", "ona", "yna", "ysia"))),
    },
    "RO": {
        "m": NamePool(_p("Ion", "Andrei", "Alexandru", "Gheorghe", "Mihai", "Ionuț", "Florin",
                         "Bogdan", "Ștefan", "Vasile", "Constantin", "Marian"),
                      top_share=0.04, decay=0.5, parts=(
            _p("cos", "dor", "flo", "ga", "io", "li", "lu", "ma", "mir", "ni", "o", "pe", "ra",
               "se", "so", "ti", "va", "vi", "cri", "du", "ov", "ni"),
            _p("rin", "cel", "rel", "an", "ică", "u", "drin", "ian", "stin", "tian", "cea"))),
        "v": NamePool(_p("Maria", "Elena", "Ioana", "Andreea", "Mihaela", "Alexandra",
                         "Cristina", "Gabriela", "Ana", "Daniela", "Florentina", "Georgiana"),
                      top_share=0.05, decay=0.5, parts=(
            _p("ad", "bi", "ca", "da", "flo", "ge", "io", "lu", "ma", "mi", "ni", "ro", "si",
               "ta", "vio", "lo", "cla", "co", "ra", "de"),
            _p("ana", "ina", "ela", "ica", "rina", "lia", "nela", "dora", "mona", "ela", "ra"))),
    },
    "BG": {
        "m": NamePool(_p("Georgi", "Ivan", "Dimitar", "Nikolay", "Petar", "Hristo", "Stoyan",
                         "Todor", "Aleksandar", "Yordan"),
                      top_share=0.035, decay=0.5, parts=(
            _p("as", "bo", "ve", "zhe", "kra", "lyu", "ra", "sla", "tsve", "bla", "pla", "ki",
               "e", "mi", "ang", "vla", "dra", "la", "sve"),
            _p("sen", "ris", "lin", "lyo", "sto", "bomir", "den", "vko", "tan", "men", "ril",
               "dimir", "go"))),
        "v": NamePool(_p("Maria", "Ivana", "Elena", "Yordanka", "Desislava", "Gergana",
                         "Petya", "Rositsa", "Tsvetelina", "Galina"),
                      top_share=0.03, decay=0.5, parts=(
            _p("bo", "ve", "zhe", "kra", "lyu", "ra", "sla", "tsve", "bla", "pla", "ki", "mi",
               "ani", "da", "e", "sne", "ne", "te", "si"),
            _p("ryana", "lina", "ka", "tka", "dka", "ya", "slava", "na", "nka", "tsa", "mira"))),
    },
    "HU": {
        "m": NamePool(_p("László", "István", "József", "János", "Zoltán", "Sándor", "Gábor",
                         "Ferenc", "Attila", "Péter", "Tamás", "Zsolt"),
                      top_share=0.04, decay=0.5, parts=(
            _p("ba", "bé", "cs", "de", "e", "fe", "ge", "ká", "le", "mik", "no", "o", "ri", "sze",
               "ti", "vil", "zol", "bo", "ár", "le"),
            _p("la", "ne", "lós", "rnő", "mér", "hel", "ron", "bor", "gyes", "dor", "vente"))),
        "v": NamePool(_p("Mária", "Erzsébet", "Katalin", "Éva", "Ilona", "Anna", "Zsuzsanna",
                         "Margit", "Judit", "Zsófia", "Anikó", "Ágnes"),
                      top_share=0.035, decay=0.5, parts=(
            _p("bo", "csil", "dó", "e", "fló", "gi", "hé", "i", "ju", "ka", "le", "ma", "no",
               "ré", "sa", "ti", "vi", "zi", "ró", "ed"),
            _p("ra", "la", "nka", "ta", "ri", "zsa", "ke", "lla", "nett", "bella", "ka"))),
    },
    "MA": {
        "m": NamePool(_p("Mohamed", "Ahmed", "Youssef", "Mustafa", "Said", "Karim", "Hamza",
                         "Abdelkader", "Hassan", "Rachid", "Omar", "Khalid", "Mehdi"),
                      top_share=0.08, decay=0.7, parts=(
            _p("abdel", "ab", "ad", "ay", "bil", "dri", "fa", "ha", "is", "ja", "ka", "la", "mo",
               "na", "ou", "ra", "sa", "ta", "wa", "ya", "za"),
            _p("", "la", "lal", "mal", "rim", "sin", "ssine", "ouane", "him", "fik", "nir",
               "tif", "jid"))),
        "v": NamePool(_p("Fatima", "Khadija", "Samira", "Nadia", "Sanae", "Imane", "Yasmina",
                         "Malika", "Naima", "Hanane", "Siham", "Latifa", "Meryem"),
                      top_share=0.05, decay=0.6, parts=(
            _p("a", "bo", "cha", "dou", "fa", "gha", "ha", "ja", "ka", "la", "ma", "na", "ou",
               "ra", "sa", "wa", "ya", "zi", "ke", "so"),
            _p("ja", "mila", "ima", "ssia", "ouda", "rah", "nane", "fae", "ziza", "ira", "ham"))),
    },
    "TR": {
        "m": NamePool(_p("Mehmet", "Mustafa", "Ahmet", "Ali", "Hüseyin", "Hasan", "İbrahim",
                         "Emre", "Murat", "Yusuf", "Ömer", "Osman"),
                      top_share=0.04, decay=0.55, parts=(
            _p("bu", "ca", "e", "fu", "ha", "ka", "me", "o", "se", "ta", "u", "ya", "ba", "ce",
               "de", "gö", "kö", "ser", "tu", "vo"),
            _p("rak", "n", "rkan", "rat", "kan", "lih", "fa", "zan", "tin", "han", "dem", "dal"))),
        "v": NamePool(_p("Fatma", "Ayşe", "Emine", "Hatice", "Zeynep", "Elif", "Özlem",
                         "Meryem", "Şerife", "Sultan", "Esra", "Merve"),
                      top_share=0.03, decay=0.55, parts=(
            _p("a", "bü", "de", "e", "fi", "gü", "ha", "ir", "kü", "le", "mel", "ne", "öz", "se",
               "tu", "ye", "zü", "be", "ce", "di"),
            _p("la", "lin", "ren", "can", "şen", "da", "dan", "lay", "gül", "nur", "sel", "ra"))),
    },
    "NG": {
        "m": NamePool(_p("Chinedu", "Emeka", "Oluwaseun", "Tunde", "Ikenna", "Femi", "Musa",
                         "Ibrahim", "Segun", "Uche"),
                      top_share=0.015, decay=0.4, parts=(
            _p("a", "chi", "e", "i", "ka", "nna", "o", "olu", "se", "tu", "u", "ba", "de", "ju",
               "ke", "ya", "ge", "bo"),
            _p("de", "ke", "bu", "mi", "nde", "wa", "ye", "fe", "gun", "dun", "ra", "tunde"))),
        "v": NamePool(_p("Blessing", "Chioma", "Ngozi", "Adaeze", "Funmilayo", "Precious",
                         "Joy", "Amaka", "Aisha", "Ifeoma"),
                      top_share=0.02, decay=0.4, parts=(
            _p("a", "chi", "e", "i", "ka", "nne", "o", "olu", "se", "tu", "u", "ba", "de", "ju",
               "ke", "ya", "fo", "bi"),
            _p("dun", "ma", "nna", "ke", "mi", "ola", "yo", "chi", "nma", "sa", "la", "ji"))),
    },
    "SR": {
        "m": NamePool(_p("Ravi", "Anil", "Dinesh", "Romeo", "Errol", "Ricardo", "Sunil",
                         "Ashwin", "Glenn", "Marlon"),
                      top_share=0.012, decay=0.4, parts=(
            _p("a", "ba", "de", "ga", "ha", "ja", "ka", "ma", "na", "pra", "ra", "sa", "vi", "ro",
               "ed", "gil", "ken", "mar"),
            _p("sh", "vin", "kesh", "dra", "mo", "nil", "rdo", "win", "mond", "bert", "lon", "ny"))),
        "v": NamePool(_p("Sharmila", "Anjali", "Priya", "Gerda", "Shirley", "Sunita",
                         "Wendy", "Rosita", "Natasha", "Kavita"),
                      top_share=0.012, decay=0.4, parts=(
            _p("a", "ba", "de", "ga", "ha", "ja", "ka", "ma", "na", "pra", "ra", "sa", "vi", "ro",
               "mar", "sha", "ju", "gi"),
            _p("nita", "ni", "vita", "sha", "la", "rita", "lene", "dra", "na", "ssa", "tie", "ra"))),
    },
    "ER": {
        "m": NamePool(_p("Yonas", "Dawit", "Michael", "Samuel", "Filmon", "Tesfay", "Yohannes",
                         "Mussie", "Robel", "Henok"),
                      top_share=0.03, decay=0.5, parts=(
            _p("a", "be", "da", "e", "fi", "ha", "ke", "me", "na", "ro", "se", "te", "ye", "zer",
               "ab", "ge", "ki", "mu"),
            _p("bel", "niel", "ray", "nok", "mon", "ron", "sie", "fay", "nas", "wit", "ay", "hi"))),
        "v": NamePool(_p("Selam", "Helen", "Senait", "Mebrat", "Yodit", "Saba", "Ruth",
                         "Lidya", "Feven", "Almaz"),
                      top_share=0.03, decay=0.5, parts=(
            _p("a", "be", "da", "e", "fe", "ha", "ke", "me", "na", "ro", "se", "te", "yo", "ze",
               "ab", "ge", "lu", "mi"),
            _p("lam", "ven", "nait", "brat", "dit", "ba", "th", "rhas", "maz", "lina", "wit", "ni"))),
    },
    "VN": {  # the given name proper; the middle name (Thi, Van, ...) is added beside it
        "m": NamePool(_p("Minh", "Tuan", "Hung", "Duc", "Quang", "Anh", "Hoang", "Nam", "Long",
                         "Thanh", "Hai", "Dung", "Phong", "Khoa"),
                      top_share=0.04, decay=0.5, parts=(
            _p("B", "C", "D", "Gi", "H", "Kh", "L", "M", "N", "Ph", "Qu", "S", "T", "Th", "Tr",
               "V", "X"),
            _p("inh", "uan", "ung", "uc", "ang", "anh", "oang", "am", "ong", "ai", "ien", "y",
               "oan", "uy", "at"))),
        "v": NamePool(_p("Linh", "Huong", "Lan", "Thu", "Mai", "Anh", "Ngoc", "Trang", "Hoa",
                         "Thao", "Phuong", "Hanh", "Nhung", "Van"),
                      top_share=0.04, decay=0.5, parts=(
            _p("B", "C", "D", "Gi", "H", "Kh", "L", "M", "N", "Ng", "Nh", "Ph", "Qu", "T", "Th",
               "Tr", "V", "X", "Y"),
            _p("inh", "uong", "an", "u", "ai", "anh", "oc", "ang", "oa", "ao", "uong", "ung",
               "en", "uyen", "ien"))),
    },
    "CN": {  # Chinese given names are very diverse: two syllables chosen freely
        "m": NamePool(_p("Wei", "Jun", "Lei", "Jie", "Tao", "Ming", "Hao", "Yong"),
                      top_share=0.008, decay=0.4, parts=(
            _p("", "", "Zhi", "Jian", "Guo", "Hong", "Xiao", "Wen", "Hai", "Jia", "Yu", "Zi",
               "Tian", "Chun", "De", "Li"),
            _p("wei", "jun", "lei", "jie", "tao", "ming", "hao", "yong", "qiang", "bin", "feng",
               "gang", "hui", "long", "peng", "xin", "yang", "hua"))),
        "v": NamePool(_p("Fang", "Jing", "Min", "Xiu", "Yan", "Li", "Na", "Ying"),
                      top_share=0.008, decay=0.4, parts=(
            _p("", "", "Xiao", "Mei", "Hui", "Li", "Yu", "Jia", "Xue", "Wen", "Hong", "Chun",
               "Lan", "Qiu", "Yue", "Shu"),
            _p("fang", "jing", "min", "xiu", "yan", "li", "na", "ying", "hua", "ling", "lan",
               "mei", "qing", "ting", "xia", "yun", "zhen", "juan"))),
    },
    "UA": {
        "m": NamePool(_p("Oleksandr", "Dmytro", "Andriy", "Serhiy", "Mykola", "Volodymyr",
                         "Ivan", "Yuriy", "Vasyl", "Oleh"),
                      top_share=0.06, decay=0.6, parts=(
            _p("bo", "bog", "vi", "ya", "yev", "ma", "my", "pa", "ro", "sta", "ta", "ti", "vla",
               "ze", "ar", "ig", "ky"),
            _p("dan", "ktor", "roslav", "hen", "ksym", "khailo", "vlo", "man", "nislav", "ras",
               "mofiy", "dyslav", "novy", "tem", "or", "ril"))),
        "v": NamePool(_p("Olena", "Tetiana", "Iryna", "Natalia", "Oksana", "Yulia", "Svitlana",
                         "Anna", "Kateryna", "Maria"),
                      top_share=0.05, decay=0.6, parts=(
            _p("a", "da", "ha", "la", "li", "ly", "ma", "na", "ni", "o", "ro", "so", "vi", "ya",
               "za", "ve", "kh", "al"),
            _p("lla", "rya", "lyna", "dmyla", "rysa", "ksana", "na", "stasia", "ra", "ina",
               "nna", "ta", "lia"))),
    },
    "BR": {
        "m": NamePool(_p("José", "João", "Antônio", "Francisco", "Carlos", "Paulo", "Pedro",
                         "Lucas", "Luiz", "Marcos", "Gabriel", "Rafael", "Matheus"),
                      top_share=0.04, decay=0.6, parts=(
            _p("a", "be", "ca", "da", "e", "fe", "gui", "hen", "i", "ju", "le", "ma", "ni", "o",
               "ri", "se", "ti", "vi", "wil", "ro"),
            _p("ndro", "rnardo", "io", "niel", "duardo", "lipe", "lherme", "rique", "gor", "lio",
               "onardo", "rcelo", "colas", "tavio", "cardo", "bastião", "ago", "tor"))),
        "v": NamePool(_p("Maria", "Ana", "Francisca", "Antônia", "Adriana", "Juliana",
                         "Márcia", "Fernanda", "Patrícia", "Aline", "Júlia", "Beatriz",
                         "Larissa", "Camila"),
                      top_share=0.06, decay=0.7, parts=(
            _p("a", "bea", "ca", "da", "e", "fla", "ga", "i", "je", "ka", "le", "ma", "na", "pa",
               "ra", "sa", "ta", "vi", "lu", "ro"),
            _p("na", "triz", "rolina", "niela", "duarda", "via", "briela", "sabela", "ssica",
               "rina", "ticia", "riana", "tália", "la", "ra", "quel", "nessa", "tória"))),
    },
}
