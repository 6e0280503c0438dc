"""The last step of an erasure: every text column of every model, searched for what identifies the
person for certain (an e-mail address, a passport number, the whole name), and each row found
cleared of those and of the person's single names too (a greeting, an audit snapshot).

Single names alone are not searched for: "Ken" is in "Kenya". They are cleared only from rows that
name the person for certain, where the word is theirs."""

import json
import re

from django.apps import apps
from django.db import models
from django.db.models import Q, TextField
from django.db.models.functions import Cast

TEXT_FIELDS = (models.CharField, models.TextField, models.JSONField)


def text_columns(model) -> list[models.Field]:
    """The concrete text and JSON columns of `model` that may hold free text (unique keys excluded:
    tokens, references and Message-IDs are no one's name)."""
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, TEXT_FIELDS) and not field.unique and not field.choices and not field.primary_key
    ]


def _pattern(terms, *, whole_words: bool) -> re.Pattern | None:
    terms = sorted({term for term in terms if term}, key=len, reverse=True)
    if not terms:
        return None
    alternatives = "|".join(re.escape(term) for term in terms)
    if whole_words:
        return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)
    return re.compile(alternatives, re.IGNORECASE)


def _scrub(value, patterns):
    if isinstance(value, str):
        for pattern in patterns:
            value = pattern.sub("", value)
        return value
    if isinstance(value, list):
        return [_scrub(item, patterns) for item in value]
    if isinstance(value, dict):
        return {key: _scrub(item, patterns) for key, item in value.items()}
    return value


def _as_text(field) -> str:
    return f"_privacy_{field.attname}"


def _rows_naming(model, columns, terms) -> models.QuerySet:
    annotations = {_as_text(field): Cast(field.attname, TextField()) for field in columns}
    match = Q()
    for field in columns:
        for term in terms:
            # JSON is stored with non-ASCII characters escaped on some databases: search both forms.
            match |= Q(**{f"{_as_text(field)}__icontains": term})
            escaped = json.dumps(term)[1:-1]
            if escaped != term:
                match |= Q(**{f"{_as_text(field)}__icontains": escaped})
    return model._default_manager.annotate(**annotations).filter(match)


def redact_everywhere(*, certain: list[str], names: list[str]) -> int:
    """Clear `certain` identifiers from every text column, and `names` from the rows that hold one of
    them; returns how many rows changed."""
    certain = [term for term in certain if term]
    if not certain:
        return 0
    patterns = [p for p in (_pattern(certain, whole_words=False), _pattern(names, whole_words=True)) if p]
    changed = 0
    for model in apps.get_models():
        columns = text_columns(model)
        if not columns or model._meta.proxy:
            continue
        for row in _rows_naming(model, columns, certain):
            values = {field.attname: _scrub(field.value_from_object(row), patterns) for field in columns}
            model._default_manager.filter(pk=row.pk).update(**values)
            changed += 1
    return changed
