"""A focal point is told a registration link is on its way, never that it is sent, and sees links
the mail server has not taken, with the reason."""

import html
import re

from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import translation

from plenary.core import outbox
from plenary.core.testing import smtp_server
from plenary.registration.tests import factories


def delegation_url(track, parliament):
    return reverse("registration:delegation", kwargs={"track": track.slug, "parliament": parliament.pk})


def text_of(page: str, element_id: str) -> str:
    """The text of the element with this id (a <section> or <table>), tags removed, spaces collapsed."""
    match = re.search(rf'<(section|table)[^>]*id="{element_id}"[^>]*>(.*?)</\1>', page, re.DOTALL)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", match.group(2))).split()) if match else ""


def send_link(client, url, member):
    response = client.post(url, {"action": "send", "member": member.pk}, follow=True)
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_a_sent_link_is_on_its_way_until_the_server_takes_it(client, igf_track, focal_point, two_parliaments):
    member = factories.member(igf_track, two_parliaments[0])
    client.force_login(focal_point)
    url = delegation_url(igf_track, two_parliaments[0])

    assert send_link(client, url, member) == [
        f"The registration link is on its way to {member.person.email}."
    ]
    person = member.person
    row = f"Name Role Registration {person.full_name} {person.email} Member · Member of parliament"
    # Each button also names the member, for screen readers (the words are visually hidden).
    buttons = " ".join(
        f"{label} – {person.full_name}" for label in ("Send the link again", "Remove", "Withdraw the link")
    )
    assert text_of(client.get(url).content.decode(), "members") == f"{row} Link on its way {buttons}"
    with smtp_server() as server, server.settings():
        outbox.deliver_due()
    page = client.get(url).content.decode()
    assert text_of(page, "members") == f"{row} Link sent {buttons}"
    assert text_of(page, "undelivered") == ""


def test_links_the_mail_server_refused_or_put_off_are_shown_with_the_reason(
    client, igf_track, focal_point, two_parliaments
):
    refused = factories.member(igf_track, two_parliaments[0])
    put_off = factories.member(igf_track, two_parliaments[0])
    client.force_login(focal_point)
    url = delegation_url(igf_track, two_parliaments[0])
    send_link(client, url, refused)
    with smtp_server() as server, server.settings():
        server.refuse_recipient(refused.person.email, "550 5.1.1 User unknown")
        outbox.deliver_due()
        send_link(client, url, put_off)
        server.reject("451 4.3.0 Try again later")
        outbox.deliver_due()

    assert text_of(client.get(url).content.decode(), "undelivered") == (
        "Links not delivered Name E-mail address Why "
        f"{refused.person.full_name} Link not delivered {refused.person.email} "
        "The recipient's mail server refused the address. Check it, then send again. "
        f"{refused.person.email}: 550 5.1.1 User unknown "
        f"{put_off.person.full_name} Link not delivered yet {put_off.person.email} "
        "The mail server did not take it yet. It is tried again automatically. 451 4.3.0 Try again later"
    )
    with translation.override("fr"):
        in_french = client.get(delegation_url(igf_track, two_parliaments[0])).content.decode()
    assert text_of(in_french, "undelivered").startswith(
        f"Liens non remis Nom Adresse électronique Pourquoi {refused.person.full_name} Lien non remis "
        f"{refused.person.email} Le serveur de messagerie du destinataire a refusé l’adresse. Vérifiez-la, "
        "puis envoyez de nouveau."
    )
