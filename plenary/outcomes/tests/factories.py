"""A large output document built in bulk, for the query-count test and the benchmark."""

import datetime as dt
import random

from django.contrib.auth import get_user_model
from django.utils import timezone

from plenary.core.testing import make_user
from plenary.directory.models import Person
from plenary.outcomes import services
from plenary.outcomes.models import Comment, Paragraph, ParagraphText, Stance
from plenary.programme.models import Session, SessionPerson, Speaker

WORDS = [
    "parliaments",
    "internet",
    "trust",
    "digital",
    "rights",
    "governance",
    "cooperation",
    "regional",
    "global",
    "data",
    "protection",
    "artificial",
    "intelligence",
    "connectivity",
    "inclusion",
    "accountability",
    "legislation",
    "members",
    "oversight",
]


def sentence(rng: random.Random, length: int = 40) -> str:
    return " ".join(rng.choice(WORDS) for _word in range(length)).capitalize() + "."


def large_document(*, track, actor, paragraphs: int, comments: int, seed: int = 7):
    """A document with `paragraphs` paragraphs in five sections (English, Arabic verified for half),
    version 1 open for comments with `comments` comments, and the users who wrote them."""
    rng = random.Random(seed)
    document = services.create_document(actor=actor, track=track, title={"en": "Large document"})
    sections = [
        services.add_section(actor=actor, document=document, title={"en": f"Section {index}"})
        for index in range(5)
    ]
    rows = Paragraph.objects.bulk_create(
        Paragraph(document=document, section=sections[index % 5], order=index, source_language="en")
        for index in range(paragraphs)
    )
    texts = []
    for index, paragraph in enumerate(rows):
        texts.append(ParagraphText(paragraph=paragraph, language="en", text=sentence(rng), status="verified"))
        if index % 2 == 0:
            texts.append(
                ParagraphText(paragraph=paragraph, language="ar", text="نص عربي للفقرة.", status="verified")
            )
    ParagraphText.objects.bulk_create(texts)
    now = timezone.now()
    version = services.publish_version(
        actor=actor,
        document=document,
        comments_open_at=now - dt.timedelta(days=1),
        comments_close_at=now + dt.timedelta(days=1),
    )
    user_model = get_user_model()
    authors = user_model.objects.bulk_create(
        user_model(username=f"bulk{document.pk}.{index}@example.org", email=f"bulk{index}@example.org")
        for index in range(50)
    )
    targets = list(version.paragraphs.all())
    Comment.objects.bulk_create(
        Comment(
            paragraph_version=targets[index % len(targets)],
            author=authors[index % len(authors)],
            stance=rng.choice(Stance.values),
            text=sentence(rng, 12),
            language="en",
        )
        for index in range(comments)
    )
    return document, version


def edit_some(*, document, actor, share: float = 0.1, seed: int = 11):
    """Change, delete and move a share of the paragraphs, then publish the next version."""
    rng = random.Random(seed)
    paragraphs = list(document.paragraphs.order_by("pk"))
    for paragraph in rng.sample(paragraphs, int(len(paragraphs) * share)):
        text = paragraph.texts.get(language="en")
        text.text = text.text.replace(WORDS[0], "legislatures").replace(" trust ", " confidence ")
        text.save()
    for paragraph in rng.sample(paragraphs, max(1, int(len(paragraphs) * share / 4))):
        paragraph.is_deleted = True
        paragraph.save()
    services.move_paragraph(
        actor=actor, paragraph=paragraphs[len(paragraphs) // 2], section=document.sections.first()
    )
    return services.publish_version(actor=actor, document=document)


def roundtable_with_rapporteur(
    track,
    *,
    slug="roundtable-ai",
    title=None,
    hour=10,
    rapporteur=("Rana", "rapporteur@example.org"),
):
    """A one-hour roundtable (by default on AI, at 10:00 on 8 October 2023) whose rapporteur (by
    default Rana Reporter) has an account: (session, rapporteur's user)."""
    start = timezone.make_aware(dt.datetime(2023, 10, 8, hour, 0), dt.UTC)
    session = Session.objects.create(
        track=track,
        slug=slug,
        title=title or {"en": "Roundtable on AI", "ar": "مائدة مستديرة حول الذكاء الاصطناعي"},
        kind="roundtable",
        start=start,
        end=start + dt.timedelta(hours=1),
    )
    given_name, email = rapporteur
    user = make_user(email)
    person = Person.objects.create(given_name=given_name, family_name="Reporter", user=user)
    SessionPerson.objects.create(
        session=session, speaker=Speaker.objects.create(track=track, person=person), role="rapporteur"
    )
    return session, user
