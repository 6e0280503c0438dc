import pytest

from plenary.directory import reference_data
from plenary.directory.country_names import CountryName, default_parliament_names
from plenary.directory.models import Country, Parliament


def names_of(iso3: str) -> dict[str, str]:
    return Country.objects.get(iso3=iso3).name.as_dict()


@pytest.mark.django_db
def test_country_names_are_shown_without_their_bracketed_article():
    assert names_of("JPN") == {
        "ar": "اليابان",
        "zh-hans": "日本",
        "en": "Japan",
        "fr": "Japon",
        "ru": "Япония",
        "es": "Japón",
    }
    assert names_of("BHS") == {
        "ar": "جزر البهاما",
        "zh-hans": "巴哈马",
        "en": "Bahamas",
        "fr": "Bahamas",
        "ru": "Багамские Острова",
        "es": "Bahamas",
    }
    assert [names_of(iso3)["fr"] for iso3 in ("EGY", "AFG", "ARG", "NLD")] == [
        "Égypte",
        "Afghanistan",
        "Argentine",
        "Pays-Bas",
    ]
    assert [names_of(iso3)["es"] for iso3 in ("AFG", "ARG", "NLD")] == [
        "Afganistán",
        "Argentina",
        "Países Bajos",
    ]


@pytest.mark.django_db
def test_footnote_marks_are_stripped_from_names_and_formal_names():
    palestine = Country.objects.get(iso3="PSE")
    assert palestine.name.as_dict() == {
        "ar": "دولة فلسطين",
        "zh-hans": "巴勒斯坦国",
        "en": "State of Palestine",
        "fr": "État de Palestine",
        "ru": "Государство Палестина",
        "es": "Estado de Palestina",
    }
    assert palestine.formal_name.get("en") == "the State of Palestine"
    assert [names_of(iso3)["ar"] for iso3 in ("COK", "VAT", "NIU")] == ["جزر كوك", "الكرسي الرسولي", "نيوي"]
    for country in Country.objects.all():
        for text in (*country.name.as_dict().values(), *country.formal_name.as_dict().values()):
            assert "*" not in text and "(the)" not in text and "(le)" not in text, (country.iso3, text)


@pytest.mark.django_db
def test_the_source_files_broken_names_are_corrected():
    assert [names_of(iso3)["ar"] for iso3 in ("IOT", "UMI", "ATF")] == [
        "الإقليم البريطاني في المحيط الهندي",
        "جزر الولايات المتحدة النائية",
        "الأراضي الفرنسية الجنوبية",
    ]
    assert [names_of(iso3)["ru"] for iso3 in ("ALA", "ATA", "CYM", "CCK")] == [
        "Аландские острова",
        "Антарктика",
        "Каймановы острова",
        "Кокосовые (Килинг) острова",
    ]
    assert names_of("CIV")["fr"] == "Côte d’Ivoire"


@pytest.mark.django_db
def test_parliaments_default_names_read_naturally_in_six_languages():
    expected = {
        "JPN": ("برلمان اليابان", "日本议会", "Parliament of Japan", "Parlement du Japon", "Парламент Японии",
                "Parlamento del Japón"),
        "EGY": ("برلمان مصر", "埃及议会", "Parliament of Egypt", "Parlement de l'Égypte", "Парламент Египта",
                "Parlamento de Egipto"),
        "ARG": ("برلمان الأرجنتين", "阿根廷议会", "Parliament of Argentina", "Parlement de l'Argentine",
                "Парламент Аргентины", "Parlamento de la Argentina"),
        "PHL": ("برلمان الفلبين", "菲律宾议会", "Parliament of the Philippines", "Parlement des Philippines",
                "Парламент Филиппин", "Parlamento de Filipinas"),
        "NLD": ("برلمان هولندا", "荷兰议会", "Parliament of the Netherlands", "Parlement des Pays-Bas",
                "Парламент Нидерландов", "Parlamento de los Países Bajos"),
        "FRA": ("برلمان فرنسا", "法国议会", "Parliament of France", "Parlement de la France",
                "Парламент Франции", "Parlamento de Francia"),
        "ISR": ("برلمان إسرائيل", "以色列议会", "Parliament of Israel", "Parlement d'Israël",
                "Парламент Израиля", "Parlamento de Israel"),
        "MCO": ("برلمان موناكو", "摩纳哥议会", "Parliament of Monaco", "Parlement de Monaco",
                "Парламент Монако", "Parlamento de Mónaco"),
        "CIV": ("برلمان كوت ديفوار", "科特迪瓦议会", "Parliament of Côte d’Ivoire",
                "Parlement de la Côte d’Ivoire", "Парламент Кот-д'Ивуара", "Parlamento de Côte d’Ivoire"),
        "GBR": ("برلمان المملكة المتحدة لبريطانيا العظمى وأيرلندا الشمالية", "大不列颠及北爱尔兰联合王国议会",
                "Parliament of the United Kingdom of Great Britain and Northern Ireland",
                "Parlement du Royaume-Uni de Grande-Bretagne et d'Irlande du Nord",
                "Парламент Соединенного Королевства Великобритании и Северной Ирландии",
                "Parlamento del Reino Unido de Gran Bretaña e Irlanda del Norte"),
        "BIH": ("برلمان البوسنة والهرسك", "波斯尼亚和黑塞哥维那议会", "Parliament of Bosnia and Herzegovina",
                "Parlement de la Bosnie-Herzégovine", "Парламент Боснии и Герцеговины",
                "Parlamento de Bosnia y Herzegovina"),
    }  # fmt: skip
    languages = ("ar", "zh-hans", "en", "fr", "ru", "es")
    actual = {
        iso3: tuple(Parliament.objects.get(country__iso3=iso3).name.get(code) for code in languages)
        for iso3 in expected
    }
    assert actual == expected


