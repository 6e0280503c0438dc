import itertools
from dataclasses import replace

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plenary.funding.selection import (
    Applicant,
    Explanation,
    GrantOption,
    Params,
    Reason,
    explain,
    greedy,
    next_offer,
    solve,
    violations,
)

REGIONS = ("African Group", "Asia-Pacific Group", "GRULAC")


def brute_force(applicants, params):
    """The best total over every assignment of a grant level (or none) to every applicant."""
    people = sorted(applicants, key=lambda a: a.key)
    choices = np.array(list(itertools.product(*[range(len(a.options) + 1) for a in people])), dtype=np.int64)
    taken = choices > 0
    value = np.zeros(len(choices), dtype=np.int64)
    cost = np.zeros(len(choices), dtype=np.int64)
    for j, applicant in enumerate(people):
        values = np.array([0] + [applicant.value(o) for o in applicant.options], dtype=np.int64)
        amounts = np.array([0] + [o.amount for o in applicant.options], dtype=np.int64)
        value += values[choices[:, j]]
        cost += amounts[choices[:, j]]
    ok = cost <= params.budget
    count = taken.sum(axis=1)
    if params.max_funded is not None:
        ok &= count <= params.max_funded
    for parliament in {a.parliament for a in people}:
        members = [j for j, a in enumerate(people) if a.parliament == parliament]
        ok &= taken[:, members].sum(axis=1) <= params.parliament_limit(parliament)
    women = taken[:, [j for j, a in enumerate(people) if a.is_woman]].sum(axis=1)
    ok &= 100 * women >= params.min_women_percent * count
    for region in REGIONS:
        in_region = taken[:, [j for j, a in enumerate(people) if a.region == region]].sum(axis=1)
        ok &= in_region >= params.region_min.get(region, 0)
        ok &= in_region <= params.region_max.get(region, len(people))
    for j, applicant in enumerate(people):
        if applicant.key in params.fixed_in:
            ok &= taken[:, j]
        if applicant.key in params.fixed_out:
            ok &= ~taken[:, j]
    return int(value[ok].max()) if ok.any() else None


