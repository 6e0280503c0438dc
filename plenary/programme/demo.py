"""The IGF 2023 Parliamentary Track programme: the Kyoto roundtable, regional sessions, and demo sessions.

Only the roundtable (title, date and time) is taken from the published IGF 2023 programme; every
other session, room, link and speaker below is a clearly fictional demo.
"""

from django.db import transaction

from plenary.directory.models import Person
from plenary.events.models import Track
from plenary.programme import services
from plenary.programme.models import Release, Session, SessionPerson, Speaker

ROUNDTABLE_TITLE = {
    "en": "The Role of Parliamentarians in Shaping a Trusted Internet Empowering All People",
    "fr": (
        "Le rôle des parlementaires dans l'édification d'un Internet de confiance "
        "qui autonomise tout le monde"
    ),
    "es": (
        "El papel de los parlamentarios en la construcción de una Internet de confianza "
        "que empodere a todas las personas"
    ),
    "ru": "Роль парламентариев в формировании надежного Интернета, расширяющего возможности всех людей",
    "ar": "دور البرلمانيين في تشكيل إنترنت موثوق يمكّن جميع الناس",
    "zh-hans": "议员在塑造赋能所有人的可信互联网中的作用",
}

DEMO_NOTE = {
    "en": "Demo session: its content, room and speakers are fictional.",
    "fr": "Séance de démonstration : contenu, salle et intervenants fictifs.",
    "es": "Sesión de demostración: contenido, sala y oradores ficticios.",
    "ru": "Демонстрационное заседание: содержание, зал и выступающие вымышлены.",
    "ar": "جلسة تجريبية: محتواها وقاعتها ومتحدثوها من نسج الخيال.",
    "zh-hans": "演示会议：内容、会议室和发言人均为虚构。",
}


def _t(en, fr, es, ru, ar, zh):
    return {"en": en, "fr": fr, "es": es, "ru": ru, "ar": ar, "zh-hans": zh}


ROOM_MAIN = _t(
    "Room A (demo)",
    "Salle A (démo)",
    "Sala A (demo)",
    "Зал A (демо)",
    "القاعة A (تجريبية)",
    "A 会议室（演示）",
)
ROOM_ANNEX = _t(
    "Room B (demo)",
    "Salle B (démo)",
    "Sala B (demo)",
    "Зал B (демо)",
    "القاعة B (تجريبية)",
    "B 会议室（演示）",
)
ROOM_ONLINE = _t("Online", "En ligne", "En línea", "Онлайн", "عبر الإنترنت", "线上")

