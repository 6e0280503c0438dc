"""Loading the reference data shipped in directory/data/ (see data/README.md for sources).

Everything is parsed and checked before anything is written; a fault names the file, line and
column, and the database is left as it was.
"""

import csv
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from plenary.core.languages import parse_language_list
from plenary.core.translation import plain
from plenary.directory.country_names import (
    LEGACY_PARLIAMENT_NAME_FORMATS,
    CountryName,
    default_parliament_names,
    without_footnote_marks,
)
from plenary.directory.models import Country, IncomeGroup, Parliament, UNRegionalGroup

DATA_DIR = Path(__file__).resolve().parent / "data"

# Per language: the columns to take the short name from, first that is not blank (UNTERM is blank
# for Côte d'Ivoire and Türkiye; CLDR's English name is the UN's there), and the formal name's.
COUNTRY_NAME_COLUMNS = {
    "ar": (("UNTERM Arabic Short", "official_name_ar"), "UNTERM Arabic Formal"),
    "zh-hans": (("UNTERM Chinese Short", "official_name_cn"), "UNTERM Chinese Formal"),
    "en": (("UNTERM English Short", "CLDR display name", "official_name_en"), "UNTERM English Formal"),
    "fr": (("UNTERM French Short", "official_name_fr"), "UNTERM French Formal"),
    "ru": (("UNTERM Russian Short", "official_name_ru"), "UNTERM Russian Formal"),
    "es": (("UNTERM Spanish Short", "official_name_es"), "UNTERM Spanish Formal"),
}
INCOME_GROUPS = {
    "Low income": IncomeGroup.LOW,
    "Lower middle income": IncomeGroup.LOWER_MIDDLE,
    "Upper middle income": IncomeGroup.UPPER_MIDDLE,
    "High income": IncomeGroup.HIGH,
}
NAME_COLUMNS = frozenset(
    column
    for short_columns, formal_column in COUNTRY_NAME_COLUMNS.values()
    for column in (*short_columns, formal_column)
)
# The World Bank file's two codes that are not ISO 3166 (Kosovo, Channel Islands).
NON_ISO_WORLD_BANK_CODES = frozenset({"XKX", "CHI"})


class ReferenceDataError(Exception):
    def __init__(self, path: Path, line: int, column: str, message: str):
        self.path, self.line, self.column = path, line, column
        super().__init__(f"{path.name}, line {line}, column {column!r}: {message}")


@dataclass
class LoadReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    parliaments_created: int = 0
    parliaments_renamed: int = 0
    skipped: list[str] = field(default_factory=list)


@dataclass
class ReferenceData:
    countries: dict[str, dict]
    """Country attributes by ISO3 code, as stored."""
    country_names: dict[str, dict[str, CountryName]]
    """By ISO3 code and language: the name as UNTERM gives it, for the phrases built from it."""
    russian_genitives: dict[str, str]
    ipu_members: set[str]
    skipped: list[str]

    def default_parliament_names(self, iso3: str) -> dict[str, str]:
        return default_parliament_names(self.country_names[iso3], self.russian_genitives.get(iso3))

    def legacy_parliament_names(self, iso3: str) -> dict[str, set[str]]:
        """The default names the loader gave before they read naturally, from the file's raw names."""
        names = self.country_names[iso3]
        return {
            code: {template.format(names[code].source) for template in templates}
            for code, templates in LEGACY_PARLIAMENT_NAME_FORMATS.items()
            if code in names
        }


class Table:
    """A CSV file read as dicts, remembering each row's line number for error messages."""

    def __init__(self, path: Path, required: tuple[str, ...]):
        self.path = path
        try:
            with path.open(encoding="utf-8-sig", newline="") as handle:
                reader = csv.DictReader(handle)
                header = reader.fieldnames or []
                self.rows = [(reader.line_num, row) for row in reader]
        except FileNotFoundError:
            raise ReferenceDataError(path, 0, "", "file not found") from None
        except (UnicodeDecodeError, csv.Error) as error:
            raise ReferenceDataError(path, 0, "", f"not a UTF-8 CSV file ({error})") from None
        missing = [name for name in required if name not in header]
        if missing:
            raise ReferenceDataError(path, 1, missing[0], "column missing from the header")
        for line, row in self.rows:
            if None in row:
                raise ReferenceDataError(path, line, "", "more values than the header has columns")

    def error(self, line: int, column: str, message: str) -> ReferenceDataError:
        return ReferenceDataError(self.path, line, column, message)

    def codes(self, column: str, known: set[str]) -> dict[str, dict]:
        """Rows by ISO3 code; every code must be a known country."""
        result = {}
        for line, row in self.rows:
            code = (row[column] or "").strip().upper()
            if code not in known:
                raise self.error(line, column, f"{code!r} is not an ISO 3166 alpha-3 code")
            result[code] = row
        return result


