"""A short output document for the IGF 2023 Parliamentary Track.

The first paragraph takes the track's dates, theme and its second sentence from the joint IPU / UN DESA
invitation letter (seed); every other paragraph, main point, comment and amendment is demo text
written for plenary and marked "(demo text)".
"""

import datetime as dt

from django.db import transaction

from plenary.core.demo_accounts import code_login_user, secretariat_user
from plenary.core.models import Role, RoleAssignment
from plenary.events.models import Track
from plenary.outcomes import services
from plenary.outcomes.models import Document

DELEGATE_EMAIL = "delegate.ken@example.org"
UTC = dt.UTC

TITLE = {
    "en": "IGF 2023 Parliamentary Track – output document (demo)",
    "ar": "المسار البرلماني لمنتدى حوكمة الإنترنت 2023 – الوثيقة الختامية (تجريبي)",
    "fr": "Volet parlementaire du FGI 2023 – document final (démo)",
    "es": "Vía parlamentaria del IGF 2023 – documento final (demo)",
    "ru": "Парламентский трек IGF 2023 – итоговый документ (демо)",
    "zh-hans": "2023年互联网治理论坛议会路径——成果文件（演示）",
}

SECTIONS = [
    {"en": "Introduction", "ar": "مقدمة", "fr": "Introduction"},
    {"en": "Key messages", "ar": "الرسائل الرئيسية", "fr": "Messages clés"},
    {
        "en": "Recommendations on global cooperation",
        "ar": "توصيات بشأن التعاون العالمي",
        "fr": "Recommandations sur la coopération mondiale",
    },
    {
        "en": "Recommendations on regional cooperation",
        "ar": "توصيات بشأن التعاون الإقليمي",
        "fr": "Recommandations sur la coopération régionale",
    },
    {
        "en": "Recommendations on strengthening parliaments",
        "ar": "توصيات بشأن تعزيز البرلمانات",
        "fr": "Recommandations sur le renforcement des parlements",
    },
]

# (section index, English, Arabic or "", French or "", sessions cited)
PARAGRAPHS = [
    (
        0,
        "The Parliamentary Track met on 8 and 9 October 2023 on the theme “Shaping Digital Trust for the "
        "Internet We Want”. The main points emerging from these discussions will form the basis for the "
        "output document from the Parliamentary Track, IGF 2023.",
        'انعقد المسار البرلماني يومي 8 و9 تشرين الأول/أكتوبر 2023 حول موضوع "تشكيل الثقة الرقمية '
        'للإنترنت الذي نريده". ستشكل النقاط الرئيسية المنبثقة عن هذه المناقشات أساس الوثيقة الختامية '
        "للمسار البرلماني، منتدى حوكمة الإنترنت 2023.",
        "Le volet parlementaire s'est réuni les 8 et 9 octobre 2023 sur le thème « Façonner la confiance "
        "numérique pour l'Internet que nous voulons » (démo).",
        [],
    ),
    (
        1,
        "(demo text) Trust in the Internet rests on laws that protect people's rights online as offline.",
        "(نص تجريبي) تقوم الثقة في الإنترنت على قوانين تحمي حقوق الناس على الإنترنت كما خارجه.",
        "(texte de démo) La confiance dans l'Internet repose sur des lois qui protègent les droits en ligne.",
        ["roundtable"],
    ),
    (
        1,
        "(demo text) Parliaments should legislate for artificial intelligence in a way that is "
        "human-centric and open to review.",
        "(نص تجريبي) ينبغي للبرلمانات أن تشرّع للذكاء الاصطناعي بطريقة تتمحور حول الإنسان وقابلة للمراجعة.",
        "",
        ["roundtable"],
    ),
    (
        2,
        "(demo text) Parliaments call for a multistakeholder Internet governance that includes members "
        "of parliament from every region.",
        "",
        "",
        ["roundtable", "closing"],
    ),
    (
        3,
        "(demo text) Regional parliamentary assemblies should exchange model laws on cybercrime "
        "and data protection.",
        "",
        "",
        ["closing"],
    ),
    (
        4,
        "(demo text) Parliaments should build in-house expertise on digital policy, including "
        "dedicated committees and research services.",
        "",
        "",
        ["closing"],
    ),
]

MAIN_POINTS = {
    "roundtable": [
        ("key_point", "(demo text) Trust needs rights-based laws online as offline."),
        ("recommendation", "(demo text) Legislate for AI: human-centric, reviewable."),
        ("quote", "(demo text) “Parliaments are where digital trust is earned.”"),
    ],
    "closing": [
        ("recommendation", "(demo text) Share model laws regionally; build parliamentary expertise."),
    ],
}


