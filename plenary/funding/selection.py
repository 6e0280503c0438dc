"""Optimal selection of funded applicants within a budget: a pure module, no Django.

The problem is a 0/1 integer programme solved exactly by HiGHS (``mip_rel_gap = 0``):

    maximise   sum  value(i, o) * x(i, o)
    subject to sum_o x(i, o) <= 1                         each applicant gets at most one grant level
               sum  amount(i, o) * x(i, o) <= budget
               sum  x <= max_funded
               sum over a parliament's applicants <= k (default 1)
               sum  (100 * woman(i) - min_women_percent) * x >= 0
               region_min(r) <= sum over region r <= region_max(r)
               fixed in: sum_o x(i, o) = 1; fixed out: x(i, o) = 0

Scores are counted in thousandths of a point (``value`` is an integer), so two selections either
have the same total or differ by at least one unit. A deterministic tie-break is added to the
objective: applicant of rank r (ranked by full score, then key) earns ``(n - r) / (n (n + 1))``,
which sums to at most 1/2 and therefore never changes the optimal total; among selections with
the same total it prefers better-ranked applicants. The applicants are sorted by key before the
model is built, so the same input in any order gives the same result.
"""

import time
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum

import highspy
import numpy as np

SCALE = 1000


@dataclass(frozen=True)
class GrantOption:
    """One grant level an applicant may receive: its cost and the share of the score it earns."""

    amount: int
    percent: int = 100


@dataclass(frozen=True)
class Applicant:
    key: str
    score: float
    options: tuple[GrantOption, ...]
    parliament: str
    region: str = ""
    is_woman: bool = False

    def value(self, option: GrantOption) -> int:
        return round(self.score * SCALE * option.percent / 100)


@dataclass(frozen=True)
class Params:
    budget: int
    max_funded: int | None = None
    per_parliament: int = 1
    parliament_limits: Mapping[str, int] = field(default_factory=dict)
    min_women_percent: int = 0
    region_min: Mapping[str, int] = field(default_factory=dict)
    region_max: Mapping[str, int] = field(default_factory=dict)
    fixed_in: frozenset[str] = frozenset()
    fixed_out: frozenset[str] = frozenset()
    time_limit: float | None = None

    def parliament_limit(self, parliament: str) -> int:
        return self.parliament_limits.get(parliament, self.per_parliament)


@dataclass(frozen=True)
class Result:
    status: str
    optimal: bool
    grants: dict[str, GrantOption]
    total_value: int
    total_cost: int
    seconds: float
    mip_gap: float | None = None
    nodes: int | None = None

    @property
    def total_score(self) -> float:
        return self.total_value / SCALE

    @property
    def feasible(self) -> bool:
        return self.status in ("optimal", "feasible")


class Reason(StrEnum):
    FIXED_OUT = "fixed_out"
    PARLIAMENT_LIMIT = "parliament_limit"
    REGION_MAX = "region_max"
    REGION_MIN = "region_min"
    WOMEN_SHARE = "women_share"
    BUDGET = "budget"
    MAX_FUNDED = "max_funded"
    SCORE = "score"
    IMPOSSIBLE = "impossible"


@dataclass(frozen=True)
class Explanation:
    """Why an applicant is not in the selection.

    ``reasons``: each constraint that, relaxed on its own, would let an optimal selection include
    them (``score`` when none does: others simply score higher). ``needed_score``: the score with
    which the applicant would have been selected (None when no score suffices).
    """

    key: str
    reasons: tuple[Reason, ...]
    needed_score: float | None


def _canonical(applicants: Sequence[Applicant]) -> list[Applicant]:
    keys = [applicant.key for applicant in applicants]
    duplicates = sorted(key for key, count in Counter(keys).items() if count > 1)
    if duplicates:
        raise ValueError(f"duplicate applicant keys: {', '.join(duplicates)}")
    return sorted(applicants, key=lambda applicant: applicant.key)


def _tie_break(applicants: list[Applicant]) -> list[float]:
    n = len(applicants)
    best = [max((applicant.value(o) for o in applicant.options), default=0) for applicant in applicants]
    ranked = sorted(range(n), key=lambda i: (-best[i], applicants[i].key))
    weights = [0.0] * n
    for rank, i in enumerate(ranked):
        weights[i] = (n - rank) / (n * (n + 1))
    return weights


