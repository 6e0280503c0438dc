"""Travel funding selection: the exact optimum (HiGHS) against the greedy baseline.

5,000 applicants from 193 countries (random, seeded): time to the proven optimum (with the
tie-break), both baselines' shortfall beside their validity (the rules they break), and the time
to explain everyone left out, as a ratio of the selection's own time (wall clock, and CPU time for
one process, which the other sessions' load moves less).
Run: .venv/bin/python bench/funding.py [--quick] [--sample N]
(default: everyone left out is explained and timed, in one process and then in two; --sample N
explains N of them drawn at random, seeded, and projects the time for everyone from them)
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from plenary.funding.selection import (  # noqa: E402
    Applicant,
    GrantOption,
    Params,
    by_score,
    explain_in_parallel,
    greedy,
    solve,
)

REGIONS = {
    "African Group": 54,
    "Asia-Pacific Group": 53,
    "Eastern European Group": 23,
    "GRULAC": 33,
    "WEOG": 30,
}


def instance(n: int, seed: int) -> tuple[list[Applicant], Params]:
    rng = random.Random(seed)
    countries = [(f"C{k:03d}", region) for region, size in REGIONS.items() for k in range(size)]
    countries = [(f"{code}-{region[:3]}", region) for code, region in countries]
    assert len(countries) == 193
    applicants = []
    for j in range(n):
        country, region = rng.choice(countries)
        full = rng.randrange(1500, 6500, 50)
        options = (GrantOption(full),)
        if rng.random() < 0.3:
            options += (GrantOption(full // 2, 50),)
        applicants.append(
            Applicant(
                key=f"{j:05d}",
                score=round(rng.uniform(0, 10), 3),
                options=options,
                parliament=country,
                region=region,
                is_woman=rng.random() < 0.35,
            )
        )
    params = Params(
        budget=300_000,
        max_funded=80,
        per_parliament=1,
        min_women_percent=40,
        region_min={"African Group": 15, "Asia-Pacific Group": 15, "GRULAC": 10, "Eastern European Group": 5},
        region_max={"WEOG": 3},
    )
    return applicants, params


def baseline_line(name: str, baseline, optimum) -> str:
    shortfall = 100 * (optimum.total_value - baseline.total_value) / optimum.total_value
    validity = "valid" if not baseline.rules else "INVALID, breaks " + ", ".join(baseline.rules)
    return f"{name}: {shortfall:.2f} % below the optimum, {validity}, {baseline.seconds * 1000:.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="1,000 applicants, one run")
    parser.add_argument("--sample", type=int, default=0, help="left-out applicants explained (0: all)")
    args = parser.parse_args()
    n, runs = (1000, 1) if args.quick else (5000, 3)
    exact_times = []
    for seed in range(runs):
        applicants, params = instance(n, seed)
        exact = solve(applicants, params)
        if not exact.optimal:
            sys.exit(f"seed {seed}: no proven optimum ({exact.status})")
        exact_times.append(exact.seconds)
        print(
            f"seed {seed}: optimum {exact.total_score} ({len(exact.grants)} funded, "
            f"{exact.total_cost} of {params.budget}) in {exact.seconds:.3f} s, {exact.nodes} nodes"
        )
        print("  " + baseline_line("by score (secretariat)", by_score(applicants, params), exact))
        print("  " + baseline_line("score per cost (greedy)", greedy(applicants, params), exact))
    applicants, params = instance(n, 0)
    cpu_started = time.process_time()
    exact = solve(applicants, params)
    selection_cpu = time.process_time() - cpu_started
    left_out = sorted(a.key for a in applicants if a.key not in exact.grants)
    explained = random.Random(0).sample(left_out, args.sample) if args.sample else left_out
    print(f"{n} applicants, 193 countries, {runs} instance(s)")
    median = statistics.median(exact_times)
    print(f"selection (optimum + tie-break): median {median:.3f} s, max {max(exact_times):.3f} s")
    measured = (
        "measured" if len(explained) == len(left_out) else f"projected from {len(explained)} drawn at random"
    )
    for workers in (1, 2):
        started, cpu_started = time.perf_counter(), time.process_time()
        explain_in_parallel(applicants, params, exact, keys=explained, workers=workers)
        everyone = (time.perf_counter() - started) * len(left_out) / len(explained)
        if workers == 1:
            cpu = (time.process_time() - cpu_started) * len(left_out) / len(explained)
            print(
                f"CPU time (steadier under load): selection {selection_cpu:.2f} s, explanations in one "
                f"process {cpu:.1f} s, {cpu / selection_cpu:.1f}x"
            )
        print(
            f"explanations for all {len(left_out)} left out, {workers} process(es): {everyone:.1f} s "
            f"({measured}), {everyone / exact.seconds:.1f}x the selection's time (goal <= 10x)"
        )
    print("load average (1, 5, 15 min): " + ", ".join(f"{load:.2f}" for load in os.getloadavg()))


if __name__ == "__main__":
    main()
