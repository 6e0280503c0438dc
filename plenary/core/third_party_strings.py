"""Strings of the libraries plenary uses whose translations are missing or wrong in some language.

Listing them here puts them in core's catalogues, which Django reads before the libraries' own
(plenary.core comes before allauth in INSTALLED_APPS). allauth's Arabic catalogue, for one,
renders "MFA" as "Ministry of Foreign Affairs".
"""

from django.utils.translation import gettext_noop

THIRD_PARTY_STRINGS = (
    gettext_noop("- Select an option -"),
    gettext_noop("MFA"),
    gettext_noop("Authenticators"),
    gettext_noop("Task Result"),
    gettext_noop("Task Results"),
)
