"""The catalog as plain Python objects, read from the versioned YAML files in ``data/``.

Validation, templates and reports read code lists and indicators from here rather than from the
database, so they work the same in tests, at a partner and on the server. ``services.load_catalog``
mirrors these definitions into the database for foreign keys and the admin.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

DATA_DIR = Path(__file__).resolve().parent / "data"
UNITS = {"persons", "reports", "cases", "contacts", "inspections", "days", "sites", "percent", "times"}
UNIT_LABELS_NL = {
    "persons": "personen",
    "reports": "meldingen/aangiftes",
    "cases": "zaken",
    "contacts": "contactmomenten",
    "inspections": "controles",
    "days": "dagen",
    "sites": "locaties",
    "percent": "procent",
    "times": "keren",
}


class CatalogError(ValueError):
    """The catalog files contradict themselves (an unknown code list, a duplicate code, ...)."""


@dataclass(frozen=True)
class Code:
    code: str
    nl: str
    en: str
    definition_nl: str = ""


@dataclass(frozen=True)
class CodeList:
    name: str
    label_nl: str
    label_en: str
    codes: tuple[Code, ...]

    def codes_set(self) -> frozenset[str]:
        return frozenset(c.code for c in self.codes)

    def label(self, code: str, lang: str = "nl") -> str:
        for c in self.codes:
            if c.code == code:
                return c.nl if lang == "nl" else c.en
        raise KeyError(code)


@dataclass(frozen=True)
class Caveat:
    nl: str
    years: tuple[int, ...] = ()

    def applies_to(self, year: int) -> bool:
        return not self.years or year in self.years


CHART_KINDS = {"bar", "none"}


@dataclass(frozen=True)
class Placement:
    """Where and how an indicator appears in the publications (``show:`` in partners.yaml).

    The report, the dashboard, the factsheets and open data all read this, so an indicator added to
    the catalog with a placement reaches every output without a code change."""

    section: str
    order: int = 0
    heading: str = ""  # a subheading above the indicator's blocks ("" for none)
    total: bool = False  # the year's total beside last year's, with the wording of the change
    breakdowns: tuple[str, ...] = ()  # the dimensions it is broken down by, each its own table
    chart: str = "bar"  # bar: each breakdown drawn as a chart above its table; none: tables only
    series: int = 0  # > 0: a chart of the last ``series`` years instead of one year's figures
    noun_nl: str = ""  # how the change sentence and the factsheets name the counted things
    dashboard: bool = True  # shown on the dashboard (its series and breakdowns)
    factsheet: bool = False  # the regional figure on every municipality's factsheet


@dataclass(frozen=True)
class Chapter:
    """A chapter of the monitor (sections.yaml): its key (which the narrative and placements
    name), title and place. Chapters with generated content beyond placed indicators (the
    estimate, distinct persons, awareness, ...) are registered in ``zicht.publish.sections``."""

    key: str
    nl: str
    en: str
    order: int


# Licences an alliance may publish its open data under (SPDX id -> Dutch title, text): the data
# package names the one the catalog chooses (``region: {licence: ...}``).
OPEN_DATA_LICENCES = {
    "CC-BY-4.0": ("Creative Commons Naamsvermelding 4.0 Internationaal", "https://creativecommons.org/licenses/by/4.0/"),
    "CC0-1.0": ("Creative Commons Zero 1.0 Universeel (publiek domein)", "https://creativecommons.org/publicdomain/zero/1.0/"),
    "ODbL-1.0": ("Open Data Commons Open Database License 1.0", "https://opendatacommons.org/licenses/odbl/1-0/"),
}  # fmt: skip


@dataclass(frozen=True)
class Region:
    """Who publishes the monitor, in the words the report uses, and under which open-data licence."""

    publisher: str = "VeiligheidsAlliantie regio Rotterdam"
    publisher_short: str = "VAR"
    name_nl: str = "regio Rotterdam"
    name_en: str = "Rotterdam region"
    licence: str = "CC-BY-4.0"

    def name(self, lang: str) -> str:
        return self.name_en if lang == "en" else self.name_nl


@dataclass(frozen=True)
class SumOf:
    """An indicator that is the sum of some cells of another indicator's breakdown (ESSM's clients in
    sexual exploitation are four of the six care sectors): disclosure control protects it together
    with that table (ADR 1135)."""

    indicator: str
    dimension: str
    codes: tuple[str, ...]


@dataclass(frozen=True)
class Indicator:
    code: str
    partner: str
    nl: str
    en: str
    unit: str
    dimensions: tuple[str, ...]
    additive: bool = True
    municipality: str = "none"
    scope: str = "regional"
    disclosure: bool = True
    minors: bool = False
    definition_nl: str = ""
    caveats: tuple[Caveat, ...] = ()
    total_equals: str | None = None
    threshold: int | None = None  # disclosure threshold of this indicator (None: the policy's)
    base: str | None = None  # unit percent: the count indicator the share is a part of
    show: Placement | None = None  # where it appears in the publications (None: nowhere by itself)
    published: bool = True  # False (``show: false``): deliberately never published by itself
    sum_of: SumOf | None = None  # a single figure that is the sum of these cells of another indicator

    def caveats_for(self, year: int) -> list[str]:
        return [c.nl for c in self.caveats if c.applies_to(year)]

    @property
    def unit_nl(self) -> str:
        return UNIT_LABELS_NL[self.unit]


# Partner kinds whose figures the alliance produces itself (its analysis, the linkage of case records,
# the national sources it copies in): never a partner that "failed to deliver", never reminded.
INTERNAL_KINDS = frozenset({"analyst", "national"})


@dataclass(frozen=True)
class Partner:
    code: str
    name: str
    short: str
    kind: str
    indicators: tuple[Indicator, ...]

    @property
    def internal(self) -> bool:
        return self.kind in INTERNAL_KINDS


@dataclass(frozen=True)
class Municipality:
    code: str
    name: str
    part: str
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    successor: str | None = None
    region_class: str | None = None  # counted apart from its part (Rotterdam itself)

    def valid_in(self, year: int) -> bool:
        start_ok = self.valid_from is None or self.valid_from <= dt.date(year, 12, 31)
        end_ok = self.valid_to is None or self.valid_to >= dt.date(year, 1, 1)
        return start_ok and end_ok


@dataclass(frozen=True)
class Catalog:
    version: str
    codelists: dict[str, CodeList]
    partners: dict[str, Partner]
    municipalities: dict[str, Municipality]
    region_parts: dict[str, str] = field(default_factory=dict)
    chapters: tuple[Chapter, ...] = ()
    region: Region = field(default_factory=Region)
    part_classes: dict[str, str] = field(default_factory=dict)  # part -> its region_class code

    def placed_in(self, section: str) -> list[Indicator]:
        """The indicators the catalog places in a chapter, in their order."""
        found = [i for i in self.indicators.values() if i.show is not None and i.show.section == section]
        return sorted(found, key=lambda i: (i.show.order, i.code))

    def chapter(self, key: str) -> Chapter | None:
        return next((c for c in self.chapters if c.key == key), None)

    @property
    def indicators(self) -> dict[str, Indicator]:
        return {i.code: i for p in self.partners.values() for i in p.indicators}

    def indicator(self, code: str) -> Indicator:
        return self.indicators[code]

    def partner(self, code: str) -> Partner:
        return self.partners[code]

    def current_municipality(self, code: str, year: int) -> Municipality:
        """The municipality whose boundary a figure of ``code`` belongs to in ``year`` (follows mergers)."""
        muni = self.municipalities[code]
        while muni.successor and not muni.valid_in(year):
            muni = self.municipalities[muni.successor]
        return muni

    def municipalities_in(self, year: int) -> list[Municipality]:
        return sorted(
            (m for m in self.municipalities.values() if m.valid_in(year)), key=lambda m: m.name
        )

    def region_class(self, municipality_code: str) -> str | None:
        """The part of the region a municipality is counted in by partners that count per part (code
        list ``region_class``): its own ``region_class`` in municipalities.yaml, else its part's;
        None when the catalog names none (a region whose partners do not count per part)."""
        muni = self.municipalities[municipality_code]
        return muni.region_class or self.part_classes.get(muni.part)


def _date(value) -> dt.date | None:
    if value is None:
        return None
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


# libyaml's parser when PyYAML has it (the wheels do): the same safe constructor, ten times faster
# than the pure-Python one, which every process (web worker, test) pays on its first catalog read.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _read(name: str, data_dir: Path) -> dict:
    with open(data_dir / name, encoding="utf-8") as fh:
        return yaml.load(fh, Loader=_SAFE_LOADER)  # noqa: S506 - a safe loader


def load(data_dir: Path = DATA_DIR) -> Catalog:
    """Read and cross-check the catalog files."""
    raw_lists = _read("codelists.yaml", data_dir)
    codelists: dict[str, CodeList] = {}
    for name, spec in raw_lists["codelists"].items():
        codes = tuple(
            Code(str(c["code"]), c["nl"], c.get("en", c["nl"]), c.get("definition_nl", "").strip())
            for c in spec["codes"]
        )
        if len({c.code for c in codes}) != len(codes):
            raise CatalogError(f"Code list {name} has duplicate codes")
        codelists[name] = CodeList(name, spec["label"]["nl"], spec["label"]["en"], codes)

    raw_partners = _read("partners.yaml", data_dir)
    partners: dict[str, Partner] = {}
    seen: set[str] = set()
    for p in raw_partners["partners"]:
        indicators = []
        for i in p.get("indicators", []):
            if i["code"] in seen:
                raise CatalogError(f"Indicator {i['code']} is defined twice")
            seen.add(i["code"])
            for dim in i.get("dimensions", []):
                if dim not in codelists:
                    raise CatalogError(f"Indicator {i['code']} uses unknown code list {dim}")
            if i["unit"] not in UNITS:
                raise CatalogError(f"Indicator {i['code']} has unknown unit {i['unit']}")
            indicators.append(
                Indicator(
                    code=i["code"],
                    partner=p["code"],
                    nl=i["nl"],
                    en=i.get("en", i["nl"]),
                    unit=i["unit"],
                    dimensions=tuple(i.get("dimensions", [])),
                    additive=i.get("additive", True),
                    municipality=i.get("municipality", "none"),
                    scope=i.get("scope", "regional"),
                    disclosure=i.get("disclosure", True),
                    minors=i.get("minors", False),
                    definition_nl=(i.get("definition_nl") or "").strip(),
                    caveats=tuple(
                        Caveat(c["nl"], tuple(c.get("years", []))) for c in i.get("caveats", [])
                    ),
                    total_equals=i.get("total_equals"),
                    threshold=i.get("threshold"),
                    base=i.get("base"),
                    show=_placement(i["code"], i["nl"], i.get("show"), tuple(i.get("dimensions", []))),
                    published=i.get("show", True) is not False,
                    sum_of=_sum_of(i),
                )
            )
        partners[p["code"]] = Partner(p["code"], p["name"], p["short"], p["kind"], tuple(indicators))
    for ind in (i for p in partners.values() for i in p.indicators):
        if ind.total_equals and ind.total_equals not in seen:
            raise CatalogError(f"Indicator {ind.code} refers to unknown {ind.total_equals}")

    _check_share_bases(partners)
    chapters = _chapters(data_dir)
    _check_placements(partners, chapters)
    _check_sums(partners, codelists)

    raw_munis = _read("municipalities.yaml", data_dir)
    municipalities = {
        m["code"]: Municipality(
            m["code"], m["name"], m["part"], _date(m.get("valid_from")), _date(m.get("valid_to")),
            m.get("successor"), m.get("region_class"),
        )
        for m in raw_munis["municipalities"]
    }
    for m in municipalities.values():
        if m.successor and m.successor not in municipalities:
            raise CatalogError(f"Municipality {m.code} names unknown successor {m.successor}")
    version = f"codelists {raw_lists['version']}, partners {raw_partners['version']}, municipalities {raw_munis['version']}"
    parts = {k: v["nl"] for k, v in raw_munis["parts"].items()}
    if chapters:
        version += f", sections {_read('sections.yaml', data_dir)['version']}"
    part_classes = {k: v["region_class"] for k, v in raw_munis["parts"].items() if v.get("region_class")}
    for m in municipalities.values():  # a class named explicitly must exist (an implicit one may not)
        named = m.region_class or raw_munis["parts"].get(m.part, {}).get("region_class")
        if named and named not in codelists.get("region_class", CodeList("", "", "", ())).codes_set():
            raise CatalogError(f"Municipality {m.code}: region_class {named} is not in code list region_class")
    return Catalog(version, codelists, partners, municipalities, parts, chapters, _region(raw_munis.get("region")),
                   part_classes)


def _placement(code: str, label: str, raw, dimensions: tuple[str, ...]) -> Placement | None:
    """Read an indicator's ``show:``; a breakdown must be one of its dimensions, and without
    ``breakdowns`` it is broken down by each of them. ``heading: true`` is its own label."""
    if raw is None or raw is False:
        return None
    if not isinstance(raw, dict) or "section" not in raw:
        raise CatalogError(f"Indicator {code}: show needs at least a section")
    unknown = set(raw) - set(Placement.__dataclass_fields__)
    if unknown:
        raise CatalogError(f"Indicator {code}: show has unknown fields {', '.join(sorted(unknown))}")
    breakdowns = tuple(raw.get("breakdowns", dimensions))
    for dim in breakdowns:
        if dim not in dimensions:
            raise CatalogError(f"Indicator {code}: breakdown {dim} is not one of its dimensions")
    chart = raw.get("chart", "bar")
    if chart not in CHART_KINDS:
        raise CatalogError(f"Indicator {code}: chart must be one of {', '.join(sorted(CHART_KINDS))}")
    return Placement(
        section=str(raw["section"]), order=int(raw.get("order", 0)),
        heading=label if raw.get("heading") is True else str(raw.get("heading") or ""),
        total=bool(raw.get("total", False)), breakdowns=breakdowns, chart=chart,
        series=int(raw.get("series", 0)), noun_nl=str(raw.get("noun_nl", "")),
        dashboard=bool(raw.get("dashboard", True)), factsheet=bool(raw.get("factsheet", False)),
    )


def _chapters(data_dir: Path) -> tuple[Chapter, ...]:
    """The chapters of the monitor (sections.yaml); a catalog without the file has none."""
    if not (data_dir / "sections.yaml").exists():
        return ()
    raw = _read("sections.yaml", data_dir)
    chapters = tuple(Chapter(str(c["key"]), c["nl"], c.get("en", c["nl"]), int(c["order"])) for c in raw["sections"])
    if len({c.key for c in chapters}) != len(chapters):
        raise CatalogError("sections.yaml names a chapter twice")
    return tuple(sorted(chapters, key=lambda c: c.order))


def _region(raw: dict | None) -> Region:
    """The publisher as municipalities.yaml names it (``region: {code, nl, name_nl, name_en, licence}``)."""
    if not raw:
        return Region()
    licence = str(raw.get("licence", Region.licence))
    if licence not in OPEN_DATA_LICENCES:
        raise CatalogError(f"region.licence {licence!r} is not one of {', '.join(OPEN_DATA_LICENCES)}")
    # A region that names only its publisher is called by that name too ("Nederland"), never by the
    # defaults' Rotterdam.
    publisher = raw.get("nl", Region.publisher)
    return Region(publisher=publisher, publisher_short=raw.get("code", ""),
                  name_nl=raw.get("name_nl", publisher), name_en=raw.get("name_en", raw.get("en", publisher)),
                  licence=licence)


def _check_placements(partners: dict[str, Partner], chapters: tuple[Chapter, ...]) -> None:
    """A placement names a chapter of sections.yaml."""
    keys = {c.key for c in chapters}
    indicators = {i.code: i for p in partners.values() for i in p.indicators}
    for ind in indicators.values():
        if ind.show is None:
            continue
        if keys and ind.show.section not in keys:
            raise CatalogError(f"Indicator {ind.code} is placed in unknown section {ind.show.section}")



def _check_share_bases(partners: dict[str, Partner]) -> None:
    """A share that passes disclosure control needs its base: a count of the same partner without
    dimensions, delivered beside it (ADR 1120)."""
    indicators = {i.code: i for p in partners.values() for i in p.indicators}
    for ind in indicators.values():
        if ind.base is None:
            if ind.unit == "percent" and ind.disclosure:
                raise CatalogError(f"Indicator {ind.code} is a share under disclosure control and needs a base")
            continue
        base = indicators.get(ind.base)
        if ind.unit != "percent":
            raise CatalogError(f"Indicator {ind.code} has a base but is no share (unit percent)")
        if base is None or base.partner != ind.partner or base.unit == "percent" or base.dimensions:
            raise CatalogError(f"Indicator {ind.code}: base {ind.base} must be a count of the same partner "
                               "without dimensions")


def _sum_of(raw: dict) -> SumOf | None:
    spec = raw.get("sum_of")
    if spec is None:
        return None
    code = raw["code"]
    if not isinstance(spec, dict) or set(spec) != {"indicator", "dimension", "codes"}:
        raise CatalogError(f"Indicator {code}: sum_of needs exactly indicator, dimension and codes")
    codes = spec["codes"]
    if not isinstance(codes, list) or not codes or not all(isinstance(c, str) for c in codes):
        raise CatalogError(f"Indicator {code}: sum_of.codes must be a non-empty list of codes")
    if len(set(codes)) != len(codes):
        raise CatalogError(f"Indicator {code}: sum_of.codes names a code twice")
    return SumOf(str(spec["indicator"]), str(spec["dimension"]), tuple(codes))


def _check_sums(partners: dict[str, Partner], codelists: dict[str, CodeList]) -> None:
    """A sum names a breakdown that exists, codes of its code list, and is itself one figure of the same
    unit under the same disclosure control (else it would be published unprotected beside its parts)."""
    indicators = {i.code: i for p in partners.values() for i in p.indicators}
    for ind in indicators.values():
        spec = ind.sum_of
        if spec is None:
            continue
        parts = indicators.get(spec.indicator)
        if parts is None:
            raise CatalogError(f"Indicator {ind.code}: sum_of refers to unknown {spec.indicator}")
        if spec.dimension not in parts.dimensions:
            raise CatalogError(f"Indicator {ind.code}: {spec.indicator} has no dimension {spec.dimension}")
        unknown = [c for c in spec.codes if c not in codelists[spec.dimension].codes_set()]
        if unknown:
            raise CatalogError(f"Indicator {ind.code}: sum_of names unknown {spec.dimension} code(s) {', '.join(unknown)}")
        if ind.dimensions or ind.municipality != "none":
            raise CatalogError(f"Indicator {ind.code}: a sum of parts is one figure (no dimensions, no municipalities)")
        if ind.unit != parts.unit or ind.unit == "percent":
            raise CatalogError(f"Indicator {ind.code}: a sum of parts has the unit of its parts ({parts.unit}), "
                               "and is a count")
        if parts.disclosure and not ind.disclosure:
            raise CatalogError(f"Indicator {ind.code}: a sum of protected parts is protected too (disclosure: true)")


@cache
def get_catalog() -> Catalog:
    """The alliance's catalog (``ZICHT_CATALOG_DIR``), else the one shipped with Zicht; read once
    per process (``get_catalog.cache_clear()`` after changing the setting)."""
    from django.conf import settings

    folder = getattr(settings, "ZICHT_CATALOG_DIR", "") if settings.configured else ""
    return load(Path(folder)) if folder else load()
