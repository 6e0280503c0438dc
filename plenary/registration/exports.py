"""CSV and XLSX of registrations in the exporting user's language, guarded against formula injection."""

from django.utils.text import capfirst
from django.utils.translation import gettext as _

from plenary.core.languages import format_list, language_name
from plenary.core.tabular import write_csv, write_xlsx
from plenary.directory.models import Person
from plenary.registration.models import Registration


def headers() -> list[str]:
    return [
        _("Reference"),
        _("Status"),
        _("Participation"),
        _("Country"),
        _("Parliament"),
        _("Honorific"),
        _("Given names"),
        _("Family name"),
        _("Name in Arabic script"),
        _("Gender"),
        _("E-mail"),
        _("Role"),
        _("Functions"),
        _("Committees"),
        _("Digital affairs committee"),
        _("Days"),
        _("Interpretation"),
        _("Accessibility needs"),
        _("Dietary needs"),
        _("Visa letter"),
        _("Arrival"),
        _("Departure"),
        capfirst(Registration._meta.get_field("queue_number").verbose_name),
    ]


def row(registration) -> list:
    parliament = registration.delegation.parliament
    values = [
        registration.reference,
        registration.get_status_display(),
        registration.get_mode_display(),
        parliament.country.iso3,
        parliament.name,
        registration.honorific,
        registration.given_name,
        registration.family_name,
        registration.name_arabic,
        gender_label(registration.gender),
        registration.email,
        registration.get_kind_display(),
        registration.functions,
        registration.committees,
        _("yes") if registration.digital_committee else _("no"),
        " ".join(registration.days),
        language_labels(registration.interpretation),
        registration.accessibility,
        registration.dietary,
        _("yes") if registration.visa_letter else _("no"),
        registration.arrival or "",
        registration.departure or "",
        registration.queue_number or "",
    ]
    return values


def gender_label(code: str) -> str:
    return str(dict(Person.Gender.choices).get(code, code))


def language_labels(codes: list[str]) -> str:
    return format_list(language_name(code) for code in codes)


def to_csv(registrations) -> bytes:
    return write_csv(headers(), [row(registration) for registration in registrations])


def to_xlsx(registrations) -> bytes:
    return write_xlsx(
        headers(), [row(registration) for registration in registrations], sheet_title=_("Registrations")
    )
