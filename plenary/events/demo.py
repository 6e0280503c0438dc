"""The IGF 2023 Parliamentary Track, as the joint IPU / UN DESA letter of 3 August 2023 announced it."""

import datetime as dt

from django.db import transaction

from plenary.directory.models import Country, Function, Parliament, Person
from plenary.events.models import Forum, Signatory, Track

TRACK_SLUG = "igf2023-pt"

FORUM = {
    "name": {
        "en": "18th Internet Governance Forum (IGF 2023)",
        "ar": "منتدى الأمم المتحدة الـ18 لحوكمة الإنترنت",
        "fr": "18e Forum sur la gouvernance de l'Internet (FGI 2023)",
        "es": "18.º Foro para la Gobernanza de Internet (IGF 2023)",
        "ru": "18-й Форум по вопросам управления Интернетом (IGF 2023)",
        "zh-hans": "第十八届互联网治理论坛（IGF 2023）",
    },
    "city": {"en": "Kyoto", "ar": "كيوتو", "fr": "Kyoto", "es": "Kioto", "ru": "Киото", "zh-hans": "京都"},
    "venue": {
        "en": "Kyoto International Conference Center",
        "ar": "مركز كيوتو الدولي للمؤتمرات",
        "fr": "Centre international de conférences de Kyoto",
        "es": "Centro Internacional de Conferencias de Kioto",
        "ru": "Международный конференц-центр Киото",
        "zh-hans": "京都国际会议中心",
    },
    "theme": {
        "en": "The Internet We Want – Empowering All People",
        "ar": "الإنترنت الذي نريده- تمكين جميع الناس",
        "fr": "L'Internet que nous voulons – autonomiser tout le monde",
        "es": "La Internet que queremos: empoderar a todas las personas",
        "ru": "Интернет, который мы хотим: расширение возможностей всех людей",
        "zh-hans": "我们想要的互联网——赋能所有人",
    },
}

TRACK = {
    "name": {
        "en": "IGF 2023 Parliamentary Track",
        "ar": "المسار البرلماني لمنتدى حوكمة الإنترنت 2023",
        "fr": "Volet parlementaire du FGI 2023",
        "es": "Vía parlamentaria del IGF 2023",
        "ru": "Парламентский трек IGF 2023",
        "zh-hans": "2023年互联网治理论坛议会专题",
    },
    "theme": {
        "en": "Shaping Digital Trust for the Internet We Want",
        "ar": "تشكيل الثقة الرقمية للإنترنت الذي نريده",
        "fr": "Façonner la confiance numérique pour l'Internet que nous voulons",
        "es": "Forjar la confianza digital para la Internet que queremos",
        "ru": "Формирование цифрового доверия для Интернета, который мы хотим",
        "zh-hans": "塑造数字信任，共建我们想要的互联网",
    },
    "description": {
        "en": (
            "The Parliamentary Track includes a series of sessions in which parliamentarians engage "
            "and share experiences amongst themselves and with representatives of key entities in "
            "the digital policy space. The main points emerging from these discussions form the "
            "basis for the output document from the Parliamentary Track, IGF 2023.\n\n"
            "Participants would ideally be members of relevant parliamentary committees and "
            "parliamentarians who work on digital affairs and internet policy issues. Funding is "
            "available for a limited number of MPs from the global South."
        ),
        "ar": (
            "وسيتضمن المسار البرلماني سلسلة من الجلسات التي يشارك فيها البرلمانيون ويتبادلون "
            "الخبرات في ما بينهم ومع ممثلي الكيانات الرئيسية في مجال السياسة الرقمية. ستشكل النقاط "
            "الرئيسية المنبثقة عن هذه المناقشات أساس الوثيقة الختامية للمسار البرلماني، منتدى حوكمة "
            "الإنترنت 2023.\n\n"
            "من الأفضل أن يكون المشاركون في هذا الاجتماع أعضاء في اللجان البرلمانية ذات الصلة إلى "
            "جانب أولئك البرلمانيين الذين يعملون في الشؤون الرقمية ومسائل سياسة الإنترنت."
        ),
    },
}

