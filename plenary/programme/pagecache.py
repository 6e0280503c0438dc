"""The rendered public programme page, cached per track, language and filter; dropped on publish."""

from django.core.cache import cache

from plenary.core.languages import LANGUAGE_CODES
from plenary.programme.models import SessionKind

TIMEOUT = 24 * 60 * 60


def key(track_slug: str, language: str, kind: str) -> str:
    return f"programme:page:{track_slug}:{language}:{kind or 'all'}"


def get(track_slug: str, language: str, kind: str):
    return cache.get(key(track_slug, language, kind))


def put(track_slug: str, language: str, kind: str, content: bytes) -> None:
    cache.set(key(track_slug, language, kind), content, TIMEOUT)


def invalidate(track_slug: str) -> None:
    kinds = ["", *SessionKind.values]
    cache.delete_many([key(track_slug, language, kind) for language in LANGUAGE_CODES for kind in kinds])
