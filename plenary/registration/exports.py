"""CSV and XLSX of registrations, guarded against spreadsheet formula injection."""

from django.utils.translation import gettext as _

from plenary.core.tabular import write_csv, write_xlsx


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
        _("Place in the queue"),
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
        registration.gender,
        registration.email,
        registration.get_kind_display(),
        registration.functions,
        registration.committees,
        _("yes") if registration.digital_committee else _("no"),
        " ".join(registration.days),
        " ".join(registration.interpretation),
        registration.accessibility,
        registration.dietary,
        _("yes") if registration.visa_letter else _("no"),
        registration.arrival or "",
        registration.departure or "",
        registration.queue_number or "",
    ]
    return values


def to_csv(registrations) -> bytes:
    return write_csv(headers(), [row(registration) for registration in registrations])


def to_xlsx(registrations) -> bytes:
    return write_xlsx(
        headers(), [row(registration) for registration in registrations], sheet_title=_("Registrations")
    )
