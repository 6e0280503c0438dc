import datetime as dt

import pytest
from django.utils import timezone

from plenary.core.testing import make_user
from plenary.outcomes import services
from plenary.outcomes.tests import factories


@pytest.fixture
def delegate(igf_track):
    """A registered delegate: a confirmed registration for the track."""
    from plenary.directory.models import Parliament, Person
    from plenary.registration.models import Delegation, Registration

    parliament = Parliament.objects.select_related("country").first()
    user = make_user("delegate@example.org")
    person = Person.objects.create(
        given_name="Dana", family_name="Delegate", parliament=parliament, user=user
    )
    delegation = Delegation.objects.create(track=igf_track, parliament=parliament)
    Registration.objects.create(
        track=igf_track,
        person=person,
        delegation=delegation,
        status="confirmed",
        email=user.email,
        given_name="Dana",
        family_name="Delegate",
        nationality=parliament.country,
        consent_at=timezone.now(),
        consent_language="en",
    )
    return user


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


@pytest.fixture
def session_with_rapporteur(igf_track):
    """A roundtable with a speaker and a rapporteur who has an account."""
    from plenary.programme.models import SessionPerson, Speaker

    session, _rapporteur = factories.roundtable_with_rapporteur(igf_track)
    speaker = Speaker.objects.create(track=igf_track, name="Sam Speaker")
    SessionPerson.objects.create(session=session, speaker=speaker, role="speaker")
    return session
