"""Personal data: each track's retention, run daily; erasure on request, confirmed by the secretariat."""

import datetime as dt
import logging
from zoneinfo import ZoneInfo

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from plenary.core.audit import diff, record, snapshot
from plenary.core.errors import ServiceError
from plenary.core.models import AuditEntry, OutboxAttachment, OutboxMessage, RoleAssignment
from plenary.core.outbox import queue_templated_email
from plenary.core.private_files import delete_after_commit
from plenary.directory.models import Person
from plenary.events.models import Track
from plenary.funding.models import Application, Review
from plenary.privacy.models import DataKind, ErasureRequest, RetentionPolicy, RetentionRun
from plenary.privacy.redaction import redact_everywhere
from plenary.programme.models import Speaker
from plenary.queries.models import Message, Query
from plenary.registration.models import DelegationMember, Registration
from plenary.registration.services import purge_passports

logger = logging.getLogger(__name__)


class PrivacyError(ServiceError):
    pass


# Retention ---------------------------------------------------------------------------------------


def policy_for(track: Track) -> RetentionPolicy:
    """The track's retention policy; until the secretariat sets its own, the defaults (not saved:
    reading the schedule writes nothing)."""
    return RetentionPolicy.objects.filter(track=track).first() or RetentionPolicy(track=track)


def set_policy(*, policy: RetentionPolicy, days: dict, actor) -> RetentionPolicy:
    """The secretariat's periods; the form and the database check that passport data goes first."""
    before = snapshot(policy)
    for name, value in days.items():
        setattr(policy, name, value)
    with transaction.atomic():
        policy.save()
        record(
            actor=actor,
            action="privacy.policy_changed",
            target=policy,
            changes=diff(before, snapshot(policy)),
        )
    return policy


def due_on(track: Track, kind: str, policy: RetentionPolicy) -> dt.date:
    """The first day (in the forum's time zone) on which `kind` is purged: the days kept count from
    the day after the track's last day."""
    return track.end_date + dt.timedelta(days=policy.days_kept(kind) + 1)


def local_today(track: Track, now: dt.datetime) -> dt.date:
    return now.astimezone(ZoneInfo(track.forum.time_zone)).date()


def _clear_photos(registrations) -> int:
    count = 0
    for registration in registrations.exclude(photo=""):
        delete_after_commit(registration.photo.storage, registration.photo.name)
        Registration.objects.filter(pk=registration.pk).update(photo="")
        count += 1
    return count


CONTACT_FIELDS = {"email": "", "accessibility": "", "dietary": "", "arrival": None, "departure": None}
HOLDS_CONTACT = (
    ~Q(email="")
    | ~Q(accessibility="")
    | ~Q(dietary="")
    | Q(arrival__isnull=False)
    | Q(departure__isnull=False)
)
ANONYMOUS_REGISTRATION = CONTACT_FIELDS | {
    "honorific": "",
    "given_name": "",
    "family_name": "",
    "name_arabic": "",
    "functions": "",
    "committees": "",
    "passport_number": "",
    "passport_expiry": None,
    "rejection_reason": "",
    "list_consent_at": None,
    "list_consent_language": "",
    "list_consent_version": "",
    "list_consent_text": "",
}


def purge_photos(track: Track) -> int:
    return _clear_photos(Registration.objects.filter(track=track))


def purge_contact_details(track: Track) -> int:
    count = Registration.objects.filter(HOLDS_CONTACT, track=track).update(**CONTACT_FIELDS)
    return count + Query.objects.filter(track=track).exclude(asker_email="").update(asker_email="")


def anonymise_registrations(registrations, now: dt.datetime) -> int:
    """What stays of a registration is what the reports count: its track, delegation, status, mode,
    kind, days, gender and nationality."""
    _clear_photos(registrations)
    return registrations.filter(anonymised_at__isnull=True).update(
        **ANONYMOUS_REGISTRATION, anonymised_at=now
    )


PURGES = {
    DataKind.PASSPORT: lambda track, now: purge_passports(track=track, actor=None),
    DataKind.PHOTO: lambda track, now: purge_photos(track),
    DataKind.CONTACT: lambda track, now: purge_contact_details(track),
    DataKind.REGISTRATION: lambda track, now: anonymise_registrations(
        Registration.objects.filter(track=track), now
    ),
}


