from functools import lru_cache

from django.urls import get_resolver, get_script_prefix, get_urlconf, translate_url
from django.utils.translation import get_language, get_language_bidi

from plenary.core.languages import LANGUAGE_CODES, NATIVE_NAMES, current_language

# Pages whose switcher links a process keeps: every page of the site in every language, and some
# room for the query strings of filtered lists.
REMEMBERED_PAGES = 4096


def languages(request):
    """The language switcher: each language's version of the current page."""
    urls = _translations(
        request.get_full_path(), get_language(), get_script_prefix(), get_resolver(get_urlconf())
    )
    return {
        "current_language": current_language(),
        "text_direction": "rtl" if get_language_bidi() else "ltr",
        "language_links": [
            {"code": code, "name": NATIVE_NAMES[code], "url": url}
            for code, url in zip(LANGUAGE_CODES, urls, strict=True)
        ],
    }


@lru_cache(maxsize=REMEMBERED_PAGES)
def _translations(path: str, active_language: str, script_prefix: str, resolver) -> tuple[str, ...]:
    """`path` in each language. translate_url resolves the path in the active language and reverses
    it against the URLconf's resolver under the script prefix: these four are all its answer depends
    on (a cleared URL cache brings a new resolver). Resolving each page six times was a quarter of
    the programme page's cost after a release."""
    return tuple(translate_url(path, code) for code in LANGUAGE_CODES)
