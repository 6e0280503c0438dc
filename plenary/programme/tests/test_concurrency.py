import pytest

from plenary.core.testing import run_at_once
from plenary.events.models import Track
from plenary.programme import demo, services
from plenary.programme.models import Release


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_publications_get_consecutive_numbers(igf_demo_committed):
    demo.load()
    track = Track.objects.get(slug="igf2023-pt")

    numbers = run_at_once(
        [
            lambda name=f"parallel {index}": services.publish_release(track=track, name=name).number
            for index in range(4)
        ]
    )

    assert sorted(numbers) == [2, 3, 4, 5]
    assert sorted(Release.objects.values_list("number", flat=True)) == [1, 2, 3, 4, 5]
