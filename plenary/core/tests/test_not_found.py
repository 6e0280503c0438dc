"""An address that leads nowhere answers plenary's 404 page, with DEBUG on or off: never Django's
technical page, which lists the URL patterns."""

import html
import os
import re
import subprocess
import sys

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import get_resolver

UNKNOWN_ADDRESS = "/{language}/no/such/page/here/"
VIEW_RAISING_HTTP404 = "/{language}/no-such-track/"
HEADINGS = {"en": "Page not found", "ar": "الصفحة غير موجودة"}


def _url_names(resolver=None) -> set[str]:
    resolver = resolver or get_resolver()
    names = set()
    for pattern in resolver.url_patterns:
        if hasattr(pattern, "url_patterns"):
            names |= _url_names(pattern)
        elif pattern.name:
            names.add(pattern.name)
    return names


def _heading_and_direction(body: str) -> tuple[str, str]:
    heading = re.search(r"<h1>(.*?)</h1>", body).group(1)
    direction = re.search(r'<html lang="[^"]+" dir="(\w+)">', body).group(1)
    return heading, direction


@pytest.mark.parametrize("debug", [False, True])
@pytest.mark.parametrize("address", [UNKNOWN_ADDRESS, VIEW_RAISING_HTTP404])
@pytest.mark.parametrize(("language", "direction"), [("en", "ltr"), ("ar", "rtl")])
def test_a_missing_page_is_plenarys_in_every_mode(client, igf_track, debug, address, language, direction):
    with override_settings(DEBUG=debug):
        response = client.get(address.format(language=language))
    body = html.unescape(response.content.decode())
    assert (response.status_code, response["Content-Type"]) == (404, "text/html; charset=utf-8")
    assert _heading_and_direction(body) == (HEADINGS[language], direction)
    listed = [name for name in sorted(_url_names()) if f"[name='{name}']" in body]
    assert (listed, "URLconf" in body, "DEBUG" in body) == ([], False, False)


def test_the_page_says_what_to_do(client, igf_track):
    body = client.get(UNKNOWN_ADDRESS.format(language="en")).content.decode()
    items = re.findall(r"<li>(.*?)</li>", body.split('<main id="main" class="page">')[1])
    assert items == [
        "Check the address: a link copied from an e-mail may have been cut at the end of a line.",
        "A personal link that no longer opens may have expired or been replaced: ask the sender (the "
        "secretariat, or your parliament's focal point) for a new link.",
        '<a href="/en/">Go to the track home</a>',
    ]


@pytest.mark.parametrize(
    ("environment", "debug"),
    [({}, False), ({"PLENARY_ENV": "development"}, False), ({"DEBUG": "1"}, True), ({"DEBUG": "0"}, False)],
)
def test_debug_follows_its_own_setting_not_plenary_env(environment, debug):
    env = {name: value for name, value in os.environ.items() if name not in {"DEBUG", "PLENARY_ENV"}}
    result = subprocess.run(
        [sys.executable, "-c", "from plenary import settings; print(settings.DEBUG)"],
        env=env | environment,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == str(debug)


def test_the_demo_turns_debug_on_explicitly():
    script = (settings.BASE_DIR.parent / "scripts" / "serve-demo.sh").read_text()
    assert re.findall(r"^export DEBUG=.*$", script, re.MULTILINE) == ["export DEBUG=1"]
