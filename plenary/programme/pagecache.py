"""The rendered public programme page, cached per track, language and filter; dropped on publish.

With a shared cache (Redis, REDIS_URL) a publication drops the page for every web process. A
per-process cache (LocMemCache, the default without Redis) can only drop its own copy, so there
a page lives one minute: other processes serve the new release within that minute. Only a page
every anonymous visitor gets is kept: asked for at its own address, with no message waiting.

Beneath it, the page's content for anonymous visitors (everything but the site's frame), cached
per release, language and filter. A release never changes, so this copy is never dropped: a new
release has new keys. Publishing a release renders its contents in every language in a task
(`programme.tasks.render_release_contents`): with a shared cache, the first request after a
release (its page just dropped) only wraps the ready content in the frame.

The frame (the site's header and footer around the content, as anonymous visitors with no message
waiting see it) shows the track's name but no release: it is kept per address, track name and
language, as long as a page, and outlives a release. The first request after a release then reads the
release's key, the content and the frame, and joins them.
"""

import hashlib

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
    cache.delete_many([key(track_slug, language, kind) for language in LANGUAGE_CODES for kind in KINDS])


# A release's content outlives its page: it is right as long as the release is the latest.
CONTENT_TIMEOUT = 30 * 24 * 60 * 60
KINDS = ["", *SessionKind.values]


def content_key(release_pk: int, language: str, kind: str) -> str:
    return f"programme:content:{release_pk}:{language}:{kind or 'all'}"


def frame_key(address: str, track_name: str, language: str) -> str:
    """The frame of the page at `address` (its language switcher links to that address in each
    language), showing the track's name in `language`."""
    digest = hashlib.blake2b("\n".join((address, track_name, language)).encode(), digest_size=16)
    return f"programme:frame:{digest.hexdigest()}"


def get_content_and_frame(release_pk: int, language: str, kind: str, frame_key: str):
    """(the release's content or None, the frame as (before, after) or None), in one look-up."""
    found = cache.get_many([content_key(release_pk, language, kind), frame_key])
    return found.get(content_key(release_pk, language, kind)), found.get(frame_key)


def put_frame(frame_key: str, frame: tuple[str, str]) -> None:
    cache.set(frame_key, frame, timeout())


def put_contents(release_pk: int, contents: dict[tuple[str, str], str]) -> None:
    """`contents`: {(language, kind): the rendered content}."""
    cache.set_many(
        {content_key(release_pk, language, kind): html for (language, kind), html in contents.items()},
        CONTENT_TIMEOUT,
    )
