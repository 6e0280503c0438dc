"""Opening the invitations page and the send page writes nothing; confirming the send prepares."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from plenary.core.models import OutboxMessage
from plenary.directory.models import Parliament
from plenary.invitations import services
from plenary.invitations.models import Invitation

WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)


@pytest.fixture
def three_invited(letter_template, igf_track):
    igf_track.invited_parliaments.set(Parliament.objects.filter(country__iso3__in=["FRA", "JPN", "KEN"]))
    return igf_track


def _writes_during_get(client, url) -> tuple[int, list[str]]:
    with CaptureQueriesContext(connection) as queries:
        status = client.get(url).status_code
    return status, [query["sql"] for query in queries.captured_queries if WRITE.match(query["sql"])]


def _rows():
    return [list(model.objects.order_by("pk").values()) for model in (Invitation, OutboxMessage)]


def test_the_send_page_shows_what_would_go_out_and_prepares_nothing(client, secretariat, three_invited):
    # France corresponds in French then English by default; without a French body it is skipped.
    template = services.template_for(three_invited)
    template.body = {code: text for code, text in template.body.values.items() if code != "fr"}
    template.save(update_fields=["body"])
    client.force_login(secretariat)
    url = reverse("invitations:send", kwargs={"track": three_invited.slug})
    assert _writes_during_get(client, url) == (200, [])
    page = client.get(url).content.decode()
    summary = re.search(r'<p class="confirm-summary">(.*?)</p>', page).group(1)
    skipped = re.findall(r"<li>(FRA [^<]*)</li>", page)
    assert (summary, skipped, Invitation.objects.count()) == (
        "2 parliaments will be invited: 4 e-mail addresses.",
        ["FRA Parliament of France: the letter has no French body"],
        0,
    )


def test_the_preview_is_what_confirming_prepares(three_invited):
    def described(plan):
        return [(i.seq, i.reference, i.to_email, i.cc, i.languages) for i in plan.invitations]

    preview = services.preview_sending(track=three_invited)
    assert described(preview) == described(services.plan_sending(track=three_invited))


def test_the_invitations_page_shows_the_outbox_word_without_saving_it(client, secretariat, three_invited):
    template = services.template_for(three_invited)
    queued = [
        services.queue_invitation(template=template, invitation=invitation)
        for invitation in services.prepare_invitations(track=three_invited, only=["JPN", "KEN"])
    ]
    messages = OutboxMessage.objects.filter
    messages(pk=queued[0].message_id).update(status="sent", sent_at=timezone.now())
    messages(pk=queued[1].message_id).update(status="failed", last_error="550 no such box")
    before = _rows()
    client.force_login(secretariat)
    url = reverse("invitations:track", kwargs={"track": three_invited.slug})
    assert _writes_during_get(client, url) == (200, [])
    statuses = re.findall(r"<td>([^<]*)</td></tr>", client.get(url).content.decode())
    stored = list(Invitation.objects.order_by("seq").values_list("parliament__country__iso3", "status"))
    assert (statuses, stored, _rows()) == (
        ["Draft", "Sent", "Failed – 550 no such box"],
        [("FRA", "draft"), ("JPN", "queued"), ("KEN", "queued")],
        before,
    )
