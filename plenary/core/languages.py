"""The six UN official languages, as plenary names them everywhere."""

import unicodedata

from django.utils.translation import get_language

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


def text_direction(language: str) -> str:
    return "rtl" if normalise(language) in RTL_LANGUAGES else "ltr"


def parse_language_list(value: str) -> list[str]:
    """'ar, en' -> ['ar', 'en']; raises ValueError naming any code that is not a UN language."""
    codes = [code.strip().lower() for code in value.split(",") if code.strip()]
    unknown = [code for code in codes if code not in LANGUAGE_CODES]
    if unknown:
        raise ValueError(f"unknown language code(s) {', '.join(unknown)}; use {', '.join(LANGUAGE_CODES)}")
    return list(dict.fromkeys(codes))


def sort_key(text: str) -> str:
    """Alphabetical order for names shown in a list: accents and case ignored ('Égypte' among the E)."""
    decomposed = unicodedata.normalize("NFKD", str(text))
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()
