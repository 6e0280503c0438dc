import shutil

import pytest

from plenary.directory import reference_data
from plenary.directory.models import Country, IncomeGroup, Parliament


@pytest.mark.django_db
def test_counts_as_shipped():
    assert Country.objects.count() == 249
    assert Country.objects.filter(is_un_member=True).count() == 193
    assert Country.objects.filter(is_ldc=True).count() == 45
    assert Country.objects.filter(is_lldc=True).count() == 32
    assert Country.objects.filter(is_sids=True).count() == 37
    assert Country.objects.filter(is_economy_in_transition=True).count() == 17
    assert Country.objects.filter(is_g77=True).count() == 134
    assert Parliament.objects.filter(ipu_member=True).count() == 166


@pytest.mark.django_db
def test_a_country_has_every_attribute_and_its_names_in_six_languages():
    nepal = Country.objects.get(iso3="NPL")
    assert (nepal.is_ldc, nepal.is_lldc, nepal.is_sids, nepal.is_g77) == (True, True, False, True)
    assert nepal.un_regional_group == "Asia-Pacific Group"
    assert nepal.income_group == IncomeGroup.LOWER_MIDDLE
    assert (nepal.region, nepal.sub_region, nepal.m49, nepal.iso2) == ("Asia", "Southern Asia", 524, "NP")
    assert nepal.name.as_dict() == {
        "ar": "نيبال",
        "zh-hans": "尼泊尔",
        "en": "Nepal",
        "fr": "Népal",
        "ru": "Непал",
        "es": "Nepal",
    }
    japan = Country.objects.get(iso3="JPN")
    assert (japan.is_ldc, japan.is_g77, japan.income_group) == (False, False, IncomeGroup.HIGH)


@pytest.mark.django_db
def test_blank_unterm_names_fall_back_to_the_cldr_names():
    assert Country.objects.get(iso3="CIV").name.get("en") == "Côte d’Ivoire"
    assert Country.objects.get(iso3="TUR").is_un_member is True


@pytest.mark.django_db
def test_loading_twice_changes_nothing():
    before = list(Country.objects.order_by("iso3").values())
    report = reference_data.load()
    assert (report.created, report.updated, report.unchanged) == (0, 0, 249)
    assert (report.parliaments_created, report.parliaments_renamed) == (0, 0)
    assert report.skipped == [
        "wb-income-groups.csv, line 41: CHI is not an ISO 3166 code",
        "wb-income-groups.csv, line 107: XKX is not an ISO 3166 code",
    ]
    assert list(Country.objects.order_by("iso3").values()) == before


@pytest.mark.django_db
def test_an_edited_parliament_is_not_overwritten():
    kenya = Parliament.objects.get(country__iso3="KEN")
    kenya.name = {"en": "Parliament of the Republic of Kenya"}
    kenya.save()
    reference_data.load()
    kenya.refresh_from_db()
    assert kenya.name.as_dict() == {"en": "Parliament of the Republic of Kenya"}


@pytest.mark.django_db
def test_a_parliament_corresponds_by_default_in_its_countrys_un_languages_then_english():
    languages = {
        parliament.country.iso3: (parliament.country.official_un_languages, parliament.languages)
        for parliament in Parliament.objects.filter(
            country__iso3__in=["CAN", "EGY", "ISR", "JPN", "SAU", "TCD"]
        )
    }
    assert languages == {
        "CAN": (["en", "fr"], ["fr", "en"]),
        "EGY": (["ar"], ["ar", "en"]),
        "ISR": ([], ["en"]),
        "JPN": ([], ["en"]),
        "SAU": (["ar"], ["ar", "en"]),
        "TCD": (["ar", "fr"], ["ar", "fr", "en"]),
    }
    egypt = Parliament.objects.get(country__iso3="EGY")
    egypt.correspondence_languages = ["en"]
    assert egypt.languages == ["en"]


@pytest.fixture
def data_copy(tmp_path):
    target = tmp_path / "data"
    shutil.copytree(reference_data.DATA_DIR, target)
    return target


@pytest.mark.django_db
def test_a_bad_code_names_file_line_and_column_and_loads_nothing(data_copy):
    ldc = data_copy / "ldc.csv"
    ldc.write_text(ldc.read_text().replace("NPL,Nepal", "NPX,Nepal"))
    countries = data_copy / "country-codes.csv"
    countries.write_text(countries.read_text().replace(",Japan,", ",Nippon,", 1))
    with pytest.raises(reference_data.ReferenceDataError) as error:
        reference_data.load(data_copy)
    assert str(error.value) == "ldc.csv, line 30, column 'Code': 'NPX' is not an ISO 3166 alpha-3 code"
    assert Country.objects.get(iso3="JPN").name.get("en") == "Japan"


@pytest.mark.django_db
def test_a_row_with_too_many_values_is_refused(data_copy):
    sids = data_copy / "sids.csv"
    sids.write_text(sids.read_text() + "FJI,Fiji,Pacific,extra\n")
    with pytest.raises(reference_data.ReferenceDataError) as error:
        reference_data.load(data_copy)
    assert str(error.value) == "sids.csv, line 39, column '': more values than the header has columns"


@pytest.mark.django_db
def test_a_missing_column_is_refused(data_copy):
    groups = data_copy / "un-regional-groups.csv"
    groups.write_text(groups.read_text().replace("Code,Name,Region", "Code,Name,Group", 1))
    with pytest.raises(reference_data.ReferenceDataError) as error:
        reference_data.load(data_copy)
    assert (
        str(error.value) == "un-regional-groups.csv, line 1, column 'Region': column missing from the header"
    )


@pytest.mark.django_db
def test_the_command_reports_a_bad_file_without_a_traceback(data_copy):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    (data_copy / "g77.csv").write_bytes(b"Code,Name\n\xff\xfe,bad\n")
    with pytest.raises(CommandError) as error:
        call_command("load_reference_data", data_dir=data_copy)
    assert str(error.value).startswith("Nothing was loaded. g77.csv, line 0, column '': not a UTF-8 CSV file")


@pytest.mark.django_db
def test_an_unknown_language_names_file_line_and_column(data_copy):
    languages = data_copy / "un-official-languages.csv"
    languages.write_text(languages.read_text().replace("EGY,ar,", "EGY,ar de,", 1))
    with pytest.raises(reference_data.ReferenceDataError) as error:
        reference_data.load(data_copy)
    line = languages.read_text().splitlines().index("EGY,ar de,") + 1
    assert str(error.value) == (
        f"un-official-languages.csv, line {line}, column 'languages': "
        "unknown language code(s) de; use ar, zh-hans, en, fr, ru, es"
    )
    assert Country.objects.get(iso3="EGY").official_un_languages == ["ar"]
