"""One voice per word: what Django shows for a message is the one translation plenary gives it.

Django merges every catalogue it loads for a language into one: LOCALE_PATHS first, then the installed
apps in INSTALLED_APPS order, then Django's own. So a message id (with its context) translated
differently in two plenary apps reaches the screen in only one of them, and a message id that Django
or allauth also translates reaches it in theirs unless plenary's catalogues come first.

For every message plenary translates, in each of the five languages:
- plenary's catalogues agree on one translation, unless WINNERS below declares which one wins;
- Django's gettext returns that translation, whatever Django's own catalogues and allauth's say
  (plenary's apps come first in INSTALLED_APPS, docs/translation.md).
Third-party messages plenary does not translate are not plenary's to judge.
"""

import gettext
from collections import defaultdict
from pathlib import Path

import polib
import pytest
from django.apps import apps
from django.conf import settings
from django.utils import translation

LANGUAGES = {"ar": "ar", "zh_Hans": "zh-hans", "fr": "fr", "ru": "ru", "es": "es"}

# (language, context, msgid) -> (the app whose translation wins, why the others may differ). Empty today:
# every disagreement was settled by a context or by one wording per term (docs/translation.md).
WINNERS = {}


def plenary_catalogue_paths(locale):
    folders = [Path(folder) for folder in settings.LOCALE_PATHS]
    folders += [
        Path(config.path) / "locale"
        for config in apps.get_app_configs()
        if config.name.startswith("plenary.")
    ]
    paths = [folder / locale / "LC_MESSAGES" / "django.po" for folder in folders]
    return [path for path in paths if path.exists()]


def owner(path):
    return path.parents[3].name


def key(entry):
    return entry.msgctxt or "", entry.msgid, entry.msgid_plural or ""


def plenary_translations(locale):
    """{(context, msgid, msgid_plural): {translation: [apps]}}, a plural's translation as a tuple of forms."""
    found = defaultdict(lambda: defaultdict(list))
    for path in plenary_catalogue_paths(locale):
        catalogue = polib.pofile(str(path))
        for entry in catalogue.translated_entries():
            found[key(entry)][translation_of(entry)].append(owner(path))
    return found


def translation_of(entry):
    if entry.msgid_plural:
        return tuple(entry.msgstr_plural[index] for index in sorted(entry.msgstr_plural))
    return entry.msgstr


def divergent(found, locale):
    return {
        message: dict(translations)
        for message, translations in found.items()
        if len(translations) > 1 and (locale, message[0], message[1]) not in WINNERS
    }


def expected(found, locale, message):
    translations = found[message]
    declared = WINNERS.get((locale, message[0], message[1]))
    if declared:
        return next(text for text, owners in translations.items() if declared[0] in owners)
    (text,) = translations
    return text


# Counts that reach every plural form an integer can take in the five languages (French and Spanish
# have one for the round millions; Russian's fourth form is for fractions, which plenary never counts).
COUNTS = [*range(112), 1_000_000]


def plural_form(locale):
    header = polib.pofile(str(plenary_catalogue_paths(locale)[0])).metadata["Plural-Forms"]
    return gettext.c2py(header.split("plural=")[1].rstrip(";"))


def shown_by_django(message, locale):
    """What Django's gettext returns: a text, or for a plural message {form index: text}."""
    context, msgid, plural = message
    if not plural:
        return translation.pgettext(context, msgid) if context else translation.gettext(msgid)
    form = plural_form(locale)
    if context:
        return {form(count): translation.npgettext(context, msgid, plural, count) for count in COUNTS}
    return {form(count): translation.ngettext(msgid, plural, count) for count in COUNTS}


def wanted_as_shown(wanted, shown):
    return {index: wanted[index] for index in shown} if isinstance(shown, dict) else wanted


@pytest.mark.parametrize("locale", LANGUAGES)
def test_plenary_catalogues_agree_on_each_message(locale):
    assert divergent(plenary_translations(locale), locale) == {}


@pytest.mark.parametrize("locale", LANGUAGES)
def test_django_shows_plenary_translation_of_each_message(locale):
    found = plenary_translations(locale)
    settled = found.keys() - divergent(found, locale).keys()
    wrong = {}
    with translation.override(LANGUAGES[locale]):
        for message in settled:
            shown = shown_by_django(message, locale)
            wanted = wanted_as_shown(expected(found, locale, message), shown)
            if shown != wanted:
                wrong[message] = {"shown": shown, "plenary": wanted}
    assert wrong == {}


def test_a_declared_winner_settles_a_disagreement_and_nothing_else(monkeypatch):
    found = {
        ("", "Onsite", ""): {"Sur place": ["registration"], "En présentiel": ["events"]},
        ("", "Online", ""): {"En ligne": ["registration"], "À distance": ["events"]},
    }
    monkeypatch.setitem(WINNERS, ("fr", "", "Onsite"), ("events", "a reason"))
    assert divergent(found, "fr") == {
        ("", "Online", ""): {"En ligne": ["registration"], "À distance": ["events"]}
    }
    assert expected(found, "fr", ("", "Onsite", "")) == "En présentiel"


@pytest.mark.django_db
def test_the_arabic_page_offers_plenary_wording_for_logging_in(client):
    content = client.get("/ar/igf2023-pt/").content.decode()
    assert "تسجيل الدخول" in content
    assert "ادخل" not in content
