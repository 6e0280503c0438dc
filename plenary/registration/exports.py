"""CSV and XLSX of registrations, guarded against spreadsheet formula injection."""

import csv
import io

from django.utils.translation import gettext as _
from openpyxl import Workbook

# A cell starting with one of these is run as a formula by spreadsheet programs (OWASP CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n")


def safe_cell(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


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


def row(registration) -> list[str]:
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
    return [safe_cell(value) for value in values]


def to_csv(registrations) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headers())
    for registration in registrations:
        writer.writerow(row(registration))
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_xlsx(registrations) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Registrations"))
    sheet.append(headers())
    for registration in registrations:
        sheet.append(row(registration))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
