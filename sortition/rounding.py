"""Round a distribution over panels to a uniform lottery over exactly ``N`` panels.

Each panel ``P`` of the support gets an integer count ``c_P`` with ``sum c_P = N``; the
lottery is the list in which ``P`` appears ``c_P`` times, and drawing one line uniformly
selects ``P`` with probability ``c_P / N``. Panels outside the support never appear.

**Guarantee.** With ``k`` the largest panel size (the number of seats), every volunteer's
selection probability changes by *strictly less than* ``k / N``::

    | (number of lines containing i) / N  -  sum_{P ∋ i} p_P |  <  k / N

(plus floating-point noise below 1e-9; checked at run time, :class:`RoundingError` if not).
For 10 seats and N = 10,000 that is less than 0.001.

**Method** (iterated rounding in the manner of Beck and Fiala). Write ``N p_P`` as an
integer part plus a fraction ``x_P`` in [0, 1). A volunteer is *active* while more than
``k`` of the panels containing them still have a fractional ``x``. Repeatedly move ``x``
along a direction ``d`` that keeps the sum of all fractions and the sum over every active
volunteer's panels unchanged, until some ``x_P`` reaches 0 or 1. Such a ``d`` exists while
more than ``k + 1`` fractions remain: each panel has at most ``k`` members, so fewer than
``F k / (k + 1)`` volunteers are active when ``F`` fractions remain, and the constraints
are fewer than the unknowns. An active volunteer's total is never changed; once a
volunteer is inactive, at most ``k`` of their fractions remain, each moving by less than 1.
When no direction is left (at most ``k + 1`` fractions), the fractions, which sum to an
integer ``s``, are rounded by giving 1 to the ``s`` largest (ties: canonical order); a
volunteer still active then holds all of them and their total is unchanged.
The direction is the last right singular vector of the constraint matrix (sign fixed,
smaller of the two possible steps), so the result is deterministic for identical input.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .leximin import panel_line
from .model import LotteryError

DEFAULT_PANELS = 10_000
_SNAP = 1e-9


class RoundingError(LotteryError):
    """The input is not a distribution, or the bound check failed (a bug, never ignored)."""


@dataclass(frozen=True, slots=True)
class RoundedLottery:
    """``panels``: the N panels in canonical order (lines sorted; repeats are consecutive)."""

    panels: tuple[tuple[str, ...], ...]
    counts: tuple[tuple[tuple[str, ...], int], ...]
    marginals: dict[str, float]
    bound: float
    max_deviation: float

    @property
    def size(self) -> int:
        return len(self.panels)


def round_lottery(
    panels: Sequence[Sequence[str]],
    probabilities: Sequence[float],
    n_panels: int = DEFAULT_PANELS,
) -> RoundedLottery:
    """Round ``probabilities`` over ``panels`` to multiples of ``1 / n_panels``; see the module."""
    if n_panels < 1:
        raise RoundingError("the number of panels must be positive")
    if len(panels) != len(probabilities) or not panels:
        raise RoundingError("need one probability per panel, and at least one panel")
    merged: dict[tuple[str, ...], float] = {}
    for panel, prob in zip(panels, probabilities, strict=True):
        key = tuple(sorted(panel))
        if len(set(key)) != len(key) or not key:
            raise RoundingError(f"panel {key!r} is empty or has a repeated member")
        if not np.isfinite(prob) or prob < -1e-12:
            raise RoundingError(f"invalid probability {prob!r}")
        merged[key] = merged.get(key, 0.0) + max(float(prob), 0.0)
    total = sum(merged.values())
    if abs(total - 1.0) > 1e-6:
        raise RoundingError(f"the probabilities sum to {total}, not 1")
    keys = sorted(merged, key=panel_line)
    p = np.array([merged[key] for key in keys]) / total
    k = max(len(key) for key in keys)
    people = sorted({i for key in keys for i in key})
    index = {person: r for r, person in enumerate(people)}
    member = np.zeros((len(people), len(keys)))
    for j, key in enumerate(keys):
        member[[index[i] for i in key], j] = 1.0

    counts = _round_counts(p * n_panels, member, k, n_panels)

    lottery = tuple(key for key, c in zip(keys, counts, strict=True) for _ in range(c))
    exact = member @ p
    rounded = member @ counts / n_panels
    deviation = float(np.max(np.abs(rounded - exact)))
    bound = k / n_panels
    if len(lottery) != n_panels or deviation >= bound + 1e-9:
        raise RoundingError(f"rounding broke its guarantee: deviation {deviation} >= {bound}")
    return RoundedLottery(
        panels=lottery,
        counts=tuple((key, int(c)) for key, c in zip(keys, counts, strict=True) if c),
        marginals={person: float(rounded[index[person]]) for person in people},
        bound=bound,
        max_deviation=deviation,
    )


def _round_counts(y: np.ndarray, member: np.ndarray, k: int, n_panels: int) -> np.ndarray:
    base = np.floor(y)
    x = y - base
    up = x > 1 - _SNAP
    base[up] += 1
    x[up | (x < _SNAP)] = 0.0
    target = n_panels - int(base.sum())  # = sum of the fractions, an integer
    while True:
        frac = np.flatnonzero((x > 0) & (x < 1))
        if frac.size == 0:
            break
        sub = member[:, frac]
        active = sub.sum(axis=1) > k
        constraints = np.vstack([np.ones(frac.size), sub[active]])
        _, sing, vt = np.linalg.svd(constraints, full_matrices=True)
        rank = int(np.sum(sing > 1e-9 * max(sing[0], 1.0)))
        if rank >= frac.size:
            break
        d = vt[-1]
        d[np.abs(d) < 1e-12] = 0.0
        d = d if d[np.flatnonzero(d)[0]] > 0 else -d
        xf = x[frac]
        with np.errstate(divide="ignore", invalid="ignore"):
            up_room = np.where(d > 0, (1 - xf) / d, np.where(d < 0, xf / -d, np.inf))
            down_room = np.where(d < 0, (1 - xf) / -d, np.where(d > 0, xf / d, np.inf))
        step_up, step_down = float(up_room.min()), float(down_room.min())
        xf = xf + step_up * d if step_up <= step_down else xf - step_down * d
        xf[xf < _SNAP] = 0.0
        xf[xf > 1 - _SNAP] = 1.0
        # The entry that defined the step reaches its bound exactly.
        x[frac] = xf
    frac = np.flatnonzero((x > 0) & (x < 1))
    done = int(np.sum(x[(x == 0) | (x == 1)]))
    ones = target - done
    if not 0 <= ones <= frac.size or frac.size > k + 1:
        raise RoundingError("rounding invariant violated (fractions do not sum to an integer)")
    # Largest fractions first; ties by canonical panel order (stable sort on the index).
    chosen = frac[np.argsort(-x[frac], kind="stable")[:ones]]
    counts = base + (x == 1)
    counts[chosen] += 1
    return counts.astype(np.int64)
