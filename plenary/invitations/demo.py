"""The IGF 2023 invitation letter, as the joint IPU / UN DESA letter of 3 August 2023 has it.

Arabic first, then English, each language on its own pages; the text is the seed letter's, with
placeholders where the track's data gives the same words (forum, dates, themes, contact).
"""

import datetime as dt

from django.db import transaction

from plenary.events.demo import TRACK_SLUG
from plenary.events.models import Track
from plenary.invitations.models import LetterSignature, LetterTemplate

BODY_AR = "\n\n".join(
    [
        (
            "ستستضيف حكومة اليابان {forum}، في الفترة {forum_dates}، في الإطار الموضوعي الشامل "
            '"{forum_theme}". يجمع منتدى حوكمة الإنترنت بين مجموعات مختلفة من الجهات المعنية لتسهيل '
            "مناقشة مسائل السياسة العامة المتعلقة بالإنترنت. ومن المتوقع أن يشارك في المنتدى أشخاص "
            "متمرسون في خطاب حوكمة الإنترنت العالمي. وستأخذ المشاركة والمداولات شكلاً مختلفاً."
        ),
        (
            "سعى منتدى حوكمة الإنترنت في السنوات الأخيرة إلى تعزيز مشاركة البرلمانيين في المناقشات "
            "حول المسائل الملحة المتعلقة باستخدام وتطوير وحوكمة الإنترنت والتقنيات الرقمية ذات الصلة."
            " بناءً على الجلسات البرلمانية التي عُقدت في العام الماضي، يخطط منتدى حوكمة الإنترنت "
            "لتعزيز مساره البرلماني عبر توسيع مجموعة الأنشطة بين الجلسات المخصصة لتعزيز الحوار "
            "والتعاون بين البرلمانات بشأن قضايا السياسة الرقمية الرئيسية وتقديم المزيد من المخرجات "
            "العملية المنحى."
        ),
        (
            "وبذلك، نود أن ندعوكم وأعضاء آخرين من برلمان بلدكم للمشاركة في مداولات منتدى حوكمة "
            "الإنترنت 2023. ونود لفت الانتباه بشكل خاص إلى المسار البرلماني، الذي سينعقد يومي 8 و9 "
            'تشرين الأول/أكتوبر 2023 حول موضوع "{track_theme}". من الأفضل أن يكون المشاركون في هذا '
            "الاجتماع أعضاء في اللجان البرلمانية ذات الصلة إلى جانب أولئك البرلمانيين الذين يعملون في"
            " الشؤون الرقمية ومسائل سياسة الإنترنت."
        ),
        (
            "وسيتضمن المسار البرلماني سلسلة من الجلسات التي يشارك فيها البرلمانيون ويتبادلون الخبرات "
            "في ما بينهم ومع ممثلي الكيانات الرئيسية في مجال السياسة الرقمية. ستشكل النقاط الرئيسية "
            "المنبثقة عن هذه المناقشات أساس الوثيقة الختامية للمسار البرلماني، منتدى حوكمة الإنترنت "
            "2023. تجردون مذكرة توضيحية بشأن المسار البرلماني مرفقة."
        ),
        (
            "وسيتاح برنامج العمل، بما فيه المكونات البرلمانية إلى جانب المعلومات ذات الصلة، على "
            "المواقع الإلكترونية التالية: <https://www.soumu.go.jp/igfkyoto2023/en/> و "
            "<https://intgovforum.org>."
        ),
        (
            "وتجردون مذكرة المعلومات العملية مرفقة، توضح وبشكل مفصل عمليات التسجيل لمنتدى حوكمة "
            "الإنترنت 2023 واللوجستيات الخاصة به. كما تشرح المذكرة تدابير ومعايير الحصول على تمويل "
            "للمشاركة نيابة عن عدد محدود من البرلمانيين من دول جنوب الكرة الأرضية."
        ),
        (
            "ونتطلع إلى استقبال أعضاء برلمانكم في المسار البرلماني لمنتدى حوكمة الإنترنت 2023 واجتماع"
            " منتدى حوكمة الإنترنت الشامل."
        ),
        (
            "وبخصوص أية استفسارات أو توضيحات، يرجى التواصل مع السيدة سيلين بال عبر البريد الإلكتروني "
            "التالي: {contact_email}."
        ),
    ]
)

BODY_EN = "\n\n".join(
    [
        (
            "The Government of Japan will host the United Nations 18^th^ Internet Governance Forum "
            "(IGF), from 8 to 12 October 2023, under the overarching theme “{forum_theme}”. The IGF "
            "brings together different stakeholder groups to facilitate the discussion of public "
            "policy issues pertaining to the internet. Prominent individuals in the global Internet "
            "governance discourse are expected to take part in the forum. Participation and "
            "proceedings will be in hybrid format."
        ),
        (
            "In recent years, the IGF has sought to strengthen the participation of parliamentarians "
            "in discussions on pressing issues related to the use, evolution and governance of the "
            "internet and related digital technologies. Building on last year’s parliamentary "
            "sessions, the IGF plans to further strengthen its Parliamentary Track, through expanding"
            " the set of intersessional activities dedicated to fostering inter-parliamentary "
            "dialogue and cooperation on key digital policy issues and delivering more "
            "action-oriented outputs."
        ),
        (
            "As such, we would like to invite you and other Members of Parliament from your country "
            "to participate in the IGF 2023 deliberations. Particular attention is drawn to the "
            "Parliamentary Track, taking place on 8 and 9 October 2023 on the theme “{track_theme}”. "
            "Participants in this meeting would ideally be members of relevant parliamentary "
            "committees and those parliamentarians who work on digital affairs and internet policy "
            "issues."
        ),
        (
            "The Parliamentary Track will include a series of sessions in which parliamentarians will"
            " engage and share experiences amongst themselves and with representatives of key "
            "entities in the digital policy space. The main points emerging from these discussions "
            "will form the basis for the output document from the Parliamentary Track, IGF 2023. A "
            "concept note on the Parliamentary Track is attached."
        ),
        (
            "The programme, including parliamentary components together with related information, "
            "will be made available at the following websites: "
            "<https://www.soumu.go.jp/igfkyoto2023/en/> and <https://intgovforum.org>."
        ),
        (
            "Also attached is the practical information note detailing registration and logistics for"
            " IGF 2023. The note also explains the procedure and criteria for obtaining funding for "
            "participation on behalf of a limited number of MPs from the global south."
        ),
        (
            "We look forward to welcoming members of your Parliament to the IGF 2023 Parliamentary "
            "Track and the overall IGF meeting."
        ),
        ("For any queries or clarification, please contact {contact_name}, at {contact_email}."),
    ]
)