SIGNATORIES = [
    {
        "name": {"en": "Martin Chungong", "ar": "مارتن تشونغونغ"},
        "title": {
            "en": "Secretary General",
            "ar": "الأمين العام",
            "fr": "Secrétaire général",
            "es": "Secretario General",
            "ru": "Генеральный секретарь",
            "zh-hans": "秘书长",
        },
        "organisation": {
            "en": "Inter-Parliamentary Union",
            "ar": "الاتحاد البرلماني الدولي",
            "fr": "Union interparlementaire",
            "es": "Unión Interparlamentaria",
            "ru": "Межпарламентский союз",
            "zh-hans": "各国议会联盟",
        },
    },
    {
        "name": {"en": "Li Junhua", "ar": "لي جونخوا", "zh-hans": "李军华"},
        "title": {
            "en": "Under-Secretary-General for Economic and Social Affairs",
            "ar": "وكيل الأمين العام للشؤون الاقتصادية والاجتماعية",
            "fr": "Secrétaire général adjoint aux affaires économiques et sociales",
            "es": "Secretario General Adjunto de Asuntos Económicos y Sociales",
            "ru": "Заместитель Генерального секретаря по экономическим и социальным вопросам",
            "zh-hans": "主管经济和社会事务副秘书长",
        },
        "organisation": {
            "en": "United Nations",
            "ar": "الأمم المتحدة",
            "fr": "Organisation des Nations Unies",
            "es": "Naciones Unidas",
            "ru": "Организация Объединенных Наций",
            "zh-hans": "联合国",
        },
    },
]

FUNCTIONS = {
    "president-ipu-group": {
        "en": "President of the IPU Group",
        "ar": "رئيس الشعبة البرلمانية",
        "fr": "Président(e) du Groupe de l'UIP",
        "es": "Presidente/a del Grupo de la UIP",
        "ru": "Председатель группы МПС",
        "zh-hans": "各国议会联盟小组主席",
    },
    "speaker": {
        "en": "Speaker",
        "ar": "رئيس البرلمان",
        "fr": "Président(e) du Parlement",
        "es": "Presidente/a del Parlamento",
        "ru": "Председатель парламента",
        "zh-hans": "议长",
    },
    "focal-point": {
        "en": "Focal point",
        "ar": "جهة الاتصال",
        "fr": "Point focal",
        "es": "Punto focal",
        "ru": "Контактное лицо",
        "zh-hans": "联络人",
    },
}


@transaction.atomic
def load(stdout=None) -> Track:
    japan = Country.objects.get(iso3="JPN")
    forum, _ = Forum.objects.update_or_create(
        slug="igf2023",
        defaults={
            "edition": 18,
            "host_country": japan,
            "time_zone": "Asia/Tokyo",
            "start_date": dt.date(2023, 10, 8),
            "end_date": dt.date(2023, 10, 12),
            "format": "hybrid",
            **FORUM,
        },
    )
    Track.objects.filter(is_current=True).exclude(slug=TRACK_SLUG).update(is_current=False)
    track, _ = Track.objects.update_or_create(
        slug=TRACK_SLUG,
        defaults={
            "forum": forum,
            "start_date": dt.date(2023, 10, 8),
            "end_date": dt.date(2023, 10, 9),
            "primary_language": "en",
            "contact_name": "Ms. Celine Bal",
            "contact_email": "Celine.Bal@un.org",
            "is_current": True,
            # The demo replays a past track: its personal links keep opening for ten years.
            "links_valid_days": 3650,
            **TRACK,
        },
    )
    for order, signatory in enumerate(SIGNATORIES):
        Signatory.objects.update_or_create(track=track, order=order, defaults=signatory)
    track.signatories.filter(order__gte=len(SIGNATORIES)).delete()
    functions = {
        code: Function.objects.update_or_create(code=code, defaults={"name": name})[0]
        for code, name in FUNCTIONS.items()
    }
    invited = list(Parliament.objects.filter(ipu_member=True).select_related("country"))
    track.invited_parliaments.set(invited)
    for parliament in invited:
        _demo_contacts(parliament, functions)
    if stdout:
        stdout.write(f"Track {track.slug}: {len(invited)} parliaments invited, with demo contacts.")
    return track


def _demo_contacts(parliament: Parliament, functions: dict[str, Function]) -> None:
    """Clearly fictional contacts: a President of the IPU Group and a Speaker per parliament."""
    iso3 = parliament.country.iso3
    code = iso3.lower()
    if not parliament.email:
        parliament.email = f"parliament.{code}@example.org"
        parliament.save(update_fields=["email"])
    for function_code, given, gender in (
        ("president-ipu-group", "Demo", "female"),
        ("speaker", "Sample", "male"),
    ):
        person, _ = Person.objects.update_or_create(
            parliament=parliament,
            email=f"{function_code}.{code}@example.org",
            defaults={
                "given_name": given,
                "family_name": f"{function_code.split('-')[0].title()} {iso3}",
                "honorific": "Hon.",
                "gender": gender,
            },
        )
        person.functions.add(functions[function_code])
