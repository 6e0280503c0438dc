"""What one registration costs the database, the queue numbers its single locking statement takes, and
the reads that spare it statements."""

import functools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from plenary.core.models import AuditEntry, OutboxMessage
from plenary.directory.models import Country
from plenary.registration import lookups, notifications, services
from plenary.registration.forms import RegistrationForm
from plenary.registration.models import DelegationMember, Registration, TrackCapacity
from plenary.registration.tests import factories
from plenary.registration.tests.conftest import form_data
from plenary.registration.tests.test_views import register_url


def statement(sql: str) -> str:
    """A statement as its verb and table: 'INSERT core_outboxmessage', 'SAVEPOINT'."""
    words = sql.replace('"', "").split()
    tables = [words[i + 1] for i, word in enumerate(words[:-1]) if word in ("FROM", "INTO", "UPDATE")]
    return " ".join([words[0], *tables[:1]])


def test_a_registration_is_eight_statements_in_one_transaction(client, igf_track, capacity):
    """Seven statements from BEGIN to COMMIT on PostgreSQL, nine elsewhere (SAVEPOINT and RELEASE here:
    the test is a transaction): PostgreSQL writes a row and its audit entry in one statement."""
    parliament = factories.parliaments(1)[0]
    first, member = factories.member(igf_track, parliament), factories.member(igf_track, parliament)
    client.post(register_url(first), form_data(first))  # a running site has its content types, countries read
    url, data = register_url(member), form_data(member)
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url, data)
    assert response.status_code == 302
    assert Registration.objects.get(member=member).queue_number == 2
    if connection.vendor == "postgresql":
        inserts = [
            "WITH registration_registration",  # with its status, and its audit entry
            "WITH core_outboxmessage",  # ON CONFLICT (dedupe key) DO NOTHING, and its audit entry
        ]
    else:
        inserts = [
            "INSERT registration_registration",  # with its status
            "INSERT core_auditentry",
            "INSERT core_outboxmessage",  # ON CONFLICT (dedupe key) DO NOTHING RETURNING: ours, or none
            "INSERT core_auditentry",
        ]
    assert [statement(query["sql"]) for query in queries.captured_queries] == [
        "SELECT registration_delegationmember",  # the member from the personal link; registered?
        "SAVEPOINT",
        "UPDATE registration_trackcapacity",  # lock, queue number; webhook endpoints? (none here)
        "SELECT registration_registration",  # onsite seats taken, and the venue's queue
        *inserts,
        "INSERT django_tasks_database_dbtaskresult",  # the delivery task, committed with the message
        "RELEASE",
    ]


def submit(member):
    return services.submit_registration(member=member, data=factories.registration_data(member))


def test_a_refused_submission_gives_its_queue_number_back(igf_track, capacity):
    parliament = factories.parliaments(1)[0]
    first, second = factories.member(igf_track, parliament), factories.member(igf_track, parliament)
    assert submit(first).queue_number == 1
    with pytest.raises(services.AlreadyRegistered):
        submit(first)
    TrackCapacity.objects.filter(pk=capacity.pk).update(registration_open=False)
    with pytest.raises(services.RegistrationError):
        submit(second)
    TrackCapacity.objects.filter(pk=capacity.pk).update(registration_open=True)
    assert submit(second).queue_number == 2
    assert TrackCapacity.objects.get(pk=capacity.pk).next_queue_number == 3


def test_a_vetted_submission_takes_its_queue_number_when_approved(igf_track, capacity):
    TrackCapacity.objects.filter(pk=capacity.pk).update(requires_vetting=True)
    parliament = factories.parliaments(1)[0]
    vetted = submit(factories.member(igf_track, parliament))
    assert (vetted.status, vetted.queue_number) == ("submitted", None)
    assert TrackCapacity.objects.get(pk=capacity.pk).next_queue_number == 1
    approved = services.approve(registration=vetted, actor=None)
    assert (approved.status, approved.queue_number) == ("confirmed", 1)


def test_the_delegation_given_must_be_the_members(igf_track, capacity):
    parliaments = factories.parliaments(2)
    member, other = (factories.member(igf_track, parliament) for parliament in parliaments)
    with pytest.raises(ValueError):
        services.submit_registration(
            member=member, delegation=other.delegation, data=factories.registration_data(member)
        )
    assert not Registration.objects.exists()


