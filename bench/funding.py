"""Travel funding selection: the exact optimum (HiGHS) against the greedy baseline.

5,000 applicants from 193 countries (random, seeded): time to the proven optimum, the greedy
baseline's time and its score as a percentage of the optimum, and the time of one explanation.
Run: .venv/bin/python bench/funding.py [--quick]
"""

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from plenary.funding.selection import Applicant, GrantOption, Params, explain, greedy, solve  # noqa: E402

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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="1,000 applicants, one run")
    args = parser.parse_args()
    n, runs = (1000, 1) if args.quick else (5000, 3)
    exact_times, greedy_times, shares = [], [], []
    for seed in range(runs):
        applicants, params = instance(n, seed)
        exact = solve(applicants, params)
        if not exact.optimal:
            sys.exit(f"seed {seed}: no proven optimum ({exact.status})")
        baseline = greedy(applicants, params)
        exact_times.append(exact.seconds)
        greedy_times.append(baseline.seconds)
        shares.append(100 * baseline.total_value / exact.total_value if baseline.feasible else 0.0)
        print(
            f"seed {seed}: optimum {exact.total_score:.3f} ({len(exact.grants)} funded, "
            f"{exact.total_cost} of {params.budget}) in {exact.seconds:.3f} s, {exact.nodes} nodes; "
            f"greedy {baseline.total_score:.3f} ({baseline.status}) in {baseline.seconds * 1000:.1f} ms"
        )
    applicants, params = instance(n, 0)
    exact = solve(applicants, params)
    left_out = [a.key for a in sorted(applicants, key=lambda a: -a.score) if a.key not in exact.grants][:3]
    started = time.perf_counter()
    explain(applicants, params, exact, keys=left_out)
    per_explanation = (time.perf_counter() - started) / len(left_out)
    exact_median = statistics.median(exact_times)
    greedy_median = statistics.median(greedy_times)
    print(f"{n} applicants, 193 countries, {runs} instance(s)")
    print(f"proven optimum: median {exact_median:.3f} s (goal <= 2 s), max {max(exact_times):.3f} s")
    speedup = exact_median / greedy_median
    print(f"greedy baseline: median {greedy_median * 1000:.1f} ms ({speedup:.0f}x faster than the optimum)")
    print(f"greedy score as % of the optimum: {', '.join(f'{share:.2f} %' for share in shares)}")
    print(f"one explanation (left-out applicant): {per_explanation:.2f} s")


if __name__ == "__main__":
    main()
