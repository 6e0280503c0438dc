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

Every coefficient is an integer: amounts in whole units, and ``value`` is the score in
thousandths of a point times the grant's percent (so in units of 1/100,000 of a point, never
rounded). Ties are broken lexicographically by a second solve: with the optimal total fixed,
maximise the sum of whole-number rank weights ``n - r`` (rank r by best value, then key). The
applicants are sorted by key before the model is built, so the same input in any order gives the
same result. An infeasible problem is answered with the smallest set of rules that conflict.
"""

import copy
import multiprocessing
import time
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import StrEnum
from functools import cached_property

import highspy
import numpy as np

SCORE_UNITS = 1000
SCALE = SCORE_UNITS * 100


@dataclass(frozen=True)
class GrantOption:
    """One grant level an applicant may receive: its cost and the share of the score it earns."""

    amount: int
    percent: int = 100


@dataclass(frozen=True)
class Applicant:
    key: str
    score: float | Decimal
    options: tuple[GrantOption, ...]
    parliament: str
    region: str = ""
    is_woman: bool = False

    def __post_init__(self) -> None:
        if Decimal(str(self.score)) * SCORE_UNITS % 1:
            raise ValueError(f"{self.key}: a score has at most three decimals, not {self.score}")

    @cached_property
    def score_units(self) -> int:
        """The score in thousandths of a point, exactly."""
        return int(Decimal(str(self.score)) * SCORE_UNITS)

    def value(self, option: GrantOption) -> int:
        """The score this grant earns, in 1/100,000 of a point (score thousandths × percent)."""
        return self.score_units * option.percent


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
    """A selection. ``rules``: for an infeasible problem, the rules that together make it
    impossible; for a baseline, the rules its selection does not meet."""

    status: str
    optimal: bool
    grants: dict[str, GrantOption]
    total_value: int
    total_cost: int
    seconds: float
    mip_gap: float | None = None
    nodes: int | None = None
    rules: tuple[str, ...] = ()

    @property
    def total_score(self) -> Decimal:
        return Decimal(self.total_value) / SCALE

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
    them (``score`` when none does: others simply score higher). ``needed_score``: the lowest
    score (exact) with which an optimal selection includes them (None when no score suffices).
    """

    key: str
    reasons: tuple[Reason, ...]
    needed_score: Decimal | None


def _canonical(applicants: Sequence[Applicant]) -> list[Applicant]:
    keys = [applicant.key for applicant in applicants]
    duplicates = sorted(key for key, count in Counter(keys).items() if count > 1)
    if duplicates:
        raise ValueError(f"duplicate applicant keys: {', '.join(duplicates)}")
    return sorted(applicants, key=lambda applicant: applicant.key)


def _rank_weights(applicants: list[Applicant]) -> list[int]:
    """Whole numbers: n for the best-ranked applicant (best value, then key), down to 1."""
    n = len(applicants)
    best = [max((applicant.value(o) for o in applicant.options), default=0) for applicant in applicants]
    ranked = sorted(range(n), key=lambda i: (-best[i], applicants[i].key))
    weights = [0] * n
    for rank, i in enumerate(ranked):
        weights[i] = n - rank
    return weights


RULES = ("fixed_in", "fixed_out", "budget", "max_funded", "per_parliament", "women_share")


class _Model:
    """The integer programme of ``people`` under ``params``, leaving out the rules in ``dropped``."""

    def __init__(self, people: list[Applicant], params: Params, dropped: frozenset[str] = frozenset()):
        self.people = people
        self.params = params
        self.columns = [(i, option) for i, applicant in enumerate(people) for option in applicant.options]
        self.rows: list[tuple[np.ndarray, np.ndarray, float, float]] = []
        self.row_names: list[str] = []
        owner = [i for i, _ in self.columns]
        self.ones = np.ones(len(self.columns))
        self.columns_of = defaultdict(list)
        for column, i in enumerate(owner):
            self.columns_of[i].append(column)
        self._applicant_rows(params, dropped)
        self._shared_rows(params, dropped)
        out = params.fixed_out if "fixed_out" not in dropped else frozenset()
        self.upper = np.array([0.0 if people[i].key in out else 1.0 for i, _ in self.columns])

    def add_row(self, name: str, index, coefficients: np.ndarray, lower: float, upper: float) -> None:
        index = np.asarray(index, dtype=np.int64)
        self.rows.append((index, coefficients[index], lower, upper))
        self.row_names.append(name)

    def _applicant_rows(self, params: Params, dropped: frozenset[str]) -> None:
        for i, applicant in enumerate(self.people):
            fixed_in = applicant.key in params.fixed_in and "fixed_in" not in dropped
            if fixed_in or len(self.columns_of[i]) > 1:
                self.add_row(f"applicant {i}", self.columns_of[i], self.ones, 1.0 if fixed_in else 0.0, 1.0)

    def _shared_rows(self, params: Params, dropped: frozenset[str]) -> None:
        people, columns, ones = self.people, self.columns, self.ones
        every = np.arange(len(columns))
        if "budget" not in dropped:
            amounts = np.array([float(option.amount) for _, option in columns])
            self.add_row("budget", every, amounts, -highspy.kHighsInf, float(params.budget))
        if params.max_funded is not None and "max_funded" not in dropped:
            self.add_row("max_funded", every, ones, -highspy.kHighsInf, float(params.max_funded))
        by_parliament = defaultdict(list)
        by_region = defaultdict(list)
        for i, applicant in enumerate(people):
            by_parliament[applicant.parliament].extend(self.columns_of[i])
            by_region[applicant.region].extend(self.columns_of[i])
        for parliament, parliament_columns in sorted(by_parliament.items()):
            limit = params.parliament_limit(parliament)
            members = len({columns[column][0] for column in parliament_columns})
            if members > limit and "per_parliament" not in dropped:
                self.add_row(
                    f"parliament {parliament}", parliament_columns, ones, -highspy.kHighsInf, float(limit)
                )
        if params.min_women_percent and "women_share" not in dropped:
            share = np.array(
                [(100.0 if people[i].is_woman else 0.0) - params.min_women_percent for i, _ in columns]
            )
            self.add_row("women_share", every, share, 0.0, highspy.kHighsInf)
        for region in sorted(set(params.region_min) | set(params.region_max)):
            lower = 0 if f"region_min {region}" in dropped else params.region_min.get(region, 0)
            upper = (
                len(people)
                if f"region_max {region}" in dropped
                else params.region_max.get(region, len(people))
            )
            self.add_row(f"region {region}", by_region.get(region, []), ones, float(lower), float(upper))

    def highs(self, cost: np.ndarray, highs: highspy.Highs | None = None) -> highspy.Highs:
        """The model passed to ``highs`` (a new solver when None; reusing one saves its set-up)."""
        columns, rows = self.columns, self.rows
        lp = highspy.HighsLp()
        lp.num_col_ = len(columns)
        lp.num_row_ = len(rows)
        lp.sense_ = highspy.ObjSense.kMaximize
        lp.col_cost_ = cost
        lp.col_lower_ = np.zeros(len(columns))
        lp.col_upper_ = self.upper
        lp.integrality_ = [highspy.HighsVarType.kInteger] * len(columns)
        lp.row_lower_ = np.array([row[2] for row in rows])
        lp.row_upper_ = np.array([row[3] for row in rows])
        lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
        lp.a_matrix_.num_col_ = len(columns)
        lp.a_matrix_.num_row_ = len(rows)
        lp.a_matrix_.start_ = np.concatenate([[0], np.cumsum([len(row[0]) for row in rows])]).astype(np.int32)
        lp.a_matrix_.index_ = np.concatenate([row[0] for row in rows] or [[]]).astype(np.int32)
        lp.a_matrix_.value_ = np.concatenate([row[1] for row in rows] or [[]]).astype(float)
        if highs is None:
            highs = highspy.Highs()
        else:
            highs.clearModel()
        highs.setOptionValue("output_flag", False)
        highs.setOptionValue("mip_rel_gap", 0.0)
        highs.setOptionValue("mip_abs_gap", 0.0)
        highs.setOptionValue("threads", 1)
        highs.setOptionValue("random_seed", 0)
        if self.params.time_limit is not None:
            highs.setOptionValue("time_limit", float(self.params.time_limit))
        highs.passModel(lp)
        return highs

    def chosen(self, highs: highspy.Highs) -> dict[str, GrantOption]:
        values = highs.getSolution().col_value
        return {
            self.people[i].key: option for (i, option), x in zip(self.columns, values, strict=True) if x > 0.5
        }


