"""Shared reads: what is due when, the secretariat's requests, and everything held about a person."""

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plenary.core.dates import format_clock, format_date
from plenary.core.languages import language_name
from plenary.core.translation import plain
from plenary.directory.models import Person
from plenary.funding.models import Application
from plenary.privacy.models import DataKind, ErasureRequest, RetentionRun
from plenary.privacy.services import HOLDS_CONTACT, due_on, local_today, policy_for, queries_of
from plenary.programme.models import Speaker
from plenary.queries.models import Query
from plenary.registration.models import DelegationMember, Registration

# Retention ---------------------------------------------------------------------------------------


@dataclass
class Due:
    kind: str
    label: str
    days_kept: int
    due_on: dt.date
    is_due: bool
    remaining: int
    last_run: RetentionRun | None


def holding(track, kind: str) -> int:
    """How many records of `kind` the track still holds."""
    registrations = Registration.objects.filter(track=track)
    if kind == DataKind.PASSPORT:
        return registrations.exclude(passport_number="", passport_expiry__isnull=True).count()
    if kind == DataKind.PHOTO:
        return registrations.exclude(photo="").count()
    if kind == DataKind.CONTACT:
        asked = Query.objects.filter(track=track).exclude(asker_email="").count()
        return registrations.filter(HOLDS_CONTACT).count() + asked
    return registrations.filter(anonymised_at__isnull=True).count()


def retention_schedule(track, now: dt.datetime | None = None) -> list[Due]:
    """Each kind of data: how long it is kept, the day it goes, whether that day has come, how many
    records still hold it and the last run that purged it."""
    now = now or timezone.now()
    policy = policy_for(track)
    today = local_today(track, now)
    rows = []
    for kind in DataKind:
        day = due_on(track, kind, policy)
        rows.append(
            Due(
                kind=kind.value,
                label=str(kind.label),
                days_kept=policy.days_kept(kind),
                due_on=day,
                is_due=today >= day,
                remaining=holding(track, kind),
                last_run=RetentionRun.objects.filter(track=track, kind=kind).first(),
            )
        )
    return rows


def erasure_requests(track):
    return ErasureRequest.objects.filter(track=track).select_related(
        "person__parliament", "asked_by", "decided_by"
    )


# Export ------------------------------------------------------------------------------------------


@dataclass
class Record:
    """One record of the export: (field name, its label in the reader's language, its value)."""

    fields: list[tuple[str, str, object]] = field(default_factory=list)


@dataclass
class Part:
    key: str
    title: str
    records: list[Record]


def _value(instance, model_field):
    if model_field.is_relation:
        related = getattr(instance, model_field.name)
        return "" if related is None else str(related)
    value = plain(getattr(instance, model_field.attname))
    if model_field.choices and value:
        return str(getattr(instance, f"get_{model_field.name}_display")())
    if model_field.name == "gender" and value in Person.Gender.values:
        return str(Person.Gender(value).label)
    if model_field.name.endswith("language") and value:
        return language_name(value)
    if hasattr(value, "name"):  # a file: whether it is held, not where
        return bool(value.name)
    return value


# Fields whose models give no label of their own.
LABELS = {
    (DelegationMember, "delegation"): gettext_lazy("delegation"),
    (DelegationMember, "added_at"): gettext_lazy("named on"),
    (Registration, "consent_language"): gettext_lazy("language of the consent to the privacy notice"),
    (Registration, "list_consent_language"): gettext_lazy("language of the consent to appear in the list"),
    (Registration, "created_at"): gettext_lazy("submitted on"),
    (Application, "created_at"): gettext_lazy("submitted on"),
}


def _label(instance, model_field) -> str:
    return str(LABELS.get((type(instance), model_field.name), model_field.verbose_name))


def _record(instance, names: list[str]) -> Record:
    fields = [instance._meta.get_field(name) for name in names]
    return Record([(f.name, _label(instance, f), _value(instance, f)) for f in fields])


PERSON_FIELDS = ["honorific", "given_name", "family_name", "name_arabic", "gender", "email", "phone"]
PERSON_FIELDS += ["preferred_language", "parliament", "chamber"]
MEMBER_FIELDS = ["delegation", "kind", "role", "link_sent_at", "added_at"]
REGISTRATION_FIELDS = [
    "track", "reference", "status", "mode", "kind", "language", "honorific", "given_name", "family_name",
    "name_arabic", "gender", "email", "nationality", "chamber", "functions", "committees", "days",
    "interpretation", "accessibility", "dietary", "visa_letter", "passport_number", "passport_expiry",
    "photo", "arrival", "departure", "consent_at", "consent_language", "list_consent_at",
    "list_consent_language", "list_consent_text", "rejection_reason", "created_at",
]  # fmt: skip
APPLICATION_FIELDS = [
    "call", "status", "language", "motivation", "committee_work", "digital_committee",
    "previous_participation", "first_time", "contribution", "full_package", "amount_asked", "itinerary",
    "airfare_quote", "nights", "endorsed_at", "endorsement_letter", "grant_amount", "paid", "created_at",
]  # fmt: skip
QUERY_FIELDS = ["track", "category", "status", "asker_name", "asker_email", "created_at"]
SPEAKER_FIELDS = ["track", "name", "email", "language"]


def personal_data(person: Person) -> list[Part]:
    """Everything plenary holds about `person`, in the active language's labels."""
    queries = Query.objects.filter(queries_of(person))
    mine = {"person": person}
    parts = [
        Part("person", _("Directory"), [_record(person, PERSON_FIELDS)]),
        Part("delegations", _("Named in delegations"), _records(DelegationMember, mine, MEMBER_FIELDS)),
        Part("registrations", _("Registrations"), _records(Registration, mine, REGISTRATION_FIELDS)),
        Part("funding", _("Travel funding"), _records(Application, mine, APPLICATION_FIELDS)),
        Part("queries", _("Queries to the secretariat"), _query_records(queries.distinct())),
        Part("speaker", _("Speaker profiles"), _records(Speaker, mine, SPEAKER_FIELDS)),
    ]
    if person.user_id:
        parts.insert(
            1, Part("account", _("Account"), [_record(person.user, ["email", "date_joined", "last_login"])])
        )
    return parts


def _records(model, filters: dict, names) -> list[Record]:
    return [_record(instance, names) for instance in model.objects.filter(**filters).order_by("pk")]


def _query_records(queries) -> list[Record]:
    records = []
    for query in queries.order_by("pk"):
        record = _record(query, QUERY_FIELDS)
        messages = [plain(message.body) for message in query.messages.order_by("created_at", "pk")]
        record.fields.append(("messages", _("messages"), messages))
        records.append(record)
    return records


def _json_value(value):
    return value.isoformat() if isinstance(value, dt.date | dt.datetime) else value


def as_json(parts: list[Part]) -> dict:
    return {
        part.key: [
            {name: _json_value(value) for name, _label, value in record.fields} for record in part.records
        ]
        for part in parts
    }


def readable(value) -> str:
    """A value of the export as the PDF shows it."""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value)
        return f"{format_date(value.date())} {format_clock(value)}"
    if isinstance(value, dt.date):
        return format_date(value)
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list):
        return " · ".join(readable(item) for item in value)
    return str(value)


def for_reading(parts: list[Part]) -> list[dict]:
    """The parts with each value readable: what the PDF shows."""
    return [
        {
            "title": part.title,
            "records": [
                [(label, readable(value)) for _name, label, value in record.fields] for record in part.records
            ],
        }
        for part in parts
    ]
