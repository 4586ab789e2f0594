"""The LEXIMIN distribution over quota-respecting panels (Flanigan et al., Nature 596, 2021).

Among all probability distributions over panels that meet every quota, LEXIMIN maximises
the smallest selection probability, then the second smallest, and so on. It is computed
in stages; stage ``s`` solves, over a growing set of panels ``P`` (column generation)::

    primal:  max t   s.t.  sum_P p_P = 1,  p >= 0,
                           sum_{P ∋ i} p_P >= t     for every volunteer i not yet fixed,
                           sum_{P ∋ i} p_P >= f_i   for every volunteer i fixed at f_i,

    dual:    min z - sum_{i fixed} f_i y_i
             s.t.  z >= sum_{i ∈ P} y_i  for every panel P in the set,
                   sum_{i not fixed} y_i = 1,  y >= 0,  z free.

The dual is what we solve (HiGHS simplex): each panel is one row. Pricing is the panel
integer program with weights ``y`` (:class:`~sortition.feasibility.PanelProgram`): if
the best panel has ``sum y_i > z + tolerance`` its row is violated and it is added; when
no panel is, the stage's LP optimum ``t`` is the stage's value (up to the tolerance).
By complementary slackness every volunteer with ``y_i > 0`` has probability exactly ``t``
in every optimal distribution, so those volunteers are fixed at ``t`` (at least one is,
since the unfixed ``y`` sum to 1) and the next stage starts. At the end the primal is
solved once over all generated panels to obtain the probabilities.

Volunteers who belong to no quota-respecting panel are found first and get probability 0.
Everything is deterministic: volunteers in id order, HiGHS with a fixed seed, panels in
canonical order. No fallback: any solver trouble raises :class:`LeximinError`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

import highspy
import numpy as np

from .feasibility import PanelProgram, add_rows, new_highs, require_feasible
from .model import Problem, SolverError

TOLERANCE = 1e-7
"""A panel improves the LP when its weight exceeds ``z`` by more than this."""
FIX_THRESHOLD = 1e-6
"""A dual value above this marks a volunteer as tight (the largest one is always fixed)."""
FIX_MARGIN = 1e-9
"""Fixed probabilities are lowered by this much so that later stages stay feasible."""


class LeximinError(SolverError):
    """The column generation did not converge, or HiGHS failed; never silently degraded."""


@dataclass(frozen=True, slots=True)
class LeximinStats:
    stages: int
    iterations: int
    lp_solves: int
    mip_solves: int
    panels_generated: int
    seconds: float


@dataclass(frozen=True, slots=True)
class LeximinResult:
    """The distribution: ``panels[j]`` (sorted id tuples, sorted) has ``probabilities[j]``."""

    panels: tuple[tuple[str, ...], ...]
    probabilities: tuple[float, ...]
    marginals: dict[str, float]
    never_selectable: tuple[str, ...]
    stats: LeximinStats = field(compare=False)

    @property
    def min_probability(self) -> float:
        return min(self.marginals.values())


def panel_line(panel: tuple[str, ...]) -> str:
    """A panel as one line of the canonical list: its ids sorted and joined by commas."""
    return ",".join(sorted(panel))


def _dual_lp(columns: int) -> highspy.Highs:
    h = new_highs()
    h.setOptionValue("solver", "simplex")
    inf = highspy.kHighsInf
    # Column 0 is z (free); column 1 + k is y of the k-th selectable volunteer.
    h.addVars(columns, np.r_[-inf, np.zeros(columns - 1)], np.full(columns, inf))
    h.changeColCost(0, 1.0)
    h.changeObjectiveSense(highspy.ObjSense.kMinimize)
    add_rows(h, [[(c, 1.0) for c in range(1, columns)]], [1.0], [1.0])
    return h


def _run(h: highspy.Highs, what: str) -> None:
    h.run()
    status = h.getModelStatus()
    if status != highspy.HighsModelStatus.kOptimal:
        raise LeximinError(f"HiGHS returned {h.modelStatusToString(status)} on the {what}")


def compute_leximin(
    problem: Problem,
    *,
    tolerance: float = TOLERANCE,
    max_iterations: int = 20_000,
    time_limit: float | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> LeximinResult:
    """Compute the LEXIMIN distribution over the panels that meet every quota.

    ``progress(fixed, total)``, if given, is called after the initial panels and after
    each stage with the number of volunteers whose probability is settled.

    Raises :class:`~sortition.feasibility.InfeasibleQuotasError` if no panel exists and
    :class:`LeximinError` if ``max_iterations`` column-generation iterations (one LP and
    one pricing IP each) or ``time_limit`` seconds are exceeded.
    """
    started = time.perf_counter()
    require_feasible(problem)
    ids = problem.ids
    n = len(ids)
    pricing = PanelProgram(problem)
    lp_solves = iterations = 0

    def check_budget() -> None:
        if iterations > max_iterations:
            raise LeximinError(f"column generation exceeded {max_iterations} iterations")
        if time_limit is not None and time.perf_counter() - started > time_limit:
            raise LeximinError(f"column generation exceeded {time_limit} seconds")

    # 1. Initial panels: cover every volunteer who belongs to some feasible panel.
    panels: list[tuple[int, ...]] = []
    known: set[tuple[int, ...]] = set()
    covered = np.zeros(n, dtype=bool)
    never = np.zeros(n, dtype=bool)
    upper = np.ones(n)
    for i in range(n):
        if covered[i]:
            continue
        iterations += 1
        check_budget()
        lower = np.zeros(n)
        lower[i] = 1.0
        pricing.set_bounds(lower, upper)
        panel = pricing.best((~covered).astype(np.float64))
        if panel is None:
            never[i] = True
            upper[i] = 0.0
            continue
        covered[list(panel)] = True
        panels.append(panel)
        known.add(panel)
    pricing.set_bounds(np.zeros(n), upper)
    if progress is not None:
        progress(int(never.sum()), n)

    # 2. Column generation, stage by stage, on the dual LP.
    agents = np.flatnonzero(~never)  # LP column of agents[k] is 1 + k
    col_of = {int(a): 1 + k for k, a in enumerate(agents)}
    lp = _dual_lp(1 + len(agents))

    def add_panel_rows(new: list[tuple[int, ...]]) -> None:
        rows = [[(0, 1.0)] + [(col_of[i], -1.0) for i in p] for p in new]
        add_rows(lp, rows, np.zeros(len(new)), np.full(len(new), highspy.kHighsInf))

    add_panel_rows(panels)
    fixed: dict[int, float] = {}  # agent index -> fixed probability
    stages = 0
    while len(fixed) < len(agents):
        stages += 1
        while True:
            iterations += 1
            check_budget()
            _run(lp, "leximin LP")
            lp_solves += 1
            sol = np.asarray(lp.getSolution().col_value)
            z = sol[0]
            weights = np.zeros(n)
            weights[agents] = np.maximum(sol[1:], 0.0)
            panel = pricing.best(weights)
            if panel is None:
                raise LeximinError("the pricing program became infeasible")
            gain = weights[list(panel)].sum() - z
            if gain <= tolerance:
                break
            if panel in known:
                raise LeximinError(
                    f"pricing returned a panel already in the LP with violation {gain:.3g}; "
                    "the LP solution is not accurate enough"
                )
            panels.append(panel)
            known.add(panel)
            add_panel_rows([panel])
        value = lp.getInfo().objective_function_value
        unfixed = [int(a) for a in agents if int(a) not in fixed]
        tight = [a for a in unfixed if weights[a] > FIX_THRESHOLD]
        if not tight:
            tight = [max(unfixed, key=lambda a: weights[a])]
        for a in tight:
            fixed[a] = value - FIX_MARGIN
            lp.changeColCost(col_of[a], -fixed[a])
            lp.changeCoeff(0, col_of[a], 0.0)
        if progress is not None:
            progress(int(never.sum()) + len(fixed), n)

    # 3. Probabilities over all generated panels (primal LP, simplex: a basic solution).
    probs = _final_distribution(panels, agents, fixed, n)
    lp_solves += 1
    keep = probs > 1e-12
    probs = probs[keep] / probs[keep].sum()
    kept = [p for p, k in zip(panels, keep, strict=True) if k]
    named = [tuple(sorted(ids[i] for i in p)) for p in kept]
    order = sorted(range(len(named)), key=lambda j: panel_line(named[j]))
    marginal = np.zeros(n)
    for p, q in zip(kept, probs, strict=True):
        marginal[list(p)] += q
    stats = LeximinStats(
        stages=stages,
        iterations=iterations,
        lp_solves=lp_solves,
        mip_solves=pricing.solves,
        panels_generated=len(panels),
        seconds=time.perf_counter() - started,
    )
    return LeximinResult(
        panels=tuple(named[j] for j in order),
        probabilities=tuple(float(probs[j]) for j in order),
        marginals={ids[i]: float(marginal[i]) for i in range(n)},
        never_selectable=tuple(ids[i] for i in np.flatnonzero(never)),
        stats=stats,
    )


def _final_distribution(
    panels: list[tuple[int, ...]], agents: np.ndarray, fixed: dict[int, float], n: int
) -> np.ndarray:
    """Probabilities over ``panels`` giving every agent at least its fixed value.

    Maximises the common surplus ``s`` over the fixed values (which were lowered by
    ``FIX_MARGIN``), so that the result is not left anywhere inside the tolerance band.
    """
    h = new_highs()
    h.setOptionValue("solver", "simplex")
    m = len(panels)
    inf = highspy.kHighsInf
    h.addVars(m + 1, np.r_[np.zeros(m), -inf], np.r_[np.ones(m), inf])
    h.changeColCost(m, 1.0)
    h.changeObjectiveSense(highspy.ObjSense.kMaximize)
    members: list[list[tuple[int, float]]] = [[(m, -1.0)] for _ in range(n)]
    for j, p in enumerate(panels):
        for i in p:
            members[i].append((j, 1.0))
    rows = [[(j, 1.0) for j in range(m)]] + [members[int(a)] for a in agents]
    lower = [1.0] + [fixed[int(a)] for a in agents]
    upper = [1.0] + [inf] * len(agents)
    add_rows(h, rows, lower, upper)
    _run(h, "final distribution LP")
    solution = np.asarray(h.getSolution().col_value)
    if solution[m] < -FIX_MARGIN:
        raise LeximinError(f"the final distribution misses the leximin values by {-solution[m]}")
    return np.maximum(solution[:m], 0.0)