def _trivially_broken(people: list[Applicant], params: Params) -> list[str]:
    """Rules that no selection can meet whatever the others: checked before any solve."""
    with_options = {applicant.key for applicant in people if applicant.options}
    broken = []
    if params.fixed_in - with_options or params.fixed_in & params.fixed_out:
        broken.append("fixed_in")
    regions = Counter(applicant.region for applicant in people if applicant.options)
    broken += [f"region_min {r}" for r, minimum in sorted(params.region_min.items()) if regions[r] < minimum]
    return broken


def _is_feasible(people: list[Applicant], params: Params, dropped: frozenset[str]) -> bool:
    model = _Model(people, params, dropped)
    if not model.columns:
        return not violations(people, replace(params, **_without(params, dropped)), {})
    highs = model.highs(np.zeros(len(model.columns)))
    highs.run()
    return highs.getModelStatus() == highspy.HighsModelStatus.kOptimal


def _without(params: Params, dropped: frozenset[str]) -> dict:
    """The parameters of ``params`` with the rules in ``dropped`` lifted (for the empty selection)."""
    return {
        "fixed_in": frozenset() if "fixed_in" in dropped else params.fixed_in,
        "region_min": {r: m for r, m in params.region_min.items() if f"region_min {r}" not in dropped},
    }


def conflicting_rules(people: list[Applicant], params: Params) -> tuple[str, ...]:
    """A smallest set of rules (irreducible: lift any one and the rest can be met) that no
    selection meets together, by a deletion filter over the rules."""
    trivial = _trivially_broken(people, params)
    if trivial:
        return (trivial[0],)
    regions = sorted(set(params.region_min) | set(params.region_max))
    rules = [*RULES, *(f"region_min {r}" for r in regions), *(f"region_max {r}" for r in regions)]
    dropped: set[str] = set()
    for rule in rules:
        if not _is_feasible(people, params, frozenset(dropped | {rule})):
            dropped.add(rule)
    return tuple(rule for rule in rules if rule not in dropped)


def solve(applicants: Sequence[Applicant], params: Params) -> Result:
    """The proven optimum, ties broken by rank (or the status saying why there is none)."""
    return _solve(_canonical(applicants), params, tie_break=True)


def _solve(
    people: list[Applicant],
    params: Params,
    *,
    tie_break: bool,
    name_rules: bool = True,
    highs: highspy.Highs | None = None,
) -> Result:
    started = time.perf_counter()
    missing = params.fixed_in - {applicant.key for applicant in people}
    if missing:
        raise ValueError(f"fixed in but not an applicant: {', '.join(sorted(missing))}")
    model = _Model(people, params)
    if _trivially_broken(people, params) or not model.columns:
        return _without_optimum(people, params, started)
    values = np.array([people[i].value(option) for i, option in model.columns], dtype=float)
    highs = model.highs(values, highs)
    highs.run()
    if tie_break and highs.getModelStatus() == highspy.HighsModelStatus.kOptimal:
        _prefer_better_ranked(model, highs, values)
    return _result(model, highs, started, name_rules=name_rules)


def _prefer_better_ranked(model: _Model, highs: highspy.Highs, values: np.ndarray) -> None:
    """Second, lexicographic stage: keep the optimal total (an integer, fixed exactly) and
    maximise the whole-number rank weights of those funded."""
    optimum = round(highs.getInfo().objective_function_value)
    every = np.arange(len(values), dtype=np.int32)
    highs.addRow(float(optimum), highspy.kHighsInf, len(values), every, values)
    weights = _rank_weights(model.people)
    highs.changeColsCost(len(values), every, np.array([weights[i] for i, _ in model.columns], dtype=float))
    highs.run()


def _without_optimum(people: list[Applicant], params: Params, started: float) -> Result:
    """Nobody can be funded: optimal with no grants when the empty selection meets every rule."""
    rules = () if _is_feasible(people, params, frozenset()) else conflicting_rules(people, params)
    status = "infeasible" if rules else "optimal"
    return Result(status, status == "optimal", {}, 0, 0, time.perf_counter() - started, rules=rules)


