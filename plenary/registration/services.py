"""Every write of delegations and registrations. Seats are decided under a row lock on TrackCapacity.

A submission is one transaction: one UPDATE … RETURNING locks the track's capacity row and takes the
next queue number, one statement counts the seats taken and the venue's queue (with a per-delegation
limit, the delegation's counts too), and the registration is inserted once, with its final status,
next to its audit entry and its e-mail.
"""

import datetime as dt
import hashlib
import logging
from collections import Counter
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, connection, transaction
from django.db.models import Count, F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plenary.core import private_files
from plenary.core.audit import diff, insert_recorded, record, snapshot
from plenary.core.dates import format_date, format_date_range
from plenary.core.errors import ServiceError
from plenary.events.models import Track
from plenary.registration import links, lookups, notifications, selectors, signals, webhook_events
from plenary.registration.models import (
    CheckIn,
    Delegation,
    DelegationMember,
    DelegationRole,
    MemberKind,
    Mode,
    Registration,
    TrackCapacity,
    WaitingFor,
)

logger = logging.getLogger(__name__)
Status = Registration.Status
PASSPORT_FIELDS = ["passport_number", "passport_expiry"]
# What the secretariat may correct in a registration (update_details).
DETAIL_FIELDS = (
    "honorific",
    "given_name",
    "family_name",
    "name_arabic",
    "gender",
    "email",
    "functions",
    "committees",
    "accessibility",
    "dietary",
    "passport_number",
    "passport_expiry",
)
HOLDING = (Status.CONFIRMED,)
# The kinds each onsite limit per delegation counts (Registration.delegation_limit_key).
LIMIT_KINDS = {"onsite_mps": [MemberKind.MP], "onsite_others": [MemberKind.ADVISER, MemberKind.STAFF]}
# What a submission reads of its track's capacity row: every column but the privacy notice.
_CAPACITY_FIELDS = [field for field in TrackCapacity._meta.concrete_fields if field.name != "privacy_notice"]
CAPACITY_RETURNED = tuple(field.attname for field in _CAPACITY_FIELDS)
# Locks a track's capacity row and takes the next queue number (none when the secretariat vets);
# returns CAPACITY_RETURNED, and whether the track has webhook endpoints (a submission looks them up
# only then). Plain SQL: the ORM's update() returns no row.
LOCK_CAPACITY_TAKING_QUEUE_NUMBER = f"""
UPDATE "registration_trackcapacity"
SET "next_queue_number" = "next_queue_number" + CASE WHEN "requires_vetting" THEN 0 ELSE 1 END
WHERE "track_id" = %s
RETURNING {", ".join(f'"{field.column}"' for field in _CAPACITY_FIELDS)},
    EXISTS (SELECT 1 FROM "webhooks_endpoint" WHERE "webhooks_endpoint"."track_id" = %s)
"""  # noqa: S608 - names, not input
# What deciding a new onsite submission's seat reads, and its place if it waits: the venue's seats
# taken and the registrations already in the venue's queue, in one statement.
VENUE_COUNTS = """
SELECT
    (SELECT COUNT(*) FROM "registration_registration"
     WHERE "track_id" = %(track)s AND "status" = %(confirmed)s AND "mode" = %(onsite)s),
    (SELECT COUNT(*) FROM "registration_registration"
     WHERE "track_id" = %(track)s AND "status" = %(waitlisted)s AND "waiting_for" = %(venue)s)
"""


class RegistrationError(ServiceError):
    """A rule refused the change; `message` is translated and safe to show."""


class AlreadyRegistered(RegistrationError):
    def __init__(self, registration):
        super().__init__(_("This person is already registered for this track."))
        self.registration = registration


def capacity_for(track) -> TrackCapacity:
    capacity, _created = TrackCapacity.objects.get_or_create(track=track)
    return capacity


def set_capacity(*, track, actor, **values) -> TrackCapacity:
    """The secretariat sets seats and per-delegation limits; freed seats go to the waiting list."""
    with transaction.atomic():
        capacity = capacity_for(track)
        capacity = TrackCapacity.objects.select_for_update().get(pk=capacity.pk)
        before = {name: getattr(capacity, name) for name in values}
        for name, value in values.items():
            setattr(capacity, name, value)
        capacity.full_clean()
        capacity.save()
        record(
            actor=actor,
            action="registration.capacity_set",
            target=capacity,
            changes={name: [before[name], value] for name, value in values.items()},
        )
        _promote(capacity, actor=actor)
    return capacity