def solve(applicants: Sequence[Applicant], params: Params) -> Result:
    """The proven optimum (or the solver's status saying why there is none)."""
    started = time.perf_counter()
    people = _canonical(applicants)
    columns = [(i, option) for i, applicant in enumerate(people) for option in applicant.options]
    if not columns:
        status = "optimal" if not params.fixed_in - {a.key for a in people} else "infeasible"
        return Result(status, status == "optimal", {}, 0, 0, time.perf_counter() - started)
    owner = np.array([i for i, _ in columns], dtype=np.int64)
    ones = np.ones(len(columns))
    rows: list[tuple[np.ndarray, np.ndarray, float, float]] = []

    def add_row(index, coefficients: np.ndarray, lower: float, upper: float) -> None:
        index = np.asarray(index, dtype=np.int64)
        rows.append((index, coefficients[index], lower, upper))

    missing = params.fixed_in - {applicant.key for applicant in people}
    if missing:
        raise ValueError(f"fixed in but not an applicant: {', '.join(sorted(missing))}")
    columns_of = defaultdict(list)
    for column, i in enumerate(owner.tolist()):
        columns_of[i].append(column)
    for i, applicant in enumerate(people):
        fixed_in = applicant.key in params.fixed_in
        if fixed_in or len(columns_of[i]) > 1:
            add_row(columns_of[i], ones, 1.0 if fixed_in else 0.0, 1.0)
    every = np.arange(len(columns))
    amounts = np.array([float(option.amount) for _, option in columns])
    add_row(every, amounts, -highspy.kHighsInf, float(params.budget))
    if params.max_funded is not None:
        add_row(every, ones, -highspy.kHighsInf, float(params.max_funded))
    by_parliament = defaultdict(list)
    by_region = defaultdict(list)
    for i, applicant in enumerate(people):
        by_parliament[applicant.parliament].extend(columns_of[i])
        by_region[applicant.region].extend(columns_of[i])
    for parliament, parliament_columns in sorted(by_parliament.items()):
        limit = params.parliament_limit(parliament)
        if len({owner[column] for column in parliament_columns}) > limit:
            add_row(parliament_columns, ones, -highspy.kHighsInf, float(limit))
    if params.min_women_percent:
        share = np.array(
            [(100.0 if people[i].is_woman else 0.0) - params.min_women_percent for i, _ in columns]
        )
        add_row(every, share, 0.0, highspy.kHighsInf)
    for region in sorted(set(params.region_min) | set(params.region_max)):
        lower = float(params.region_min.get(region, 0))
        upper = float(params.region_max.get(region, len(people)))
        add_row(by_region.get(region, []), ones, lower, upper)

    tie = _tie_break(people)
    lp = highspy.HighsLp()
    lp.num_col_ = len(columns)
    lp.num_row_ = len(rows)
    lp.sense_ = highspy.ObjSense.kMaximize
    lp.col_cost_ = np.array([people[i].value(option) + tie[i] for i, option in columns])
    lp.col_lower_ = np.zeros(len(columns))
    lp.col_upper_ = np.array([0.0 if people[i].key in params.fixed_out else 1.0 for i, _ in columns])
    lp.integrality_ = [highspy.HighsVarType.kInteger] * len(columns)
    lp.row_lower_ = np.array([row[2] for row in rows])
    lp.row_upper_ = np.array([row[3] for row in rows])
    lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
    lp.a_matrix_.num_col_ = len(columns)
    lp.a_matrix_.num_row_ = len(rows)
    lp.a_matrix_.start_ = np.concatenate([[0], np.cumsum([len(row[0]) for row in rows])]).astype(np.int32)
    lp.a_matrix_.index_ = np.concatenate([row[0] for row in rows]).astype(np.int32)
    lp.a_matrix_.value_ = np.concatenate([row[1] for row in rows])

    highs = highspy.Highs()
    highs.setOptionValue("output_flag", False)
    highs.setOptionValue("mip_rel_gap", 0.0)
    highs.setOptionValue("threads", 1)
    highs.setOptionValue("random_seed", 0)
    if params.time_limit is not None:
        highs.setOptionValue("time_limit", float(params.time_limit))
    highs.passModel(lp)
    highs.run()
    model_status = highs.getModelStatus()
    info = highs.getInfo()
    has_solution = info.primal_solution_status == highspy.kSolutionStatusFeasible
    optimal = model_status == highspy.HighsModelStatus.kOptimal
    grants: dict[str, GrantOption] = {}
    if has_solution:
        values = highs.getSolution().col_value
        for (i, option), value in zip(columns, values, strict=True):
            if value > 0.5:
                grants[people[i].key] = option
    if optimal:
        status = "optimal"
    elif model_status == highspy.HighsModelStatus.kInfeasible:
        status = "infeasible"
    elif has_solution:
        status = "feasible"
    else:
        status = highs.modelStatusToString(model_status).lower()
    by_key = {applicant.key: applicant for applicant in people}
    return Result(
        status=status,
        optimal=optimal,
        grants=dict(sorted(grants.items())),
        total_value=sum(by_key[key].value(option) for key, option in grants.items()),
        total_cost=sum(option.amount for option in grants.values()),
        seconds=time.perf_counter() - started,
        mip_gap=info.mip_gap if has_solution else None,
        nodes=info.mip_node_count,
    )


