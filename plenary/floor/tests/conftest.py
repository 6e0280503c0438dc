import pytest


@pytest.fixture(autouse=True)
def empty_cache():
    """The live state is cached per list and version: a rolled-back test's list id may come back."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
