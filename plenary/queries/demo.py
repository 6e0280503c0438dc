"""Reply templates of the demo, in the six languages: the visa letter and the registration link."""

from plenary.queries.models import ReplyTemplate

TEMPLATES = {
    "Visa letter": {
        "en": "Your visa support letter is ready: download it from your registration page.",
        "fr": "Votre lettre d'appui à la demande de visa est prête sur votre page d'inscription.",
        "es": "Su carta de apoyo a la solicitud de visado está lista en su página de inscripción.",
        "ru": "Ваше письмо о визовой поддержке готово: скачайте его на странице регистрации.",
        "zh-hans": "您的签证协助函已备好：请在您的登记页面下载。",
        "ar": "رسالة دعم طلب التأشيرة جاهزة: يمكنك تنزيلها من صفحة التسجيل الخاصة بك.",
    },
    "New link": {
        "en": "Your focal point sends your personal link; ask for a new one on the site.",
        "fr": "Votre point focal envoie votre lien personnel ; demandez-en un nouveau sur le site.",
        "es": "Su punto focal envía su enlace personal; solicite uno nuevo en el sitio.",
        "ru": "Координатор отправляет вашу личную ссылку; новую можно запросить на сайте.",
        "zh-hans": "协调人会发送您的个人链接；您可以在网站上申请新链接。",
        "ar": "ترسل جهة التنسيق الرابط الشخصي الخاص بك؛ ويمكنك طلب رابط جديد على الموقع.",
    },
}


def load(stdout=None) -> None:
    for name, texts in TEMPLATES.items():
        for language, body in texts.items():
            ReplyTemplate.objects.update_or_create(name=name, language=language, defaults={"body": body})
