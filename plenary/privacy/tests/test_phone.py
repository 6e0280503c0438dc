"""The secretariat's personal-data page on a phone: the retention table and its form fit the screen."""

import datetime as dt

import pytest
from django.urls import reverse

from plenary.core.models import Role
from plenary.core.testing import chromium_page, log_in_page, make_user
from plenary.privacy.models import RetentionRun

PHONE = {"width": 390, "height": 844}


@pytest.mark.django_db
def test_the_last_purge_says_what_its_number_counts_and_the_form_uses_the_project_styles(
    client, igf_track, secretariat
):
    RetentionRun.objects.create(
        track=igf_track, kind="contact", ran_at=dt.datetime(2026, 1, 12, 9, 0, tzinfo=dt.UTC), count=15
    )
    client.force_login(secretariat)
    page = client.get(reverse("privacy:secretariat", kwargs={"track": igf_track.slug})).content.decode()
    assert "Records purged on 12 January 2026: 15" in page
    assert '<table class="table" id="retention-table">' in page
    assert '<form method="post" class="stacked-form" id="retention-form">' in page
    assert '<button class="button" type="submit">Save the retention periods</button>' in page


@pytest.mark.browser
@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_retention_table_fits_a_phone(igf_demo_committed, live_server, language):
    RetentionRun.objects.create(
        track=igf_demo_committed, kind="contact", ran_at=dt.datetime(2026, 1, 12, tzinfo=dt.UTC), count=15
    )
    staff = make_user(f"privacy-phone-{language}@ipu.example.org", Role.SECRETARIAT)
    url = reverse("privacy:secretariat", kwargs={"track": igf_demo_committed.slug}).replace(
        "/en/", f"/{language}/"
    )
    with chromium_page(viewport=PHONE) as phone:
        log_in_page(phone, live_server.url, staff)
        phone.goto(live_server.url + url)
        assert phone.locator("#retention-table").count() == 1
        assert phone.evaluate("document.scrollingElement.scrollWidth - window.innerWidth") == 0
