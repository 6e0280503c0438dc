"""The dashboard's sections: each reads its app's selectors and returns charts whose rows link to
the filtered list behind each number. A new section (the queries app's, for one) is a function
`section(track) -> Section` appended to SECTIONS."""

from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlencode

from babel.dates import format_timedelta
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from plenary.core import outbox
from plenary.core.dates import format_date
from plenary.core.languages import babel_locale
from plenary.core.models import OutboxMessage
from plenary.directory.models import Person, UNRegionalGroup
from plenary.invitations import selectors as invitation_selectors
from plenary.invitations.models import Invitation
from plenary.overview.charts import Chart, Row, number
from plenary.privacy import selectors as privacy_selectors
from plenary.privacy.models import ErasureRequest
from plenary.queries import selectors as query_selectors
from plenary.registration import selectors as registration_selectors
from plenary.registration.models import Delegation, Mode, Registration

CATEGORIES = {"ldc": "LDC", "lldc": "LLDC", "sids": "SIDS"}


@dataclass
class Section:
    key: str
    title: str
    charts: list[Chart] = field(default_factory=list)
    facts: list[tuple[str, str]] = field(default_factory=list)


def _admin_list(model: str, track, **filters) -> str:
    return f"{reverse(f'admin:{model}_changelist')}?{urlencode({'track__id__exact': track.pk, **filters})}"


def _registrations_list(track, **filters) -> str:
    return f"{reverse('registration:secretariat_list', kwargs={'track': track.slug})}?{urlencode(filters)}"


def _totals(rows: list[dict], key: str) -> Counter:
    totals = Counter()
    for row in rows:
        totals[row[key]] += row["n"]
    return totals


def invitations(track) -> Section:
    rows = invitation_selectors.invitation_counts(track)
    by_status = _totals(rows, "status")
    by_group = _totals(rows, "group")
    answers = registration_selectors.delegation_responses(track)
    return Section(
        "invitations",
        _("Invitations"),
        charts=[
            Chart(
                "invitations-status",
                _("Invitations by status"),
                [
                    Row(
                        label,
                        by_status[value],
                        _admin_list("invitations_invitation", track, status__exact=value),
                    )
                    for value, label in Invitation.Status.choices
                ],
            ),
            Chart(
                "invitations-answers",
                _("Answers to the invitation"),
                [
                    Row(
                        label,
                        answers.get(value, 0),
                        _admin_list("registration_delegation", track, response__exact=value),
                    )
                    for value, label in Delegation.Response.choices
                ],
            ),
            Chart(
                "invitations-group",
                _("Invitations by UN regional group"),
                [
                    Row(
                        label,
                        by_group[value],
                        _admin_list(
                            "invitations_invitation",
                            track,
                            parliament__country__un_regional_group__exact=value,
                        ),
                    )
                    for value, label in UNRegionalGroup.choices
                ],
            ),
        ],
    )


def registrations(track) -> Section:
    rows = registration_selectors.registration_counts(track)
    by_category = Counter()
    for row in rows:
        for category in CATEGORIES:
            by_category[category] += row["n"] if row[category] else 0
    per_day = registration_selectors.registrations_per_day(track)

    def chart(key, title, choices, values, parameter):
        return Chart(
            key,
            title,
            [
                Row(label, values[value], _registrations_list(track, **{parameter: value}))
                for value, label in choices
            ],
        )

    return Section(
        "registrations",
        _("Registrations"),
        charts=[
            chart(
                "registrations-status",
                _("Registrations by status"),
                Registration.Status.choices,
                _totals(rows, "status"),
                "status",
            ),
            chart(
                "registrations-mode",
                _("Registrations by participation"),
                Mode.choices,
                _totals(rows, "mode"),
                "mode",
            ),
            chart(
                "registrations-gender",
                _("Registrations by gender"),
                Person.Gender.choices,
                _totals(rows, "gender"),
                "gender",
            ),
            chart(
                "registrations-group",
                _("Registrations by UN regional group"),
                UNRegionalGroup.choices,
                _totals(rows, "group"),
                "group",
            ),
            chart(
                "registrations-category",
                _("Registrations by economic category"),
                list(CATEGORIES.items()),
                by_category,
                "category",
            ),
            Chart(
                "registrations-day",
                _("Registrations per day"),
                [Row(format_date(day), n) for day, n in per_day],
                note=_("The track opens on %(day)s.") % {"day": format_date(track.start_date)},
            ),
        ],
    )


