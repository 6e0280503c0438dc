import threading

import pytest
from django.db import connection

from plenary.events.models import Track
from plenary.programme import demo, services
from plenary.programme.models import Release


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_publications_get_consecutive_numbers(igf_demo_committed):
    demo.load()
    barrier = threading.Barrier(4)
    results, errors = [], []

    def publish(name: str) -> None:
        try:
            track = Track.objects.get(slug="igf2023-pt")
            barrier.wait()
            results.append(services.publish_release(track=track, name=name).number)
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=publish, args=(f"parallel {index}",)) for index in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(results) == [2, 3, 4, 5]
    assert sorted(Release.objects.values_list("number", flat=True)) == [1, 2, 3, 4, 5]