def apply_due_retention(now: dt.datetime | None = None) -> dict[str, dict[str, int]]:
    """The daily job (settings.PLENARY_PERIODIC_JOBS): purge or anonymise what each track's policy
    says is due. Records one RetentionRun per kind that changed anything (a count, never the data);
    returns the counts per track slug and kind."""
    now = now or timezone.now()
    done = {}
    # No time zone is more than a day ahead of UTC: a track past in its own is past by UTC's date.
    for track in Track.objects.filter(end_date__lte=now.astimezone(dt.UTC).date()).select_related("forum"):
        counts = _apply_to_track(track, now)
        if counts:
            done[track.slug] = counts
    forget_sent_erasure_notices()
    return done


def _apply_to_track(track: Track, now: dt.datetime) -> dict[str, int]:
    policy = policy_for(track)
    today = local_today(track, now)
    counts = {}
    for kind in DataKind.values:
        if today < due_on(track, kind, policy):
            continue
        with transaction.atomic():
            count = PURGES[kind](track, now)
            if count:
                RetentionRun.objects.create(track=track, kind=kind, ran_at=now, count=count)
                record(actor=None, action=f"privacy.retention.{kind}", target=track, changes={"count": count})
        if count:
            counts[kind] = count
            logger.info("Retention of %s: %s, %d records", track.slug, kind, count)
    return counts


# Erasure -----------------------------------------------------------------------------------------


def request_erasure(
    *, person: Person, track: Track, actor, language: str, by_focal_point: bool
) -> ErasureRequest:
    """Record the wish; the secretariat confirms it (ErasureRequest is its to-do list)."""
    with transaction.atomic():
        Person.objects.select_for_update().get(pk=person.pk)
        existing = ErasureRequest.objects.filter(person=person, status=ErasureRequest.Status.OPEN).first()
        if existing is not None:
            return existing
        erasure = ErasureRequest.objects.create(
            person=person,
            track=track,
            asked_by=actor if getattr(actor, "is_authenticated", False) else None,
            by_focal_point=by_focal_point,
            language=language,
        )
        record(actor=actor, action="privacy.erasure_requested", target=erasure)
    return erasure


def confirm_erasure(*, erasure: ErasureRequest, kept: str, actor) -> ErasureRequest:
    """Erase the person everywhere, keep what the secretariat says must stay (its explanation goes to
    the person), and tell them by e-mail. The audit keeps who acted and the counts, not the person."""
    with transaction.atomic():
        erasure = ErasureRequest.objects.select_for_update().select_related("track").get(pk=erasure.pk)
        if not erasure.is_open:
            raise PrivacyError(_("This request has already been carried out."))
        addresses = notice_addresses(erasure.person)
        with translation.override(erasure.language):
            kept_paid = _kept_ledger_entries(erasure.person)
        counts = erase_person(erasure.person, now=timezone.now())
        erasure.status = ErasureRequest.Status.DONE
        erasure.kept = "\n".join(part for part in (kept.strip(), kept_paid) if part)
        erasure.decided_by = actor
        erasure.decided_at = timezone.now()
        erasure.save()
        record(actor=actor, action="privacy.erased", target=erasure, changes=counts)
        if addresses:
            queue_templated_email(
                template="privacy/email/erased",
                context={"erasure": erasure, "track": erasure.track},
                to=addresses,
                language=erasure.language,
                track=erasure.track,
                related=erasure,
                actor=actor,
            )
    return erasure


def notice_addresses(person: Person) -> list[str]:
    """Where the person is told: their directory address, else that of their latest registration."""
    if person.email:
        return [person.email]
    latest = Registration.objects.filter(person=person).exclude(email="").order_by("-pk").first()
    return [latest.email] if latest else []


def _kept_ledger_entries(person: Person) -> str:
    paid = list(Application.objects.filter(person=person, paid__gt=0).select_related("call"))
    if not paid:
        return ""
    return _("The funding ledger keeps what was paid to you, without your name: %(entries)s.") % {
        "entries": ", ".join(f"{application.paid} {application.call.currency}" for application in paid)
    }


def identifiers(person: Person) -> tuple[list[str], list[str]]:
    """What names the person for certain (e-mail addresses, passport numbers, whole names) and their
    single names, from the directory and every registration."""
    registrations = list(Registration.objects.filter(person=person))
    holders = [person, *registrations]
    certain = {person.email, *(r.email for r in registrations), *(r.passport_number for r in registrations)}
    if person.user_id:
        certain.add(person.user.email)
    names = set()
    for holder in holders:
        given, family = holder.given_name.strip(), holder.family_name.strip()
        if given and family:
            certain |= {f"{given} {family}", f"{family} {given}", f"{family}, {given}"}
        certain.add(holder.name_arabic.strip())
        names |= {given, family, *given.split(), *family.split()}
    # A term of a letter or two, or a stray sign, would match everyone's text.
    return sorted(term for term in certain if len(term) > 2), sorted(name for name in names if len(name) > 1)