# slug, kind, venue start, venue end, time zone ("" = Kyoto), room, format, title
SESSIONS = [
    (
        "regional-europe",
        "regional",
        "2023-06-20 14:00",
        "2023-06-20 15:30",
        "Europe/Helsinki",
        ROOM_ONLINE,
        "online",
        _t(
            "Regional session for parliamentarians: Europe",
            "Session régionale des parlementaires : Europe",
            "Sesión regional de parlamentarios: Europa",
            "Региональная сессия парламентариев: Европа",
            "جلسة إقليمية للبرلمانيين: أوروبا",
            "议员区域会议：欧洲",
        ),
    ),
    (
        "intersessional-webinar",
        "intersessional",
        "2023-07-06 13:00",
        "2023-07-06 14:00",
        "UTC",
        ROOM_ONLINE,
        "online",
        _t(
            "Intersessional webinar: preparing the Kyoto discussions",
            "Webinaire intersessions : préparer les débats de Kyoto",
            "Seminario web entre períodos de sesiones: preparar los debates de Kioto",
            "Межсессионный вебинар: подготовка к обсуждениям в Киото",
            "ندوة عبر الإنترنت بين الدورات: التحضير لمناقشات كيوتو",
            "闭会期间网络研讨会：筹备京都讨论",
        ),
    ),
    (
        "regional-asia-pacific",
        "regional",
        "2023-08-29 15:00",
        "2023-08-29 16:30",
        "Australia/Brisbane",
        ROOM_ONLINE,
        "online",
        _t(
            "Regional session for parliamentarians: Asia and the Pacific",
            "Session régionale des parlementaires : Asie et Pacifique",
            "Sesión regional de parlamentarios: Asia y el Pacífico",
            "Региональная сессия парламентариев: Азия и Тихий океан",
            "جلسة إقليمية للبرلمانيين: آسيا والمحيط الهادئ",
            "议员区域会议：亚洲及太平洋",
        ),
    ),
    (
        "regional-africa",
        "regional",
        "2023-09-19 11:00",
        "2023-09-19 12:30",
        "Africa/Lagos",
        ROOM_ONLINE,
        "online",
        _t(
            "Regional session for parliamentarians: Africa",
            "Session régionale des parlementaires : Afrique",
            "Sesión regional de parlamentarios: África",
            "Региональная сессия парламентариев: Африка",
            "جلسة إقليمية للبرلمانيين: أفريقيا",
            "议员区域会议：非洲",
        ),
    ),
    (
        "opening",
        "opening",
        "2023-10-08 14:00",
        "2023-10-08 14:30",
        "",
        ROOM_MAIN,
        "hybrid",
        _t(
            "Opening of the Parliamentary Track (demo)",
            "Ouverture du volet parlementaire (démo)",
            "Apertura de la vía parlamentaria (demo)",
            "Открытие парламентского трека (демо)",
            "افتتاح المسار البرلماني (تجريبي)",
            "议会专题开幕（演示）",
        ),
    ),
    (
        "demo-panel-digital-trust",
        "panel",
        "2023-10-08 14:30",
        "2023-10-08 16:00",
        "",
        ROOM_MAIN,
        "hybrid",
        _t(
            "Demo panel: legislating for digital trust",
            "Panel de démonstration : légiférer pour la confiance numérique",
            "Panel de demostración: legislar para la confianza digital",
            "Демо-панель: законодательство для цифрового доверия",
            "حلقة نقاش تجريبية: التشريع من أجل الثقة الرقمية",
            "演示小组讨论：为数字信任立法",
        ),
    ),
    (
        "demo-workshop-model-law",
        "workshop",
        "2023-10-08 16:15",
        "2023-10-08 17:30",
        "",
        ROOM_ANNEX,
        "onsite",
        _t(
            "Demo workshop: drafting a model data-protection clause",
            "Atelier de démonstration : rédiger une clause type de protection des données",
            "Taller de demostración: redactar una cláusula modelo de protección de datos",
            "Демо-семинар: разработка типового положения о защите данных",
            "حلقة عمل تجريبية: صياغة بند نموذجي لحماية البيانات",
            "演示研讨会：起草示范数据保护条款",
        ),
    ),
    (
        "roundtable",
        "roundtable",
        "2023-10-09 15:15",
        "2023-10-09 16:45",
        "",
        ROOM_MAIN,
        "hybrid",
        ROUNDTABLE_TITLE,
    ),
    (
        "closing",
        "closing",
        "2023-10-09 17:00",
        "2023-10-09 17:30",
        "",
        ROOM_MAIN,
        "hybrid",
        _t(
            "Closing: main points for the output document (demo)",
            "Clôture : points principaux pour le document final (démo)",
            "Clausura: puntos principales para el documento final (demo)",
            "Закрытие: основные тезисы итогового документа (демо)",
            "الختام: النقاط الرئيسية للوثيقة الختامية (تجريبي)",
            "闭幕：成果文件要点（演示）",
        ),
    ),
]

