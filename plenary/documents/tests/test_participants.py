import io
import subprocess

import pytest
from openpyxl import load_workbook

from plenary.core.testing import PdfTags, pdf_tags, pdf_text
from plenary.documents import rendering, selectors
from plenary.documents.tests.conftest import COUNTRIES, register
from plenary.registration.models import DelegationRole, Mode

pytestmark = pytest.mark.django_db


@pytest.fixture
def six_delegations(igf_track, capacity):
    for iso3 in COUNTRIES:
        register(igf_track, iso3, f"Member {iso3}")
    return igf_track


BIDI_MARKS = " \u202a\u202b\u202c\u2066\u2067\u2068\u2069"

COUNTRY_ORDER = {
    # The article ignored: الأردن under أ, البحرين under ب, الجزائر under ج, اليابان under ي.
    "ar": ["الأردن", "البحرين", "الجزائر", "فرنسا", "مصر", "اليابان"],
    # Accents ignored: Égypte among the E.
    "fr": ["Algérie", "Bahreïn", "Égypte", "France", "Japon", "Jordanie"],
    "ru": ["Алжир", "Бахрейн", "Египет", "Иордания", "Франция", "Япония"],
    # Radical-and-stroke order, as Unicode arranges the ideographs.
    "zh-hans": ["埃及", "巴林", "日本", "法国", "约旦", "阿尔及利亚"],
    "en": ["Algeria", "Bahrain", "Egypt", "France", "Japan", "Jordan"],
}


@pytest.mark.parametrize("language", sorted(COUNTRY_ORDER))
def test_countries_in_the_order_of_their_names_in_the_language(six_delegations, language):
    groups = selectors.participants_by_country(six_delegations, language)
    assert [group.country for group in groups] == COUNTRY_ORDER[language]


def test_only_people_who_agreed_appear(igf_track, capacity):
    register(igf_track, "FRA", "Listed")
    register(igf_track, "FRA", "Unlisted", listed=False)
    cancelled = register(igf_track, "FRA", "Cancelled")
    cancelled.status = cancelled.Status.CANCELLED
    cancelled.save()
    groups = selectors.participants_by_country(igf_track, "en")
    assert [(group.country, [delegate.name for delegate in group.delegates]) for group in groups] == [
        ("France", ["LISTED, Amal"])
    ]


def test_the_head_of_delegation_first_then_by_family_name(igf_track, capacity):
    register(igf_track, "JPN", "Abe")
    register(igf_track, "JPN", "Suzuki", role=DelegationRole.HEAD, functions="Speaker")
    register(igf_track, "JPN", "Kato", mode=Mode.ONLINE)
    [group] = selectors.participants_by_country(igf_track, "en")
    assert [(d.name, d.is_head, d.functions, d.mode_label) for d in group.delegates] == [
        ("SUZUKI, Amal", True, "Speaker", "Onsite"),
        ("ABE, Amal", False, "", "Onsite"),
        ("KATO, Amal", False, "", "Online"),
    ]


def test_the_pdf_in_french_reads_in_order(igf_track, capacity):
    register(igf_track, "JPN", "Suzuki", role=DelegationRole.HEAD, functions="Président")
    register(igf_track, "EGY", "Hassan", mode=Mode.ONLINE)
    lines = [line.strip() for line in pdf_text(rendering.participants_pdf(igf_track, "fr")).splitlines()]
    assert [line for line in lines if line] == [
        "18e Forum sur la gouvernance de l'Internet (FGI 2023)",
        "Volet parlementaire du FGI 2023",
        "Liste des participants",
        "Centre international de conférences de Kyoto, Kyoto, Japon",
        "8–9 octobre 2023",
        "Égypte",
        "Parlement de l'Égypte",
        "HASSAN, Amal",
        "En ligne",
        "Japon",
        "Parlement du Japon",
        "SUZUKI, Amal – Chef de délégation",
        "Président",
        "1",  # the page number, in the footer, which pdftotext reads before the last cell
        "En présentiel",
    ]


def test_the_spreadsheet_in_russian(igf_track, capacity):
    register(igf_track, "JPN", "Suzuki", role=DelegationRole.HEAD, functions="Speaker")
    register(igf_track, "EGY", "Hassan", mode=Mode.ONLINE)
    sheet = load_workbook(io.BytesIO(rendering.participants_xlsx(igf_track, "ru"))).active
    assert [[cell.value for cell in row] for row in sheet.iter_rows()] == [
        ["Страна", "Парламент", "Имя", "Глава делегации", "Должности", "Участие"],
        ["Египет", "Парламент Египта", "HASSAN, Amal", None, None, "Онлайн"],
        ["Япония", "Парламент Японии", "SUZUKI, Amal", "✓", "Speaker", "Очно"],
    ]
    assert sheet.sheet_view.rightToLeft is False


def test_the_arabic_list_right_to_left(six_delegations, artifacts_dir):
    register(
        six_delegations, "EGY", "Hassan", role=DelegationRole.HEAD, name_arabic="أمل حسن", functions="رئيسة"
    )
    path = artifacts_dir / "documents-participants-ar.pdf"
    path.write_bytes(rendering.participants_pdf(six_delegations, "ar"))
    text = pdf_text(path)
    # pdftotext marks each right-to-left line with directional embeddings.
    lines = [line.strip(BIDI_MARKS) for line in text.splitlines()]
    headings = [line for line in lines if line in COUNTRY_ORDER["ar"]]
    assert headings == COUNTRY_ORDER["ar"]
    assert "قائمة المشاركين" in text
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "60",
            "-f",
            "1",
            "-l",
            "1",
            str(path),
            str(artifacts_dir / "documents-participants-ar"),
        ],
        check=True,
    )


@pytest.mark.parametrize(("language", "title"), [("ar", "قائمة المشاركين"), ("en", "List of participants")])
def test_the_list_is_tagged_in_its_language(igf_track, capacity, language, title):
    register(igf_track, "EGY", "Hassan", name_arabic="أمل حسن")
    assert pdf_tags(rendering.participants_pdf(igf_track, language)) == PdfTags(
        tagged=True, marked=True, language=language, title=title, languages=[], alternative_texts=[]
    )