def violations(
    applicants: Sequence[Applicant], params: Params, grants: Mapping[str, GrantOption]
) -> list[str]:
    """Every constraint the given grants break (empty: the selection is feasible)."""
    by_key = {applicant.key: applicant for applicant in applicants}
    problems = []
    for key, option in grants.items():
        if key not in by_key or option not in by_key[key].options:
            problems.append(f"{key}: not an allowed grant")
    chosen = [by_key[key] for key in grants if key in by_key]
    if sum(option.amount for option in grants.values()) > params.budget:
        problems.append("budget")
    if params.max_funded is not None and len(chosen) > params.max_funded:
        problems.append("max_funded")
    for parliament, count in Counter(a.parliament for a in chosen).items():
        if count > params.parliament_limit(parliament):
            problems.append(f"parliament_limit {parliament}")
    if 100 * sum(a.is_woman for a in chosen) < params.min_women_percent * len(chosen):
        problems.append("women_share")
    regions = Counter(a.region for a in chosen)
    for region, minimum in params.region_min.items():
        if regions[region] < minimum:
            problems.append(f"region_min {region}")
    for region, maximum in params.region_max.items():
        if regions[region] > maximum:
            problems.append(f"region_max {region}")
    problems += [f"fixed_in {key}" for key in sorted(params.fixed_in - set(grants))]
    problems += [f"fixed_out {key}" for key in sorted(params.fixed_out & set(grants))]
    return problems


def greedy(applicants: Sequence[Applicant], params: Params) -> Result:
    """The spreadsheet way: take the best score per unit of cost while it fits.

    Fixed-in applicants first, then regional minimums, then everyone else by score per cost; a
    man is taken only while the share of women stays at the minimum. Each applicant gets their
    first (full) grant level. The result may break a minimum; its status then says "infeasible".
    """
    started = time.perf_counter()
    people = [a for a in _canonical(applicants) if a.options and a.key not in params.fixed_out]
    chosen: dict[str, GrantOption] = {}
    spent = 0
    per_parliament: Counter = Counter()
    per_region: Counter = Counter()
    women = 0

    def ratio(applicant: Applicant) -> tuple:
        option = applicant.options[0]
        return (-applicant.value(option) / max(option.amount, 1), applicant.key)

    def take(applicant: Applicant, *, check_women: bool) -> None:
        nonlocal spent, women
        option = applicant.options[0]
        if applicant.key in chosen or spent + option.amount > params.budget:
            return
        if params.max_funded is not None and len(chosen) >= params.max_funded:
            return
        if per_parliament[applicant.parliament] >= params.parliament_limit(applicant.parliament):
            return
        if per_region[applicant.region] >= params.region_max.get(applicant.region, len(people)):
            return
        women_after = women + applicant.is_woman
        if check_women and 100 * women_after < params.min_women_percent * (len(chosen) + 1):
            return
        chosen[applicant.key] = option
        spent += option.amount
        per_parliament[applicant.parliament] += 1
        per_region[applicant.region] += 1
        women = women_after

    by_ratio = sorted(people, key=ratio)
    for applicant in by_ratio:
        if applicant.key in params.fixed_in:
            take(applicant, check_women=False)
    for region, minimum in sorted(params.region_min.items()):
        for applicant in by_ratio:
            if per_region[region] >= minimum:
                break
            if applicant.region == region:
                take(applicant, check_women=True)
    for applicant in by_ratio:
        take(applicant, check_women=True)
    feasible = not violations(applicants, params, chosen)
    by_key = {applicant.key: applicant for applicant in people}
    return Result(
        status="feasible" if feasible else "infeasible",
        optimal=False,
        grants=dict(sorted(chosen.items())),
        total_value=sum(by_key[key].value(option) for key, option in chosen.items()),
        total_cost=spent,
        seconds=time.perf_counter() - started,
    )


