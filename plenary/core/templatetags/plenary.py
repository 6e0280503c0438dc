from django import template

from plenary.core import dates, rules
from plenary.core.languages import (
    comma,
    current_language,
    list_separators,
    place_separator,
    semicolon,
    text_direction,
)
from plenary.core.translation import TranslatedText

register = template.Library()


@register.filter
def long_date(value):
    return dates.format_date(value) if value else ""


@register.filter(expects_localtime=True)
def date_and_time(value):
    """A moment as the long date in the page's language, then the 24-hour clock."""
    return f"{dates.format_date(value)} {dates.format_clock(value)}" if value else ""


@register.simple_tag
def date_range(start, end):
    return dates.format_date_range(start, end)


@register.filter
def time_zone_name(zone):
    """An IANA time zone named in the page's language by its country ("توقيت اليابان"); a zone of no
    country (UTC) by its IANA name."""
    return dates.time_zone_names(current_language()).get(zone, zone)


@register.filter
def in_language(value, language):
    """A translated text in one given language (with fallback), e.g. for a bilingual page."""
    return TranslatedText.coerce(value).get(language)


@register.filter
def served_language(value):
    """The language a translated text is shown in, for the lang attribute of a fallback."""
    return TranslatedText.coerce(value).language_served() or ""


@register.filter
def direction(language):
    return text_direction(language or "en")


@register.filter
def place_comma(language):
    """The separator of a place's parts in `language` (Arabic ، Chinese 、)."""
    return place_separator(language or "en")


@register.filter(name="comma")
def comma_of(language):
    """The comma between the parts of one item in `language` (Arabic ، Chinese ，); with no language,
    the active one's."""
    return comma(language or None)


@register.filter(name="semicolon")
def semicolon_of(language):
    """The semicolon between items that may hold commas, in `language` (Arabic ؛ Chinese ；); with no
    language, the active one's."""
    return semicolon(language or None)


@register.simple_tag
def list_separator(forloop):
    """`{% list_separator forloop %}` after an item of a `{% for %}`: what joins it to the next one,
    as the page's language writes a list ("A, B and C", "A وB وC", "A、B和C"); nothing after the last."""
    if forloop["last"]:
        return ""
    return list_separators(forloop["counter"] + forloop["revcounter"] - 1)[forloop["counter"] - 1]


@register.filter
def can(user, rule_name):
    """`{% if user|can:"funding.see_endorsements" %}`: a rule that asks only about the user."""
    return rules.allowed(rule_name, user)


@register.simple_tag
def allowed(rule_name, user, *objects):
    """`{% allowed "funding.endorse" user application as may_endorse %}`: a rule about an object."""
    return rules.allowed(rule_name, user, *objects)
