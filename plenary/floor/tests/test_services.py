import pytest

from plenary.core.models import AuditEntry
from plenary.credentials.models import Credentials, From, TrackRules
from plenary.floor import selectors, services
from plenary.floor.models import Request
from plenary.floor.services import FloorError
from plenary.floor.tests.builders import members, open_list

pytestmark = pytest.mark.django_db


def names(requests) -> list[str]:
    return [request.registration.full_name for request in requests]


def test_members_ask_in_order_of_arrival_within_the_delegations_limit(igf_track):
    speakers_list = open_list(igf_track, per_delegation=1)
    first, second, same_delegation = members(igf_track, 3, parliaments=2)
    for member in (first, second):
        services.ask(speakers_list=speakers_list, member=member, actor=None)
    with pytest.raises(FloorError) as refused:
        services.ask(speakers_list=speakers_list, member=same_delegation, actor=None)
    assert refused.value.code == "limit"
    assert names(services.waiting_in_calling_order(speakers_list)) == [first.full_name, second.full_name]
    assert list(
        AuditEntry.objects.filter(action="floor.asked")
        .order_by("id")
        .values_list("changes__number", flat=True)
    ) == [
        1,
        2,
    ]


def test_a_member_of_a_delegation_that_has_not_accepted_or_unconfirmed_may_not_ask(igf_track):
    speakers_list = open_list(igf_track)
    submitted = members(igf_track, 1, status="submitted")[0]
    with pytest.raises(FloorError) as refused:
        services.ask(speakers_list=speakers_list, member=submitted, actor=None)
    assert refused.value.code == "not_allowed"


def test_a_withdrawn_request_leaves_the_queue_and_the_member_may_ask_again(igf_track):
    speakers_list = open_list(igf_track)
    member = members(igf_track, 1)[0]
    request = services.ask(speakers_list=speakers_list, member=member, actor=None)
    with pytest.raises(FloorError):
        services.ask(speakers_list=speakers_list, member=member, actor=None)
    services.withdraw(request=request, actor=None)
    assert services.waiting_in_calling_order(speakers_list) == []
    again = services.ask(speakers_list=speakers_list, member=member, actor=None)
    assert (again.number, again.position) == (2, 2)


def test_the_chair_calls_points_of_order_first_then_the_list_and_records_the_time_used(igf_track):
    speakers_list = open_list(igf_track)
    onsite = members(igf_track, 1, mode="onsite")[0]
    online = members(igf_track, 1, mode="online")[0]
    late = members(igf_track, 1)[0]
    for member in (onsite, online, late):
        services.ask(speakers_list=speakers_list, member=member, actor=None)
    late_request = Request.objects.get(registration=late)
    services.give_priority(request=late_request, actor=None)

    called = services.call_next(speakers_list=speakers_list, actor=None, current_seen=None)
    assert called.registration == late
    called = services.call_next(speakers_list=speakers_list, actor=None, current_seen=called.pk)
    assert (called.registration, called.mode) == (onsite, "onsite")
    called = services.call_next(speakers_list=speakers_list, actor=None, current_seen=called.pk)
    assert (called.registration, called.mode) == (online, "online")
    services.end_turn(speakers_list=speakers_list, actor=None)

    spoken = selectors.speakers_in_order(speakers_list.session)
    assert [row["name"] for row in spoken] == [late.full_name, onsite.full_name, online.full_name]
    assert [isinstance(row["seconds_used"], int) for row in spoken] == [True, True, True]
    assert AuditEntry.objects.filter(action="floor.turn_ended").count() == 3


def test_a_second_call_made_on_a_page_that_was_already_acted_on_calls_nobody(igf_track):
    speakers_list = open_list(igf_track)
    for member in members(igf_track, 2):
        services.ask(speakers_list=speakers_list, member=member, actor=None)
    services.call_next(speakers_list=speakers_list, actor=None, current_seen=None)
    with pytest.raises(FloorError) as refused:
        services.call_next(speakers_list=speakers_list, actor=None, current_seen=None)
    assert refused.value.code == "moved_on"
    assert Request.objects.filter(state="speaking").count() == 1