def erase_person(person: Person, *, now: dt.datetime) -> dict[str, int]:
    """Everything plenary holds about `person`, cleared; the rows that reports count stay, anonymous."""
    certain, names = identifiers(person)
    registrations = Registration.objects.filter(person=person)
    applications = Application.objects.filter(person=person)
    queries = Query.objects.filter(queries_of(person))
    counts = {
        "registrations": anonymise_registrations(registrations, now),
        "applications": _clear_applications(applications),
        "queries": _clear_queries(queries),
        "speakers": Speaker.objects.filter(person=person).update(name="", email=""),
        "audit_entries": _clear_audit_of(person),
        "emails": _clear_emails(certain),
    }
    _clear_account(person)
    # The personal links stop opening: a new version of the member's link.
    DelegationMember.objects.filter(person=person).update(
        link_sent_at=None, link_version=F("link_version") + 1
    )
    person.functions.clear()
    person.committees.clear()
    Person.objects.filter(pk=person.pk).update(
        honorific="", given_name="", family_name="", name_arabic="", email="", phone="", user=None
    )
    counts["other_rows"] = redact_everywhere(certain=certain, names=names)
    return counts


def queries_of(person: Person) -> Q:
    about = Q(registration__person=person)
    return about | Q(asker_id=person.user_id) if person.user_id else about


def _clear_applications(applications) -> int:
    for application in applications.exclude(endorsement_letter=""):
        delete_after_commit(application.endorsement_letter.storage, application.endorsement_letter.name)
    Review.objects.filter(application__in=applications).update(comment="")
    return applications.update(
        motivation="",
        committee_work="",
        previous_participation="",
        contribution="",
        itinerary="",
        endorsement_letter="",
    )


def _clear_queries(queries) -> int:
    messages = Message.objects.filter(query__in=queries)
    for message in messages.exclude(attachment=""):
        delete_after_commit(message.attachment.storage, message.attachment.name)
    messages.update(body="", attachment="")
    return queries.update(asker_name="", asker_email="")


def _owned_records(person: Person) -> dict:
    """The records that are about the person, by model: the audit entries about them are cleared."""
    owned = {
        Person: [person.pk],
        Registration: list(Registration.objects.filter(person=person).values_list("pk", flat=True)),
        DelegationMember: list(DelegationMember.objects.filter(person=person).values_list("pk", flat=True)),
        Application: list(Application.objects.filter(person=person).values_list("pk", flat=True)),
    }
    if person.user_id:
        owned[type(person.user)] = [person.user_id]
    return owned


def _clear_audit_of(person: Person) -> int:
    about = Q(pk__in=[])
    for model, pks in _owned_records(person).items():
        about |= Q(
            target_type=ContentType.objects.get_for_model(model), target_id__in=[str(pk) for pk in pks]
        )
    return AuditEntry.objects.filter(about).update(target_repr="", changes={})


def _clear_emails(certain: list[str]) -> int:
    """The copies of the e-mails sent to the person keep their date and status, not their words."""
    addresses = [term for term in certain if "@" in term]
    messages = [
        message
        for message in OutboxMessage.objects.only("pk", "to", "cc")
        if {address.lower() for address in (*message.to, *message.cc)} & {a.lower() for a in addresses}
    ]
    return _blank_messages([message.pk for message in messages])


def _blank_messages(pks: list[int]) -> int:
    """The messages keep their date and status; their words, addresses and the audit of their
    queueing (which names the recipient) go."""
    OutboxAttachment.objects.filter(message_id__in=pks).delete()
    AuditEntry.objects.filter(
        target_type=ContentType.objects.get_for_model(OutboxMessage), target_id__in=[str(pk) for pk in pks]
    ).update(target_repr="", changes={})
    return OutboxMessage.objects.filter(pk__in=pks).update(to=[], cc=[], subject="", body="", html_body="")


def _clear_account(person: Person) -> None:
    user = person.user
    if user is None:
        return
    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    RoleAssignment.objects.filter(user=user).delete()
    user.username = f"erased-{user.pk}"
    user.email = ""
    user.first_name = ""
    user.last_name = ""
    user.is_active = False
    user.set_unusable_password()
    user.save()


def forget_sent_erasure_notices() -> int:
    """Once the e-mail telling a person they are erased is sent, its copy forgets their address."""
    sent = OutboxMessage.objects.filter(
        related_type=ContentType.objects.get_for_model(ErasureRequest), status=OutboxMessage.Status.SENT
    ).exclude(to=[])
    return _blank_messages(list(sent.values_list("pk", flat=True)))
