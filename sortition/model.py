"""Plain data for the panel lottery: volunteers, quotas, the problem, and the errors.

Nothing here touches Django or a database. Every algorithm in this package takes a
:class:`Problem` and treats volunteers in the order of their ids, so the result never
depends on the order of the input rows.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field

FORBIDDEN_ID_CHARACTERS = frozenset(",\n\r")


class LotteryError(Exception):
    """Base class of every error raised by the lottery package."""


class ProblemError(LotteryError, ValueError):
    """The problem itself is malformed (bad ids, unknown features, min > max, ...)."""


class SolverError(LotteryError, RuntimeError):
    """HiGHS did not return the status the algorithm needs; nothing is guessed."""


@dataclass(frozen=True, slots=True)
class Volunteer:
    id: str
    features: dict[str, str] = field(hash=False)


@dataclass(frozen=True, slots=True)
class Quota:
    """Between ``min`` and ``max`` seats (inclusive) go to volunteers with ``feature == value``."""

    feature: str
    value: str
    min: int
    max: int

    @property
    def key(self) -> tuple[str, str]:
        return (self.feature, self.value)


@dataclass(frozen=True, slots=True)
class Problem:
    """The pool, the quotas and the number of seats of one college.

    Any iterables are accepted; they are stored as tuples sorted by volunteer id and by
    (feature, value), so that input order never matters.
    """

    pool: tuple[Volunteer, ...]
    quotas: tuple[Quota, ...]
    seats: int
    ids: tuple[str, ...] = field(init=False, repr=False, compare=False)
    """Volunteer ids in canonical (code point) order; index i of every vector."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "pool", tuple(sorted(self.pool, key=lambda v: v.id)))
        object.__setattr__(self, "quotas", tuple(sorted(self.quotas, key=lambda q: q.key)))
        object.__setattr__(self, "ids", tuple(v.id for v in self.pool))

    def holders(self, quota: Quota) -> list[int]:
        """Indices (in :attr:`ids` order) of the volunteers a quota counts."""
        return [i for i, v in enumerate(self.pool) if v.features.get(quota.feature) == quota.value]

    def panel_meets_quotas(self, panel: Collection[str]) -> bool:
        """True when ``panel`` has exactly ``seats`` distinct known members within every quota."""
        members = set(panel)
        by_id = {v.id: v for v in self.pool}
        if len(members) != len(panel) or len(members) != self.seats:
            return False
        if not members <= by_id.keys():
            return False
        counts = Counter(
            (feature, value) for m in members for feature, value in by_id[m].features.items()
        )
        return all(q.min <= counts[q.key] <= q.max for q in self.quotas)


def validate_problem(problem: Problem) -> None:
    """Raise :class:`ProblemError` with a clear message if the problem is malformed.

    Structural checks only; whether a panel exists is :mod:`sortition.feasibility`'s job.
    """
    if not isinstance(problem.seats, int) or problem.seats < 1:
        raise ProblemError(f"the number of seats must be a positive integer, not {problem.seats!r}")
    seen: set[str] = set()
    for v in problem.pool:
        if not isinstance(v.id, str) or not v.id or v.id != v.id.strip():
            raise ProblemError(f"volunteer id {v.id!r} must be a non-empty string without padding")
        if FORBIDDEN_ID_CHARACTERS & set(v.id):
            raise ProblemError(f"volunteer id {v.id!r} contains a comma or a line break")
        if v.id in seen:
            raise ProblemError(f"duplicate volunteer id {v.id!r}")
        seen.add(v.id)
    features = {f for v in problem.pool for f in v.features}
    keys: set[tuple[str, str]] = set()
    for q in problem.quotas:
        if q.key in keys:
            raise ProblemError(f"duplicate quota for {q.feature}={q.value}")
        keys.add(q.key)
        if problem.pool and q.feature not in features:
            raise ProblemError(f"quota on unknown feature {q.feature!r}")
        if not (isinstance(q.min, int) and isinstance(q.max, int)) or q.min < 0:
            raise ProblemError(f"quota {q.feature}={q.value}: min and max must be integers >= 0")
        if q.min > q.max:
            raise ProblemError(f"quota {q.feature}={q.value}: min {q.min} > max {q.max}")
    quota_features = {q.feature for q in problem.quotas}
    for v in problem.pool:
        for f in quota_features:
            if f not in v.features:
                raise ProblemError(f"volunteer {v.id!r} has no value for feature {f!r}")
            if (f, v.features[f]) not in keys:
                raise ProblemError(
                    f"volunteer {v.id!r} has {f}={v.features[f]!r}, which has no quota row"
                )
