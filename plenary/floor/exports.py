"""The list after the session, for the summary record: who spoke, in order, and the time each used."""

from django.utils.translation import gettext as _

from plenary.core.tabular import write_csv, write_xlsx
from plenary.floor import selectors


def _table(session) -> tuple[list[str], list[list]]:
    headers = [
        _("Order"),
        _("Speaker"),
        _("Delegation"),
        _("Speaking from"),
        _("Called at"),
        _("Seconds used"),
    ]
    rows = [
        [
            row["order"],
            row["name"],
            row["delegation"],
            row["mode"],
            row["called_at"].isoformat(timespec="seconds"),
            "" if row["seconds_used"] is None else row["seconds_used"],
        ]
        for row in selectors.speakers_in_order(session)
    ]
    return headers, rows


def speakers_csv(session) -> bytes:
    return write_csv(*_table(session))


def speakers_xlsx(session) -> bytes:
    return write_xlsx(*_table(session), sheet_title=_("Speakers"))
