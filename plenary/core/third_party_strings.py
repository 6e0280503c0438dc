"""Strings of the libraries plenary uses whose translations are missing or wrong in some language.

Listing them here puts them in core's catalogues, which Django reads before the libraries' own
(plenary.core comes first in INSTALLED_APPS). allauth's Arabic catalogue, for one,
renders "MFA" as "Ministry of Foreign Affairs".
"""

from django.utils.translation import gettext_noop

THIRD_PARTY_STRINGS = (
    gettext_noop("- Select an option -"),
    gettext_noop("MFA"),
    gettext_noop("Authenticators"),
    gettext_noop("Task Result"),
    gettext_noop("Task Results"),
    # allauth's pages and e-mail for the login code, in plenary's word for "code" (Arabic: رمز).
    gettext_noop("Send me a sign-in code"),
    gettext_noop("You will receive a special code for a password-free sign-in."),
    gettext_noop("Request Code"),
    gettext_noop("Other sign-in options"),
    gettext_noop("Enter Sign-In Code"),
    gettext_noop("We've sent a code to %(recipient)s. The code expires shortly, so please enter it soon."),
    gettext_noop("Code"),
    gettext_noop("Request new code"),
    gettext_noop("Cancel"),
    gettext_noop("Sign-In Code"),
    gettext_noop("A sign-in code has been sent to %(recipient)s."),
    gettext_noop("Your sign-in code is listed below. Please enter it in your open browser window."),
)
