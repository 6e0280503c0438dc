"""The IGF 2023 invitation letter, as the joint IPU / UN DESA letter of 3 August 2023 has it.

The parliament's own UN language first, then English, each language on its own pages, as the seed
letter has Arabic then English. The Arabic and English texts are the seed letter's; the French,
Spanish, Russian and Chinese texts are plenary's translations of the English one. Placeholders stand
where the track's data gives the same words (forum, dates, themes, contact).
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

BODY_FR = "\n\n".join(
    [
        (
            "Le Gouvernement japonais accueillera le 18^e^ Forum des Nations Unies sur la gouvernance de "
            "l'Internet (FGI), du 8 au 12 octobre 2023, sur le thème général « {forum_theme} ». Le "
            "FGI réunit différents groupes de parties prenantes afin de faciliter l'examen des questions "
            "de politique publique relatives à l'Internet. Des personnalités éminentes du débat mondial "
            "sur la gouvernance de l'Internet devraient participer au Forum. La participation et les "
            "travaux se dérouleront en format hybride."
        ),
        (
            "Ces dernières années, le FGI s'est attaché à renforcer la participation des parlementaires "
            "aux débats sur les questions urgentes liées à l'utilisation, à l'évolution et à la "
            "gouvernance de l'Internet et des technologies numériques connexes. Fort des sessions "
            "parlementaires de l'année dernière, le FGI entend renforcer encore son volet parlementaire "
            "en élargissant l'ensemble des activités intersessions consacrées à la promotion du dialogue "
            "et de la coopération interparlementaires sur les grandes questions de politique numérique, "
            "et en produisant des résultats davantage axés sur l'action."
        ),
        (
            "Aussi avons-nous l'honneur de vous inviter, ainsi que d'autres membres du Parlement de votre "
            "pays, à participer aux travaux du FGI 2023. Nous appelons tout particulièrement votre "
            "attention sur le volet parlementaire, qui se tiendra les 8 et 9 octobre 2023 sur le thème "
            "« {track_theme} ». Les participants à cette réunion seraient idéalement des membres des "
            "commissions parlementaires compétentes ainsi que des parlementaires qui traitent des "
            "affaires numériques et des questions de politique de l'Internet."
        ),
        (
            "Le volet parlementaire comprendra une série de sessions au cours desquelles les "
            "parlementaires dialogueront et échangeront leurs expériences entre eux et avec des "
            "représentants des principales entités du domaine des politiques numériques. Les principaux "
            "points qui se dégageront de ces débats serviront de base au document final du volet "
            "parlementaire du FGI 2023. Vous trouverez ci-joint une note conceptuelle sur le volet "
            "parlementaire."
        ),
        (
            "Le programme, y compris les volets parlementaires, ainsi que les informations connexes "
            "seront disponibles sur les sites Web suivants : <https://www.soumu.go.jp/igfkyoto2023/en/> "
            "et <https://intgovforum.org>."
        ),
        (
            "Vous trouverez également ci-joint la note d'information pratique qui détaille les modalités "
            "d'inscription et la logistique du FGI 2023. Cette note précise en outre la procédure et les "
            "critères d'obtention d'un financement pour la participation d'un nombre limité de "
            "parlementaires des pays du Sud."
        ),
        (
            "Nous nous réjouissons d'accueillir les membres de votre Parlement au volet parlementaire du "
            "FGI 2023 ainsi qu'à la réunion générale du FGI."
        ),
        (
            "Pour toute question ou tout éclaircissement, veuillez vous adresser à {contact_name}, à "
            "l'adresse {contact_email}."
        ),
    ]
)

BODY_ES = "\n\n".join(
    [
        (
            "El Gobierno del Japón acogerá el 18.º Foro de las Naciones Unidas para la Gobernanza de "
            "Internet (IGF), del 8 al 12 de octubre de 2023, bajo el tema general «{forum_theme}». El "
            "IGF reúne a distintos grupos de partes interesadas para facilitar el debate de cuestiones de "
            "política pública relacionadas con Internet. Se prevé que participen en el Foro "
            "personalidades destacadas del debate mundial sobre la gobernanza de Internet. La "
            "participación y los trabajos se desarrollarán en formato híbrido."
        ),
        (
            "En los últimos años, el IGF ha procurado fortalecer la participación de los parlamentarios "
            "en los debates sobre cuestiones apremiantes relacionadas con el uso, la evolución y la "
            "gobernanza de Internet y de las tecnologías digitales conexas. Sobre la base de las "
            "sesiones parlamentarias del año pasado, el IGF se propone fortalecer aún más su Vía "
            "Parlamentaria, ampliando el conjunto de actividades entre períodos de sesiones dedicadas a "
            "fomentar el diálogo y la cooperación interparlamentarios sobre cuestiones clave de política "
            "digital y a obtener resultados más orientados a la acción."
        ),
        (
            "En consecuencia, tenemos el agrado de invitarle a usted y a otros miembros del Parlamento de "
            "su país a participar en las deliberaciones del IGF 2023. Señalamos especialmente a su "
            "atención la Vía Parlamentaria, que tendrá lugar los días 8 y 9 de octubre de 2023 sobre el "
            "tema «{track_theme}». Idealmente, los participantes en esta reunión serían miembros de las "
            "comisiones parlamentarias pertinentes y parlamentarios que se ocupan de asuntos digitales y "
            "de cuestiones de política de Internet."
        ),
        (
            "La Vía Parlamentaria comprenderá una serie de sesiones en las que los parlamentarios "
            "dialogarán e intercambiarán experiencias entre sí y con representantes de las principales "
            "entidades del ámbito de la política digital. Los principales puntos que surjan de estos "
            "debates servirán de base para el documento final de la Vía Parlamentaria del IGF 2023. Se "
            "adjunta una nota conceptual sobre la Vía Parlamentaria."
        ),
        (
            "El programa, incluidos los componentes parlamentarios, junto con la información conexa, "
            "estará disponible en los siguientes sitios web: <https://www.soumu.go.jp/igfkyoto2023/en/> "
            "y <https://intgovforum.org>."
        ),
        (
            "Se adjunta asimismo la nota de información práctica, en la que se detallan la inscripción y "
            "la logística del IGF 2023. La nota explica también el procedimiento y los criterios para "
            "obtener financiación para la participación de un número limitado de parlamentarios del Sur "
            "global."
        ),
        (
            "Esperamos con interés dar la bienvenida a los miembros de su Parlamento a la Vía "
            "Parlamentaria del IGF 2023 y a la reunión general del IGF."
        ),
        ("Para cualquier consulta o aclaración, sírvase dirigirse a {contact_name}, en {contact_email}."),
    ]
)

BODY_RU = "\n\n".join(
    [
        (
            "Правительство Японии проведет 8–12 октября 2023 года 18-й Форум Организации Объединенных "
            "Наций по вопросам управления Интернетом (IGF) под общей темой «{forum_theme}». Форум "
            "объединяет различные группы заинтересованных сторон в целях содействия обсуждению вопросов "
            "государственной политики, касающихся Интернета. Ожидается, что в работе Форума примут "
            "участие видные деятели глобального диалога по вопросам управления Интернетом. Участие в "
            "Форуме и его работа будут организованы в гибридном формате."
        ),
        (
            "В последние годы IGF стремится расширить участие парламентариев в обсуждении насущных "
            "вопросов, связанных с использованием, развитием и управлением Интернетом и смежными "
            "цифровыми технологиями. Опираясь на опыт парламентских заседаний прошлого года, IGF "
            "планирует и далее укреплять свой парламентский трек, расширяя круг межсессионных "
            "мероприятий, направленных на развитие межпарламентского диалога и сотрудничества по "
            "ключевым вопросам цифровой политики, и добиваясь более практически ориентированных "
            "результатов."
        ),
        (
            "В этой связи мы хотели бы пригласить Вас и других членов парламента Вашей страны принять "
            "участие в работе IGF 2023. Особо обращаем Ваше внимание на парламентский трек, который "
            "пройдет 8 и 9 октября 2023 года на тему «{track_theme}». Участниками этого совещания в "
            "идеале должны стать члены профильных парламентских комитетов, а также парламентарии, "
            "занимающиеся цифровыми вопросами и вопросами политики в области Интернета."
        ),
        (
            "Парламентский трек будет включать ряд заседаний, в ходе которых парламентарии будут "
            "взаимодействовать и обмениваться опытом между собой и с представителями ключевых "
            "организаций в сфере цифровой политики. Основные положения, вытекающие из этих обсуждений, "
            "лягут в основу итогового документа парламентского трека IGF 2023. Концептуальная записка о "
            "парламентском треке прилагается."
        ),
        (
            "Программа, включая парламентские мероприятия, а также соответствующая информация будут "
            "размещены на следующих веб-сайтах: <https://www.soumu.go.jp/igfkyoto2023/en/> и "
            "<https://intgovforum.org>."
        ),
        (
            "Прилагается также информационная записка по практическим вопросам, в которой подробно "
            "изложены порядок регистрации и организационные аспекты IGF 2023. В записке также "
            "разъясняются порядок и критерии получения финансирования для участия ограниченного числа "
            "парламентариев из стран глобального Юга."
        ),
        (
            "Мы с нетерпением ожидаем встречи с членами Вашего парламента на парламентском треке "
            "IGF 2023 и на Форуме в целом."
        ),
        ("По всем вопросам и за разъяснениями просим обращаться к {contact_name} по адресу {contact_email}."),
    ]
)

BODY_ZH = "\n\n".join(
    [
        (
            "日本政府将于2023年10月8日至12日主办联合国第十八届互联网治理论坛（IGF），总主题为"
            "“{forum_theme}”。互联网治理论坛汇聚不同的利益攸关方群体，以促进对与互联网有关的公共政策"
            "问题的讨论。预计全球互联网治理领域的知名人士将出席论坛。论坛的参与和议事将以线上线下相结合的"
            "混合形式进行。"
        ),
        (
            "近年来，互联网治理论坛致力于加强议员对互联网及相关数字技术的使用、演进和治理等紧迫问题的"
            "讨论的参与。在去年议会会议的基础上，互联网治理论坛计划进一步加强其议会专题，扩大致力于促进"
            "各国议会在关键数字政策问题上的对话与合作的闭会期间活动，并取得更多注重行动的成果。"
        ),
        (
            "为此，我们谨邀请您及贵国议会其他议员参加2023年互联网治理论坛的审议。特别提请注意将于2023年"
            "10月8日和9日举行的议会专题，主题为“{track_theme}”。本次会议的与会者最好是相关议会委员会"
            "的成员以及从事数字事务和互联网政策问题工作的议员。"
        ),
        (
            "议会专题将包括一系列会议，议员们将在会上相互交流经验，并与数字政策领域主要实体的代表进行"
            "交流。这些讨论中形成的要点将成为2023年互联网治理论坛议会专题成果文件的基础。随函附上关于"
            "议会专题的概念说明。"
        ),
        (
            "包括议会部分在内的会议方案及相关信息将在以下网站公布："
            "<https://www.soumu.go.jp/igfkyoto2023/en/> 和 <https://intgovforum.org>。"
        ),
        (
            "另附实用信息说明，其中详细介绍2023年互联网治理论坛的注册和后勤安排。该说明还阐述了为来自"
            "全球南方的有限数量议员提供与会资助的程序和标准。"
        ),
        ("我们期待欢迎贵国议会议员出席2023年互联网治理论坛议会专题及整个论坛会议。"),
        ("如有任何疑问或需要澄清，请联系{contact_name}，电子邮件：{contact_email}。"),
    ]
)

TEMPLATE = {
    # The parliament's own UN language first, then English, as in the seed (Arabic, then English).
    "languages": ["ar", "zh-hans", "fr", "ru", "es", "en"],
    "layout": "sequential",
    "letter_date": dt.date(2023, 8, 3),
    "reference_pattern": "IPU/IGF/2023/{seq}",
    "letterhead": {
        "ar": "**الاتحاد البرلماني الدولي** · **الأمم المتحدة، إدارة الشؤون الاقتصادية والاجتماعية**",
        "en": "**Inter-Parliamentary Union** · **United Nations Department of Economic and Social Affairs**",
        "fr": "**Union interparlementaire** · **Département des affaires économiques et sociales de l'ONU**",
        "es": "**Unión Interparlamentaria** · **Departamento de Asuntos Económicos y Sociales de las "
        "Naciones Unidas**",
        "ru": "**Межпарламентский союз** · **Департамент Организации Объединенных Наций по экономическим "
        "и социальным вопросам**",
        "zh-hans": "**各国议会联盟** · **联合国经济和社会事务部**",
    },
    "addressee_line": {
        "ar": "الى: رؤساء البرلمانات الأعضاء في الاتحاد البرلماني الدولي",
        "en": "To: Presidents of all IPU Groups",
        "fr": "À : Présidents de tous les Groupes de l'UIP",
        "es": "A: Presidentes de todos los Grupos de la UIP",
        "ru": "Председателям всех групп МПС",
        "zh-hans": "致：各国议会联盟所有小组主席",
    },
    "salutation": {
        "ar": "حضرة السيد/السيدة،",
        "en": "Dear Sir/Madam,",
        "fr": "Madame, Monsieur,",
        "es": "Señora, señor:",
        "ru": "Уважаемая госпожа, уважаемый господин!",
        "zh-hans": "尊敬的女士/先生：",
    },
    "body": {"ar": BODY_AR, "en": BODY_EN, "fr": BODY_FR, "es": BODY_ES, "ru": BODY_RU, "zh-hans": BODY_ZH},
    "closing": {
        "ar": "وتفضلوا بقبول فائق الاحترام،",
        "en": "Yours sincerely,",
        "fr": "Veuillez agréer, Madame, Monsieur, l'assurance de notre haute considération.",
        "es": "Le saludamos atentamente,",
        "ru": "С уважением,",
        "zh-hans": "此致 敬礼",
    },
    "enclosures": {
        "ar": "المرفقات: مذكرة توضيحية بشأن المسار البرلماني؛ مذكرة المعلومات العملية",
        "en": "Enclosures: concept note on the Parliamentary Track; practical information note",
        "fr": "Pièces jointes : note conceptuelle sur le volet parlementaire ; note d'information pratique",
        "es": "Anexos: nota conceptual sobre la Vía Parlamentaria; nota de información práctica",
        "ru": "Приложения: концептуальная записка о парламентском треке; информационная записка по "
        "практическим вопросам",
        "zh-hans": "附件：议会专题概念说明；实用信息说明",
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
        "fr": "**Martin Chungong**  \nSecrétaire général  \nUnion interparlementaire",
        "es": "**Martin Chungong**  \nSecretario General  \nUnión Interparlamentaria",
        "ru": "**Мартин Чунгонг**  \nГенеральный секретарь  \nМежпарламентский союз",
        "zh-hans": "**马丁·琼贡**  \n秘书长  \n各国议会联盟",
    },
    {
        "ar": "(توقيع)\n\nلي جونخوا\n\nوكيل الأمين العام للشؤون الاقتصادية والاجتماعية\n\nفي الامم المتحدة",
        "en": "**LI Junhua**  \nUnder-Secretary-General for  \nEconomic and Social Affairs  \nUnited Nations",
        "fr": "**LI Junhua**  \nSecrétaire général adjoint  \naux affaires économiques et sociales  \n"
        "Organisation des Nations Unies",
        "es": "**LI Junhua**  \nSecretario General Adjunto  \nde Asuntos Económicos y Sociales  \n"
        "Naciones Unidas",
        "ru": "**Ли Цзюньхуа**  \nЗаместитель Генерального секретаря  \nпо экономическим и социальным "
        "вопросам  \nОрганизация Объединенных Наций",
        "zh-hans": "**李军华**  \n主管经济和社会事务副秘书长  \n联合国",
    },
]


def _stored(template: LetterTemplate, name: str):
    """A template field as TEMPLATE gives it: a translated text as its {language: text} dict."""
    value = getattr(template, name)
    return value.values if hasattr(value, "values") and not isinstance(value, dict) else value


@transaction.atomic
def load(stdout=None) -> LetterTemplate:
    track = Track.objects.get(slug=TRACK_SLUG)
    template = LetterTemplate.objects.filter(track=track).first()
    if template is None or any(_stored(template, name) != value for name, value in TEMPLATE.items()):
        template, _created = LetterTemplate.objects.update_or_create(track=track, defaults=TEMPLATE)
    for order, text in enumerate(SIGNATURES):
        LetterSignature.objects.update_or_create(template=template, order=order, defaults={"text": text})
    template.signatures.filter(order__gte=len(SIGNATURES)).delete()
    if stdout:
        stdout.write(
            f"Letter template for {track.slug}: each parliament's UN language then English, "
            "dated 3 August 2023."
        )
    return template