TEMPLATE = {
    "languages": ["ar", "en"],
    "layout": "sequential",
    "letter_date": dt.date(2023, 8, 3),
    "reference_pattern": "IPU/IGF/2023/{seq}",
    "letterhead": {
        "ar": "**الاتحاد البرلماني الدولي** · **الأمم المتحدة، إدارة الشؤون الاقتصادية والاجتماعية**",
        "en": "**Inter-Parliamentary Union** · **United Nations Department of Economic and Social Affairs**",
    },
    "addressee_line": {
        "ar": "الى: رؤساء البرلمانات الأعضاء في الاتحاد البرلماني الدولي",
        "en": "To: Presidents of all IPU Groups",
    },
    "salutation": {"ar": "حضرة السيد/السيدة،", "en": "Dear Sir/Madam,"},
    "body": {"ar": BODY_AR, "en": BODY_EN},
    "closing": {"ar": "وتفضلوا بقبول فائق الاحترام،", "en": "Yours sincerely,"},
    "enclosures": {
        "ar": "المرفقات: مذكرة توضيحية بشأن المسار البرلماني؛ مذكرة المعلومات العملية",
        "en": "Enclosures: concept note on the Parliamentary Track; practical information note",
    },
    "email_subject": {
        "ar": "دعوة: {track} – {city}، {track_dates}",
        "en": "Invitation: {track} – {city}, {track_dates}",
        "fr": "Invitation : {track} – {city}, {track_dates}",
        "es": "Invitación: {track} – {city}, {track_dates}",
        "ru": "Приглашение: {track} – {city}, {track_dates}",
        "zh-hans": "邀请函：{track}，{city}，{track_dates}",
    },
    "email_body": {
        "ar": "حضرة {addressee_title} {addressee_name}،\n\nتجدون مرفقاً رسالة الدعوة إلى {track} "
        "({track_dates}، {city}) والوثائق المتعلقة به.\n\nرقم المرجع: {reference}",
        "en": "Dear {addressee_title} {addressee_name},\n\nPlease find attached the letter inviting "
        "{parliament} "
        "to the {track} ({track_dates}, {city}) and its documents.\n\nReference: {reference}",
        "fr": "Madame, Monsieur {addressee_name},\n\nVeuillez trouver ci-joint la lettre invitant "
        "{parliament} "
        "au {track} ({track_dates}, {city}) et ses documents.\n\nRéférence : {reference}",
        "es": "Estimado/a {addressee_title} {addressee_name}:\n\nAdjuntamos la carta que invita a "
        "{parliament} "
        "a la {track} ({track_dates}, {city}) y sus documentos.\n\nReferencia: {reference}",
        "ru": "Уважаемый(ая) {addressee_title} {addressee_name}!\n\nНаправляем письмо с приглашением "
        "{parliament} на {track} ({track_dates}, {city}) и документы.\n\nНомер: {reference}",
        "zh-hans": "尊敬的{addressee_title} {addressee_name}：\n\n随函附上邀请{parliament}参加{track}"
        "（{track_dates}，{city}）的信函及相关文件。\n\n编号：{reference}",
    },
    "addressee_functions": ["president-ipu-group", "speaker"],
    "cc_functions": ["focal-point"],
}

SIGNATURES = [
    {
        "ar": "(توقيع)\n\nمارتن تشونغونغ\n\nالأمين العام للاتحاد البرلماني الدولي",
        "en": "**Martin Chungong**  \nSecretary General  \nInter-Parliamentary Union",
    },
    {
        "ar": "(توقيع)\n\nلي جونخوا\n\nوكيل الأمين العام للشؤون الاقتصادية والاجتماعية\n\nفي الامم المتحدة",
        "en": "**LI Junhua**  \nUnder-Secretary-General for  \nEconomic and Social Affairs  \nUnited Nations",
    },
]


@transaction.atomic
def load(stdout=None) -> LetterTemplate:
    track = Track.objects.get(slug=TRACK_SLUG)
    template, _created = LetterTemplate.objects.update_or_create(track=track, defaults=TEMPLATE)
    template.signatures.all().delete()
    for order, text in enumerate(SIGNATURES):
        LetterSignature.objects.create(template=template, order=order, text=text)
    if stdout:
        stdout.write(f"Letter template for {track.slug}: Arabic then English, dated 3 August 2023.")
    return template
