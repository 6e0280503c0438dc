from django.urls import reverse
from django.utils import translation

from plenary.registration import links
from plenary.registration.models import LIST_CONSENT_VERSION, Registration
from plenary.registration.tests import factories
from plenary.registration.tests.conftest import form_data


def register_in(client, track, parliament, language, **overrides) -> Registration:
    member = factories.member(track, parliament)
    with translation.override(language):
        url = reverse(
            "registration:register", kwargs={"track": track.slug, "token": links.member_token(member)}
        )
    assert client.post(url, form_data(member, **overrides)).status_code == 302
    return Registration.objects.get(member=member)


def test_consent_to_the_list_is_off_unless_ticked(client, igf_track, capacity, two_parliaments):
    registration = register_in(client, igf_track, two_parliaments[0], "en")
    assert (
        registration.list_consent_at,
        registration.list_consent_language,
        registration.list_consent_version,
        registration.list_consent_text,
    ) == (None, "", "", "")


def test_consent_to_the_list_records_the_wording_and_the_language_read(
    client, igf_track, capacity, two_parliaments
):
    registration = register_in(client, igf_track, two_parliaments[0], "ar", list_consent="on")
    assert registration.list_consent_at is not None
    assert (
        registration.list_consent_language,
        registration.list_consent_version,
        registration.list_consent_text,
    ) == (
        "ar",
        LIST_CONSENT_VERSION,
        "أوافق على ظهور اسمي وبرلماني ومناصبي وطريقة مشاركتي في قائمة المشاركين التي تنشرها الأمانة.",
    )


def test_the_form_offers_the_box_unticked_in_the_page_language(client, igf_track, capacity, two_parliaments):
    member = factories.member(igf_track, two_parliaments[0])
    with translation.override("fr"):
        url = reverse(
            "registration:register", kwargs={"track": igf_track.slug, "token": links.member_token(member)}
        )
    page = client.get(url).content.decode()
    assert '<input type="checkbox" name="list_consent" id="id_list_consent"' in page
    assert (
        "J&#x27;accepte que mon nom, mon parlement, mes fonctions et mon mode de participation figurent"
        in page
    )
