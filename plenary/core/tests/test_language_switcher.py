"""The switcher's links are remembered per page and language: each page must still get its own."""

import re

import pytest
from django.test import RequestFactory
from django.utils import translation

from plenary.core.context_processors import languages

LANGUAGES = ["ar", "zh-hans", "en", "fr", "ru", "es"]


def links(path: str, active_language: str) -> dict[str, str]:
    with translation.override(active_language):
        context = languages(RequestFactory().get(path))
    return {link["code"]: link["url"] for link in context["language_links"]}


def in_every_language(address: str) -> dict[str, str]:
    """`address` with the language prefix "{}" filled in for each language."""
    return {code: address.format(code) for code in LANGUAGES}


def test_each_page_keeps_its_own_links_when_pages_are_served_in_turn():
    pages = {
        "/fr/igf2023-pt/": "/{}/igf2023-pt/",
        "/fr/igf2023-pt/programme/": "/{}/igf2023-pt/programme/",
        "/fr/igf2023-pt/programme/?kind=panel": "/{}/igf2023-pt/programme/?kind=panel",
        "/fr/igf2023-pt/programme/?kind=workshop": "/{}/igf2023-pt/programme/?kind=workshop",
    }
    for _turn in range(2):
        for path, address in pages.items():
            assert links(path, "fr") == in_every_language(address)


def test_the_same_address_is_translated_from_the_active_language_only():
    assert links("/en/igf2023-pt/", "en") == in_every_language("/{}/igf2023-pt/")
    # With French active, "/en/…" resolves to no page, and translate_url keeps an address it cannot
    # resolve: the English page's links must not be served here.
    assert links("/en/igf2023-pt/", "fr") == in_every_language("/en/igf2023-pt/")
    assert links("/en/igf2023-pt/", "en") == in_every_language("/{}/igf2023-pt/")


@pytest.mark.django_db
def test_pages_served_one_after_another_link_to_themselves(client):
    for _turn in range(2):
        for language in ("ar", "ru"):
            for page in ("/{}/igf2023-pt/", "/{}/igf2023-pt/contact/"):
                content = client.get(page.format(language)).content.decode()
                hrefs = re.findall(r'<a href="([^"]*)" lang="([^"]*)" hreflang', content)
                assert hrefs == [(page.format(code), code) for code in LANGUAGES]
                assert re.findall(r'hreflang="([^"]*)" aria-current="true"', content) == [language]
