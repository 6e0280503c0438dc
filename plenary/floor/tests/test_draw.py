"""The drawing of lots: a permutation, the same for the same seed, recomputed by `plenary floor verify`,
and every position equally likely for every request."""

import io
from collections import Counter

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from hypothesis import given, settings
from hypothesis import strategies as st

from plenary.floor import draw, services
from plenary.floor.models import Request
from plenary.floor.tests.builders import members, open_list
from plenary.floor.verification import recompute

requests_lists = st.lists(
    st.tuples(st.integers(1, 10_000), st.sampled_from(["JPN", "EGY", "BRA"]), st.text(max_size=20)),
    unique_by=lambda row: row[0],
    max_size=60,
).map(lambda rows: [list(row) for row in sorted(rows)])


@given(rows=requests_lists, announced=st.text(min_size=1, max_size=30))
@settings(max_examples=200, deadline=None)
def test_the_order_is_a_permutation_of_the_requests_and_the_same_for_the_same_seed(rows, announced):
    commitment, order = recompute(rows, announced)
    assert sorted(order) == sorted(row[0] for row in rows)
    assert recompute(rows, announced) == (commitment, order)
    assert draw.shuffled([row[0] for row in rows], draw.seed(commitment, announced)) == order


def test_the_commitment_is_the_sha256_of_the_compact_utf8_json_of_the_requests():
    # The digest as `printf %s '[[1,"EGY","أمل"],[2,"JPN","Ken Sato"]]' | sha256sum` prints it.
    rows = [[1, "EGY", "أمل"], [2, "JPN", "Ken Sato"]]
    assert draw.canonical(rows) == '[[1,"EGY","أمل"],[2,"JPN","Ken Sato"]]'.encode()
    assert draw.commitment(rows) == "a7739d816721c55bd32cdf9ba04f61f85d527c8df9beebee033f6fed09cbfb09"


def test_every_position_is_equally_likely_for_every_request_over_many_seeds():
    items, seeds = 5, 5000
    counts = {item: Counter() for item in range(items)}
    for number in range(seeds):
        for position, item in enumerate(draw.shuffled(list(range(items)), f"seed-{number}")):
            counts[item][position] += 1
    expected = seeds / items
    chi_squares = [
        sum((counts[item][position] - expected) ** 2 / expected for position in range(items))
        for item in counts
    ]
    # 4 degrees of freedom: 18.47 leaves 1 chance in 1,000 to a fair draw; the threshold is generous.
    assert [chi_square < 25 for chi_square in chi_squares] == [True] * items


@pytest.mark.django_db
def test_plenary_floor_verify_recomputes_the_drawn_order(igf_track):
    speakers_list = open_list(igf_track, order="lot")
    for member in members(igf_track, 6):
        services.ask(speakers_list=speakers_list, member=member, actor=None)
    services.publish_commitment(speakers_list=speakers_list, actor=None)
    published = services.run_draw(speakers_list=speakers_list, announced_value="4711", actor=None)
    positions = list(
        Request.objects.filter(speakers_list=speakers_list)
        .order_by("position")
        .values_list("number", flat=True)
    )
    assert positions == published.order
    assert sorted(published.order) == [1, 2, 3, 4, 5, 6]

    output = io.StringIO()
    call_command("floor", "verify", str(speakers_list.pk), stdout=output)
    lines = output.getvalue().splitlines()
    assert lines[0] == f"commitment {draw.commitment(published.requests)}"
    assert lines[3] == "order " + " ".join(str(number) for number in published.order)
    assert lines[-1] == "verified"


@pytest.mark.django_db
def test_plenary_floor_verify_fails_when_the_stored_order_was_altered(igf_track):
    speakers_list = open_list(igf_track, order="lot")
    for member in members(igf_track, 4):
        services.ask(speakers_list=speakers_list, member=member, actor=None)
    services.publish_commitment(speakers_list=speakers_list, actor=None)
    published = services.run_draw(speakers_list=speakers_list, announced_value="17", actor=None)
    published.order = list(reversed(published.order))
    published.save(update_fields=["order"])

    output = io.StringIO()
    with pytest.raises(CommandError, match="does not verify"):
        call_command("floor", "verify", str(speakers_list.pk), stdout=output)
    assert "MISMATCH: the recomputed order is the stored order" in output.getvalue().splitlines()


def test_the_worked_example_of_docs_floor_md_gives_the_order_its_standalone_script_prints():
    requests = [[1, "EGY", "Amal"], [2, "JPN", "Ken"], [3, "BRA", "Ana"]]
    assert recompute(requests, "4711") == (
        "fc04661ce149c4ef215166532650127702d280aee6dfba6c62ab4d28059ea789",
        [3, 2, 1],
    )