REPRESENTATIVES = [
    (
        "Dr. Alex Example",
        _t("Director", "Directeur", "Director", "Директор", "مدير", "主任"),
        _t(
            "Example Digital Policy Institute (fictional)",
            "Institut d'exemple pour les politiques numériques (fictif)",
            "Instituto Ejemplo de Política Digital (ficticio)",
            "Примерный институт цифровой политики (вымышленный)",
            "معهد مثال للسياسات الرقمية (وهمي)",
            "示例数字政策研究所（虚构）",
        ),
    ),
    (
        "Ms. Sam Placeholder",
        _t(
            "Programme officer",
            "Chargée de programme",
            "Oficial de programas",
            "Сотрудник по программам",
            "موظفة برامج",
            "项目干事",
        ),
        _t(
            "Demo Civil Society Network",
            "Réseau de démonstration de la société civile",
            "Red de demostración de la sociedad civil",
            "Демо-сеть гражданского общества",
            "شبكة المجتمع المدني التجريبية",
            "演示民间社会网络",
        ),
    ),
]

BIO = _t(
    "A fictional speaker created for the demo.",
    "Intervenant fictif créé pour la démonstration.",
    "Orador ficticio creado para la demostración.",
    "Вымышленный выступающий, созданный для демонстрации.",
    "متحدث وهمي أُنشئ لأغراض العرض التجريبي.",
    "为演示而虚构的发言人。",
)


@transaction.atomic
def load(stdout=None):
    track = Track.objects.select_related("forum").get(slug="igf2023-pt")
    speakers = _speakers(track)
    rapporteur = _rapporteur(track)
    for index, (slug, kind, start, end, time_zone, room, session_format, title) in enumerate(SESSIONS):
        session, _created = Session.objects.update_or_create(
            track=track,
            slug=slug,
            defaults={
                "kind": kind,
                "title": title,
                "description": {} if slug == "roundtable" else DEMO_NOTE,
                "start": services.venue_datetime(start, time_zone or track.forum.time_zone),
                "end": services.venue_datetime(end, time_zone or track.forum.time_zone),
                "time_zone": time_zone,
                "room": room,
                "capacity": None if session_format == "online" else 120,
                "format": session_format,
                "interpretation_languages": ["ar", "zh-hans", "en", "fr", "ru", "es"]
                if session_format != "online"
                else ["en", "fr", "es"],
                "stream_url": f"https://stream.example.org/igf2023-pt/{slug}",
                "join_url": ""
                if session_format == "onsite"
                else f"https://meet.example.org/igf2023-pt/{slug}",
            },
        )
        cast = [
            (speakers[0], "moderator"),
            (speakers[1], "speaker"),
            (speakers[2], "speaker"),
            (speakers[3], "speaker"),
            (rapporteur, "rapporteur"),
        ]
        if not session.people.exists():
            for order, (speaker, role) in enumerate(cast[index % 2 :] if kind != "roundtable" else cast):
                SessionPerson.objects.create(session=session, speaker=speaker, role=role, order=order)
    if not Release.objects.filter(track=track).exists():
        services.publish_release(track=track, name="v1")
    if stdout:
        stdout.write(
            f"Programme of {track.slug}: {track.sessions.count()} sessions, {len(speakers)} speakers; "
            f"rapporteur of every session: {rapporteur.person.email} (log in by e-mailed code)."
        )
    return track


def _speakers(track) -> list[Speaker]:
    members = list(
        Person.objects.filter(
            parliament__country__iso3__in=["JPN", "KEN", "BRA"], email__startswith="president"
        )
        .select_related("parliament")
        .order_by("parliament__country__iso3")
    )
    speakers = [
        Speaker.objects.update_or_create(track=track, person=person, defaults={"bio": BIO})[0]
        for person in members
    ]
    for name, title, organisation in REPRESENTATIVES:
        speakers.append(
            Speaker.objects.update_or_create(
                track=track,
                name=name,
                person=None,
                defaults={"title": title, "organisation": organisation, "bio": BIO},
            )[0]
        )
    return speakers


RAPPORTEUR_EMAIL = "speaker.ken@example.org"


def _rapporteur(track) -> Speaker:
    """The rapporteur is in the directory (the Speaker of Kenya's parliament), so they can log in by
    e-mailed code with the address on file and record main points."""
    person = Person.objects.get(email=RAPPORTEUR_EMAIL)
    return Speaker.objects.update_or_create(track=track, person=person, defaults={"bio": BIO})[0]