@st.composite
def instances(draw):
    n = draw(st.integers(min_value=1, max_value=15))
    partial_allowed = draw(st.sets(st.integers(0, n - 1), max_size=min(n, 4)))
    applicants = []
    for j in range(n):
        full = draw(st.integers(min_value=1, max_value=60)) * 100
        options = (GrantOption(full),)
        if j in partial_allowed:
            options += (GrantOption(full // 2, 50),)
        applicants.append(
            Applicant(
                key=f"a{j:02d}",
                score=draw(st.integers(min_value=0, max_value=10_000)) / 1000,
                options=options,
                parliament=draw(st.sampled_from(["NPL", "KEN", "BOL", "FJI", "MNG"])),
                region=draw(st.sampled_from(REGIONS)),
                is_woman=draw(st.booleans()),
            )
        )
    keys = [a.key for a in applicants]
    budget = draw(st.integers(min_value=1_000, max_value=20_000))
    affordable = [a.key for a in applicants if min(o.amount for o in a.options) <= budget]
    fixed_in = draw(st.sets(st.sampled_from(affordable), max_size=1)) if affordable else set()
    fixed_out = draw(st.sets(st.sampled_from(keys), max_size=2)) - fixed_in
    region_min = draw(st.dictionaries(st.sampled_from(REGIONS), st.integers(0, 1), max_size=2))
    region_max = draw(st.dictionaries(st.sampled_from(REGIONS), st.integers(1, 4), max_size=2))
    params = Params(
        budget=budget,
        max_funded=draw(st.none() | st.integers(min_value=1, max_value=8)),
        per_parliament=draw(st.integers(min_value=1, max_value=3)),
        min_women_percent=draw(st.sampled_from([0, 0, 20, 30, 40, 50])),
        region_min=region_min,
        region_max=region_max,
        fixed_in=frozenset(fixed_in),
        fixed_out=frozenset(fixed_out),
    )
    return applicants, params


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances())
def test_optimum_equals_brute_force_and_holds_every_constraint(instance):
    applicants, params = instance
    expected = brute_force(applicants, params)
    result = solve(applicants, params)
    if expected is None:
        assert (result.status, result.grants) == ("infeasible", {})
        return
    assert result.status == "optimal"
    assert result.total_value == expected
    assert violations(applicants, params, result.grants) == []
    baseline = greedy(applicants, params)
    if baseline.feasible:
        assert baseline.total_value <= result.total_value
        assert violations(applicants, params, baseline.grants) == []


@settings(max_examples=40, deadline=None)
@given(instances(), st.randoms(use_true_random=False))
def test_same_input_in_any_order_gives_the_same_selection(instance, random):
    applicants, params = instance
    shuffled = list(applicants)
    random.shuffle(shuffled)
    assert solve(shuffled, params).grants == solve(applicants, params).grants


@st.composite
def declines(draw):
    """A run's problem, the grants still held after a decline, and the reserve list in its order."""
    applicants, params = draw(instances())
    chosen = draw(st.sets(st.sampled_from([a.key for a in applicants])))
    holders = {a.key: draw(st.sampled_from(a.options)) for a in applicants if a.key in chosen}
    rest = [a.key for a in applicants if a.key not in holders]
    reserve = draw(st.permutations(rest))
    return applicants, params, holders, reserve


def brute_force_offer(applicants, params, holders, reserve):
    """The first (candidate, level) in reserve order with which the holders break no rule."""
    by_key = {a.key: a for a in applicants}
    held = [replace(by_key[key], options=(option,)) for key, option in holders.items()]
    for key in reserve:
        if key in params.fixed_out:
            continue
        for option in by_key[key].options:
            trial = replace(params, fixed_in=frozenset(holders) | {key}, fixed_out=frozenset())
            if brute_force([*held, replace(by_key[key], options=(option,))], trial) is not None:
                return key, option
    return None


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(declines())
def test_reserve_offer_equals_brute_force_and_keeps_every_rule(instance):
    applicants, params, holders, reserve = instance
    offer = next_offer(applicants, params, holders, reserve)
    assert offer == brute_force_offer(applicants, params, holders, reserve)
    if offer is not None:
        key, option = offer
        unfixed = replace(params, fixed_in=frozenset(), fixed_out=frozenset())
        assert violations(applicants, unfixed, dict(holders) | {key: option}) == []
        assert key not in params.fixed_out


def test_reserve_offer_skips_the_next_in_line_who_would_break_the_women_minimum():
    applicants = [
        person("a-woman", 9, "NPL", woman=True),
        person("b-man", 8, "KEN"),
        person("c-man", 7, "BOL"),
        person("d-woman", 5, "FJI", woman=True),
    ]
    params = Params(budget=2000, min_women_percent=50)
    holders = {"b-man": GrantOption(1000)}
    assert next_offer(applicants, params, holders, ["c-man", "d-woman"]) == ("d-woman", GrantOption(1000))
    assert next_offer(applicants, params, holders, ["c-man"]) is None


def person(key, score, parliament, region="Asia-Pacific Group", woman=False, amount=1000, partial=False):
    options = (GrantOption(amount),) + ((GrantOption(amount // 2, 50),) if partial else ())
    return Applicant(key, score, options, parliament, region, woman)


def test_ties_are_broken_by_rank_then_key():
    applicants = [person("b", 5, "KEN"), person("a", 5, "NPL"), person("c", 5, "BOL")]
    result = solve(applicants, Params(budget=2000))
    assert list(result.grants) == ["a", "b"]


def test_partial_grant_fills_the_budget_where_allowed():
    applicants = [person("a", 8, "NPL"), person("b", 6, "KEN", partial=True)]
    result = solve(applicants, Params(budget=1500))
    assert result.grants == {"a": GrantOption(1000), "b": GrantOption(500, 50)}
    assert result.total_score == 11.0


def test_applicant_kept_out_only_by_the_parliament_limit_is_told_so():
    applicants = [
        person("nepal-1", 9, "NPL", woman=True),
        person("nepal-2", 8, "NPL"),
        person("kenya", 3, "KEN", region="African Group"),
    ]
    params = Params(budget=3000)
    result = solve(applicants, params)
    assert list(result.grants) == ["kenya", "nepal-1"]
    assert explain(applicants, params, result) == [
        explain_one("nepal-2", (Reason.PARLIAMENT_LIMIT,), 9.0),
    ]


def explain_one(key, reasons, needed):
    return Explanation(key, reasons, needed)


def test_low_score_is_told_the_score_it_needed():
    applicants = [person("a", 9, "NPL"), person("b", 7, "KEN"), person("c", 4, "BOL")]
    params = Params(budget=2000)
    result = solve(applicants, params)
    assert explain(applicants, params, result) == [explain_one("c", (Reason.BUDGET,), 7.0)]


def test_women_minimum_and_fixed_out_are_named():
    applicants = [
        person("a", 9, "NPL"),
        person("b", 8, "KEN", woman=True),
        person("c", 7, "BOL"),
        person("d", 1, "FJI", woman=True),
    ]
    params = Params(budget=3000, min_women_percent=50, fixed_out=frozenset({"d"}))
    result = solve(applicants, params)
    assert list(result.grants) == ["a", "b"]
    assert explain(applicants, params, result) == [
        explain_one("c", (Reason.WOMEN_SHARE,), 9.0),
        explain_one("d", (Reason.FIXED_OUT,), None),
    ]


def test_infeasible_minimum_reports_infeasible():
    applicants = [person("a", 9, "NPL")]
    result = solve(applicants, Params(budget=5000, region_min={"GRULAC": 1}))
    assert (result.status, result.optimal, result.grants) == ("infeasible", False, {})


def test_greedy_falls_short_of_the_optimum():
    applicants = [person("a", 10, "NPL", amount=1000), person("b", 2, "KEN", amount=100)]
    params = Params(budget=1000)
    assert (greedy(applicants, params).total_score, solve(applicants, params).total_score) == (2.0, 10.0)