def _corrections(data_dir: Path) -> dict[tuple[str, str], tuple[str, str]]:
    """(ISO3, column) -> (wrong, right): the file's few broken names, each corrected for a stated reason."""
    table = Table(data_dir / "name-corrections.csv", ("iso3", "column", "wrong", "right", "why"))
    corrections = {}
    for line, row in table.rows:
        if row["column"] not in NAME_COLUMNS:
            raise table.error(line, "column", f"{row['column']!r} is not a country name column")
        corrections[(row["iso3"].strip().upper(), row["column"])] = (
            row["wrong"].strip(),
            row["right"].strip(),
        )
    return corrections


def _first_name(row: dict, columns: tuple[str, ...]) -> str:
    return next((row[column].strip() for column in columns if (row.get(column) or "").strip()), "")


def _corrected(row: dict, iso3: str, corrections: dict) -> dict:
    corrected = dict(row)
    for (code, column), (wrong, right) in corrections.items():
        if code == iso3 and (row.get(column) or "").strip() == wrong:
            corrected[column] = right
    return corrected


def _parse_names(row: dict, corrected: dict) -> tuple[dict[str, CountryName], dict[str, str]]:
    """Short names (bare, with their article) and formal names, by language."""
    names, formal = {}, {}
    for code, (short_columns, formal_column) in COUNTRY_NAME_COLUMNS.items():
        text = _first_name(corrected, short_columns)
        if text:
            names[code] = CountryName.from_unterm(text, source=_first_name(row, short_columns))
        formal_name = without_footnote_marks(corrected.get(formal_column) or "")
        if formal_name:
            formal[code] = formal_name
    return names, formal


def _parse_countries(data_dir: Path) -> tuple[dict[str, dict], dict[str, dict[str, CountryName]]]:
    table = Table(data_dir / "country-codes.csv", ("ISO3166-1-Alpha-3", "ISO3166-1-Alpha-2", "M49"))
    corrections = _corrections(data_dir)
    countries, country_names = {}, {}
    for line, row in table.rows:
        iso3 = row["ISO3166-1-Alpha-3"].strip().upper()
        if len(iso3) != 3 or not iso3.isalpha():
            raise table.error(line, "ISO3166-1-Alpha-3", f"{iso3!r} is not a three-letter code")
        m49 = row["M49"].strip()
        if m49 and not m49.isdigit():
            raise table.error(line, "M49", f"{m49!r} is not a number")
        names, formal = _parse_names(row, _corrected(row, iso3, corrections))
        if "en" not in names:
            raise table.error(line, "official_name_en", "the country has no English name")
        country_names[iso3] = names
        countries[iso3] = {
            "iso2": row["ISO3166-1-Alpha-2"].strip().upper()[:2],
            "m49": int(m49) if m49 else None,
            "name": {code: name.name for code, name in names.items()},
            "formal_name": formal,
            "region": (row.get("Region Name") or "").strip(),
            "sub_region": (row.get("Sub-region Name") or "").strip(),
        }
    return countries, country_names


def _russian_genitives(data_dir: Path, country_names: dict[str, dict[str, CountryName]]) -> dict[str, str]:
    """Genitive by ISO3 code, for the names as loaded (a name the source has changed since is left out)."""
    table = Table(data_dir / "country-names-ru-genitive.csv", ("iso3", "nominative", "genitive"))
    genitives = {}
    for iso3, row in table.codes("iso3", set(country_names)).items():
        russian = country_names[iso3].get("ru")
        if russian and russian.name == row["nominative"].strip():
            genitives[iso3] = row["genitive"].strip()
    return genitives


def _flag(countries: dict, table: Table, column: str, attribute: str) -> None:
    for code in table.codes(column, set(countries)):
        countries[code][attribute] = True


def _official_un_languages(countries: dict, table: Table) -> None:
    """The UN languages official in each country, space-separated in the file (e.g. `ar` or `fr en`)."""
    for code, row in table.codes("iso3", set(countries)).items():
        try:
            countries[code]["official_un_languages"] = parse_language_list(",".join(row["languages"].split()))
        except ValueError as error:
            line = next(line for line, r in table.rows if r is row)
            raise table.error(line, "languages", str(error)) from None


