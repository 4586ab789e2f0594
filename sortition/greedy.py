"""The LEGACY greedy stratified selection, simulated to estimate its selection probabilities.

This is the baseline of Flanigan et al. (Nature 596, 2021), not something to select a
panel with. One run:

1. For every quota value that still has available volunteers, compute its difficulty
   ``(min - selected) / available``; take the value with the highest difficulty (ties: first
   in (feature, value) order).
2. Select one of its available volunteers uniformly at random.
3. Every value that has now reached its maximum makes its remaining holders unavailable.
4. Dead end (a value below its minimum has nobody left, nobody is available while seats
   remain, or the panel is full with a minimum unmet): start the run again from scratch.

Volunteers are numbered in id order and the generator is seeded, so estimates are
reproducible. The randomness is Python's seeded ``random.Random``: a simulation, not a draw.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterator

from .model import LotteryError, Problem, validate_problem


class GreedyError(LotteryError):
    """The greedy method kept running into dead ends."""


class _Greedy:
    """Plain Python (faster than NumPy at this size): lists indexed by volunteer/quota."""

    def __init__(self, problem: Problem) -> None:
        validate_problem(problem)
        self.n = len(problem.pool)
        self.seats = problem.seats
        self.holders = [problem.holders(q) for q in problem.quotas]
        self.values_of: list[list[int]] = [[] for _ in range(self.n)]
        for q, holders in enumerate(self.holders):
            for i in holders:
                self.values_of[i].append(q)
        self.min = [q.min for q in problem.quotas]
        self.max = [q.max for q in problem.quotas]

    def attempt(self, rng: random.Random) -> list[int] | None:
        available = [True] * self.n
        left = self.n
        remaining = [len(h) for h in self.holders]  # available holders of each quota value
        selected = [0] * len(self.min)
        panel: list[int] = []

        def drop(i: int) -> None:
            nonlocal left
            available[i] = False
            left -= 1
            for q in self.values_of[i]:
                remaining[q] -= 1

        while len(panel) < self.seats:
            if left == 0:
                return None
            best, best_difficulty = -1, -math.inf
            for q, (low, sel, rem) in enumerate(zip(self.min, selected, remaining, strict=True)):
                if rem == 0:
                    if sel < low:
                        return None
                    continue
                difficulty = (low - sel) / rem
                if difficulty > best_difficulty:
                    best, best_difficulty = q, difficulty
            pool = self.holders[best] if best >= 0 else range(self.n)
            candidates = [i for i in pool if available[i]]
            person = candidates[rng.randrange(len(candidates))]
            panel.append(person)
            drop(person)
            for q in self.values_of[person]:
                selected[q] += 1
                if selected[q] == self.max[q]:
                    for i in self.holders[q]:
                        if available[i]:
                            drop(i)
        if any(sel < low for sel, low in zip(selected, self.min, strict=True)):
            return None
        return panel

    def panel(self, rng: random.Random, max_attempts: int) -> list[int]:
        for _ in range(max_attempts):
            panel = self.attempt(rng)
            if panel is not None:
                return panel
        raise GreedyError(f"the greedy method failed {max_attempts} times in a row")


def greedy_panel(
    problem: Problem, rng: random.Random, *, max_attempts: int = 10_000
) -> tuple[str, ...]:
    """One panel chosen by the LEGACY greedy method (restarting on dead ends)."""
    ids = problem.ids
    return tuple(sorted(ids[i] for i in _Greedy(problem).panel(rng, max_attempts)))


def greedy_samples(
    problem: Problem, runs: int, seed: int, *, max_attempts: int = 10_000
) -> Iterator[tuple[int, ...]]:
    """``runs`` independent LEGACY panels, as sorted indices into ``problem.ids``."""
    if runs < 1:
        raise ValueError("runs must be positive")
    greedy = _Greedy(problem)
    # A seeded simulation of the baseline, not the lottery itself: no secrecy is needed.
    rng = random.Random(seed)  # noqa: S311
    for _ in range(runs):
        yield tuple(sorted(greedy.panel(rng, max_attempts)))


def greedy_probabilities(
    problem: Problem, runs: int, seed: int, *, max_attempts: int = 10_000
) -> dict[str, float]:
    """Estimate each volunteer's selection probability under LEGACY from ``runs`` panels."""
    counts = [0] * len(problem.pool)
    for panel in greedy_samples(problem, runs, seed, max_attempts=max_attempts):
        for i in panel:
            counts[i] += 1
    return {v: c / runs for v, c in zip(problem.ids, counts, strict=True)}
