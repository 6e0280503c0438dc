"""The documents a track publishes about its participants, as HTML then PDF (core.pdf) or XLSX.

Each document is first written as HTML, then handed to WeasyPrint as it is, so that the batch path
costs what WeasyPrint costs (bench/documents.py measures it against bare WeasyPrint on the same HTML).
"""

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from plenary.core import dates
from plenary.core.languages import format_list, normalise, text_direction
from plenary.core.pdf import check_fonts, html_to_pdf
from plenary.core.tabular import write_xlsx
from plenary.documents import selectors
from plenary.registration.models import DelegationRole

PDF_LANGUAGES = ["en", "ar", "zh-hans"]


def participants_html(track, language: str) -> str:
    language = normalise(language)
    with translation.override(language):
        return render_to_string(
            "documents/pdf/participants.html",
            {
                "track": track,
                "forum": track.forum,
                "groups": selectors.participants_by_country(track, language),
                "language": language,
                "head_label": DelegationRole.HEAD.label,
            },
        )


def participants_pdf(track, language: str) -> bytes:
    check_fonts(PDF_LANGUAGES)
    return html_to_pdf(participants_html(track, language))


def participants_xlsx(track, language: str) -> bytes:
    """One row per person, in the PDF's order; the country repeated on each row, for filtering."""
    language = normalise(language)
    with translation.override(language):
        headers = [
            _("Country"),
            _("Parliament"),
            _("Name"),
            DelegationRole.HEAD.label,
            _("Functions"),
            _("Participation"),
        ]
        rows = [
            [
                group.country,
                group.parliament,
                delegate.name,
                "✓" if delegate.is_head else "",
                delegate.functions,
                delegate.mode_label,
            ]
            for group in selectors.participants_by_country(track, language)
            for delegate in group.delegates
        ]
        return write_xlsx(
            headers, rows, sheet_title=_("List of participants"), right_to_left=language == "ar"
        )


def certificate_languages(registration) -> list[str]:
    """The delegate's language and English (English alone for an English speaker)."""
    return list(dict.fromkeys([normalise(registration.language), "en"]))


def certificate_html(registration, days=None) -> str:
    track = registration.track
    days = selectors.attendance_days(registration) if days is None else days
    sections = []
    for language in certificate_languages(registration):
        with translation.override(language):
            sections.append(
                {
                    "language": language,
                    "direction": text_direction(language),
                    "name": selectors.listed_name(registration, language),
                    "days": format_list([dates.format_date(day) for day in days], language),
                }
            )
    with translation.override("en"):
        return render_to_string(
            "documents/pdf/certificate.html",
            {
                "registration": registration,
                "track": track,
                "forum": track.forum,
                "signatories": list(track.signatories.all()),
                "sections": sections,
                "today": timezone.localdate(),
            },
        )


def certificate_pdf(registration) -> bytes:
    check_fonts([*certificate_languages(registration), "ar"])
    return html_to_pdf(certificate_html(registration))
