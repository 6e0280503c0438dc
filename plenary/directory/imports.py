"""Importing and exporting parliaments and contacts as CSV / XLSX.

An import is first planned (what each row would create or change, and every row's errors); only a
plan without errors is applied, all at once, in one transaction. Columns absent from the file are
left as they are. A contact row is the person of that parliament with the row's e-mail address, or
else the person of that parliament without an address who has the row's given and family name.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from plenary.core import audit
from plenary.core.languages import LANGUAGE_CODES, parse_language_list
from plenary.core.tabular import Table
from plenary.core.translation import plain
from plenary.directory.models import Country, Function, Parliament, Person

NAME_COLUMNS = [f"name_{code}" for code in LANGUAGE_CODES]
PARLIAMENT_COLUMNS = [
    "iso3",
    *NAME_COLUMNS,
    "structure",
    "ipu_member",
    "email",
    "postal_address",
    "correspondence_languages",
]
CONTACT_COLUMNS = [
    "iso3",
    "email",
    "honorific",
    "given_name",
    "family_name",
    "name_arabic",
    "gender",
    "phone",
    "preferred_language",
    "functions",
]
TRUE_WORDS = {"1", "yes", "true", "x", "y", "oui", "sí", "si", "да", "نعم", "是"}
FALSE_WORDS = {"0", "no", "false", "n", "non", "нет", "لا", "否", ""}


@dataclass
class RowError:
    line: int
    column: str
    message: str


@dataclass
class PlannedRow:
    line: int
    key: str
    action: str  # "create", "update" or "unchanged"
    changes: dict = field(default_factory=dict)
    values: dict = field(default_factory=dict)
    pk: int | None = None  # of the record a contact row updates


@dataclass
class ImportPlan:
    kind: str
    rows: list[PlannedRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action)


class ImportRefused(Exception):
    def __init__(self, plan: ImportPlan):
        self.plan = plan
        super().__init__(_("The file has errors; nothing was imported."))


def _bool(value: str) -> bool:
    word = value.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ValueError(_("Write yes or no."))


def _check_email(value: str) -> str:
    value = value.strip()
    if value:
        try:
            validate_email(value)
        except ValidationError:
            raise ValueError(_("“%(value)s” is not an e-mail address.") % {"value": value}) from None
    return value


def _unknown_columns(table: Table, known: list[str], plan: ImportPlan) -> None:
    for column in table.headers:
        if column and column not in known:
            plan.errors.append(
                RowError(
                    1,
                    column,
                    _("Unknown column; the columns are: %(columns)s") % {"columns": ", ".join(known)},
                )
            )
    if "iso3" not in table.headers:
        plan.errors.append(RowError(1, "iso3", _("The column iso3 is required.")))


def _duplicate(seen: dict, key: str, line: int, column: str, plan: ImportPlan) -> bool:
    if key in seen:
        plan.errors.append(RowError(line, column, _("Also on line %(line)d.") % {"line": seen[key]}))
        return True
    seen[key] = line
    return False


def _parliament_values(row: dict, existing: Parliament | None) -> tuple[dict, list[tuple[str, str]]]:
    values, errors = {}, []
    names = {column[5:]: row[column] for column in NAME_COLUMNS if column in row and row[column]}
    if names or any(column in row for column in NAME_COLUMNS):
        values["name"] = (existing.name.as_dict() if existing else {}) | names
        if not values["name"]:
            errors.append(("name_en", _("A parliament needs a name in at least one language.")))
    elif existing is None:
        errors.append(("name_en", _("A new parliament needs a name in at least one language.")))
    if row.get("structure"):
        structure = row["structure"].strip().lower()
        if structure not in Parliament.Structure.values:
            errors.append(("structure", _("Write unicameral or bicameral.")))
        values["structure"] = structure
    for column, convert in (
        ("ipu_member", _bool),
        ("email", _check_email),
        ("correspondence_languages", parse_language_list),
    ):
        if column in row:
            try:
                values[column] = convert(row[column])
            except ValueError as error:
                errors.append((column, str(error)))
    if "postal_address" in row:
        values["postal_address"] = row["postal_address"]
    return values, errors


def _plan_row(plan, line, key, instance, values):
    if instance is None:
        plan.rows.append(PlannedRow(line, key, "create", values=values))
        return
    changes = {
        name: [plain(getattr(instance, name)), value]
        for name, value in values.items()
        if plain(getattr(instance, name)) != value
    }
    plan.rows.append(PlannedRow(line, key, "update" if changes else "unchanged", changes, values))


def plan_parliaments(table: Table) -> ImportPlan:
    plan = ImportPlan("parliaments")
    _unknown_columns(table, PARLIAMENT_COLUMNS, plan)
    if plan.errors:
        return plan
    countries = {country.iso3: country for country in Country.objects.all()}
    parliaments = {p.country.iso3: p for p in Parliament.objects.select_related("country")}
    seen = {}
    for line, row in table.rows:
        iso3 = row.get("iso3", "").strip().upper()
        if iso3 not in countries:
            plan.errors.append(
                RowError(
                    line, "iso3", _("“%(code)s” is not a country code (ISO 3166 alpha-3).") % {"code": iso3}
                )
            )
            continue
        if _duplicate(seen, iso3, line, "iso3", plan):
            continue
        values, errors = _parliament_values(row, parliaments.get(iso3))
        plan.errors += [RowError(line, column, message) for column, message in errors]
        if not errors:
            _plan_row(plan, line, iso3, parliaments.get(iso3), values)
    return plan


def _contact_values(row: dict, existing: Person | None, functions: dict) -> tuple[dict, list]:
    values, errors = {}, []
    for column in ("honorific", "given_name", "family_name", "name_arabic", "phone"):
        if column in row:
            values[column] = row[column]
    for column in ("given_name", "family_name"):
        if existing is None and not row.get(column):
            errors.append((column, _("Required for a new contact.")))
    if row.get("gender"):
        gender = row["gender"].strip().lower()
        if gender not in Person.Gender.values:
            errors.append(
                ("gender", _("Write one of: %(values)s") % {"values": ", ".join(Person.Gender.values)})
            )
        values["gender"] = gender
    if row.get("preferred_language"):
        language = row["preferred_language"].strip().lower()
        if language not in LANGUAGE_CODES:
            errors.append(
                ("preferred_language", _("Write one of: %(values)s") % {"values": ", ".join(LANGUAGE_CODES)})
            )
        values["preferred_language"] = language
    if "functions" in row:
        codes = [code.strip() for code in row["functions"].split(";") if code.strip()]
        unknown = [code for code in codes if code not in functions]
        if unknown:
            errors.append(
                (
                    "functions",
                    _("Unknown function code(s): %(codes)s. Known: %(known)s")
                    % {"codes": ", ".join(unknown), "known": ", ".join(sorted(functions))},
                )
            )
        values["functions"] = sorted(codes)
    return values, errors


def plan_contacts(table: Table) -> ImportPlan:
    plan = ImportPlan("contacts")
    _unknown_columns(table, CONTACT_COLUMNS, plan)
    if "email" not in table.headers:
        plan.errors.append(RowError(1, "email", _("The column email is required.")))
    if plan.errors:
        return plan
    parliaments = {p.country.iso3: p for p in Parliament.objects.select_related("country")}
    functions = {function.code: function for function in Function.objects.all()}
    directory = _ContactDirectory()
    seen = {}
    for line, row in table.rows:
        iso3 = row.get("iso3", "").strip().upper()
        parliament = parliaments.get(iso3)
        if parliament is None:
            plan.errors.append(
                RowError(line, "iso3", _("No parliament with the country code “%(code)s”.") % {"code": iso3})
            )
            continue
        try:
            email = _check_email(row.get("email", ""))
        except ValueError as error:
            plan.errors.append(RowError(line, "email", str(error)))
            continue
        name = (row.get("given_name", ""), row.get("family_name", ""))
        candidates = directory.matching(iso3, email, *name)
        column = "email" if email else "family_name"
        if len(candidates) > 1:
            ambiguous = _(
                "Several people of this parliament match this row; give each an e-mail address first."
            )
            plan.errors.append(RowError(line, column, ambiguous))
            continue
        person = candidates[0] if candidates else None
        key = " ".join(part for part in (iso3, email or " ".join(name)) if part)
        if _duplicate(seen, person.pk if person else key.casefold(), line, column, plan):
            continue
        values, errors = _contact_values(row, person, functions)
        plan.errors += [RowError(line, column, message) for column, message in errors]
        if not errors:
            _plan_contact(plan, line, key, person, values | {"parliament_id": parliament.pk, "email": email})
    return plan


class _ContactDirectory:
    """The people of every parliament, found by e-mail address, or by name among those without one."""

    def __init__(self):
        self.by_email, self.by_name = defaultdict(list), defaultdict(list)
        people = (
            Person.objects.filter(parliament__isnull=False)
            .select_related("parliament__country")
            .prefetch_related("functions")
        )
        for person in people:
            iso3 = person.parliament.country.iso3
            if person.email:
                self.by_email[iso3, person.email.casefold()].append(person)
            else:
                self.by_name[self._name_key(iso3, person.given_name, person.family_name)].append(person)

    @staticmethod
    def _name_key(iso3: str, given_name: str, family_name: str) -> tuple[str, str, str]:
        return iso3, given_name.strip().casefold(), family_name.strip().casefold()

    def matching(self, iso3: str, email: str, given_name: str, family_name: str) -> list[Person]:
        """The person with this address or else, so that an address can be added to a person who had
        none, the person of this name without an address."""
        return (email and self.by_email.get((iso3, email.casefold()))) or self.by_name.get(
            self._name_key(iso3, given_name, family_name), []
        )


def _plan_contact(plan: ImportPlan, line: int, key: str, person: Person | None, values: dict) -> None:
    if person is None:
        plan.rows.append(PlannedRow(line, key, "create", values=values))
        return
    current = {
        name: sorted(f.code for f in person.functions.all()) if name == "functions" else getattr(person, name)
        for name in values
    }
    changes = {name: [current[name], value] for name, value in values.items() if current[name] != value}
    plan.rows.append(PlannedRow(line, key, "update" if changes else "unchanged", changes, values, person.pk))


PLANNERS = {"parliaments": plan_parliaments, "contacts": plan_contacts}


@transaction.atomic
def apply(kind: str, table: Table, *, actor) -> ImportPlan:
    """Plan again against the database as it is now, and write it only if there is no error."""
    plan = PLANNERS[kind](table)
    if plan.errors:
        raise ImportRefused(plan)
    write = _write_parliament if kind == "parliaments" else _write_contact
    for row in plan.rows:
        if row.action != "unchanged":
            instance = write(row)
            audit.record(
                actor=actor,
                action=f"imported ({row.action})",
                target=instance,
                changes=row.changes or {"created": True},
            )
    return plan


def _write_parliament(row: PlannedRow) -> Parliament:
    parliament = Parliament.objects.filter(country__iso3=row.key).first()
    if parliament is None:
        parliament = Parliament(country=Country.objects.get(iso3=row.key))
    for name, value in row.values.items():
        setattr(parliament, name, value)
    parliament.save()
    return parliament


def _write_contact(row: PlannedRow) -> Person:
    values = dict(row.values)
    function_codes = values.pop("functions", None)
    person = Person.objects.get(pk=row.pk) if row.pk else Person()
    for name, value in values.items():
        setattr(person, name, value)
    person.save()
    if function_codes is not None:
        person.functions.set(Function.objects.filter(code__in=function_codes))
    return person


def export_parliaments() -> tuple[list[str], list[list]]:
    rows = []
    for parliament in Parliament.objects.select_related("country").order_by("country__iso3"):
        names = parliament.name.as_dict()
        rows.append(
            [
                parliament.country.iso3,
                *(names.get(code, "") for code in LANGUAGE_CODES),
                parliament.structure,
                "yes" if parliament.ipu_member else "no",
                parliament.email,
                parliament.postal_address,
                ", ".join(parliament.correspondence_languages or []),
            ]
        )
    return PARLIAMENT_COLUMNS, rows


def export_contacts() -> tuple[list[str], list[list]]:
    rows = []
    people = (
        Person.objects.filter(parliament__isnull=False)
        .select_related("parliament__country")
        .prefetch_related("functions")
        .order_by("parliament__country__iso3", "family_name", "given_name")
    )
    for person in people:
        rows.append(
            [
                person.parliament.country.iso3,
                person.email,
                person.honorific,
                person.given_name,
                person.family_name,
                person.name_arabic,
                person.gender,
                person.phone,
                person.preferred_language,
                ";".join(sorted(f.code for f in person.functions.all())),
            ]
        )
    return CONTACT_COLUMNS, rows


EXPORTERS = {"parliaments": export_parliaments, "contacts": export_contacts}