def test_alternation_calls_a_woman_and_a_man_in_turn_while_both_wait(igf_track):
    speakers_list = open_list(igf_track, alternate_women_and_men=True)
    women = members(igf_track, 3, gender="female")
    men = members(igf_track, 1, gender="male")
    for member in women + men:
        services.ask(speakers_list=speakers_list, member=member, actor=None)
    order = names(services.waiting_in_calling_order(speakers_list))
    assert order == [women[0].full_name, men[0].full_name, women[1].full_name, women[2].full_name]


def test_a_focal_point_swaps_two_places_of_its_delegation_only(igf_track):
    speakers_list = open_list(igf_track)
    first, other, second = members(igf_track, 3, parliaments=2)
    requests = [
        services.ask(speakers_list=speakers_list, member=m, actor=None) for m in (first, other, second)
    ]
    services.swap(first=requests[0], second=requests[2], actor=None)
    assert names(services.waiting_in_calling_order(speakers_list)) == [
        second.full_name,
        other.full_name,
        first.full_name,
    ]
    with pytest.raises(FloorError) as refused:
        services.swap(first=requests[0], second=requests[1], actor=None)
    assert refused.value.code == "not_same"


def test_a_list_by_lot_is_called_only_once_drawn_and_closed_to_new_requests(igf_track):
    speakers_list = open_list(igf_track, order="lot")
    early, late = members(igf_track, 2)
    services.ask(speakers_list=speakers_list, member=early, actor=None)
    with pytest.raises(FloorError) as refused:
        services.call_next(speakers_list=speakers_list, actor=None, current_seen=None)
    assert refused.value.code == "not_drawn"
    published = services.publish_commitment(speakers_list=speakers_list, actor=None)
    assert published.requests == [[1, early.delegation.parliament.country.iso3, early.full_name]]
    with pytest.raises(FloorError) as refused:
        services.ask(speakers_list=speakers_list, member=late, actor=None)
    assert refused.value.code == "closed"
    services.run_draw(speakers_list=speakers_list, announced_value="31", actor=None)
    assert (
        services.call_next(speakers_list=speakers_list, actor=None, current_seen=None).registration == early
    )


def test_the_seating_plan_runs_alphabetically_in_the_chosen_language_from_the_country_drawn(igf_track):
    from plenary.floor.tests.builders import session_of

    members(igf_track, 4, parliaments=4)
    session = session_of(igf_track)
    plan = services.draw_seating(session=session, language="fr", announced_value="12", actor=None)
    seats = selectors.seats(plan)
    names_in_french = [country.name.get("fr") for country in seats]
    assert len(seats) == 4
    assert names_in_french[0] == plan.first_country.name.get("fr")
    start = sorted(names_in_french).index(names_in_french[0])
    assert names_in_french == sorted(names_in_french)[start:] + sorted(names_in_french)[:start]
    assert AuditEntry.objects.filter(action="floor.seating_drawn").count() == 1


def test_a_member_whose_delegation_lacks_the_credentials_the_floor_rule_asks_may_not_ask(igf_track):
    speakers_list = open_list(igf_track)
    member = members(igf_track, 1)[0]
    TrackRules.objects.update_or_create(track=igf_track, defaults={"floor_from": From.VERIFIED})
    with pytest.raises(FloorError) as refused:
        services.ask(speakers_list=speakers_list, member=member, actor=None)
    assert refused.value.code == "not_allowed"
    Credentials.objects.update_or_create(delegation=member.delegation, defaults={"state": "verified"})
    services.ask(speakers_list=speakers_list, member=member, actor=None)
    assert [request.registration for request in speakers_list.requests.all()] == [member]