# Delegations -----------------------------------------------------------------------------------


def delegation_for(*, track, parliament) -> Delegation:
    delegation, _created = Delegation.objects.get_or_create(track=track, parliament=parliament)
    return delegation


def answer_invitation(*, delegation: Delegation, accept: bool, actor) -> Delegation:
    """Record the parliament's answer on its delegation (and on the invitation, if plenary sent one)."""
    with transaction.atomic():
        delegation = Delegation.objects.select_for_update().get(pk=delegation.pk)
        before = delegation.response
        delegation.response = Delegation.Response.ACCEPTED if accept else Delegation.Response.DECLINED
        delegation.responded_at = timezone.now()
        delegation.responded_by = actor if getattr(actor, "is_authenticated", False) else None
        delegation.save(update_fields=["response", "responded_at", "responded_by"])
        record(
            actor=actor,
            action="registration.invitation_answered",
            target=delegation,
            changes={"response": [before, delegation.response]},
        )
        _mark_invitation_responded(delegation, actor)
        webhook_events.invitation_answered(delegation)
    return delegation


def _mark_invitation_responded(delegation: Delegation, actor) -> None:
    """The invitation this delegation answers, if the letter went through plenary, says so too."""
    from plenary.invitations.models import Invitation
    from plenary.invitations.services import mark_responded

    invitation = Invitation.objects.filter(track=delegation.track, parliament=delegation.parliament).first()
    if invitation is not None and invitation.status != Invitation.Status.RESPONDED:
        mark_responded(invitation=invitation, actor=actor)