@pytest.mark.django_db
def test_no_default_name_keeps_a_colon_an_article_in_brackets_or_a_footnote_mark():
    for parliament in Parliament.objects.all():
        for text in parliament.name.as_dict().values():
            assert not any(mark in text for mark in (":", "*", "(le)", "(la)", "(l')", "(the)", "(el)")), text


def test_without_a_known_genitive_the_russian_name_is_set_apart_not_declined():
    names = {"ru": CountryName("Новая страна")}
    assert default_parliament_names(names, russian_genitive=None) == {"ru": "Парламент (Новая страна)"}


@pytest.mark.django_db
def test_a_default_name_from_an_earlier_version_is_brought_up_to_date_but_an_edited_one_is_kept():
    japan = Parliament.objects.get(country__iso3="JPN")
    japan.name = {
        "en": "National Diet of Japan",
        "fr": "Parlement : Japon (le)",
        "ru": "Парламент: Япония",
        "es": "Parlamento de Japón (el)",
        "ar": "برلمان اليابان",
    }
    japan.save()
    egypt = Parliament.objects.get(country__iso3="EGY")
    egypt.name = {"fr": "Parlement : Égypte (l')", "es": "Cámara de Representantes de Egipto"}
    egypt.save()
    report = reference_data.load()
    japan.refresh_from_db()
    egypt.refresh_from_db()
    assert japan.name.as_dict() == {
        "en": "National Diet of Japan",
        "fr": "Parlement du Japon",
        "ru": "Парламент Японии",
        "es": "Parlamento del Japón",
        "ar": "برلمان اليابان",
    }
    assert egypt.name.as_dict() == {"fr": "Parlement de l'Égypte", "es": "Cámara de Representantes de Egipto"}
    assert report.parliaments_renamed == 2
    assert reference_data.load().parliaments_renamed == 0


@pytest.mark.django_db
def test_a_legacy_name_built_from_an_uncorrected_source_name_is_recognised():
    turkey = Parliament.objects.get(country__iso3="TUR")
    turkey.name = {"fr": "Parlement : Türkiye", "ar": "برلمان تركيا"}
    turkey.save()
    reference_data.load()
    turkey.refresh_from_db()
    assert turkey.name.as_dict() == {"fr": "Parlement de la Türkiye", "ar": "برلمان تركيا"}


@pytest.mark.django_db
def test_a_default_name_made_without_compiled_translations_is_brought_up_to_date():
    japan = Parliament.objects.get(country__iso3="JPN")
    japan.name = {
        "ar": "Parliament of اليابان",
        "fr": "Parliament of Japon (le)",
        "en": "Parliament of Japan",
    }
    japan.save()
    reference_data.load()
    japan.refresh_from_db()
    assert japan.name.as_dict() == {
        "ar": "برلمان اليابان",
        "fr": "Parlement du Japon",
        "en": "Parliament of Japan",
    }