def parse(data_dir: Path = DATA_DIR) -> ReferenceData:
    """Countries by ISO3 with every attribute and their names, the IPU members, and what was skipped."""
    countries, country_names = _parse_countries(data_dir)
    for values in countries.values():
        values |= {
            "un_regional_group": "",
            "is_un_member": False,
            "is_ldc": False,
            "is_lldc": False,
            "is_sids": False,
            "is_economy_in_transition": False,
            "is_g77": False,
            "income_group": "",
            "official_un_languages": [],
        }
    known = set(countries)
    groups = Table(data_dir / "un-regional-groups.csv", ("Code", "Region"))
    valid_groups = set(UNRegionalGroup.values)
    for code, row in groups.codes("Code", known).items():
        group = row["Region"].strip()
        if group not in valid_groups:
            line = next(line for line, r in groups.rows if r is row)
            raise groups.error(line, "Region", f"{group!r} is not a UN regional group")
        countries[code] |= {"un_regional_group": group, "is_un_member": True}
    _flag(countries, Table(data_dir / "ldc.csv", ("Code",)), "Code", "is_ldc")
    _flag(countries, Table(data_dir / "lldc.csv", ("Code",)), "Code", "is_lldc")
    _flag(countries, Table(data_dir / "sids.csv", ("Code",)), "Code", "is_sids")
    _flag(countries, Table(data_dir / "g77.csv", ("Code",)), "Code", "is_g77")
    transition = Table(data_dir / "economies-in-transition.csv", ("iso3",))
    _flag(countries, transition, "iso3", "is_economy_in_transition")

    skipped = []
    income = Table(data_dir / "wb-income-groups.csv", ("Code", "Income group"))
    for line, row in income.rows:
        code = row["Code"].strip().upper()
        group = row["Income group"].strip()
        if code in NON_ISO_WORLD_BANK_CODES:
            skipped.append(f"{income.path.name}, line {line}: {code} is not an ISO 3166 code")
            continue
        if code not in known:
            raise income.error(line, "Code", f"{code!r} is not an ISO 3166 alpha-3 code")
        if group and group not in INCOME_GROUPS:
            raise income.error(line, "Income group", f"{group!r} is not a World Bank income group")
        countries[code]["income_group"] = INCOME_GROUPS.get(group, "")

    _official_un_languages(countries, Table(data_dir / "un-official-languages.csv", ("iso3", "languages")))

    ipu = Table(data_dir / "ipu-members-partial.csv", ("iso3",))
    return ReferenceData(
        countries=countries,
        country_names=country_names,
        russian_genitives=_russian_genitives(data_dir, country_names),
        ipu_members=set(ipu.codes("iso3", known)),
        skipped=skipped,
    )


@transaction.atomic
def load(data_dir: Path = DATA_DIR) -> LoadReport:
    """Create or update countries, and a parliament for each listed IPU member that has none.

    Running it twice changes nothing. Parliaments already in the directory keep the names the
    secretariat gave them: only a name still as the loader made it, in a language, is brought up
    to the current default (the shipped IPU list is partial and may be out of date).
    """
    data = parse(data_dir)
    report = LoadReport(skipped=data.skipped)
    existing = _load_countries(data, report)
    parliaments = {
        parliament.country.iso3: parliament for parliament in Parliament.objects.select_related("country")
    }
    for parliament in parliaments.values():
        if _rename_if_not_edited(parliament, data):
            report.parliaments_renamed += 1
    for iso3 in sorted(data.ipu_members - set(parliaments)):
        Parliament.objects.create(
            country=existing[iso3], name=data.default_parliament_names(iso3), ipu_member=True
        )
        report.parliaments_created += 1
    return report


def _load_countries(data: ReferenceData, report: LoadReport) -> dict[str, Country]:
    existing = {country.iso3: country for country in Country.objects.all()}
    for iso3, values in data.countries.items():
        country = existing.get(iso3)
        if country is None:
            existing[iso3] = Country.objects.create(iso3=iso3, **values)
            report.created += 1
            continue
        changed = [name for name, value in values.items() if plain(getattr(country, name)) != value]
        if not changed:
            report.unchanged += 1
            continue
        for name in changed:
            setattr(country, name, values[name])
        country.save(update_fields=changed)
        report.updated += 1
    return existing


def _rename_if_not_edited(parliament: Parliament, data: ReferenceData) -> bool:
    """Replace, language by language, a name the loader made (now or in an earlier version)."""
    iso3 = parliament.country.iso3
    if iso3 not in data.country_names:
        return False
    current, legacy = data.default_parliament_names(iso3), data.legacy_parliament_names(iso3)
    names = parliament.name.as_dict()
    renamed = {
        code: current.get(code, text) if text in legacy.get(code, ()) else text
        for code, text in names.items()
    }
    if renamed == names:
        return False
    parliament.name = renamed
    parliament.save(update_fields=["name"])
    return True