def composition(track) -> Section:
    delegations = registration_selectors.women_in_delegations(track)
    people = sum(d.people for d in delegations)
    women = sum(d.women for d in delegations)
    none_named = [d for d in delegations if d.women == 0 and d.parliament.women_members]
    return Section(
        "composition",
        _("Women in delegations"),
        charts=[
            Chart(
                "composition-share",
                _("Share of women in each delegation (per cent)"),
                [
                    Row(
                        str(d.parliament.name),
                        round(100 * d.women / d.people),
                        _registrations_list(track, parliament=d.parliament_id),
                    )
                    for d in delegations
                ],
            )
        ],
        facts=[
            (_("Women registered, of everyone registered"), f"{women} / {people}"),
            (
                _("Delegations of parliaments with women members that named none"),
                ", ".join(str(d.parliament.name) for d in none_named) or "—",
            ),
        ],
    )


def seats(track) -> Section:
    venue = registration_selectors.venue_seats(track)
    return Section(
        "seats",
        _("Seats at the venue"),
        charts=[
            Chart(
                "seats-venue",
                _("Seats at the venue"),
                [
                    Row(pgettext("seats", "Capacity"), venue["capacity"]),
                    Row(
                        pgettext("seats", "Taken"),
                        venue["taken"],
                        _registrations_list(track, status="confirmed", mode="onsite"),
                    ),
                    Row(
                        pgettext("seats", "Waiting"),
                        venue["waiting"],
                        _registrations_list(track, status="waitlisted", mode="onsite"),
                    ),
                ],
            )
        ],
    )


def check_in(track) -> Section:
    return Section(
        "check-in",
        _("Check-in"),
        charts=[
            Chart(
                "check-in-day",
                _("People checked in per day"),
                [Row(format_date(day), n) for day, n in registration_selectors.checkins_per_day(track)],
            )
        ],
    )


def outbox_section(track) -> Section:
    summary = outbox.status_summary()
    oldest = summary["oldest_due"]
    return Section(
        "outbox",
        _("Outgoing e-mail"),
        charts=[
            Chart(
                "outbox-status",
                _("E-mails by status"),
                [
                    Row(
                        label,
                        summary["counts"][value],
                        f"{reverse('admin:core_outboxmessage_changelist')}?status__exact={value}",
                    )
                    for value, label in OutboxMessage.Status.choices
                ],
            )
        ],
        facts=[(_("Oldest e-mail waiting since"), format_date(oldest.date()) if oldest else "—")],
    )


def queries_section(track) -> Section:
    figures = query_selectors.dashboard_figures(track)
    median = figures["median_first_answer"]
    return Section(
        "queries",
        _("Queries"),
        facts=[
            (_("Queries waiting for the secretariat"), number(figures["open"])),
            (
                _("Median time to a first answer"),
                format_timedelta(median, locale=babel_locale()) if median is not None else "—",
            ),
        ],
    )


def privacy_section(track) -> Section:
    """What each kind of personal data is kept for: the day it goes and how many records still hold
    it (plenary.privacy's schedule), and the erasure requests waiting."""
    waiting = privacy_selectors.erasure_requests(track).filter(status=ErasureRequest.Status.OPEN).count()
    return Section(
        "privacy",
        _("Personal data"),
        facts=[
            (
                row.label,
                _("goes on %(date)s; %(count)s records hold it")
                % {"date": format_date(row.due_on), "count": number(row.remaining)},
            )
            for row in privacy_selectors.retention_schedule(track)
        ]
        + [(_("Erasure requests waiting"), number(waiting))],
    )


SECTIONS = [
    invitations,
    registrations,
    composition,
    seats,
    check_in,
    outbox_section,
    queries_section,
    privacy_section,
]


def dashboard(track) -> list[Section]:
    return [section(track) for section in SECTIONS]
