"""The six UN official languages, as plenary names them everywhere."""

import functools
import re
import unicodedata

from babel.lists import format_list as babel_format_list
from django.conf import settings
from django.utils.translation import get_language, pgettext

LANGUAGE_CODES = ("ar", "zh-hans", "en", "fr", "ru", "es")
FALLBACK_LANGUAGE = "en"
RTL_LANGUAGES = frozenset({"ar"})
# English in the UN style: "3 August 2023".
BABEL_LOCALES = {"ar": "ar", "zh-hans": "zh_Hans", "en": "en_GB", "fr": "fr", "ru": "ru", "es": "es"}
NATIVE_NAMES = {
    "ar": "العربية",
    "zh-hans": "中文",
    "en": "English",
    "fr": "Français",
    "ru": "Русский",
    "es": "Español",
}


def current_language() -> str:
    """The active language, normalised to one of LANGUAGE_CODES."""
    return normalise(get_language())


def normalise(language: str | None) -> str:
    if not language:
        return FALLBACK_LANGUAGE
    language = language.lower().replace("_", "-")
    if language in LANGUAGE_CODES:
        return language
    if language.startswith("zh"):
        return "zh-hans"
    base = language.split("-")[0]
    return base if base in LANGUAGE_CODES else FALLBACK_LANGUAGE


def language_or_current(language: str | None = None) -> str:
    """`language` as plenary spells it, or the active language when none is given."""
    return normalise(language) if language else current_language()


def babel_locale(language: str | None = None) -> str:
    """Babel's locale for a language (default: the active one)."""
    return BABEL_LOCALES[language_or_current(language)]


def format_list(items, language: str | None = None) -> str:
    """Items as a language writes a list, after CLDR: "Arabic and English", "العربية والإنجليزية"."""
    return babel_format_list([str(item) for item in items], locale=babel_locale(language))


def list_separators(count: int, language: str | None = None) -> list[str]:
    """What joins the items of a list of `count` as format_list writes it, for a list whose items
    are written one by one (links): [", ", " and "], [" و", " و"], ["、", "和"]."""
    return list(_list_separators(count, language_or_current(language)))


@functools.cache
def _list_separators(count: int, language: str) -> tuple[str, ...]:
    markers = [f"\x00{index}\x00" for index in range(count)]
    return tuple(re.split("\x00\\d+\x00", format_list(markers, language))[1:-1])


# Between the parts of a place ("Kyoto, Japan", "كيوتو، اليابان"). A place is not a list: CLDR's list
# patterns would join its last two parts with "and".
PLACE_SEPARATORS = {"ar": "، ", "zh-hans": "、"}


def place_separator(language: str | None = None) -> str:
    return PLACE_SEPARATORS.get(language_or_current(language), ", ")


# Between the parts of one item, such as a person's name, title and organisation, or a day and its
# time ("Hon. A, Speaker", "Hon. A، رئيس", "Hon. A，议长"): neither a list nor a place.
COMMAS = {"ar": "، ", "zh-hans": "，"}


def comma(language: str | None = None) -> str:
    return COMMAS.get(language_or_current(language), ", ")


# Between items that may hold commas of their own, such as session titles ("A; B", "A؛ B", "A；B").
SEMICOLONS = {"ar": "؛ ", "zh-hans": "；"}


def semicolon(language: str | None = None) -> str:
    return SEMICOLONS.get(language_or_current(language), "; ")


def language_name(code: str) -> str:
    """A language's name in the active language ('Arabic', 'Arabe'); an unknown code as it is."""
    return str(dict(settings.LANGUAGES).get(code, code))


def field_in_language(field: str, code: str) -> str:
    """The label of one language's box of a field: "Letterhead — Arabic", in the active language."""
    label = pgettext("a box of a text in six languages", "%(field)s — %(language)s")
    return label % {"field": field, "language": language_name(code)}


def text_direction(language: str) -> str:
    return "rtl" if normalise(language) in RTL_LANGUAGES else "ltr"


def parse_language_list(value: str) -> list[str]:
    """'ar, en' -> ['ar', 'en']; raises ValueError naming any code that is not a UN language."""
    codes = [code.strip().lower() for code in value.split(",") if code.strip()]
    unknown = [code for code in codes if code not in LANGUAGE_CODES]
    if unknown:
        raise ValueError(f"unknown language code(s) {', '.join(unknown)}; use {', '.join(LANGUAGE_CODES)}")
    return list(dict.fromkeys(codes))


# Letters a language sorts as letters of their own, not as an accented form of another: Russian й
# comes after и (its code point does too), Spanish ñ between n and o.
OWN_LETTERS = {"ru": {"й": "й"}, "es": {"ñ": "n\uffff"}}
ARABIC_ARTICLE = "ال"


def sort_key(text: str, language: str | None = None) -> str:
    """Alphabetical order for names shown in a list, in a language (default: the active one): accents
    and case ignored ('Égypte' among the E); in Arabic, a leading article too (اليابان under ي)."""
    language = language_or_current(language)
    own_letters = OWN_LETTERS.get(language, {})
    text = _composed(text).casefold()
    # The article is looked for before the hamza is dropped: ألبانيا (Albania) is under ا, not ب.
    if language == "ar":
        text = text.removeprefix(ARABIC_ARTICLE)
    return "".join(own_letters.get(char) or _without_accents(char) for char in text)


def _composed(text) -> str:
    return unicodedata.normalize("NFC", str(text))


def _without_accents(char: str) -> str:
    return "".join(part for part in unicodedata.normalize("NFKD", char) if not unicodedata.combining(part))
