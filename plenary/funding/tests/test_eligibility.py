import pytest
from django.utils import translation

from plenary.directory.models import Country
from plenary.events.models import Forum
from plenary.funding import eligibility
from plenary.funding.eligibility import CountryCategory
from plenary.funding.models import Application
from plenary.funding.tests import factories
from plenary.registration.models import Mode

pytestmark = pytest.mark.django_db


def test_nepal_is_ldc_and_lldc_japan_is_in_no_category():
    nepal = Country.objects.get(iso3="NPL")
    japan = Country.objects.get(iso3="JPN")
    assert eligibility.country_categories(nepal) == ["ldc", "lldc", "wb_lower_middle", "g77"]
    assert eligibility.country_categories(japan) == []
    assert eligibility.check_country(nepal, eligibility.DEFAULT_CATEGORIES).passed is True
    assert eligibility.check_country(japan, eligibility.DEFAULT_CATEGORIES).passed is False


def test_optional_categories_widen_the_rule():
    kenya = Country.objects.get(iso3="KEN")
    assert eligibility.check_country(kenya, eligibility.DEFAULT_CATEGORIES).passed is False
    assert eligibility.check_country(kenya, [CountryCategory.WB_LOWER_MIDDLE]).passed is True
    assert eligibility.check_country(kenya, [CountryCategory.G77]).passed is True
    armenia = Country.objects.get(iso3="ARM")
    assert eligibility.check_country(armenia, eligibility.DEFAULT_CATEGORIES).message == (
        "Armenia is eligible as: landlocked developing country and economy in transition."
    )


def test_the_categories_are_a_list_in_the_readers_language():
    armenia = Country.objects.get(iso3="ARM")
    with translation.override("ar"):
        message = eligibility.check_country(armenia, eligibility.DEFAULT_CATEGORIES).message
    assert message == "أرمينيا مؤهل بصفته: بلد نامٍ غير ساحلي واقتصاد يمر بمرحلة انتقالية."


def test_member_from_nepal_with_confirmed_onsite_registration_may_apply(igf_track):
    call = factories.call(igf_track)
    checks = eligibility.evaluate(call, factories.mp("NPL", track=igf_track))
    assert [(check.code, check.passed) for check in checks] == [
        ("country", True),
        ("registration", True),
        ("history", True),
        ("endorsement", False),
    ]
    assert (eligibility.may_apply(checks), eligibility.is_eligible(checks)) == (True, False)


def test_member_from_japan_may_not_apply(igf_track):
    call = factories.call(igf_track)
    checks = eligibility.evaluate(call, factories.mp("JPN", track=igf_track))
    assert [(check.code, check.passed) for check in checks] == [
        ("country", False),
        ("registration", True),
        ("history", True),
        ("endorsement", False),
    ]
    assert eligibility.may_apply(checks) is False


def test_online_or_missing_registration_is_not_enough(igf_track):
    call = factories.call(igf_track)
    online = factories.mp("NPL", track=igf_track, mode=Mode.ONLINE)
    unregistered = factories.mp("NPL", track=igf_track, registered=False)
    for person in (online, unregistered):
        assert eligibility.check_registration(call, person).passed is False


def test_funded_in_the_last_editions_is_not_eligible(igf_track):
    earlier_forum = Forum.objects.create(
        slug="igf2022",
        name="IGF 2022",
        host_country=Country.objects.get(iso3="ETH"),
        city="Addis Ababa",
        time_zone="Africa/Addis_Ababa",
        start_date=igf_track.forum.start_date.replace(year=2022),
        end_date=igf_track.forum.end_date.replace(year=2022),
    )
    earlier_track = igf_track.__class__.objects.create(
        forum=earlier_forum,
        slug="igf2022-pt",
        name="IGF 2022 Parliamentary Track",
        start_date=earlier_forum.start_date,
        end_date=earlier_forum.end_date,
    )
    person = factories.mp("NPL", track=igf_track)
    earlier_call = factories.call(earlier_track)
    Application.objects.create(
        call=earlier_call,
        person=person,
        motivation="x",
        itinerary="x",
        airfare_quote=1000,
        nights=3,
        status=Application.Status.ACCEPTED,
        grant_amount=2000,
    )
    assert eligibility.check_history(factories.call(igf_track), person).passed is True
    strict = factories.call(igf_track, not_funded_editions=1)
    assert eligibility.check_history(strict, person).passed is False
    assert eligibility.check_history(strict, factories.mp("NPL", track=igf_track)).passed is True
