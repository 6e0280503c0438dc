"""Replies by e-mail reach their thread through the real LMTP receiver, sent with smtplib."""

import io
import smtplib
import socket
from email.message import EmailMessage

import pytest
from PIL import Image

from plenary.core.models import AuditEntry
from plenary.queries import inbound, links, services
from plenary.queries.models import Query
from plenary.queries.tests.factories import ask


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def receiver(transactional_db):
    server = inbound.receiver("127.0.0.1", free_port())
    server.start()
    yield server
    server.stop()


@pytest.fixture
def answered(igf_demo_committed, receiver):
    from plenary.core.models import Role
    from plenary.core.testing import make_user

    query = ask(igf_demo_committed, language="fr", body="Le visa ?")
    services.answer(query=query, actor=make_user("s@ipu.example.org", Role.SECRETARIAT), body="Oui.")
    return query


def reply_to(query, text: str, *, attachment: tuple[str, bytes, str] | None = None) -> EmailMessage:
    message = EmailMessage()
    message["From"] = "visitor@example.org"
    message["To"] = links.reply_address(query)
    message["Subject"] = "Re: answer"
    message.set_content(text)
    if attachment:
        name, data, mimetype = attachment
        maintype, subtype = mimetype.split("/")
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return message


def send(receiver, message: EmailMessage, recipients: list[str]):
    with smtplib.LMTP(receiver.hostname, receiver.port) as client:
        return client.send_message(message, from_addr="visitor@example.org", to_addrs=recipients)


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (20, 20), (10, 20, 30)).save(out, format="PNG")
    return out.getvalue()


def test_a_reply_by_email_is_added_to_its_thread_without_the_quotation(receiver, answered):
    text = "Merci, voici mon passeport.\n\nLe 1 sept. 2023, Celine Bal a écrit :\n> Oui.\n"
    message = reply_to(answered, text, attachment=("passeport.png", png(), "image/png"))
    assert send(receiver, message, [links.reply_address(answered)]) == {}
    answered.refresh_from_db()
    last = answered.messages.last()
    assert (last.author, last.body, last.by_email, last.attachment_filename) == (
        "asker",
        "Merci, voici mon passeport.",
        True,
        "passeport.png",
    )
    assert answered.status == Query.Status.OPEN
    assert AuditEntry.objects.filter(action="queries.replied", target_id=str(answered.pk)).count() == 1


def test_an_attachment_that_is_not_a_pdf_or_image_is_left_out(receiver, answered):
    message = reply_to(
        answered, "See the file.", attachment=("run.exe", b"MZ\x90\x00" * 100, "application/octet-stream")
    )
    send(receiver, message, [links.reply_address(answered)])
    last = answered.messages.last()
    assert (last.body, last.attachment.name) == ("See the file.", "")


def test_a_forged_or_unknown_address_is_refused_with_550_and_logged(receiver, answered, caplog):
    forged = links.reply_address(answered).replace(f"+q{answered.pk}-", f"+q{answered.pk + 100}-")
    with pytest.raises(smtplib.SMTPRecipientsRefused) as refused:
        send(receiver, reply_to(answered, "Hello"), [forged])
    assert refused.value.recipients[forged][0] == 550
    with pytest.raises(smtplib.SMTPRecipientsRefused):
        send(receiver, reply_to(answered, "Hello"), ["celine.bal@un.org"])
    assert answered.messages.count() == 2
    assert f"inbound reply refused: {forged} is not a reply address" in caplog.text


def test_quotations_are_cut_in_several_mail_programs_styles():
    assert inbound.without_quotation("Yes.\n\nOn Mon, 1 Sep 2023, Celine Bal wrote:\n> Question") == "Yes."
    assert inbound.without_quotation("نعم.\n\nفي 1 سبتمبر، كتب سيلين بال:\n> سؤال") == "نعم."
    assert inbound.without_quotation("Да.\n-----Original Message-----\nFrom: x") == "Да."
    assert inbound.without_quotation("Sí.\n-- \nFirma") == "Sí."


def test_an_html_only_reply_is_read_as_text(receiver, answered):
    message = EmailMessage()
    message["From"] = "visitor@example.org"
    message["Subject"] = "Re"
    message.set_content("<p>Thank <b>you</b></p>", subtype="html")
    send(receiver, message, [links.reply_address(answered)])
    assert answered.messages.last().body == "Thank you"


def test_the_receiver_is_configured_by_host_and_port(settings):
    from django.core.exceptions import ImproperlyConfigured

    settings.QUERIES_INBOUND_LMTP = ""
    assert inbound.configured_receiver() is None
    settings.QUERIES_INBOUND_LMTP = "127.0.0.1:8025"
    server = inbound.configured_receiver()
    assert (server.hostname, server.port) == ("127.0.0.1", 8025)
    settings.QUERIES_INBOUND_LMTP = "8025"
    with pytest.raises(ImproperlyConfigured):
        inbound.configured_receiver()
