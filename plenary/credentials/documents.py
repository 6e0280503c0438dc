"""The designation's file (a checked PDF) and the credentials report (PDF and XLSX, a table per
state, as the UN's credentials memorandum groups delegations)."""

from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from plenary.core.dates import format_date
from plenary.core.errors import ServiceError
from plenary.core.languages import current_language, text_direction
from plenary.core.pdf import render_pdf
from plenary.core.tabular import write_xlsx
from plenary.credentials import selectors

MAX_PDF_BYTES = 5 * 1024 * 1024
PDF_MAGIC = b"%PDF-"


class DocumentError(ServiceError):
    pass


def check_pdf(upload) -> None:
    """A PDF no larger than MAX_PDF_BYTES that pikepdf opens (so not merely named .pdf)."""
    import pikepdf

    if upload.size > MAX_PDF_BYTES:
        raise DocumentError(
            _("The file is larger than %(limit)s.") % {"limit": filesizeformat(MAX_PDF_BYTES)}, code="size"
        )
    upload.seek(0)
    if upload.read(len(PDF_MAGIC)) != PDF_MAGIC:
        raise DocumentError(_("The file is not a PDF."), code="not_pdf")
    upload.seek(0)
    try:
        with pikepdf.open(upload):
            pass
    except pikepdf.PdfError as error:
        raise DocumentError(
            _("The PDF cannot be opened: it is damaged or encrypted."), code="damaged"
        ) from error
    finally:
        upload.seek(0)


def report_headers() -> list[str]:
    return [_("State"), _("Parliament"), _("Received"), _("Decided"), _("Reason")]


def _date(moment) -> str:
    return format_date(moment.date()) if moment else "—"


def report_tables(track) -> list[dict]:
    """One table per state, in the order of the states, each row a delegation that accepted."""
    return [
        {
            "state": label,
            "rows": [
                [
                    str(delegation.parliament.name),
                    _date(delegation.credentials_received_at),
                    _date(delegation.credentials_decided_at),
                    delegation.credentials_reason,
                ]
                for delegation in delegations
            ],
        }
        for label, delegations in selectors.delegations_by_state(track)
    ]


def report_xlsx(track) -> bytes:
    rows = [[table["state"], *row] for table in report_tables(track) for row in table["rows"]]
    return write_xlsx(report_headers(), rows, sheet_title=_("Credentials"))


def report_pdf(track) -> bytes:
    language = current_language()
    context = {
        "track": track,
        "language": language,
        "direction": text_direction(language),
        "headers": report_headers()[1:],
        "tables": report_tables(track),
    }
    return render_pdf("credentials/report.html", context, languages=[language])
