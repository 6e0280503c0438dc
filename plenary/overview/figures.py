"""The dashboard's sections: each reads its app's selectors and returns charts whose rows link to
the filtered list behind each number. A new section (the queries app's, for one) is a function
`section(track) -> Section` appended to SECTIONS."""

from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlencode

from babel.dates import format_timedelta
from babel.numbers import format_currency, format_percent
from django.conf import settings
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from plenary.core import outbox
from plenary.core.dates import format_date
from plenary.core.languages import babel_locale
from plenary.core.models import OutboxMessage
from plenary.directory.models import Person, UNRegionalGroup
from plenary.funding import selectors as funding_selectors
from plenary.funding.eligibility import CountryCategory
from plenary.invitations import selectors as invitation_selectors
from plenary.invitations.models import Invitation
from plenary.outcomes import selectors as outcome_selectors
from plenary.overview.charts import Chart, Row, number
from plenary.privacy import selectors as privacy_selectors
from plenary.privacy.models import ErasureRequest
from plenary.programme import selectors as programme_selectors
from plenary.queries import selectors as query_selectors
from plenary.registration import selectors as registration_selectors
from plenary.registration.models import Delegation, Mode, Registration

# Named as the funding pages name them, in the reader's language.
CATEGORIES = {
    category.value: capfirst(category.label)
    for category in (CountryCategory.LDC, CountryCategory.LLDC, CountryCategory.SIDS)
}


@dataclass
class Table:
    """Figures with several columns per row, where one bar per row would hide what matters."""

    key: str
    caption: str
    headers: list[str]
    rows: list[list[str]]


@dataclass
class Section:
    key: str
    title: str
    charts: list[Chart] = field(default_factory=list)
    facts: list[tuple[str, str]] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)


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
                _per_day_rows(track, per_day),
                note=_timeline_note(track),
            ),
        ],
    )


def _per_day_rows(track, per_day: list[tuple]) -> list[Row]:
    """Registrations per day, the registration deadline among them as a marked row."""
    counts = dict(per_day)
    deadline = track.registration_deadline
    days = sorted(set(counts) | ({deadline} if deadline else set()))
    return [
        Row(
            _("%(day)s – registration deadline") % {"day": format_date(day)}
            if day == deadline
            else format_date(day),
            counts.get(day, 0),
            marked=day == deadline,
        )
        for day in days
    ]


def _timeline_note(track) -> str:
    sentences = []
    first_sent = invitation_selectors.first_sent_on(track)
    if first_sent:
        sentences.append(_("The first invitations went out on %(day)s.") % {"day": format_date(first_sent)})
    if track.registration_deadline:
        sentences.append(
            _("Registration closes after %(day)s.") % {"day": format_date(track.registration_deadline)}
        )
    sentences.append(_("The track opens on %(day)s.") % {"day": format_date(track.start_date)})
    return " ".join(sentences)


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


def session_seats(track) -> Section:
    sessions = programme_selectors.seat_counts(track)
    return Section(
        "session-seats",
        _("Seats per session"),
        charts=[
            Chart(
                "session-seats-taken",
                _("Seats taken per session"),
                [
                    Row(str(session.title), session.seats_held, _session_page(track, session))
                    for session in sessions
                ],
            )
        ],
        tables=[
            Table(
                "session-seats-table",
                _("Seats per session"),
                [
                    _("Session"),
                    pgettext("seats", "Capacity"),
                    pgettext("seats", "Taken"),
                    pgettext("seats", "Waiting"),
                ],
                [
                    [
                        str(session.title),
                        number(session.capacity),
                        number(session.seats_held),
                        number(session.seats_waiting),
                    ]
                    for session in sessions
                ],
            )
        ],
    )


def _session_page(track, session) -> str:
    return reverse("programme:session", kwargs={"track": track.slug, "slug": session.slug})


def funding(track) -> Section:
    calls = funding_selectors.calls_of_track(track)
    groups = funding_selectors.grant_groups(track)
    section = Section("funding", _("Travel funding"))
    for call in calls:
        section.facts.extend(_call_facts(call, [g for g in groups if g.call_id == call.pk]))
        section.tables.append(_call_regions(call, [g for g in groups if g.call_id == call.pk]))
    return section


def _money(amount: int, currency: str) -> str:
    return format_currency(amount, currency, locale=babel_locale())


def _call_facts(call, groups) -> list[tuple[str, str]]:
    grants = sum(g.grants for g in groups)
    women = sum(g.grants for g in groups if g.gender == Person.Gender.FEMALE)
    share = format_percent(women / grants, locale=babel_locale()) if grants else "—"
    title = str(call.title)
    facts = [
        (_("%(call)s: budget") % {"call": title}, _money(call.budget, call.currency)),
        (_("%(call)s: committed") % {"call": title}, _money(call.committed, call.currency)),
        (_("%(call)s: paid") % {"call": title}, _money(call.paid, call.currency)),
        (
            _("%(call)s: women among the grants (the call asks at least %(minimum)s)")
            % {"call": title, "minimum": format_percent(call.min_women_percent / 100, locale=babel_locale())},
            f"{share} ({number(women)} / {number(grants)})",
        ),
    ]
    if call.max_funded is not None:
        facts.append(
            (
                _("%(call)s: people funded (the call allows at most %(maximum)s)")
                % {"call": title, "maximum": number(call.max_funded)},
                number(grants),
            )
        )
    return facts


def _call_regions(call, groups) -> Table:
    limits = call.region_limits or {}
    rows = []
    for value, label in UNRegionalGroup.choices:
        mine = [g for g in groups if g.group == value]
        minimum, maximum = limits.get(value, [None, None])
        rows.append(
            [
                str(label),
                number(sum(g.grants for g in mine)),
                number(sum(g.grants for g in mine if g.gender == Person.Gender.FEMALE)),
                _money(sum(g.amount for g in mine), call.currency),
                "—" if minimum is None else number(minimum),
                "—" if maximum is None else number(maximum),
            ]
        )
    return Table(
        f"funding-{call.pk}-regions",
        _("%(call)s: grants by UN regional group, against the call's limits") % {"call": str(call.title)},
        [
            _("UN regional group"),
            _("Grants"),
            _("Women"),
            _("Amount"),
            _("Minimum"),
            _("Maximum"),
        ],
        rows,
    )


def _translation_columns() -> dict[str, str]:
    """In the language of the request (a module-level dict would keep the language of the import)."""
    return {
        "verified": pgettext("translation status", "Verified"),
        "draft": pgettext("translation status", "Draft"),
        "stale": _("Source changed since"),
        "missing": pgettext("translation status", "Missing"),
    }


def output_document(track) -> Section:
    status = outcome_selectors.translation_status(track)
    if not status:
        return Section("output-document", _("Output document"), facts=[(_("Output document"), "—")])
    work = reverse("outcomes:work", kwargs={"track": track.slug})
    names = dict(settings.LANGUAGES)
    columns = _translation_columns()
    return Section(
        "output-document",
        _("Output document"),
        charts=[
            Chart(
                "output-document-verified",
                _("Paragraphs verified per language"),
                [Row(str(names[language]), counts["verified"], work) for language, counts in status.items()],
            )
        ],
        tables=[
            Table(
                "output-document-translations",
                _("Translation status per language"),
                [_("Language"), *columns.values()],
                [
                    [str(names[language]), *(number(counts[key]) for key in columns)]
                    for language, counts in status.items()
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
    session_seats,
    funding,
    check_in,
    outbox_section,
    queries_section,
    output_document,
    privacy_section,
]


def dashboard(track) -> list[Section]:
    return [section(track) for section in SECTIONS]
