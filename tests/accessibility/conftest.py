import io

import pytest
from django.core.management import call_command

from plenary.conftest import empty_cache, english_by_default, igf_demo_committed, private_media_root
from tests.accessibility import pages

__all__ = ["empty_cache", "english_by_default", "igf_demo_committed", "private_media_root"]


@pytest.fixture
def demo(igf_demo_committed, live_server):
    """The whole demo as `make demo` loads it, and the records some pages need that it lacks."""
    call_command("load_demo", stdout=io.StringIO())
    return pages.complete_the_demo()
