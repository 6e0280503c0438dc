import datetime as dt
import re

import pytest
from django.utils import translation

from plenary.core.fields import TranslatedFormField
from plenary.core.translation import TranslatedText
from plenary.events.models import Forum, Track


def test_fallback_requested_then_primary_then_english():
    text = TranslatedText({"en": "Welcome", "fr": "Bienvenue"}, primary="fr")
    assert text.get("fr") == "Bienvenue"
    assert text.get("ar") == "Bienvenue"
    assert TranslatedText({"en": "Welcome", "fr": "Bienvenue"}).get("ar") == "Welcome"
    assert TranslatedText({"ru": "Добро пожаловать"}).get("es") == "Добро пожаловать"
    assert TranslatedText().get("en") == ""


def test_language_served_and_missing_languages():
    text = TranslatedText({"en": "Welcome", "ar": "مرحبا", "zh-hans": "  "})
    assert text.language_served("ar") == "ar"
    assert text.language_served("ru") == "en"
    assert text.missing_languages() == ["zh-hans", "fr", "ru", "es"]


def test_str_follows_the_active_language():
    text = TranslatedText({"en": "Theme", "ar": "الموضوع"})
    with translation.override("ar"):
        assert str(text) == "الموضوع"
    with translation.override("ru"):
        assert str(text) == "Theme"


def test_unknown_language_codes_are_dropped():
    assert TranslatedText({"en": "x", "de": "y"}).as_dict() == {"en": "x"}


@pytest.mark.django_db
def test_the_field_falls_back_to_the_tracks_primary_language():
    forum = Forum.objects.get(slug="igf2023")
    track = Track.objects.create(
        forum=forum,
        slug="fr-track",
        name={"fr": "Volet francophone", "en": "French-language track"},
        start_date=dt.date(2024, 1, 1),
        end_date=dt.date(2024, 1, 2),
        primary_language="fr",
    )
    track = Track.objects.get(pk=track.pk)
    assert track.name.get("ar") == "Volet francophone"
    assert track.name.get("en") == "French-language track"
    with translation.override("ru"):
        assert str(track.name) == "Volet francophone"


@pytest.mark.django_db
def test_the_field_stores_a_json_object_and_accepts_a_plain_string():
    forum = Forum.objects.get(slug="igf2023")
    forum.city = "Kyoto"
    forum.save()
    forum.refresh_from_db()
    assert forum.city.as_dict() == {"en": "Kyoto"}
    assert Forum.objects.filter(city__en="Kyoto").count() == 1


def test_the_form_field_takes_one_input_per_language():
    field = TranslatedFormField(required=True)
    cleaned = field.clean(["عنوان", "", "Title", "", "", ""])
    assert cleaned.as_dict() == {"ar": "عنوان", "en": "Title"}
    html = field.widget.render("title", cleaned)
    assert 'lang="ar" dir="rtl"' in html
    assert html.count("<input") == 6


def test_the_form_field_requires_one_language_when_required():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        TranslatedFormField(required=True).clean(["", "", "", "", "", ""])
    assert error.value.messages == ["Enter this text in at least one language."]


@pytest.mark.parametrize(
    ("language", "arabic_box", "english_box"),
    [
        ("en", "Letterhead — Arabic", "Letterhead — English"),
        ("ar", "Letterhead — العربيّة", "Letterhead — الإنجليزيّة"),
    ],
)
def test_each_box_is_labelled_by_the_field_and_its_language(language, arabic_box, english_box):
    field = TranslatedFormField(label="Letterhead")
    with translation.override(language):
        html = field.widget.render("letterhead", TranslatedText({"en": "IPU"}), attrs={"id": "id_letterhead"})
    labels = re.findall(
        r'<span class="visually-hidden">([^<]*)</span> <span lang="([^"]+)">([^<]*)</span>', html
    )
    assert labels[0] == (arabic_box, "ar", "العربية")
    assert labels[2] == (english_box, "en", "English")
    assert [code for _, code, _ in labels] == ["ar", "zh-hans", "en", "fr", "ru", "es"]
    assert "aria-label" not in html
