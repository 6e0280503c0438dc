"""The rendered public programme page, cached per track, language and filter; dropped on publish.

With a shared cache (Redis, REDIS_URL) a publication drops the page for every web process. A
per-process cache (LocMemCache, the default without Redis) can only drop its own copy, so there
a page lives one minute: other processes serve the new release within that minute.
"""

from django.conf import settings
from django.core.cache import cache

from plenary.core.languages import LANGUAGE_CODES
from plenary.programme.models import SessionKind

SHARED_TIMEOUT = 24 * 60 * 60
PER_PROCESS_TIMEOUT = 60


def timeout() -> int:
    per_process = settings.CACHES["default"]["BACKEND"].endswith("LocMemCache")
    return PER_PROCESS_TIMEOUT if per_process else SHARED_TIMEOUT


def key(track_slug: str, language: str, kind: str) -> str:
    return f"programme:page:{track_slug}:{language}:{kind or 'all'}"


def get(track_slug: str, language: str, kind: str):
    return cache.get(key(track_slug, language, kind))


def put(track_slug: str, language: str, kind: str, content: bytes) -> None:
    cache.set(key(track_slug, language, kind), content, timeout())


def invalidate(track_slug: str) -> None:
    kinds = ["", *SessionKind.values]
    cache.delete_many([key(track_slug, language, kind) for language in LANGUAGE_CODES for kind in kinds])
