"""Countries in the page's language order, and registrations exported in the exporting user's language."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from plenary.directory.models import Parliament
from plenary.registration import exports
from plenary.registration.forms import RegistrationForm
from plenary.registration.models import Registration
from plenary.registration.tests import factories
from plenary.registration.tests.conftest import form_data
from plenary.registration.tests.test_views import register_url

INJECTION = "=cmd|' /C calc'!A0"
SOME_COUNTRIES = {
    "ar": ["الأرجنتين", "إسبانيا", "مصر", "اليابان"],
    "fr": ["Argentine", "Égypte", "Espagne", "Japon"],
    "ru": ["Аргентина", "Египет", "Испания", "Япония"],
    "zh-hans": ["埃及", "日本", "西班牙", "阿根廷"],
}


@pytest.mark.parametrize("language", SOME_COUNTRIES)
def test_nationality_choices_follow_the_country_names_in_the_page_language(igf_track, language):
    parliament = Parliament.objects.get(country__iso3="JPN")
    with translation.override(language):
        form = RegistrationForm(track=igf_track, parliament=parliament)
        choices = [(value, str(label)) for value, label in form.fields["nationality"].choices]
    assert choices[0][0] == ""
    labels = [label for _value, label in choices]
    assert [label for label in labels if label in SOME_COUNTRIES[language]] == SOME_COUNTRIES[language]


def test_participants_in_arabic_sort_without_the_article(client, igf_track, capacity):
    for iso3 in ("JPN", "EGY", "ARG", "ESP"):
        member = factories.member(igf_track, Parliament.objects.get(country__iso3=iso3))
        client.post(register_url(member), form_data(member))
    url = reverse("registration:participants", kwargs={"track": igf_track.slug}).replace("/en/", "/ar/")
    rows = client.get(url).context["parliaments"]
    assert [row["name"] for row in rows] == [
        "برلمان الأرجنتين",
        "برلمان إسبانيا",
        "برلمان مصر",
        "برلمان اليابان",
    ]


@pytest.fixture
def registration(client, igf_track, capacity):
    member = factories.member(igf_track, Parliament.objects.get(country__iso3="JPN"))
    client.post(register_url(member), form_data(member, dietary=INJECTION))
    return Registration.objects.select_related("delegation__parliament__country").get(member=member)


def exported_row(content: bytes) -> dict:
    sheet = load_workbook(io.BytesIO(content)).active
    header, values = list(sheet.iter_rows(values_only=True))[:2]
    return dict(zip(header, values, strict=True))


def test_xlsx_in_arabic_is_right_to_left_with_labels_not_codes(registration):
    with translation.override("ar"):
        content = exports.to_xlsx([registration])
    sheet = load_workbook(io.BytesIO(content)).active
    assert (sheet.sheet_view.rightToLeft, sheet.freeze_panes, sheet.auto_filter.ref) == (True, "A2", "A1:W2")
    row = exported_row(content)
    assert (row["الجنس"], row["الترجمة الشفوية"], row["ترتيب التقديم"]) == (
        "أنثى",
        "العربيّة والإنجليزيّة",
        "1",
    )


def test_xlsx_in_french_names_the_order_of_submission(registration):
    with translation.override("fr"):
        row = exported_row(exports.to_xlsx([registration]))
    assert (row["Genre"], row["Interprétation"], row["Ordre de soumission"]) == (
        "Femme",
        "Arabe et Anglais",
        "1",
    )
    assert (row["Régime alimentaire"], row["Parlement"]) == (INJECTION, "Parlement du Japon")


def test_xlsx_in_english_is_left_to_right_and_a_formula_stays_text(registration):
    with translation.override("en"):
        content = exports.to_xlsx([registration])
    sheet = load_workbook(io.BytesIO(content)).active
    dietary = sheet.cell(row=2, column=19)
    assert (sheet.sheet_view.rightToLeft, dietary.value, dietary.data_type) == (False, INJECTION, "s")
    assert exported_row(content)["Order of submission"] == "1"


def test_csv_keeps_the_apostrophe_and_exports_labels(registration):
    with translation.override("en"):
        content = exports.to_csv([registration]).decode("utf-8-sig")
    header, values = list(csv.reader(io.StringIO(content)))
    row = dict(zip(header, values, strict=True))
    assert (row["Dietary needs"], row["Gender"], row["Interpretation"]) == (
        "'" + INJECTION,
        "Female",
        "Arabic and English",
    )


@pytest.mark.parametrize(
    ("language", "heading"),
    [
        ("fr", "Délégation du Parlement du Japon"),
        ("es", "Delegación del Parlamento del Japón"),
        ("ru", "Делегация: Парламент Японии"),
        ("ar", "وفد برلمان اليابان"),
        ("zh-hans", "日本议会代表团"),
    ],
)
@pytest.mark.django_db
def test_the_delegation_heading_reads_naturally_with_the_default_name(language, heading):
    japan = Parliament.objects.get(country__iso3="JPN")
    with translation.override(language):
        assert translation.gettext("Delegation of %(parliament)s") % {"parliament": japan.name} == heading