def test_a_refused_submission_leaves_no_photo_file_behind(igf_track, capacity, settings):
    from django.core.files.base import ContentFile

    member = factories.member(igf_track, factories.parliaments(1)[0])
    registration = services.submit_registration(
        member=member, data=factories.registration_data(member), photo=ContentFile(b"first", name="p.jpg")
    )
    with pytest.raises(services.AlreadyRegistered):
        services.submit_registration(
            member=member, data=factories.registration_data(member), photo=ContentFile(b"again", name="p.jpg")
        )
    badges = settings.PRIVATE_MEDIA_ROOT / "badges" / str(igf_track.pk)
    assert [str(path) for path in badges.rglob("*.jpg")] == [registration.photo.path]


def field_values(instance) -> dict:
    return {field.attname: getattr(instance, field.attname) for field in type(instance)._meta.concrete_fields}


def test_the_registering_member_is_what_select_related_reads(igf_track, capacity):
    """The plain statement gives the member, its person, delegation, track, forum, parliament and
    country with the same values (and types) as the ORM's join, and whether the person is registered."""
    member = factories.member(igf_track, factories.parliaments(1)[0])
    expected = DelegationMember.objects.select_related(
        "person", "delegation__track__forum", "delegation__parliament__country"
    ).get(pk=member.pk)

    def chain(member):
        delegation = member.delegation
        return [
            member,
            member.person,
            delegation,
            delegation.track,
            delegation.track.forum,
            delegation.parliament,
            delegation.parliament.country,
        ]

    read = lookups.registering_member(member.pk, igf_track.slug)
    with CaptureQueriesContext(connection) as queries:
        values = [(type(row), field_values(row)) for row in chain(read)]
    assert values == [(type(row), field_values(row)) for row in chain(expected)]
    assert len(queries) == 0
    assert read.registered is False
    submit(member)
    assert lookups.registering_member(member.pk, igf_track.slug).registered is True
    assert lookups.registering_member(member.pk, "another-track") is None


def test_a_country_read_after_the_others_is_chosen_and_an_unknown_one_refused(igf_track, capacity):
    parliament = factories.parliaments(1)[0]
    member = factories.member(igf_track, parliament)
    form_for = functools.partial(RegistrationForm, track=igf_track, parliament=parliament)
    assert form_for(form_data(member)).is_valid()
    added = Country.objects.create(iso3="XYZ", name={"en": "Added"})
    with_added = form_for(form_data(member, nationality=str(added.pk)))
    unknown = form_for(form_data(member, nationality=str(added.pk + 1)))
    assert (with_added.is_valid(), with_added.cleaned_data["nationality"]) == (True, added)
    assert (unknown.is_valid(), unknown.errors["nationality"]) == (
        False,
        ["Select a valid choice. That choice is not one of the available choices."],
    )


def test_the_registration_and_its_e_mail_are_each_audited_by_key(igf_track, capacity):
    """Each audit entry names its row, whether written in the row's statement (PostgreSQL) or after it."""
    registration = submit(factories.member(igf_track, factories.parliaments(1)[0]))
    message = OutboxMessage.objects.get(related_id=str(registration.pk))
    entries = AuditEntry.objects.order_by("pk").values_list("action", "target_id", "target_repr", "changes")
    assert list(entries) == [
        (
            "registration.submitted",
            str(registration.pk),
            str(registration),
            {"status": "confirmed", "mode": registration.mode, "queue_number": 1},
        ),
        (
            "outbox.queued",
            str(message.pk),
            str(message),
            {"to": message.to, "cc": [], "subject": message.subject},
        ),
    ]


def test_an_e_mail_queued_again_under_its_key_is_neither_stored_nor_audited_again(igf_track, capacity):
    registration = submit(factories.member(igf_track, factories.parliaments(1)[0]))
    first = OutboxMessage.objects.get(related_id=str(registration.pk))
    notifications.status_changed(registration=registration, actor=None)
    assert list(OutboxMessage.objects.values_list("pk", flat=True)) == [first.pk]
    assert AuditEntry.objects.filter(action="outbox.queued").count() == 1
