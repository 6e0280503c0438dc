"""Every text a model stores loses its control characters, whichever way it came in."""

import pytest

from plenary.core.fields import without_control_characters
from plenary.directory.models import Parliament
from plenary.events.models import Track


def test_one_line_text_has_its_line_breaks_and_tabs_as_one_space():
    assert without_control_characters("a\r\n\tb\x1bc\x0bd", multiline=False) == "a bcd"


def test_multiline_text_keeps_line_breaks_and_tabs():
    assert without_control_characters("a\r\n\tb\x1bc\ud800\ufffe\x9f") == "a\r\n\tbc"


@pytest.mark.django_db
def test_a_model_stores_text_fields_and_translated_fields_cleaned():
    parliament = Parliament.objects.get(country__iso3="JPN")
    parliament.name = {"en": "National\x0b Diet\n of Japan", "fr": "Diète\x1b"}
    parliament.postal_address = "1-7-1 Nagatacho\r\nChiyoda-ku\x1b\tTokyo"
    parliament.save()
    stored = Parliament.objects.get(pk=parliament.pk)
    assert (stored.name.as_dict(), stored.postal_address) == (
        {"en": "National Diet  of Japan", "fr": "Diète"},
        "1-7-1 Nagatacho\r\nChiyoda-ku\tTokyo",
    )


@pytest.mark.django_db
def test_a_multiline_translated_field_keeps_its_line_breaks(igf_track):
    igf_track.description = {"en": "Register\x0b online.\n\nThen come."}
    igf_track.save(update_fields=["description"])
    assert Track.objects.get(pk=igf_track.pk).description.as_dict() == {
        "en": "Register online.\n\nThen come."
    }


@pytest.mark.django_db
def test_a_save_of_some_fields_reads_no_deferred_field(django_assert_num_queries):
    parliament = Parliament.objects.only("pk").get(country__iso3="JPN")
    parliament.postal_address = "Tokyo\x1b"
    with django_assert_num_queries(1):
        parliament.save(update_fields=["postal_address"])
    assert Parliament.objects.get(pk=parliament.pk).postal_address == "Tokyo"
