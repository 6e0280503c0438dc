import re
from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth.models import AnonymousUser

from plenary.core.errors import ServiceError
from plenary.core.models import AuditEntry, OutboxMessage
from plenary.core.outbox import messages_for
from plenary.queries import links, selectors, services
from plenary.queries.models import Message, Query
from plenary.queries.tests.factories import ask

T0 = datetime(2023, 9, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def clock(monkeypatch):
    now = {"value": T0}
    monkeypatch.setattr(services, "now", lambda: now["value"])
    return now


def test_a_visitors_query_is_acknowledged_with_its_link_and_the_contact_as_reply_to(igf_track):
    query = ask(igf_track, language="ar", category="visa", body="متى تصدر رسالة التأشيرة؟")
    assert (query.status, query.language, query.asker, query.parliament, query.asker_email) == (
        "open",
        "ar",
        None,
        None,
        "visitor@example.org",
    )
    [message] = messages_for(query)
    assert message.to == ["visitor@example.org"]
    assert message.language == "ar"
    link = re.search(r"http://\S+/ar/igf2023-pt/query/(\S+)/", message.body)
    assert links.query_from_token(link.group(1), "igf2023-pt") == query
    assert message.reply_to == [f'"Ms. Celine Bal" <{links.reply_address(query)}>']
    assert links.reply_address(query).startswith(f"Celine.Bal+q{query.pk}-")


def test_a_focal_points_query_is_linked_to_its_parliament(igf_track, focal_point, two_parliaments):
    query = ask(igf_track, user=focal_point, email="ignored@example.org")
    assert (query.asker, query.parliament, query.asker_email) == (
        focal_point,
        two_parliaments[0],
        "focal@example.org",
    )
    [message] = messages_for(query)
    assert f"/en/igf2023-pt/queries/{query.pk}/" in message.body


def test_an_answer_is_emailed_sets_the_first_answer_and_status_and_is_audited(igf_track, staff, clock):
    query = ask(igf_track)
    clock["value"] = T0 + timedelta(hours=2)
    answer = services.answer(query=query, actor=staff, body="Next week.")
    query.refresh_from_db()
    assert (query.status, query.first_answered_at) == ("answered", T0 + timedelta(hours=2))
    assert (answer.author, answer.author_user) == (Message.Author.SECRETARIAT, staff)
    emails = OutboxMessage.objects.filter(related_id=str(query.pk)).order_by("pk")
    assert [email.subject for email in emails] == [
        f"IGF 2023 Parliamentary Track – your query no. {query.pk} has been received",
        f"IGF 2023 Parliamentary Track – answer to your query no. {query.pk}",
    ]
    assert "Next week." in emails[1].body
    assert list(
        AuditEntry.objects.filter(action="queries.status", target_id=str(query.pk)).values_list(
            "changes", flat=True
        )
    ) == [{"status": ["open", "answered"]}]


def test_a_second_answer_keeps_the_first_answer_time(igf_track, staff, clock):
    query = ask(igf_track)
    clock["value"] = T0 + timedelta(hours=1)
    services.answer(query=query, actor=staff, body="One.")
    clock["value"] = T0 + timedelta(hours=5)
    services.answer(query=query, actor=staff, body="Two.", status=Query.Status.WAITING)
    query.refresh_from_db()
    assert (query.first_answered_at, query.status) == (T0 + timedelta(hours=1), "waiting")


def test_the_askers_reply_opens_the_thread_again(igf_track, staff):
    query = ask(igf_track)
    services.answer(query=query, actor=staff, body="Answered.")
    services.reply(query=query, user=AnonymousUser(), body="Thank you, one more thing.")
    query.refresh_from_db()
    assert query.status == "open"
    assert [m.author for m in query.messages.all()] == ["asker", "secretariat", "asker"]


def test_only_the_secretariat_answers_assigns_and_sets_the_status(igf_track, focal_point, staff):
    query = ask(igf_track)
    with pytest.raises(ServiceError):
        services.answer(query=query, actor=focal_point, body="No.")
    with pytest.raises(ServiceError):
        services.set_status(query=query, status="closed", actor=focal_point)
    with pytest.raises(ServiceError):
        services.assign(query=query, assignee=staff, actor=focal_point)
    with pytest.raises(ServiceError):
        services.assign(query=query, assignee=focal_point, actor=staff)
    with pytest.raises(ServiceError):
        services.set_status(query=query, status="lost", actor=staff)
    query.refresh_from_db()
    assert (query.status, query.assignee, query.messages.count()) == ("open", None, 1)


def test_assignment_and_status_changes_are_audited(igf_track, staff):
    query = ask(igf_track)
    services.assign(query=query, assignee=staff, actor=staff)
    services.set_status(query=query, status="closed", actor=staff)
    entries = AuditEntry.objects.filter(
        target_id=str(query.pk), action__in=["queries.assigned", "queries.status"]
    )
    assert [(entry.action, entry.changes, entry.actor) for entry in entries.order_by("pk")] == [
        ("queries.assigned", {"assignee": [None, staff.pk]}, staff),
        ("queries.status", {"status": ["open", "closed"]}, staff),
    ]


def test_an_empty_message_is_refused(igf_track):
    with pytest.raises(ServiceError):
        ask(igf_track, body="   ")
    assert Query.objects.count() == 0


def test_dashboard_figures_count_open_threads_and_the_median_first_answer(igf_track, staff, clock):
    assert selectors.dashboard_figures(igf_track) == {"open": 0, "median_first_answer": None}
    delays = [timedelta(hours=1), timedelta(hours=3), timedelta(hours=8), timedelta(hours=10)]
    for delay in delays:
        clock["value"] = T0
        query = ask(igf_track)
        clock["value"] = T0 + delay
        services.answer(query=query, actor=staff, body="Done.")
    clock["value"] = T0
    ask(igf_track)
    ask(igf_track)
    assert selectors.dashboard_figures(igf_track) == {
        "open": 2,
        "median_first_answer": timedelta(hours=5, minutes=30),
    }


def test_reply_addresses_are_signed(igf_track):
    query = ask(igf_track)
    address = links.reply_address(query)
    assert links.query_id_from_address(address) == query.pk
    assert links.query_id_from_address(address.upper()) == query.pk
    forged = address.replace(f"+q{query.pk}-", f"+q{query.pk + 1}-")
    assert links.query_id_from_address(forged) is None
    assert links.query_id_from_address("celine.bal@un.org") is None


def test_the_inbound_address_setting_replaces_the_contacts_mailbox(igf_track, settings):
    settings.QUERIES_INBOUND_ADDRESS = "replies@inbound.example.org"
    query = ask(igf_track)
    assert links.reply_address(query).startswith(f"replies+q{query.pk}-")
    assert links.reply_address(query).endswith("@inbound.example.org")
