"""Counting speed: 10,000 ballots with 10 options, for each method of the pure core.

Ballots are generated with a fixed seed (rankings truncated at random lengths, approvals of
random subsets, random grades); each count runs 5 times and the median is reported.
"""

import random
import statistics
import sys
import time

from counting import count

OPTIONS = [str(i) for i in range(1, 11)]
GRADES = ["to_reject", "poor", "acceptable", "good", "very_good", "excellent"]


def ballots(method: str, n: int, rng: random.Random) -> list:
    if method == "irv":
        return [rng.sample(OPTIONS, rng.randint(1, 10)) for _ in range(n)]
    if method == "approval":
        return [sorted(rng.sample(OPTIONS, rng.randint(0, 10)), key=int) for _ in range(n)]
    if method == "majority_judgment":
        return [{o: rng.choice(GRADES) for o in OPTIONS} for _ in range(n)]
    return [rng.choice(["for", "against", "abstain"]) for _ in range(n)]


def main(n: int) -> None:
    rng = random.Random(20261123)  # noqa: S311 - benchmark data, not security
    print("| method | ballots | options | median s (5 runs) |")
    print("|---|---:|---:|---:|")
    for method in ("irv", "approval", "majority_judgment", "for_against"):
        data = ballots(method, n, rng)
        params = {"roll_size": n}
        if method != "for_against":
            params["options"] = OPTIONS
        times = []
        for _ in range(5):
            start = time.perf_counter()
            count(method, params, data)
            times.append(time.perf_counter() - start)
        options = 10 if method != "for_against" else 2
        print(f"| {method} | {n} | {options} | {statistics.median(times):.3f} |")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
