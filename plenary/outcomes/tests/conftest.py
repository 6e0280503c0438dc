import datetime as dt

import pytest
from django.utils import timezone

from plenary.core.models import Role
from plenary.core.testing import make_user
from plenary.outcomes import services


@pytest.fixture
def secretariat(db):
    return make_user("secretariat@example.org", Role.SECRETARIAT)


@pytest.fixture
def delegate(db):
    from plenary.directory.models import Parliament

    return make_user("delegate@example.org", Role.DELEGATE, parliament=Parliament.objects.first())


@pytest.fixture
def document(igf_track, secretariat):
    """Two sections, three paragraphs, English source, one French translation."""
    document = services.create_document(actor=secretariat, track=igf_track, title={"en": "Output document"})
    intro = services.add_section(actor=secretariat, document=document, title={"en": "Introduction"})
    messages = services.add_section(actor=secretariat, document=document, title={"en": "Key messages"})
    first = services.add_paragraph(actor=secretariat, section=intro, text="Parliaments met in Kyoto.")
    services.add_paragraph(actor=secretariat, section=messages, text="The Internet must stay open.")
    services.add_paragraph(actor=secretariat, section=messages, text="Parliaments should legislate for AI.")
    services.edit_text(actor=secretariat, paragraph=first, language="fr", text="Les parlements à Kyoto.")
    return document


@pytest.fixture
def open_version(document, secretariat):
    now = timezone.now()
    return services.publish_version(
        actor=secretariat,
        document=document,
        comments_open_at=now - dt.timedelta(days=1),
        comments_close_at=now + dt.timedelta(days=1),
    )
