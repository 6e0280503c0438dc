from plenary.credentials import demo
from plenary.credentials.models import Credentials
from plenary.directory.models import Parliament
from plenary.registration import services as registration_services
from plenary.registration.tests import factories


def test_the_demo_records_japan_verified_and_egypt_received_once(igf_track):
    for iso3 in ("JPN", "EGY"):
        parliament = Parliament.objects.get(country__iso3=iso3)
        registration_services.delegation_for(track=igf_track, parliament=parliament)
        factories.member(igf_track, parliament, role="head")
    demo.load()
    demo.load()
    assert sorted(
        Credentials.objects.filter(delegation__track=igf_track).values_list(
            "delegation__parliament__country__iso3", "state", "channel"
        )
    ) == [("EGY", "received", "email"), ("JPN", "verified", "post")]
