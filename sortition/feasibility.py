"""Does a quota-respecting panel exist? If not, which quotas should be relaxed, and how far?

Both questions are integer programs solved with HiGHS (``highspy``). The panel program is
also the pricing problem of :mod:`sortition.leximin`, so it lives here as
:class:`PanelProgram`.

Panel program: one binary ``x_i`` per volunteer (ids in code point order),
``sum x_i = seats`` and, for every quota, ``min <= sum of x_i over its holders <= max``.

Relaxation program: the same, with integer slacks ``lo_q >= 0`` and ``hi_q >= 0`` per
quota: ``min - lo_q <= count_q <= max + hi_q``, minimising ``sum lo_q + hi_q``. The
suggestion reports ``min - lo_q`` and ``max + hi_q`` for every quota whose slack is positive.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import highspy
import numpy as np

from .model import LotteryError, Problem, Quota, SolverError, validate_problem

_OPTIMAL = highspy.HighsModelStatus.kOptimal
_INFEASIBLE = highspy.HighsModelStatus.kInfeasible


def new_highs() -> highspy.Highs:
    """A silent HiGHS instance with deterministic, exact-gap settings."""
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("random_seed", 0)
    h.setOptionValue("mip_rel_gap", 0.0)
    h.setOptionValue("mip_abs_gap", 1e-10)
    h.setOptionValue("primal_feasibility_tolerance", 1e-9)
    h.setOptionValue("dual_feasibility_tolerance", 1e-9)
    return h


def _quota_rows(problem: Problem) -> tuple[list[list[int]], np.ndarray, np.ndarray]:
    rows = [problem.holders(q) for q in problem.quotas]
    lower = np.array([q.min for q in problem.quotas], dtype=np.float64)
    upper = np.array([q.max for q in problem.quotas], dtype=np.float64)
    return rows, lower, upper


def add_rows(
    h: highspy.Highs,
    rows: Sequence[Sequence[tuple[int, float]]],
    lo: Sequence[float] | np.ndarray,
    up: Sequence[float] | np.ndarray,
) -> None:
    """Append rows ``lo <= sum(coef * x[col]) <= up`` given as lists of (col, coef)."""
    starts, index, value = [], [], []
    for row in rows:
        starts.append(len(index))
        for col, coef in row:
            index.append(col)
            value.append(coef)
    h.addRows(
        len(rows),
        np.asarray(lo, dtype=np.float64),
        np.asarray(up, dtype=np.float64),
        len(index),
        np.asarray(starts, dtype=np.int32),
        np.asarray(index, dtype=np.int32),
        np.asarray(value, dtype=np.float64),
    )


class PanelProgram:
    """The panel integer program, kept in one HiGHS instance and re-solved with new weights.

    ``best(weights)`` returns the indices of a quota-respecting panel maximising the sum of
    its members' weights, or ``None`` when no panel exists under the given bounds.
    """

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        n = len(problem.pool)
        self.n = n
        h = new_highs()
        h.addVars(n, np.zeros(n), np.ones(n))
        h.changeColsIntegrality(
            n,
            np.arange(n, dtype=np.int32),
            np.full(n, highspy.HighsVarType.kInteger.value, dtype=np.uint8),
        )
        h.changeObjectiveSense(highspy.ObjSense.kMaximize)
        quota_rows, lower, upper = _quota_rows(problem)
        rows = [[(i, 1.0) for i in range(n)]] + [[(i, 1.0) for i in r] for r in quota_rows]
        seats = float(problem.seats)
        add_rows(h, rows, np.r_[seats, lower], np.r_[seats, upper])
        self.h = h
        self.solves = 0

    def set_bounds(self, lower: np.ndarray, upper: np.ndarray) -> None:
        n = self.n
        self.h.changeColsBounds(n, np.arange(n, dtype=np.int32), lower, upper)

    def best(self, weights: np.ndarray) -> tuple[int, ...] | None:
        n = self.n
        self.h.changeColsCost(n, np.arange(n, dtype=np.int32), np.asarray(weights, float))
        self.h.run()
        self.solves += 1
        status = self.h.getModelStatus()
        if status == _INFEASIBLE:
            return None
        if status != _OPTIMAL:
            raise SolverError(
                f"HiGHS returned {self.h.modelStatusToString(status)} on the panel program"
            )
        x = np.asarray(self.h.getSolution().col_value)
        panel = tuple(int(i) for i in np.flatnonzero(x > 0.5))
        if len(panel) != self.problem.seats or np.max(np.abs(x - np.round(x))) > 1e-6:
            raise SolverError("HiGHS returned a non-integral or incomplete panel")
        return panel


@dataclass(frozen=True, slots=True)
class Relaxation:
    """One quota of the suggestion: its current bounds and the bounds that would suffice."""

    feature: str
    value: str
    min: int
    max: int
    suggested_min: int
    suggested_max: int


@dataclass(frozen=True, slots=True)
class FeasibilityReport:
    feasible: bool
    messages: tuple[str, ...] = ()
    relaxations: tuple[Relaxation, ...] = ()
    example_panel: tuple[str, ...] | None = None

    def relaxed_quotas(self, quotas: Sequence[Quota]) -> tuple[Quota, ...]:
        """``quotas`` with the suggested bounds applied."""
        change = {(r.feature, r.value): r for r in self.relaxations}
        out = []
        for q in quotas:
            r = change.get(q.key)
            out.append(Quota(q.feature, q.value, r.suggested_min, r.suggested_max) if r else q)
        return tuple(out)

    def explain(self) -> str:
        if self.feasible:
            return "The quotas can be met."
        lines = ["No panel meets every quota."]
        lines += [f"- {m}" for m in self.messages]
        if self.relaxations:
            total = sum(
                (r.min - r.suggested_min) + (r.suggested_max - r.max) for r in self.relaxations
            )
            lines.append(f"Smallest relaxation that makes it feasible (total {total} seat(s)):")
            for r in self.relaxations:
                lines.append(
                    f"- {r.feature}={r.value}: min {r.min} -> {r.suggested_min}, "
                    f"max {r.max} -> {r.suggested_max}"
                )
        return "\n".join(lines)


class InfeasibleQuotasError(LotteryError):
    """No panel meets every quota; ``report`` holds the reasons and the suggested relaxation."""

    def __init__(self, report: FeasibilityReport) -> None:
        super().__init__(report.explain())
        self.report = report


def trivial_impossibilities(problem: Problem) -> list[str]:
    """Necessary conditions that can be explained without a solver (empty list: none found)."""
    messages = []
    n = len(problem.pool)
    if problem.seats > n:
        messages.append(f"{problem.seats} seats but only {n} volunteers")
    by_feature: dict[str, list[Quota]] = defaultdict(list)
    for q in problem.quotas:
        by_feature[q.feature].append(q)
        holders = len(problem.holders(q))
        if q.min > holders:
            messages.append(
                f"{q.feature}={q.value}: min {q.min} but only {holders} volunteer(s) have it"
            )
        if q.min > problem.seats:
            messages.append(f"{q.feature}={q.value}: min {q.min} > {problem.seats} seats")
    for feature, quotas in sorted(by_feature.items()):
        mins = sum(q.min for q in quotas)
        if mins > problem.seats:
            messages.append(f"{feature}: the minima add up to {mins} > {problem.seats} seats")
        # Every pool value of a quota feature has a row (validate_problem), so this is a cap.
        caps = sum(min(q.max, len(problem.holders(q))) for q in quotas)
        if caps < problem.seats:
            messages.append(
                f"{feature}: at most {caps} seat(s) can be filled within the maxima and "
                f"the volunteers available, fewer than {problem.seats}"
            )
    return messages


def _relaxation(problem: Problem) -> tuple[Relaxation, ...]:
    n, m = len(problem.pool), len(problem.quotas)
    h = new_highs()
    # Columns: x_0..x_{n-1}, lo_0..lo_{m-1}, hi_0..hi_{m-1}.
    lower = np.zeros(n + 2 * m)
    upper = np.r_[np.ones(n), [q.min for q in problem.quotas], np.full(m, problem.seats)]
    h.addVars(n + 2 * m, lower, upper.astype(np.float64))
    h.changeColsIntegrality(
        n + 2 * m,
        np.arange(n + 2 * m, dtype=np.int32),
        np.full(n + 2 * m, highspy.HighsVarType.kInteger.value, dtype=np.uint8),
    )
    h.changeColsCost(
        2 * m, np.arange(n, n + 2 * m, dtype=np.int32), np.ones(2 * m, dtype=np.float64)
    )
    inf = highspy.kHighsInf
    rows, lo, up = [[(i, 1.0) for i in range(n)]], [problem.seats], [problem.seats]
    for j, (q, holders) in enumerate(zip(problem.quotas, _quota_rows(problem)[0], strict=True)):
        rows.append([(i, 1.0) for i in holders] + [(n + j, 1.0)])
        lo.append(q.min)
        up.append(inf)
        rows.append([(i, 1.0) for i in holders] + [(n + m + j, -1.0)])
        lo.append(-inf)
        up.append(q.max)
    add_rows(h, rows, lo, up)
    h.run()
    status = h.getModelStatus()
    if status != _OPTIMAL:
        raise SolverError(f"HiGHS returned {h.modelStatusToString(status)} on the relaxation")
    x = np.rint(np.asarray(h.getSolution().col_value)).astype(int)
    out = []
    for j, q in enumerate(problem.quotas):
        slack_lo, slack_hi = int(x[n + j]), int(x[n + m + j])
        if slack_lo or slack_hi:
            out.append(
                Relaxation(q.feature, q.value, q.min, q.max, q.min - slack_lo, q.max + slack_hi)
            )
    return tuple(out)


def check_feasibility(problem: Problem) -> FeasibilityReport:
    """Decide with HiGHS whether some panel meets every quota; suggest a relaxation if not."""
    validate_problem(problem)
    messages = trivial_impossibilities(problem)
    if problem.seats > len(problem.pool):
        return FeasibilityReport(False, tuple(messages))
    panel = PanelProgram(problem).best(np.zeros(len(problem.pool)))
    if panel is not None:
        if messages:  # the trivial checks are necessary conditions; this cannot happen
            raise SolverError("HiGHS found a panel although a necessary condition fails")
        ids = problem.ids
        return FeasibilityReport(True, example_panel=tuple(ids[i] for i in panel))
    return FeasibilityReport(False, tuple(messages), _relaxation(problem))


def require_feasible(problem: Problem) -> FeasibilityReport:
    """:func:`check_feasibility`, raising :class:`InfeasibleQuotasError` when infeasible."""
    report = check_feasibility(problem)
    if not report.feasible:
        raise InfeasibleQuotasError(report)
    return report