def _result(model: _Model, highs: highspy.Highs, started: float, *, name_rules: bool = True) -> Result:
    model_status = highs.getModelStatus()
    info = highs.getInfo()
    has_solution = info.primal_solution_status == highspy.kSolutionStatusFeasible
    optimal = model_status == highspy.HighsModelStatus.kOptimal
    grants = model.chosen(highs) if has_solution else {}
    rules: tuple[str, ...] = ()
    if optimal:
        status = "optimal"
    elif model_status == highspy.HighsModelStatus.kInfeasible:
        status = "infeasible"
        rules = conflicting_rules(model.people, model.params) if name_rules else ()
    elif has_solution:
        status = "feasible"
    else:
        status = highs.modelStatusToString(model_status).lower()
    by_key = {applicant.key: applicant for applicant in model.people}
    return Result(
        status=status,
        optimal=optimal,
        grants=dict(sorted(grants.items())),
        total_value=sum(by_key[key].value(option) for key, option in grants.items()),
        total_cost=sum(option.amount for option in grants.values()),
        seconds=time.perf_counter() - started,
        mip_gap=info.mip_gap if has_solution else None,
        nodes=info.mip_node_count,
        rules=rules,
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
            problems.append(f"per_parliament {parliament}")
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
    """The spreadsheet way: best score per unit of cost while it fits (see ``_baseline``)."""

    def per_cost(applicant: Applicant) -> tuple:
        option = applicant.options[0]
        return (-applicant.value(option) / max(option.amount, 1), applicant.key)

    return _baseline(applicants, params, per_cost)


def by_score(applicants: Sequence[Applicant], params: Params) -> Result:
    """What a secretariat does by hand: rank by score and skip whoever breaks a rule."""
    return _baseline(applicants, params, lambda applicant: (-applicant.score_units, applicant.key))


def _baseline(applicants: Sequence[Applicant], params: Params, order) -> Result:
    """Fixed-in applicants first, then each regional minimum filled in ``order``, then everyone in
    ``order``; each gets their first (full) grant level when it breaks no rule (budget, maximum
    number, parliament limit, regional maximum; a man only while the share of women stays at the
    minimum — a woman never lowers it). ``rules`` names what the result still does not meet; its
    status is then "infeasible"."""
    started = time.perf_counter()
    people = sorted(
        (a for a in _canonical(applicants) if a.options and a.key not in params.fixed_out), key=order
    )
    chosen: dict[str, GrantOption] = {}
    spent = 0
    per_parliament: Counter = Counter()
    per_region: Counter = Counter()
    women = 0

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
        lowers_share = not applicant.is_woman
        if check_women and lowers_share and 100 * women_after < params.min_women_percent * (len(chosen) + 1):
            return
        chosen[applicant.key] = option
        spent += option.amount
        per_parliament[applicant.parliament] += 1
        per_region[applicant.region] += 1
        women = women_after

    for applicant in people:
        if applicant.key in params.fixed_in:
            take(applicant, check_women=False)
    for region, minimum in sorted(params.region_min.items()):
        for applicant in people:
            if per_region[region] >= minimum:
                break
            if applicant.region == region:
                take(applicant, check_women=True)
    for applicant in people:
        take(applicant, check_women=True)
    unmet = tuple(violations(applicants, params, chosen))
    by_key = {applicant.key: applicant for applicant in people}
    return Result(
        status="infeasible" if unmet else "feasible",
        optimal=False,
        grants=dict(sorted(chosen.items())),
        total_value=sum(by_key[key].value(option) for key, option in chosen.items()),
        total_cost=spent,
        seconds=time.perf_counter() - started,
        rules=unmet,
    )


def _relaxations(applicant: Applicant, params: Params, result: Result, by_key: dict) -> list:
    """The constraints that are tight against this applicant: each with its relaxed parameters and
    the model rows it changes (name: (lower, upper), None for a bound left as it is)."""
    chosen = [by_key[key] for key in result.grants]
    cheapest = min(option.amount for option in applicant.options)
    relaxed = []
    limit = params.parliament_limit(applicant.parliament)
    if sum(a.parliament == applicant.parliament for a in chosen) >= limit:
        limits = dict(params.parliament_limits) | {applicant.parliament: limit + 1}
        relaxed.append(
            (
                Reason.PARLIAMENT_LIMIT,
                replace(params, parliament_limits=limits),
                {f"parliament {applicant.parliament}": (None, limit + 1)},
            )
        )
    if applicant.region in params.region_max and (
        sum(a.region == applicant.region for a in chosen) >= params.region_max[applicant.region]
    ):
        maximum = params.region_max[applicant.region] + 1
        maxima = dict(params.region_max) | {applicant.region: maximum}
        relaxed.append(
            (
                Reason.REGION_MAX,
                replace(params, region_max=maxima),
                {f"region {applicant.region}": (None, maximum)},
            )
        )
    if params.min_women_percent and not applicant.is_woman:
        no_share = {"women_share": (-highspy.kHighsInf, highspy.kHighsInf)}
        relaxed.append((Reason.WOMEN_SHARE, replace(params, min_women_percent=0), no_share))
    if params.region_min and applicant.region not in params.region_min:
        no_minimum = {f"region {region}": (0, None) for region in params.region_min}
        relaxed.append((Reason.REGION_MIN, replace(params, region_min={}), no_minimum))
    if params.budget - result.total_cost < cheapest:
        budget = params.budget + cheapest
        relaxed.append((Reason.BUDGET, replace(params, budget=budget), {"budget": (None, budget)}))
    if params.max_funded is not None and len(chosen) >= params.max_funded:
        maximum = params.max_funded + 1
        relaxed.append(
            (Reason.MAX_FUNDED, replace(params, max_funded=maximum), {"max_funded": (None, maximum)})
        )
    return relaxed


class _DualBound:
    """Upper bounds on the best total with one grant forced in, by weak duality.

    For any row prices y of the right signs (y >= 0 where a row's upper bound counts, y <= 0 where
    its lower bound does), every selection x has  sum value x = sum d x + y A x <= side + sum d x
    with d = value - y A and side = sum y_k * bound_k. With x in [0, 1] and column c forced to 1,
    the total is at most side + d_c + sum over the other columns of max(d, 0). The prices are the
    LP relaxation's duals (one solve, then re-solves from its basis with rows relaxed, or of a
    narrow copy with a column forced), but the bound holds for any prices: it is recomputed here
    from them, and rounded up with a margin far above floating-point error, so it never falls
    below the true one.
    ``changes`` gives the same bound under relaxed row bounds.
    """

    MARGIN = 0.5
    NARROW = SCALE

    def __init__(self, model: _Model, values: np.ndarray):
        self.model = model
        self.values = values
        self.index = {name: k for k, name in enumerate(model.row_names)}
        self.lower = np.array([row[2] for row in model.rows], dtype=float)
        self.upper = np.array([row[3] for row in model.rows], dtype=float)
        self.entry_row = np.concatenate(
            [np.full(len(row[0]), k, dtype=np.int64) for k, row in enumerate(model.rows)] or [[]]
        ).astype(np.int64)
        self.entry_column = np.concatenate([row[0] for row in model.rows] or [[]]).astype(np.int64)
        self.entry_value = np.concatenate([row[1] for row in model.rows] or [[]]).astype(float)
        self.lp = model.highs(values)
        count = len(values)
        continuous = np.array([highspy.HighsVarType.kContinuous] * count)
        self.lp.changeColsIntegrality(count, np.arange(count, dtype=np.int32), continuous)
        self.lp_lower, self.lp_upper = self.lower, self.upper
        self.prices = np.zeros(len(model.rows))
        self.prices = self._lp_prices(self.lower, self.upper)
        self.cache: dict[tuple, tuple[np.ndarray, float]] = {}
        self._narrow_lp(self.terms()[0])

    def relaxed(self, changes: Mapping[str, tuple]) -> "_DualBound":
        """The same bounds under the rows ``changes`` relaxes, sharing this one's LP (the relaxed
        LP is re-solved from its basis for the prices, then its rows are restored)."""
        view = copy.copy(self)
        view.lower, view.upper = self._row_bounds(changes)
        view.cache = {}
        view.prices = view._lp_prices(view.lower, view.upper)
        return view

    def _lp_prices(self, lower: np.ndarray, upper: np.ndarray) -> np.ndarray:
        """The duals of the LP with the rows between ``lower`` and ``upper`` (this bound's own
        prices when it has no optimum); the LP is then restored."""
        changed = np.nonzero((lower != self.lp_lower) | (upper != self.lp_upper))[0].astype(np.int32)
        if len(changed):
            self.lp.changeRowsBounds(len(changed), changed, lower[changed], upper[changed])
        self.lp.run()
        optimal = self.lp.getModelStatus() == highspy.HighsModelStatus.kOptimal
        prices = np.array(self.lp.getSolution().row_dual, dtype=float) if optimal else self.prices
        if len(changed):
            self.lp.changeRowsBounds(len(changed), changed, self.lp_lower[changed], self.lp_upper[changed])
        return prices

    def _narrow_lp(self, reduced: np.ndarray) -> None:
        """The LP relaxation on the columns that can matter (reduced cost above -``NARROW``, a
        point): a tenth of the columns, and each re-solve costs a third. Its prices are used as any
        prices are, over every column (``_priced``), so the bounds stay valid."""
        self.kept = np.nonzero(reduced >= -self.NARROW)[0]
        self.position = np.full(len(self.values), -1, dtype=np.int64)
        self.position[self.kept] = np.arange(len(self.kept))
        entries = np.nonzero(self.position[self.entry_column] >= 0)[0]
        lp = highspy.HighsLp()
        lp.num_col_, lp.num_row_ = len(self.kept), len(self.lower)
        lp.sense_ = highspy.ObjSense.kMaximize
        lp.col_cost_ = self.values[self.kept]
        lp.col_lower_ = np.zeros(len(self.kept))
        lp.col_upper_ = self.model.upper[self.kept]
        lp.row_lower_, lp.row_upper_ = self.lower, self.upper
        lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
        lp.a_matrix_.num_col_, lp.a_matrix_.num_row_ = len(self.kept), len(self.lower)
        per_row = np.bincount(self.entry_row[entries], minlength=len(self.lower))
        lp.a_matrix_.start_ = np.concatenate([[0], np.cumsum(per_row)]).astype(np.int32)
        lp.a_matrix_.index_ = self.position[self.entry_column[entries]].astype(np.int32)
        lp.a_matrix_.value_ = self.entry_value[entries]
        self.narrow = highspy.Highs()
        for option, value in (("output_flag", False), ("threads", 1), ("random_seed", 0)):
            self.narrow.setOptionValue(option, value)
        self.narrow.passModel(lp)
        self.narrow.run()
        self.by_column = np.argsort(self.entry_column, kind="stable")
        columns = np.arange(len(self.values) + 1)
        self.column_start = np.searchsorted(self.entry_column[self.by_column], columns)

    def _narrow_prices(self, column: int, lower: np.ndarray, upper: np.ndarray) -> np.ndarray:
        """The duals of the narrow LP with ``column`` forced to 1: its part taken out of the rows'
        bounds and itself held at 0 (this bound's own prices when that has no optimum)."""
        entries = self.by_column[self.column_start[column] : self.column_start[column + 1]]
        lower, upper = lower.copy(), upper.copy()
        np.subtract.at(lower, self.entry_row[entries], self.entry_value[entries])
        np.subtract.at(upper, self.entry_row[entries], self.entry_value[entries])
        changed = np.nonzero((lower != self.lp_lower) | (upper != self.lp_upper))[0].astype(np.int32)
        narrow_column = int(self.position[column])
        if narrow_column >= 0:
            self.narrow.changeColBounds(narrow_column, 0.0, 0.0)
        self.narrow.changeRowsBounds(len(changed), changed, lower[changed], upper[changed])
        self.narrow.run()
        optimal = self.narrow.getModelStatus() == highspy.HighsModelStatus.kOptimal
        prices = np.array(self.narrow.getSolution().row_dual, dtype=float) if optimal else self.prices
        if narrow_column >= 0:
            self.narrow.changeColBounds(narrow_column, 0.0, float(self.model.upper[column]))
        self.narrow.changeRowsBounds(len(changed), changed, self.lp_lower[changed], self.lp_upper[changed])
        return prices

    def forced(self, column: int, changes: Mapping[str, tuple] | None = None) -> int:
        """An integer at least the best total of any selection with ``column`` in it."""
        reduced, total = self.terms(changes)
        return int(np.floor(total - max(reduced[column], 0.0) + reduced[column] + self.MARGIN))

    def terms(self, changes: Mapping[str, tuple] | None = None) -> tuple[np.ndarray, float]:
        """The reduced costs d and the bound with nothing forced (side + sum of max(d, 0))."""
        changes = changes or {}
        key = tuple(sorted(changes.items()))
        if key not in self.cache:
            self.cache[key] = self._priced(self.prices, *self._row_bounds(changes))
        return self.cache[key]

    def _row_bounds(self, changes: Mapping[str, tuple]) -> tuple[np.ndarray, np.ndarray]:
        lower, upper = self.lower.copy(), self.upper.copy()
        for name, (new_lower, new_upper) in changes.items():
            if name in self.index:
                k = self.index[name]
                lower[k] = lower[k] if new_lower is None else new_lower
                upper[k] = upper[k] if new_upper is None else new_upper
        return lower, upper

    def _priced(self, prices: np.ndarray, lower: np.ndarray, upper: np.ndarray) -> tuple[np.ndarray, float]:
        y = np.where(((prices > 0) & np.isfinite(upper)) | ((prices < 0) & np.isfinite(lower)), prices, 0.0)
        priced = np.bincount(
            self.entry_column, weights=y[self.entry_row] * self.entry_value, minlength=len(self.values)
        )
        reduced = self.values - priced
        counted = np.where(y > 0, upper, np.where(y < 0, lower, 0.0))
        side = float(np.sum(y * counted))
        return reduced, side + float(np.sum(np.maximum(reduced, 0.0) * self.model.upper))

    def tightened(
        self, column: int, changes: Mapping[str, tuple] | None = None
    ) -> tuple[int, np.ndarray, float]:
        """A bound at most ``forced(column, changes)``, from the prices of the narrow LP with the
        column forced to 1 and the rows changed (re-solved by dual simplex from the last basis: a
        few pivots, then restored), or this bound's own prices when those give less: the bound as
        an integer, the reduced costs under the prices used and the bound as a real plus the
        margin."""
        lower, upper = self._row_bounds(changes or {})
        prices = self._narrow_prices(column, lower, upper)
        candidates = [self._priced(prices, lower, upper), self.terms(changes)]
        reals = [total - max(d[column], 0.0) + d[column] + self.MARGIN for d, total in candidates]
        best = int(np.argmin(reals))
        return int(np.floor(reals[best])), candidates[best][0], reals[best]


class _Swaps:
    """The optimum's grants as arrays, row 0 standing for removing nobody, with the counts of the
    whole selection: enough to check a swap in a few vector steps. ``params`` may relax the rules
    the optimum was found under: it keeps the relaxed ones too."""

    def __init__(self, chosen: list[tuple[Applicant, GrantOption]], params: Params, total_value: int):
        self.params, self.total_value = params, total_value
        regions = sorted({a.region for a, _ in chosen} | set(params.region_min) | set(params.region_max))
        self.region_index = defaultdict(lambda: len(regions), {region: k for k, region in enumerate(regions)})
        parliaments = sorted({a.parliament for a, _ in chosen})
        self.parliament_index = {parliament: k for k, parliament in enumerate(parliaments)}
        self.parliament_count = Counter(a.parliament for a, _ in chosen)
        unlimited = len(chosen) + 1
        self.region_min = np.array([params.region_min.get(r, 0) for r in regions] + [0, 0])
        self.region_max = np.array(
            [params.region_max.get(r, unlimited) for r in regions] + [unlimited, unlimited]
        )
        self.region_count = np.array([sum(a.region == r for a, _ in chosen) for r in regions] + [0, 0])
        self.count = len(chosen)
        self.cost = sum(option.amount for _, option in chosen)
        self.women = sum(a.is_woman for a, _ in chosen)
        self.amount = np.array([0] + [option.amount for _, option in chosen], dtype=np.int64)
        self.value = np.array([0] + [a.value(option) for a, option in chosen], dtype=np.int64)
        self.woman = np.array([0] + [int(a.is_woman) for a, _ in chosen], dtype=np.int64)
        self.region = np.array([-1] + [self.region_index[a.region] for a, _ in chosen], dtype=np.int64)
        self.parliament = np.array(
            [-1] + [self.parliament_index[a.parliament] for a, _ in chosen], dtype=np.int64
        )
        self.fixed = np.array([False] + [a.key in params.fixed_in for a, _ in chosen])
        self.removes = np.array([0] + [1] * len(chosen), dtype=np.int64)

    def totals(self, applicant: Applicant, option: GrantOption) -> list[int]:
        """Totals of the optimum with the applicant added and at most one of its grants removed,
        for each choice that keeps every rule (the optimum keeps them all, so only the counts the
        change touches are checked)."""
        s, params = self, self.params
        count = s.count + 1 - s.removes
        ok = (s.cost + option.amount - s.amount <= params.budget) & ~s.fixed
        if params.max_funded is not None:
            ok &= count <= params.max_funded
        women = s.women + applicant.is_woman - s.woman
        ok &= 100 * women >= params.min_women_percent * count
        region = s.region_index[applicant.region]
        same_region = s.region == region
        ok &= s.region_count[region] + 1 - same_region <= s.region_max[region]
        ok &= (s.region < 0) | (s.region_count[s.region] - 1 + same_region >= s.region_min[s.region])
        parliament = s.parliament_index.get(applicant.parliament, -1)
        in_parliament = s.parliament_count.get(applicant.parliament, 0)
        ok &= in_parliament + 1 - (
            (s.parliament == parliament) & (parliament >= 0)
        ) <= params.parliament_limit(applicant.parliament)
        totals = self.total_value + applicant.value(option) - s.value[ok]
        return [int(totals.max())] if len(totals) else []


@dataclass(frozen=True)
class _Rest:
    """A selection of the others that keeps every rule with an applicant of a region in."""

    value: int
    cost: int
    count: int
    women: int
    keys: frozenset[str]
    parliaments: Counter


class _ForcedTotals:
    """The best total with an applicant forced in at a grant level, exactly, without one solve each.

    The answer is squeezed between an upper bound (``_DualBound``) and the total of a selection
    that keeps every rule: the optimum with one of its grants swapped for the applicant's, or a
    selection of the others already proven best for another applicant of the same region (it keeps
    every rule with this one too when their amount fits the budget, their parliament has room and
    the share of women holds with them). When they meet, that is the best total. If not, the bound
    is tightened with the prices of the forced problem's own LP (``_DualBound.tightened``), and
    otherwise a MIP decides, on the columns that can still matter: a column whose reduced cost
    takes the bound below a selection's worth is in no selection worth as much (at 0, or at 1 when
    leaving it out costs that much), so fixing it changes nothing (``_solved``).
    """

    FIRST_GAP = SCALE / 40
    LAST_GAP = SCALE * 10

    def __init__(
        self,
        people: list[Applicant],
        params: Params,
        optimum: Result | None = None,
        at_least: int = 0,
        relaxing: tuple["_ForcedTotals", Mapping[str, tuple]] | None = None,
    ):
        """``optimum``: the optimum under ``params``; None to find it here, knowing that a
        selection worth ``at_least`` keeps every rule. ``relaxing``: the call's totals and the rows
        ``params`` relaxes: the model and its LP are shared, only row bounds differ."""
        self.people, self.params = people, params
        if relaxing is None:
            self.model = _Model(people, params)
            values = np.array([people[i].value(option) for i, option in self.model.columns], dtype=float)
            self.bound = _DualBound(self.model, values)
        else:
            call, changes = relaxing
            self.model, self.bound = call.model, call.bound.relaxed(changes)
        self.column = {(i, option): c for c, (i, option) in enumerate(self.model.columns)}
        self.owner = np.array([i for i, _ in self.model.columns], dtype=np.int64)
        self.kept_whole = np.array([people[i].key in params.fixed_in for i in self.owner], dtype=bool)
        self.never = np.array([people[i].key in params.fixed_out for i in self.owner], dtype=bool)
        self.by_key = {applicant.key: applicant for applicant in people}
        self.rests: dict[str, list[_Rest]] = defaultdict(list)
        self.proven_rests: dict[tuple, list[tuple[int, int, int]]] = defaultdict(list)
        self.exact_values = np.array([people[i].value(o) for i, o in self.model.columns], dtype=np.int64)
        self.amounts = np.array([o.amount for _, o in self.model.columns], dtype=np.int64)
        self.highs = highspy.Highs()
        for name, value in (("output_flag", False), ("mip_rel_gap", 0.0), ("mip_abs_gap", 0.0)):
            self.highs.setOptionValue(name, value)
        for name, value in (("threads", 1), ("random_seed", 0)):
            self.highs.setOptionValue(name, value)
        if params.time_limit is not None:
            self.highs.setOptionValue("time_limit", float(params.time_limit))
        # The restricted problems are small and solved to proven optimality anyway: setting up
        # the feasibility-jump heuristic costs more than it saves (a third of the time), and so
        # does the root reduced-cost heuristic (a fifth of what is left).
        self.highs.setOptionValue("mip_heuristic_run_feasibility_jump", False)
        self.highs.setOptionValue("mip_heuristic_run_root_reduced_cost", False)
        self.solves = 0
        self.optimum = optimum if optimum is not None else self._optimum(at_least)
        chosen = [(self.by_key[key], option) for key, option in self.optimum.grants.items()]
        self.swaps = _Swaps(chosen, params, self.optimum.total_value)

    def _optimum(self, at_least: int) -> Result:
        """The optimum by one MIP on the columns that reduced-cost fixing leaves free: a selection
        worth ``at_least`` exists, so none at least as good is fixed away."""
        reduced, total = self.bound.terms()
        chosen, at_one = self._fixed_columns(-1, reduced, total + _DualBound.MARGIN - at_least)
        return self._solve_columns(np.nonzero(chosen)[0], at_one)

    def total(self, i: int, option: GrantOption) -> int | None:
        applicant = self.people[i]
        if option.amount > self.params.budget:
            return None
        shared = self._shared(applicant, option)
        if shared is not None:
            return shared
        column = self.column[(i, option)]
        upper = self.bound.forced(column)
        lower = max([*self.swaps.totals(applicant, option), *self._known(applicant, option)], default=None)
        if lower is not None and lower >= upper:
            return lower
        upper, reduced, slack = self.bound.tightened(column)
        if lower is not None and lower >= upper:
            return lower
        best = self._solved(i, option, lower, reduced, slack)
        if best is None:
            return None
        if self._closes_parliament(applicant):
            self.proven_rests[self._group(applicant)].append(
                (option.amount, best.total_cost - option.amount, best.total_value - applicant.value(option))
            )
        return best.total_value

    def _closes_parliament(self, applicant: Applicant) -> bool:
        return self.params.parliament_limit(applicant.parliament) == 1

    @staticmethod
    def _group(applicant: Applicant) -> tuple:
        return applicant.parliament, applicant.region, applicant.is_woman

    def _shared(self, applicant: Applicant, option: GrantOption) -> int | None:
        """The best total with the applicant at ``option`` from the others' best proven for
        another applicant of their parliament, region and gender, when it applies exactly.

        With a parliament limit of one, forcing either of them in closes their parliament, so the
        others' problem is the same but for the budget their own amount leaves. Its best value can
        only grow with that budget; so the others' best for a budget b, costing c, is the best for
        every budget from c to b: here, for an amount from the one it was proven for up to the
        budget less c."""
        if not self._closes_parliament(applicant):
            return None
        for amount, cost, value in self.proven_rests[self._group(applicant)]:
            if amount <= option.amount and cost + option.amount <= self.params.budget:
                return value + applicant.value(option)
        return None

    def reaches(self, i: int, option: GrantOption, target: int) -> bool:
        """Whether some selection with ``i`` at ``option`` is worth ``target`` or more: the bounds
        first, then one MIP keeping only what can be in such a selection (fixing with the gap down
        to the target)."""
        applicant = self.people[i]
        if option.amount > self.params.budget:
            return False
        column = self.column[(i, option)]
        if self.bound.forced(column) < target:
            return False
        known = [*self.swaps.totals(applicant, option), *self._known(applicant, option)]
        if max(known, default=-1) >= target:
            return True
        upper, reduced, slack = self.bound.tightened(column)
        if upper < target:
            return False
        best = self._restricted(i, option, reduced, slack - target)
        return best.optimal and best.total_value >= target

    def _known(self, applicant: Applicant, option: GrantOption) -> list[int]:
        limit = self.params.parliament_limit(applicant.parliament)
        return [
            rest.value + applicant.value(option)
            for rest in self.rests[applicant.region]
            if rest.cost + option.amount <= self.params.budget
            and 100 * (rest.women + applicant.is_woman) >= self.params.min_women_percent * (rest.count + 1)
            and applicant.key not in rest.keys
            and rest.parliaments[applicant.parliament] < limit
        ]

    def _solved(
        self, i: int, option: GrantOption, lower: int | None, reduced: np.ndarray, slack: float
    ) -> Result | None:
        """The best selection with ``i`` at ``option``, by MIPs on the columns reduced-cost fixing
        leaves free. A first gap, guessed narrow, keeps every selection worth at least
        ``slack - gap``: when the restricted optimum reaches that, no better one was fixed away, so
        it is the answer; otherwise it is one more known selection and the gap widens, up to the
        one the best known selection allows (or no fixing at all)."""
        gap = self.FIRST_GAP
        while True:
            complete = lower is not None and gap >= slack - lower
            if complete:
                gap = slack - lower
            elif lower is None and gap > self.LAST_GAP:
                gap, complete = np.inf, True
            best = self._restricted(i, option, reduced, gap)
            if best.optimal and (complete or best.total_value >= slack - gap):
                return best
            if complete:
                return None
            if best.optimal:
                lower = max(best.total_value, lower if lower is not None else best.total_value)
            gap *= 4

    def _restricted(self, i: int, option: GrantOption, reduced: np.ndarray, gap: float) -> Result:
        """The best selection with ``i`` at ``option`` among the columns ``_fixed_columns`` leaves,
        built straight from the call's rows (the relaxed bounds, if any): one MIP."""
        applicant = self.people[i]
        column = self.column[(i, option)]
        chosen, at_one = self._fixed_columns(i, reduced, gap)
        chosen[column] = at_one[column] = True
        self.solves += 1
        best = self._solve_columns(np.nonzero(chosen)[0], at_one)
        if best.optimal:
            self._remember(applicant, option, best)
        return best

    def _fixed_columns(self, i: int, reduced: np.ndarray, gap: float) -> tuple[np.ndarray, np.ndarray]:
        """The columns a selection at least as good as the known one can use, but applicant
        ``i``'s, and those it must fund, as masks over the call's columns. With the forced prices
        every selection is worth at most the bound less d for each column at 0 with d > 0 and less
        |d| for each at 1 with d < 0, so a column whose |d| exceeds the gap is at 1 (d > 0) or at
        0 (d < 0) in all of them (reduced-cost fixing); an applicant with one level at 1 keeps that
        level alone. The call's fixed-in applicants keep every level; the fixed-out ones, never
        funded, are left out."""
        free = ~self.kept_whole & ~self.never
        funded = free & (reduced > gap)
        possible = free & (reduced >= -gap)
        chosen = (possible | self.kept_whole) & (self.owner != i)
        single = np.bincount(self.owner[funded], minlength=len(self.people)) == 1
        at_one = funded & single[self.owner]
        chosen &= ~single[self.owner] | at_one
        return chosen, at_one

    def _solve_columns(self, columns: np.ndarray, at_one: np.ndarray) -> Result:
        started = time.perf_counter()
        bound = self.bound
        position = np.full(len(bound.values), -1, dtype=np.int64)
        position[columns] = np.arange(len(columns))
        entries = np.nonzero(position[bound.entry_column] >= 0)[0]
        rows, per_row = np.unique(bound.entry_row[entries], return_counts=True)
        empty = np.ones(len(bound.lower), dtype=bool)
        empty[rows] = False
        if np.any(empty & ((bound.lower > 0) | (bound.upper < 0))):
            return Result("infeasible", False, {}, 0, 0, time.perf_counter() - started)
        lp = highspy.HighsLp()
        lp.num_col_, lp.num_row_ = len(columns), len(rows)
        lp.sense_ = highspy.ObjSense.kMaximize
        lp.col_cost_ = bound.values[columns]
        lp.col_lower_ = at_one[columns].astype(float)
        lp.col_upper_ = self.model.upper[columns]
        lp.integrality_ = [highspy.HighsVarType.kInteger] * len(columns)
        lp.row_lower_, lp.row_upper_ = bound.lower[rows], bound.upper[rows]
        lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
        lp.a_matrix_.num_col_, lp.a_matrix_.num_row_ = len(columns), len(rows)
        lp.a_matrix_.start_ = np.concatenate([[0], np.cumsum(per_row)]).astype(np.int32)
        lp.a_matrix_.index_ = position[bound.entry_column[entries]].astype(np.int32)
        lp.a_matrix_.value_ = bound.entry_value[entries]
        self.highs.clearModel()
        self.highs.passModel(lp)
        self.highs.run()
        if self.highs.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            return Result("not optimal", False, {}, 0, 0, time.perf_counter() - started)
        picked = columns[np.array(self.highs.getSolution().col_value) > 0.5]
        grants = {self.people[self.owner[c]].key: self.model.columns[c][1] for c in picked.tolist()}
        return Result(
            "optimal",
            True,
            grants,
            int(self.exact_values[picked].sum()),
            int(self.amounts[picked].sum()),
            time.perf_counter() - started,
        )

    def _remember(self, applicant: Applicant, option: GrantOption, best: Result) -> None:
        """Keep the others' part of a selection with ``applicant`` in: it keeps every rule with
        another applicant of the same group in their place when ``_known``'s checks hold."""
        rest = {key: grant for key, grant in best.grants.items() if key != applicant.key}
        self.rests[applicant.region].append(
            _Rest(
                value=best.total_value - applicant.value(option),
                cost=best.total_cost - option.amount,
                count=len(rest),
                women=sum(self.by_key[key].is_woman for key in rest),
                keys=frozenset(rest),
                parliaments=Counter(self.by_key[key].parliament for key in rest),
            )
        )


def explain(
    applicants: Sequence[Applicant], params: Params, result: Result, keys: Sequence[str] | None = None
) -> list[Explanation]:
    """Why each applicant not in the optimal ``result`` (or each of ``keys``) was left out.

    The best total with the applicant at grant level o is exact (``_ForcedTotals``); the lowest
    score with which an optimal selection includes them is min over o of (optimum - rest(o)) /
    percent(o), rest(o) being that total less their own value, rounded up to the review scale's
    thousandths. A tight constraint kept them out when, relaxed on its own, including them costs
    nothing: the dual bound rules that out for most at once (it is below the optimum, which
    relaxing can only raise); for the others it is decided against the relaxed optimum, found
    once per relaxation (``_RelaxedTotals.includes``). Applicants alike (region, gender, parliament,
    then the cheapest first) are explained one after the other, so that a selection found for one
    serves the next.
    """
    people = _canonical(applicants)
    by_key = {applicant.key: applicant for applicant in people}
    index = {applicant.key: i for i, applicant in enumerate(people)}
    wanted = [key for key in (keys if keys is not None else by_key) if key not in result.grants]
    relaxed_totals = _RelaxedTotals(people, params, result)
    explanations = {}
    for key in sorted(wanted, key=lambda key: _likeness(by_key[key])):
        applicant = by_key[key]
        if key in params.fixed_out or not applicant.options:
            explanations[key] = Explanation(key, (Reason.FIXED_OUT,), None)
            continue
        rest = _rests(relaxed_totals.main, index[key], result.total_value)
        reasons = [
            reason
            for reason, relaxed, changes in _relaxations(applicant, params, result, by_key)
            if relaxed_totals.includes(index[key], relaxed, changes)
        ]
        if not reasons:
            reasons.append(Reason.SCORE if rest else Reason.IMPOSSIBLE)
        explanations[key] = Explanation(key, tuple(reasons), _needed_score(result.total_value, rest))
    return [explanations[key] for key in sorted(explanations)]


def _rests(forced: "_ForcedTotals", i: int, optimum: int) -> dict[GrantOption, int]:
    """The best total of the others with applicant ``i`` at each grant level that can set their
    needed score. Levels are taken in the order of the lowest score their bound allows; a level
    whose bound cannot go below the score another level already needs is left out, as it cannot
    change the minimum (the others' best with it is at most the bound less its own value)."""
    applicant = forced.people[i]
    affordable = [option for option in applicant.options if option.amount <= forced.params.budget]
    lowest = {}
    for option in affordable:
        upper = forced.bound.forced(forced.column[(i, option)])
        lowest[option] = _needed_units(optimum, upper - applicant.value(option), option)
    rest: dict[GrantOption, int] = {}
    for option in sorted(affordable, key=lambda option: lowest[option]):
        needed = [_needed_units(optimum, value, level) for level, value in rest.items()]
        if needed and lowest[option] >= min(needed):
            continue
        total = forced.total(i, option)
        if total is not None:
            rest[option] = total - applicant.value(option)
    return rest


def _needed_units(optimum: int, rest_value: int, option: GrantOption) -> int:
    """The lowest score, in thousandths, with which this grant level on top of ``rest_value``
    reaches the optimum."""
    return -((rest_value - optimum) // option.percent)


def explain_in_parallel(
    applicants: Sequence[Applicant],
    params: Params,
    result: Result,
    keys: Sequence[str] | None = None,
    workers: int = 2,
) -> list[Explanation]:
    """``explain`` in ``workers`` processes, each on a run of applicants alike (the order
    ``explain`` itself follows, so that proofs still serve the next). Every explanation is exact
    on its own, so the result is the same as ``explain``'s however the work is shared."""
    by_key = {applicant.key: applicant for applicant in applicants}
    wanted = sorted(
        (key for key in (keys if keys is not None else by_key) if key not in result.grants),
        key=lambda key: _likeness(by_key[key]),
    )
    if workers <= 1 or len(wanted) <= 1:
        return explain(applicants, params, result, keys=wanted)
    size = -(-len(wanted) // workers)
    chunks = [wanted[start : start + size] for start in range(0, len(wanted), size)]
    context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(max_workers=len(chunks), mp_context=context) as pool:
        parts = [pool.submit(explain, applicants, params, result, chunk) for chunk in chunks]
        explanations = [explanation for part in parts for explanation in part.result()]
    return sorted(explanations, key=lambda explanation: explanation.key)


def _likeness(applicant: Applicant) -> tuple:
    """Region and gender, so that one's proven selection of the others is a known one for the
    next; then parliament and the cheapest first, so that it is the exact answer for as many of
    the same parliament as it can be (``_ForcedTotals._shared``)."""
    return (
        applicant.region,
        applicant.is_woman,
        applicant.parliament,
        min((o.amount for o in applicant.options), default=0),
        applicant.key,
    )


class _RelaxedTotals:
    """``_ForcedTotals`` under the call's rules (``main``) and under each relaxation asked about,
    each built once, when first needed."""

    def __init__(self, people: list[Applicant], params: Params, result: Result):
        self.people = people
        self.params = params
        self.result = result
        self.totals: dict[str, _ForcedTotals | None] = {}
        self.relaxed_swaps: dict[str, _Swaps] = {}

    @cached_property
    def main(self) -> _ForcedTotals:
        return _ForcedTotals(self.people, self.params, self.result)

    def swaps(self, relaxed: Params) -> _Swaps:
        if repr(relaxed) not in self.relaxed_swaps:
            chosen = [(self.main.by_key[key], option) for key, option in self.result.grants.items()]
            self.relaxed_swaps[repr(relaxed)] = _Swaps(chosen, relaxed, self.result.total_value)
        return self.relaxed_swaps[repr(relaxed)]

    def of(self, relaxed: Params, changes: Mapping[str, tuple]) -> _ForcedTotals | None:
        if repr(relaxed) not in self.totals:
            forced = _ForcedTotals(
                self.people, relaxed, at_least=self.result.total_value, relaxing=(self.main, changes)
            )
            self.totals[repr(relaxed)] = forced if forced.optimum.optimal else None
        return self.totals[repr(relaxed)]

    def includes(self, i: int, relaxed: Params, changes: Mapping) -> bool:
        """Whether, with one constraint relaxed, some optimal selection includes applicant ``i``:
        never when the bound of every grant level with them is below the optimum (relaxing only
        raises it); once the relaxed optimum is known (a relaxation shared by many), by
        ``reaches`` against it; always when a swap into the optimum with them reaches the relaxed
        bound; else decided exactly."""
        columns = [self.main.column[(i, option)] for option in self.people[i].options]
        bound = self.main.bound
        if max(bound.forced(column, changes) for column in columns) < self.result.total_value:
            return False
        if repr(relaxed) in self.totals:
            return self._reaches_relaxed_optimum(i, relaxed, changes)
        if max(bound.tightened(column, changes)[0] for column in columns) < self.result.total_value:
            return False
        with_them = max(
            (t for o in self.people[i].options for t in self.swaps(relaxed).totals(self.people[i], o)),
            default=None,
        )
        _, relaxed_total = self.main.bound.terms(changes)
        if with_them is not None and with_them >= np.floor(relaxed_total + _DualBound.MARGIN):
            return True
        return self._reaches_relaxed_optimum(i, relaxed, changes)

    def _reaches_relaxed_optimum(self, i: int, relaxed: Params, changes: Mapping) -> bool:
        forced = self.of(relaxed, changes)
        if forced is None:
            return False
        return any(forced.reaches(i, option, forced.optimum.total_value) for option in self.people[i].options)


def _needed_score(optimum: int, rest: Mapping[GrantOption, int]) -> Decimal | None:
    """The lowest score, in thousandths, at which some grant level ties the optimum."""
    needed = [_needed_units(optimum, rest_value, option) for option, rest_value in rest.items()]
    return Decimal(min(needed)) / SCORE_UNITS if needed else None


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