def add_member(*, delegation: Delegation, person, kind: str, role: str, actor) -> DelegationMember:
    if delegation.response == Delegation.Response.DECLINED:
        raise RegistrationError(_("The invitation was declined: accept it before naming members."))
    if person.parliament_id != delegation.parliament_id:
        raise RegistrationError(_("This person does not belong to the delegation's parliament."))
    with transaction.atomic():
        if role == DelegationRole.HEAD and delegation.members.filter(role=DelegationRole.HEAD).exists():
            raise RegistrationError(_("The delegation already has a head."))
        if delegation.members.filter(person=person).exists():
            raise RegistrationError(_("This person is already a member of the delegation."))
        member = DelegationMember.objects.create(
            delegation=delegation,
            person=person,
            kind=kind,
            role=role,
            added_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        record(
            actor=actor,
            action="registration.member_added",
            target=member,
            changes={"person": person.pk, "kind": kind, "role": role},
        )
    return member


def add_new_person(
    *, delegation: Delegation, person_data: dict, kind: str, role: str, actor
) -> DelegationMember:
    """Create a directory entry for someone the directory does not know yet, and name them."""
    from plenary.directory.models import Person

    with transaction.atomic():
        email = person_data.get("email", "")
        if email and Person.objects.filter(parliament=delegation.parliament, email__iexact=email).exists():
            person = Person.objects.get(parliament=delegation.parliament, email__iexact=email)
        else:
            person = Person.objects.create(parliament=delegation.parliament, **person_data)
            record(actor=actor, action="directory.person_created", target=person, changes=person_data)
        return add_member(delegation=delegation, person=person, kind=kind, role=role, actor=actor)


def send_registration_link(*, member: DelegationMember, link: str, actor) -> DelegationMember:
    if not member.person.email:
        raise RegistrationError(_("This person has no e-mail address in the directory."))
    closed = (Status.CANCELLED, Status.REJECTED)
    if Registration.objects.filter(member=member, status__in=closed).exists():
        raise RegistrationError(_("This registration is already closed."))
    with transaction.atomic():
        member.link_sent_at = timezone.now()
        member.save(update_fields=["link_sent_at"])
        notifications.registration_link(member=member, link=link, actor=actor)
        record(actor=actor, action="registration.link_sent", target=member)
    return member


def remove_member(*, member: DelegationMember, actor) -> None:
    with transaction.atomic():
        if Registration.objects.filter(member=member).exclude(status=Status.CANCELLED).exists():
            raise RegistrationError(_("This member has registered: cancel the registration first."))
        record(actor=actor, action="registration.member_removed", target=member)
        member.delete()


# Personal links --------------------------------------------------------------------------------

NEW_LINK_LIMITS = {"address": (3, 3600), "client": (20, 3600)}  # requests, per seconds


def withdraw_delegation_link(*, delegation: Delegation, actor) -> Delegation:
    """The delegation page's link sent so far stops opening; the next link sent is a new one."""
    return _bump_link_version(delegation, actor=actor, action="registration.delegation_link_withdrawn")


def withdraw_member_link(*, member: DelegationMember, actor) -> DelegationMember:
    """The member's registration link sent so far stops opening; the next link sent is a new one."""
    return _bump_link_version(member, actor=actor, action="registration.member_link_withdrawn")


def _bump_link_version(holder, *, actor, action):
    with transaction.atomic():
        before = holder.link_version
        type(holder).objects.filter(pk=holder.pk).update(link_version=F("link_version") + 1)
        holder.refresh_from_db(fields=["link_version"])
        changes = {"link_version": [before, holder.link_version]}
        record(actor=actor, action=action, target=holder, changes=changes)
    return holder


def may_ask_for_new_link(*, email: str, client: str) -> bool:
    """At most a few requests per address and per client in an hour: the page cannot be used to
    flood someone's mailbox. Each request counts, whether or not the address is known."""
    address_key = "new-link:address:" + hashlib.sha256(email.strip().lower().encode()).hexdigest()
    within_limits = True
    for key, (limit, seconds) in (
        (address_key, NEW_LINK_LIMITS["address"]),
        (f"new-link:client:{client}", NEW_LINK_LIMITS["client"]),
    ):
        cache.add(key, 0, seconds)
        within_limits = cache.incr(key) <= limit and within_limits
    return within_limits


def send_new_links(*, track, email: str, language: str) -> int:
    """E-mail a fresh personal link to every holder in this track whose address on file is `email`:
    a delegation member (registration link), a focal point (delegation page, in `language`), the
    recipient of an invitation already sent (its page). Each goes to the address on file. Returns
    how many e-mails are queued; the asker is never told."""
    from plenary.invitations.services import personal_link

    email = email.strip()
    mails = []
    for member in DelegationMember.objects.filter(
        delegation__track=track, person__email__iexact=email
    ).select_related("person", "delegation__track"):
        person = member.person
        link = links.member_link(member, settings.SITE_URL)
        mails.append((person.email, person.preferred_language, person.full_name, link, member))
    for user, delegation in _focal_point_delegations(track, email):
        link = links.delegation_link(delegation, settings.SITE_URL, language)
        mails.append((user.email, language, user.get_full_name(), link, delegation))
    for invitation in _invitations_sent_to(track, email):
        invitation_language = invitation.languages[0] if invitation.languages else track.primary_language
        addressee = invitation.addressee.full_name if invitation.addressee else ""
        link = personal_link(invitation)
        mails.append((invitation.to_email, invitation_language, addressee, link, invitation))
    with transaction.atomic():
        for to, mail_language, name, link, holder in mails:
            notifications.new_link(
                to=to, language=mail_language, name=name, link=link, track=track, holder=holder
            )
            record(actor=None, action="registration.new_link_sent", target=holder, changes={"to": to})
    return len(mails)


def _focal_point_delegations(track, email):
    from plenary.core.models import Role, RoleAssignment

    assignments = RoleAssignment.objects.filter(
        role=Role.FOCAL_POINT, user__email__iexact=email, parliament__isnull=False
    ).select_related("user")
    for assignment in assignments:
        delegation = Delegation.objects.filter(track=track, parliament=assignment.parliament_id).first()
        if delegation is not None:
            yield assignment.user, delegation


def _invitations_sent_to(track, email):
    from plenary.invitations.models import Invitation

    return (
        Invitation.objects.filter(track=track, to_email__iexact=email)
        .exclude(status=Invitation.Status.DRAFT)
        .select_related("track", "addressee")
    )


# Registrations ---------------------------------------------------------------------------------


def _locked_capacity(track_id) -> TrackCapacity:
    try:
        return TrackCapacity.objects.select_for_update().get(track_id=track_id)
    except TrackCapacity.DoesNotExist:
        raise RegistrationError(_("Registration for this track is not open yet.")) from None


def _seats_taken(track_id) -> int:
    return Registration.objects.filter(track_id=track_id, status=Status.CONFIRMED, mode=Mode.ONSITE).count()


def _delegation_has_room(capacity: TrackCapacity, registration: Registration) -> bool:
    limit = capacity.delegation_limit(registration.delegation_limit_key)
    if limit is None:
        return True
    held = Registration.objects.filter(
        delegation_id=registration.delegation_id, status=Status.CONFIRMED, mode=registration.mode
    ).exclude(pk=registration.pk)
    if registration.mode == Mode.ONSITE:
        held = held.filter(kind__in=LIMIT_KINDS[registration.delegation_limit_key])
    return held.count() < limit


def _take_queue_number(capacity: TrackCapacity) -> int:
    number = capacity.next_queue_number
    capacity.next_queue_number = number + 1
    capacity.save(update_fields=["next_queue_number"])
    return number


def _decide(capacity: TrackCapacity, registration: Registration) -> None:
    """Confirm `registration`, or put it in the queue that holds it back (capacity row locked by the
    caller, queue number taken): its delegation's limit first, since a free seat would not help it,
    then the venue's seats."""
    if not _delegation_has_room(capacity, registration):
        registration.status, registration.waiting_for = Status.WAITLISTED, WaitingFor.DELEGATION
    elif registration.mode == Mode.ONSITE and capacity.onsite_seats <= _seats_taken(capacity.track_id):
        registration.status, registration.waiting_for = Status.WAITLISTED, WaitingFor.VENUE
    else:
        registration.status, registration.waiting_for = Status.CONFIRMED, WaitingFor.NOTHING


def _allocate(capacity: TrackCapacity, registration: Registration) -> None:
    """Confirm or waitlist a stored `registration` (capacity row locked by the caller), in queue order."""
    registration.queue_number = _take_queue_number(capacity)
    _decide(capacity, registration)
    registration.save(update_fields=["queue_number", "status", "waiting_for", "updated_at"])


def _decide_submission(capacity: TrackCapacity, registration: Registration) -> dict | None:
    """`_decide` for a new submission; returns its place in a queue as `selectors.waiting_place`
    gives it (None: it does not wait). Without a delegation limit, one statement counts the seats
    and the venue's queue: the submission has just taken the newest queue number, so every
    registration in the queue is ahead of it."""
    limit = capacity.delegation_limit(registration.delegation_limit_key)
    if registration.mode != Mode.ONSITE or limit is not None:
        _decide(capacity, registration)
        return selectors.waiting_place(registration)
    seats_taken, venue_queue = _venue_counts(capacity.track_id)
    if capacity.onsite_seats <= seats_taken:
        registration.status, registration.waiting_for = Status.WAITLISTED, WaitingFor.VENUE
        return {"queue": WaitingFor.VENUE, "position": venue_queue + 1}
    registration.status, registration.waiting_for = Status.CONFIRMED, WaitingFor.NOTHING
    return None


def _venue_counts(track_id) -> tuple[int, int]:
    values = {
        "track": track_id,
        "confirmed": Status.CONFIRMED,
        "onsite": Mode.ONSITE,
        "waitlisted": Status.WAITLISTED,
        "venue": WaitingFor.VENUE,
    }
    with connection.cursor() as cursor:
        cursor.execute(VENUE_COUNTS, values)
        return cursor.fetchone()


def _lock_capacity_taking_queue_number(track_id) -> TrackCapacity:
    """Lock the track's capacity row and take the next queue number in one statement.

    An UPDATE locks the row as SELECT … FOR UPDATE does, and RETURNING gives the row as it is once
    locked (PostgreSQL re-reads a row another transaction changed meanwhile). When the secretariat
    vets, the number stays untaken: a submission is queued only when it is approved. The number
    taken is `capacity.next_queue_number - 1`. The seat counts that follow are separate statements,
    so they see every registration committed before the lock was granted. `has_webhooks`: whether
    the track had webhook endpoints when the statement began.
    """
    with connection.cursor() as cursor:
        cursor.execute(LOCK_CAPACITY_TAKING_QUEUE_NUMBER, [track_id, track_id])
        row = cursor.fetchone()
    if row is None:
        raise RegistrationError(_("Registration for this track is not open yet."))
    capacity = lookups.instance(TrackCapacity, CAPACITY_RETURNED, row[:-1])
    capacity.has_webhooks = bool(row[-1])
    return capacity


def _promote(capacity: TrackCapacity, *, actor) -> list[Registration]:
    """Walk the waiting registrations in queue order (capacity row locked by the caller): confirm each
    one its delegation's limit and the venue's seats both allow, and put every other in the queue
    that now holds it back. Both queues are thus served strictly in order of submission: a later
    registration can pass an earlier one only when they wait for different things."""
    waiting = list(
        Registration.objects.filter(track_id=capacity.track_id, status=Status.WAITLISTED)
        .only("delegation_id", "mode", "kind", "queue_number", "status", "waiting_for")
        .order_by("queue_number")
    )
    if not waiting:
        return []
    seats_free = capacity.onsite_seats - _seats_taken(capacity.track_id)
    held = _held_per_limit({registration.delegation_id for registration in waiting})
    promoted = []
    for registration in waiting:
        limit_key = (registration.delegation_id, registration.delegation_limit_key)
        limit = capacity.delegation_limit(registration.delegation_limit_key)
        if limit is not None and held[limit_key] >= limit:
            _wait_for(registration, WaitingFor.DELEGATION, actor=actor)
        elif registration.mode == Mode.ONSITE and seats_free <= 0:
            _wait_for(registration, WaitingFor.VENUE, actor=actor)
        else:
            promoted.append(_confirm_waiting(registration, actor=actor))
            held[limit_key] += 1
            if registration.mode == Mode.ONSITE:
                seats_free -= 1
    return promoted


def _held_per_limit(delegation_ids) -> Counter:
    """Confirmed registrations per (delegation, limit key) of the delegations given."""
    held = Counter()
    rows = (
        Registration.objects.filter(delegation_id__in=delegation_ids, status=Status.CONFIRMED)
        .values_list("delegation_id", "mode", "kind")
        .annotate(count=Count("id"))
        .order_by()
    )
    for delegation_id, mode, kind, count in rows:
        held[(delegation_id, Registration(mode=mode, kind=kind).delegation_limit_key)] += count
    return held


def _wait_for(registration: Registration, waiting_for: str, *, actor) -> None:
    """Move a waiting registration to the queue that now holds it back, and tell the delegate."""
    if registration.waiting_for == waiting_for:
        return
    before = registration.waiting_for
    registration = Registration.objects.select_related("track").get(pk=registration.pk)
    registration.waiting_for = waiting_for
    registration.save(update_fields=["waiting_for", "updated_at"])
    record(
        actor=actor,
        action="registration.queue_changed",
        target=registration,
        changes={"waiting_for": [before, waiting_for]},
    )
    notifications.status_changed(registration=registration, actor=actor)


def _confirm_waiting(registration: Registration, *, actor) -> Registration:
    promoted_from = registration.waiting_for
    registration = Registration.objects.select_related("track").get(pk=registration.pk)
    registration.status, registration.waiting_for = Status.CONFIRMED, WaitingFor.NOTHING
    registration.save(update_fields=["status", "waiting_for", "updated_at"])
    record(
        actor=actor,
        action="registration.promoted",
        target=registration,
        changes={"status": [Status.WAITLISTED, Status.CONFIRMED], "waiting_for": [promoted_from, ""]},
    )
    notifications.status_changed(registration=registration, actor=actor, promoted_from=promoted_from)
    webhook_events.promoted(registration, promoted_from)
    return registration


def submit_registration(
    *, member: DelegationMember, data: dict, photo=None, actor=None, delegation: Delegation | None = None
) -> Registration:
    """Register a delegation member. Raises AlreadyRegistered (with the existing registration).

    `delegation`: the member's delegation with its track, when the caller has just read them (the
    registration page has); otherwise they are read here.

    One transaction: lock the capacity row and take the queue number, decide the seat, insert the
    registration with its final status, write its audit entry and its e-mail. A second attempt
    for the same person fails on the unique constraint on (track, person); its rollback gives the
    queue number back, so numbers stay gapless.
    """
    if delegation is None:
        delegation = Delegation.objects.select_related("track").get(pk=member.delegation_id)
    elif delegation.pk != member.delegation_id:
        raise ValueError("the delegation given is not the member's")
    if delegation.response == Delegation.Response.DECLINED:
        raise RegistrationError(_("The parliament declined the invitation to this track."))
    registration = Registration(
        track=delegation.track,
        person_id=member.person_id,
        delegation=delegation,
        member=member,
        kind=member.kind,
        consent_at=timezone.now(),
        **data,
    )
    registration.consent_language = registration.language
    waiting = None
    try:
        if photo is not None:
            registration.photo.save("photo.jpg", photo, save=False)
        with transaction.atomic():
            capacity = _lock_capacity_taking_queue_number(delegation.track_id)
            if not capacity.registration_open or delegation.track.registration_has_closed(timezone.now()):
                raise RegistrationError(_("Registration for this track is closed."))
            if not capacity.requires_vetting:
                registration.queue_number = capacity.next_queue_number - 1
                waiting = _decide_submission(capacity, registration)
            insert_recorded(
                registration,
                actor=actor,
                action="registration.submitted",
                changes={
                    "status": registration.status,
                    "mode": registration.mode,
                    "queue_number": registration.queue_number,
                },
            )
            notifications.status_changed(registration=registration, actor=actor, waiting=waiting)
            if capacity.has_webhooks:
                webhook_events.registration_created(registration)
    except IntegrityError:
        _forget_photo(registration)
        existing = Registration.objects.filter(
            track_id=delegation.track_id, person_id=member.person_id
        ).first()
        if existing is None:
            raise
        raise AlreadyRegistered(existing) from None
    except Exception:
        _forget_photo(registration)
        raise
    return registration


def _forget_photo(registration: Registration) -> None:
    """The photo file is written before the insert; a rolled-back registration leaves none behind."""
    if registration.photo:
        registration.photo.delete(save=False)


def update_details(*, registration: Registration, data: dict, actor=None, photo=None) -> Registration:
    """Correct what was typed (DETAIL_FIELDS) without touching the seat: status, mode and days have
    their own services. One audit entry holds each changed value before and after; for the passport
    number, that it changed. Passport fields are kept only while a visa letter is asked for."""
    unknown = set(data) - set(DETAIL_FIELDS)
    if unknown:
        raise ValueError(f"not details of a registration: {sorted(unknown)}")
    with transaction.atomic():
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        before = snapshot(registration, DETAIL_FIELDS)
        for name, value in data.items():
            setattr(registration, name, value)
        if not registration.visa_letter:
            registration.passport_number, registration.passport_expiry = "", None
        if photo is not None:
            replaced = registration.photo.name
            registration.photo.save("photo.jpg", photo, save=False)
            private_files.delete_after_commit(registration.photo.storage, replaced)
        registration.save()
        changes = diff(before, snapshot(registration, DETAIL_FIELDS))
        if "passport_number" in changes:
            changes["passport_number"] = "changed"
        if changes:
            record(actor=actor, action="registration.updated", target=registration, changes=changes)
    return registration


def _transition(registration_id, *, actor, action, change) -> Registration:
    """Lock the capacity, then the registration; apply `change`; promote into freed room."""
    with transaction.atomic():
        track_id = Registration.objects.values_list("track_id", flat=True).get(pk=registration_id)
        capacity = _locked_capacity(track_id)
        registration = (
            Registration.objects.select_for_update(of=("self",))
            .select_related("person__user", "track")
            .get(pk=registration_id)
        )
        before = (registration.status, registration.mode)
        held_onsite_seat = registration.holds_onsite_seat
        change(capacity, registration)
        after = (registration.status, registration.mode)
        delegate = registration.person.user
        record(
            actor=actor,
            action=action,
            target=registration,
            on_behalf_of=delegate if delegate is not None and delegate != actor else None,
            changes={
                "status": [before[0], after[0]],
                "mode": [before[1], after[1]],
                "reason": registration.rejection_reason,
            },
        )
        if before != after:
            notifications.status_changed(registration=registration, actor=actor)
        if before[0] != after[0]:
            webhook_events.status_changed(registration)
        if held_onsite_seat and not registration.holds_onsite_seat:
            signals.onsite_seat_released.send(sender=Registration, registration=registration, actor=actor)
        _promote(capacity, actor=actor)
    return registration


def _forget_passport(registration: Registration) -> None:
    """A closed registration needs no visa letter: its passport data goes at once."""
    registration.passport_number, registration.passport_expiry = "", None


def cancel(*, registration: Registration, actor) -> Registration:
    def change(capacity, registration):
        if registration.status in (Status.CANCELLED, Status.REJECTED):
            raise RegistrationError(_("This registration is already closed."))
        registration.status, registration.waiting_for = Status.CANCELLED, WaitingFor.NOTHING
        _forget_passport(registration)
        registration.save(update_fields=["status", "waiting_for", *PASSPORT_FIELDS, "updated_at"])

    return _transition(registration.pk, actor=actor, action="registration.cancelled", change=change)


def approve(*, registration: Registration, actor) -> Registration:
    """The secretariat's vetting: a submitted registration gets a seat or a place on the list."""

    def change(capacity, registration):
        if registration.status != Status.SUBMITTED:
            raise RegistrationError(_("Only a submitted registration can be approved."))
        _allocate(capacity, registration)

    return _transition(registration.pk, actor=actor, action="registration.approved", change=change)


def reject(*, registration: Registration, reason: str, actor) -> Registration:
    reason = (reason or "").strip()
    if not reason:
        raise RegistrationError(_("Give the reason for the rejection."))

    def change(capacity, registration):
        if registration.status in (Status.CANCELLED, Status.REJECTED):
            raise RegistrationError(_("This registration is already closed."))
        registration.status, registration.waiting_for = Status.REJECTED, WaitingFor.NOTHING
        registration.rejection_reason = reason[:500]
        _forget_passport(registration)
        registration.save(
            update_fields=["status", "waiting_for", "rejection_reason", *PASSPORT_FIELDS, "updated_at"]
        )

    return _transition(registration.pk, actor=actor, action="registration.rejected", change=change)


def change_mode(*, registration: Registration, mode: str, actor) -> Registration:
    """Onsite ↔ online keeps the registration and re-checks the seat (at the end of the queue)."""
    if mode not in Mode.values:
        raise RegistrationError(_("Unknown participation mode."))

    def change(capacity, registration):
        if registration.status in (Status.CANCELLED, Status.REJECTED):
            raise RegistrationError(_("This registration is already closed."))
        if registration.mode == mode:
            return
        registration.mode = mode
        registration.save(update_fields=["mode", "updated_at"])
        if registration.status != Status.SUBMITTED:
            _allocate(capacity, registration)

    return _transition(registration.pk, actor=actor, action="registration.mode_changed", change=change)


# Check-in --------------------------------------------------------------------------------------


def venue_today(track) -> dt.date:
    """Today where the track takes place: check-in counts days in the forum's time zone."""
    return timezone.localtime(timezone.now(), ZoneInfo(track.forum.time_zone)).date()


def check_in(*, registration: Registration, actor, day: dt.date | None = None) -> tuple[CheckIn, bool]:
    """Record attendance for `day` (default today at the venue), one of the track's days;
    returns (check-in, created)."""
    if not registration.holds_onsite_seat:
        raise RegistrationError(_("Only confirmed onsite delegates can be checked in."))
    track = registration.track
    day = day or venue_today(track)
    if not track.start_date <= day <= track.end_date:
        logger.info("Check-in of %s refused: %s is outside %s", registration.reference, day, track.slug)
        raise RegistrationError(
            _("Not checked in: %(day)s is not one of the track's days (%(days)s).")
            % {"day": format_date(day), "days": format_date_range(track.start_date, track.end_date)}
        )
    with transaction.atomic():
        checkin, created = CheckIn.objects.get_or_create(
            registration=registration, day=day, defaults={"at": timezone.now(), "by": actor}
        )
        if created:
            record(
                actor=actor, action="registration.checked_in", target=registration, changes={"day": str(day)}
            )
            webhook_events.checked_in(registration, checkin)
    return checkin, created


def purge_due_passports(now: dt.datetime | None = None) -> dict[str, int]:
    """The periodic job (settings.PLENARY_PERIODIC_JOBS): as the privacy notice promises, passport
    data is deleted after the event, from the day after the track's last day in the forum's time
    zone. Returns the number of registrations purged per track slug."""
    now = now or timezone.now()
    holding = Registration.objects.exclude(passport_number="", passport_expiry__isnull=True)
    # No time zone is more than a day ahead of UTC: a track past in its own is past by UTC's date.
    candidates = Track.objects.filter(
        pk__in=holding.values("track_id"), end_date__lte=now.astimezone(dt.UTC).date()
    ).select_related("forum")
    purged = {}
    for track in candidates.order_by("pk"):
        if now.astimezone(ZoneInfo(track.forum.time_zone)).date() > track.end_date:
            purged[track.slug] = purge_passports(track=track, actor=None)
            logger.info("Passport data of %s purged: %d registrations", track.slug, purged[track.slug])
    return purged


def purge_passports(*, track, actor) -> int:
    """After the event: passport data was kept for the visa letter only."""
    with transaction.atomic():
        count = (
            Registration.objects.filter(track=track)
            .exclude(passport_number="", passport_expiry__isnull=True)
            .update(passport_number="", passport_expiry=None)
        )
        record(actor=actor, action="registration.passports_purged", target=track, changes={"count": count})
    return count
