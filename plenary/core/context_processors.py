from django.urls import translate_url
from django.utils.translation import get_language_bidi

from plenary.core.languages import LANGUAGE_CODES, NATIVE_NAMES, current_language


def languages(request):
    """The language switcher: each language's version of the current page."""
    path = request.get_full_path()
    return {
        "current_language": current_language(),
        "text_direction": "rtl" if get_language_bidi() else "ltr",
        "language_links": [
            {"code": code, "name": NATIVE_NAMES[code], "url": translate_url(path, code)}
            for code in LANGUAGE_CODES
        ],
    }
