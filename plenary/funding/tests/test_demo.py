import io

import pytest

from plenary.funding import demo, selectors, services
from plenary.funding.models import Application
from plenary.invitations import demo as letter_demo
from plenary.registration import demo as registration_demo

pytestmark = pytest.mark.django_db


def test_demo_call_loads_twice_and_selects_optimally():
    letter_demo.load()
    registration_demo.load()
    output = io.StringIO()
    call = demo.load(stdout=output)
    assert demo.load().pk == call.pk
    assert Application.objects.filter(call=call).count() == len(demo.APPLICANTS)
    run = services.run_selection(call=call, actor=None)
    assert (run.status, run.optimal) == ("optimal", True)
    assert run.total_cost <= call.budget
    assert run.total_score >= run.greedy_score
    explained = {row.application.person.family_name: row.reasons for row in selectors.run_table(run)}
    assert [str(reason) for reason in explained["Gurung"]] == ["the limit per parliament"]
