"""The "women in delegations" table, as the IPU publishes it after each Assembly: PDF and XLSX."""

from django.utils.translation import gettext as _

from plenary.core.languages import current_language, text_direction
from plenary.core.pdf import render_pdf
from plenary.core.tabular import write_xlsx
from plenary.overview.charts import number
from plenary.registration.selectors import women_in_delegations


def women_headers() -> list[str]:
    return [
        _("Parliament"),
        _("Women members of the parliament"),
        _("People in the delegation"),
        _("Women in the delegation"),
        _("Share of women (per cent)"),
    ]


def women_rows(track) -> list[list[str]]:
    rows = []
    for delegation in women_in_delegations(track):
        known = delegation.parliament.women_members
        rows.append(
            [
                str(delegation.parliament.name),
                "—" if known is None else number(known),
                number(delegation.people),
                number(delegation.women),
                number(round(100 * delegation.women / delegation.people)),
            ]
        )
    return rows


def women_xlsx(track) -> bytes:
    return write_xlsx(women_headers(), women_rows(track), sheet_title=_("Women in delegations"))


def women_pdf(track) -> bytes:
    language = current_language()
    context = {
        "track": track,
        "language": language,
        "direction": text_direction(language),
        "headers": women_headers(),
        "rows": women_rows(track),
    }
    return render_pdf("overview/women_in_delegations.html", context, languages=[language])
