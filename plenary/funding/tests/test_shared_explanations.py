"""Issue 19, second round: the shortcuts that spare explanations a solve each stay exact. Every
needed score is compared with re-solving with the applicant forced in at each grant level."""

import math
import random
from dataclasses import replace

import highspy
import numpy as np

from plenary.funding import selection
from plenary.funding.selection import Applicant, GrantOption, Params, explain, solve
from plenary.funding.tests.test_exact import forced_in_needed_score, mid_size_call


def few_parliaments_call(seed, n=70, partial_share=0.3, amounts=(2000, 2600)):
    """A call whose applicants crowd into six parliaments (limit one each), so that many share
    their parliament, group and gender; amounts close together, so that one's proven selection of
    the others often fits another's budget."""
    rng = random.Random(seed)
    groups = ("African Group", "Asia-Pacific Group", "GRULAC")
    parliaments = [(f"P{k}", groups[k % 3]) for k in range(6)]
    applicants = []
    for j in range(n):
        parliament, group = rng.choice(parliaments)
        full = rng.randrange(*amounts, 50)
        options = (GrantOption(full),)
        if rng.random() < partial_share:
            options += (GrantOption(full // 2, 50),)
        score = rng.randrange(0, 10_001) / 1000
        applicants.append(Applicant(f"s{j:03d}", score, options, parliament, group, rng.random() < 0.4))
    params = Params(budget=9_000, max_funded=4, min_women_percent=25, region_min={"GRULAC": 1})
    return applicants, params


def needed_by_re_solving(applicants, params, result, explanations):
    by_key = {a.key: a for a in applicants}
    return {
        e.key: forced_in_needed_score(applicants, params, result.total_value, by_key[e.key])
        for e in explanations
    }


def test_a_selection_proven_for_one_of_a_parliament_answers_for_the_others_exactly(monkeypatch):
    shared = []
    original = selection._ForcedTotals._shared

    def recording(self, applicant, option):
        total = original(self, applicant, option)
        if total is not None:
            shared.append(applicant.key)
        return total

    monkeypatch.setattr(selection._ForcedTotals, "_shared", recording)
    for seed in (1, 2):
        applicants, params = few_parliaments_call(seed)
        result = solve(applicants, params)
        explanations = explain(applicants, params, result)
        assert {e.key: e.needed_score for e in explanations} == needed_by_re_solving(
            applicants, params, result, explanations
        )
    assert shared, "the call must exercise the shortcut"


def test_without_shared_selections_the_explanations_are_the_same(monkeypatch):
    applicants, params = few_parliaments_call(3)
    result = solve(applicants, params)
    shared = explain(applicants, params, result)
    monkeypatch.setattr(selection._ForcedTotals, "_shared", lambda self, applicant, option: None)
    assert explain(applicants, params, result) == shared


def test_with_two_grant_levels_each_the_needed_score_is_the_lower_of_both_re_solved():
    """A level whose bound cannot beat the score the other one needs is not solved: the minimum
    over both levels must still be the one re-solving finds."""
    applicants, params = few_parliaments_call(0, n=40, partial_share=1.0, amounts=(1000, 8000))
    result = solve(applicants, params)
    explanations = explain(applicants, params, result)
    assert {e.key: e.needed_score for e in explanations} == needed_by_re_solving(
        applicants, params, result, explanations
    )


def test_a_parliament_allowed_two_shares_nothing():
    """With room for two, forcing one in does not close their parliament: the others' problems
    differ, and no selection may be shared."""
    applicants, params = few_parliaments_call(5)
    params = replace(params, per_parliament=2)
    result = solve(applicants, params)
    totals = selection._ForcedTotals(selection._canonical(applicants), params, result)
    applicant = totals.people[0]
    totals.proven_rests[totals._group(applicant)].append((0, 0, 0))
    assert totals._shared(applicant, applicant.options[0]) is None


def left_out_levels(applicants, params, result):
    totals = selection._ForcedTotals(selection._canonical(applicants), params, result)
    for i, applicant in enumerate(totals.people):
        if applicant.key in result.grants or applicant.key in params.fixed_out:
            continue
        for option in applicant.options:
            if option.amount <= params.budget:
                yield totals, applicant, option, totals.column[(i, option)]


def test_the_bound_from_the_narrow_lp_is_never_below_re_solving_however_narrow(monkeypatch):
    applicants, params = mid_size_call(seed=7)
    result = solve(applicants, params)
    below = []
    for narrow in (0.0, selection.SCALE / 10, selection._DualBound.NARROW):
        monkeypatch.setattr(selection._DualBound, "NARROW", narrow)
        for totals, applicant, option, column in left_out_levels(applicants, params, result):
            at_level = [replace(a, options=(option,)) if a.key == applicant.key else a for a in applicants]
            forced = solve(at_level, replace(params, fixed_in=params.fixed_in | {applicant.key}))
            bound = totals.bound.tightened(column)[0]
            if forced.optimal and bound < forced.total_value:
                below.append((narrow, applicant.key, option))
    assert below == []


def test_with_every_column_kept_the_bound_is_the_lp_relaxation_with_the_level_forced(monkeypatch):
    monkeypatch.setattr(selection._DualBound, "NARROW", math.inf)
    applicants, params = mid_size_call(seed=7)
    result = solve(applicants, params)
    bounds, relaxations = [], []
    for totals, _, _, column in left_out_levels(applicants, params, result):
        bounds.append(totals.bound.tightened(column)[0])
        lp = totals.model.highs(totals.bound.values)
        count = len(totals.bound.values)
        continuous = np.array([highspy.HighsVarType.kContinuous] * count)
        lp.changeColsIntegrality(count, np.arange(count, dtype=np.int32), continuous)
        lp.changeColBounds(column, 1.0, 1.0)
        lp.run()
        relaxations.append(math.floor(lp.getInfo().objective_function_value + selection._DualBound.MARGIN))
    assert bounds == relaxations