def _registered_delegate(track):
    """The demo delegate: a member of the Kenyan parliament, registered for the track."""
    from plenary.directory.models import Parliament, Person

    user = code_login_user(DELEGATE_EMAIL, first_name="Demo", last_name="Delegate (Kenya)")
    kenya = Parliament.objects.select_related("country").get(country__iso3="KEN")
    RoleAssignment.objects.get_or_create(user=user, role=Role.DELEGATE, parliament=kenya)
    from plenary.registration.demo import register

    person, _created = Person.objects.get_or_create(
        user=user,
        defaults={
            "given_name": "Demo",
            "family_name": "Delegate",
            "parliament": kenya,
            "email": DELEGATE_EMAIL,
        },
    )
    register(track=track, person=person, mode="online")
    return user


@transaction.atomic
def load(stdout=None):
    track = Track.objects.get(slug="igf2023-pt")
    if Document.objects.filter(track=track).exists():
        return Document.objects.get(track=track)
    staff = secretariat_user()
    delegate = _registered_delegate(track)

    sessions = {session.slug: session for session in track.sessions.all()}
    points = {}
    for slug, items in MAIN_POINTS.items():
        session = sessions[slug]
        speaker = session.people.exclude(role="rapporteur").first().speaker
        points[slug] = [
            services.record_main_point(actor=staff, session=session, kind=kind, text=text, speaker=speaker)
            for kind, text in items
        ]
        services.submit_main_points(actor=staff, session=session)

    document = services.create_document(actor=staff, track=track, title=TITLE)
    sections = [services.add_section(actor=staff, document=document, title=title) for title in SECTIONS]
    for index, english, arabic, french, cited in PARAGRAPHS:
        paragraph = services.add_paragraph(actor=staff, section=sections[index], text=english)
        for language, text in (("ar", arabic), ("fr", french)):
            if text:
                services.edit_text(actor=staff, paragraph=paragraph, language=language, text=text)
                services.verify_translation(actor=staff, paragraph=paragraph, language=language)
        sources = [point for slug in cited for point in points[slug]]
        services.cite_main_points(actor=staff, paragraph=paragraph, main_points=sources)

    opens, closes = dt.datetime(2023, 10, 9, 17, 30, tzinfo=UTC), dt.datetime(2023, 10, 20, 12, tzinfo=UTC)
    first = services.publish_version(
        actor=staff,
        document=document,
        comments_open_at=opens,
        comments_close_at=closes,
        note="(demo text) First draft from the sessions' main points.",
    )
    during = opens + dt.timedelta(days=2)
    rows = {row.number: row for row in first.paragraphs.all()}
    services.add_comment(
        actor=delegate, paragraph_version=rows[2], stance="support", text="", language="en", now=during
    )
    services.add_comment(
        actor=delegate,
        paragraph_version=rows[3],
        stance="oppose",
        text="(نص تجريبي) نقترح الإشارة إلى المساءلة.",
        language="ar",
        now=during,
    )
    accepted = services.propose_amendment(
        actor=delegate,
        paragraph_version=rows[3],
        kind="replace",
        text="(demo text) Parliaments should legislate for artificial intelligence in a way that is "
        "human-centric, accountable and open to review.",
        language="en",
        now=during,
    )
    inserted = services.propose_amendment(
        actor=delegate,
        paragraph_version=rows[4],
        kind="insert_after",
        text="(demo text) Connectivity is a precondition of trust: no one should be left offline.",
        language="en",
        now=during,
    )
    rejected = services.propose_amendment(
        actor=delegate, paragraph_version=rows[6], kind="delete", text="", language="en", now=during
    )
    services.accept_amendment(actor=staff, amendment=accepted)
    services.accept_amendment(actor=staff, amendment=inserted)
    services.reject_amendment(
        actor=staff, amendment=rejected, reason="(demo text) The closing session asked for this paragraph."
    )
    second = services.publish_version(actor=staff, document=document, note="(demo text) Final text.")
    services.adopt_version(actor=staff, version=second, now=closes + dt.timedelta(days=1))
    if stdout:
        stdout.write(
            f"Output document of {track.slug}: version 1 of {first.paragraphs.count()} paragraphs, version 2 "
            f"(adopted) of {second.paragraphs.count()}; "
            f"demo delegate {DELEGATE_EMAIL} (log in by e-mailed code)."
        )
    return document
