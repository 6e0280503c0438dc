"""Helpers shared by the apps' tests: users with roles, and the browser."""

import os
import shutil
from contextlib import contextmanager

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from plenary.core.models import Role, RoleAssignment

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def make_user(email: str, role: Role | None = None, parliament=None, **fields):
    user = get_user_model().objects.create_user(username=email, email=email, **fields)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    if role:
        RoleAssignment.objects.create(user=user, role=role, parliament=parliament)
    return user


@contextmanager
def chromium_page(**context_options):
    """A Playwright page in Debian's Chromium. Missing Chromium is an error, never a skip."""
    if not shutil.which(CHROMIUM):
        raise RuntimeError(f"{CHROMIUM} is missing: run `make test` (it installs Debian's chromium).")
    # Playwright's sync API runs an event loop in this thread; Django's ORM calls from the live
    # server thread are unaffected, but the test's own ORM calls need this flag.
    from playwright.sync_api import sync_playwright

    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                options = {"viewport": {"width": 1200, "height": 900}} | context_options
                yield browser.new_context(**options).new_page()
            finally:
                browser.close()
    finally:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


def log_in_page(page, live_server_url: str, user) -> None:
    """Give the browser `user`'s session, as if they had logged in."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server_url,
            }
        ]
    )