def _relaxations(applicant: Applicant, params: Params, result: Result, by_key: dict) -> list:
    """The constraints that are tight against this applicant, each with its relaxed parameters."""
    chosen = [by_key[key] for key in result.grants]
    cheapest = min(option.amount for option in applicant.options)
    relaxed = []
    limit = params.parliament_limit(applicant.parliament)
    if sum(a.parliament == applicant.parliament for a in chosen) >= limit:
        limits = dict(params.parliament_limits) | {applicant.parliament: limit + 1}
        relaxed.append((Reason.PARLIAMENT_LIMIT, replace(params, parliament_limits=limits)))
    if applicant.region in params.region_max and (
        sum(a.region == applicant.region for a in chosen) >= params.region_max[applicant.region]
    ):
        maxima = dict(params.region_max) | {applicant.region: params.region_max[applicant.region] + 1}
        relaxed.append((Reason.REGION_MAX, replace(params, region_max=maxima)))
    if params.min_women_percent and not applicant.is_woman:
        relaxed.append((Reason.WOMEN_SHARE, replace(params, min_women_percent=0)))
    if params.region_min and applicant.region not in params.region_min:
        relaxed.append((Reason.REGION_MIN, replace(params, region_min={})))
    if params.budget - result.total_cost < cheapest:
        relaxed.append((Reason.BUDGET, replace(params, budget=params.budget + cheapest)))
    if params.max_funded is not None and len(chosen) >= params.max_funded:
        relaxed.append((Reason.MAX_FUNDED, replace(params, max_funded=params.max_funded + 1)))
    return relaxed


def explain(
    applicants: Sequence[Applicant], params: Params, result: Result, keys: Sequence[str] | None = None
) -> list[Explanation]:
    """Why each applicant not in ``result`` (or each of ``keys``) was left out.

    For every tight constraint that concerns the applicant, the problem is solved again with that
    constraint relaxed, with and without the applicant fixed in: if including them costs nothing
    there, that constraint kept them out. The score they would have needed is their score plus
    the total they would cost the optimum if fixed in.
    """
    people = _canonical(applicants)
    by_key = {applicant.key: applicant for applicant in people}
    wanted = [key for key in (keys if keys is not None else by_key) if key not in result.grants]
    cache: dict = {}

    def best(p: Params) -> Result:
        signature = repr(p)
        if signature not in cache:
            cache[signature] = solve(people, p)
        return cache[signature]

    explanations = []
    for key in sorted(wanted):
        applicant = by_key[key]
        if key in params.fixed_out or not applicant.options:
            explanations.append(Explanation(key, (Reason.FIXED_OUT,), None))
            continue
        forced = solve(people, replace(params, fixed_in=params.fixed_in | {key}))
        needed = None
        if forced.optimal:
            shortfall = result.total_value - forced.total_value
            percent = forced.grants[key].percent
            needed = applicant.score + shortfall * 100 / (SCALE * percent)
        reasons = []
        for reason, relaxed in _relaxations(applicant, params, result, by_key):
            with_them = solve(people, replace(relaxed, fixed_in=relaxed.fixed_in | {key}))
            without = best(relaxed)
            if with_them.optimal and without.optimal and with_them.total_value >= without.total_value:
                reasons.append(reason)
        if not reasons:
            reasons.append(Reason.SCORE if forced.optimal else Reason.IMPOSSIBLE)
        explanations.append(Explanation(key, tuple(reasons), needed))
    return explanations


def next_offer(
    applicants: Sequence[Applicant],
    params: Params,
    holders: Mapping[str, GrantOption],
    reserve: Sequence[str],
) -> tuple[str, GrantOption] | None:
    """The first on the reserve list, at the highest grant level, that keeps every rule of the run.

    ``holders`` are the grants already offered or accepted: each is fixed in at its level, and
    everyone else but the candidate is fixed out, so HiGHS proves that the holders plus the
    candidate satisfy the budget, the maximum number, the parliament limits, the share of women,
    the regional minimums and maximums and the fixed-out list. None: no one on the list can be
    offered a grant without breaking a rule.
    """
    by_key = {applicant.key: applicant for applicant in applicants}
    held = [replace(by_key[key], options=(option,)) for key, option in holders.items()]
    for key in reserve:
        if key in holders or key in params.fixed_out:
            continue
        for option in by_key[key].options:
            candidate = replace(by_key[key], options=(option,))
            fixed = frozenset(holders) | {key}
            result = solve([*held, candidate], replace(params, fixed_in=fixed, fixed_out=frozenset()))
            if result.optimal:
                return key, option
    return None
