"""Every app's permission rules by name, so that templates ask the same predicates as views and services.

An app's `rules.py` marks its predicates with `@rule`; the name is the app and the function's name
without its `can_` ("funding.endorse" for `plenary.funding.rules.can_endorse`). Core imports no app:
Django loads each app's `rules.py` at startup, as it does `admin.py`.
"""

from django.utils.module_loading import autodiscover_modules

RULES = {}


def rule(predicate):
    app = predicate.__module__.split(".")[-2]
    RULES[f"{app}.{predicate.__name__.removeprefix('can_')}"] = predicate
    return predicate


def allowed(name: str, user, *objects) -> bool:
    return RULES[name](user, *objects)


def load_rules() -> None:
    autodiscover_modules("rules")
