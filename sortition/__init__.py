"""The fair, verifiable stratified lottery of the hospitality labs (pure Python, no database).

Pipeline: :func:`load_problem` (CSV) -> :func:`check_feasibility` -> :func:`compute_leximin`
-> :func:`round_lottery` -> :func:`list_hash` (published) -> :func:`draw_panel` with a public
random value -> :func:`draw_replacement` for dropouts. See ``docs/lottery.md``.
"""

from .csvio import CSVError, build_problem, load_problem, read_pool, read_quotas
from .draw import (
    Draw,
    DrawError,
    alternate_order,
    apply_replacements,
    draw_index,
    draw_panel,
    draw_replacement,
    list_hash,
    next_alternate,
    parse_panels,
    replacement_candidates,
    serialize_panels,
)
from .feasibility import (
    FeasibilityReport,
    InfeasibleQuotasError,
    Relaxation,
    check_feasibility,
    require_feasible,
)
from .greedy import GreedyError, greedy_panel, greedy_probabilities, greedy_samples
from .leximin import LeximinError, LeximinResult, LeximinStats, compute_leximin
from .model import (
    LotteryError,
    Problem,
    ProblemError,
    Quota,
    SolverError,
    Volunteer,
    validate_problem,
)
from .rounding import DEFAULT_PANELS, RoundedLottery, RoundingError, round_lottery

__all__ = [
    "DEFAULT_PANELS",
    "CSVError",
    "Draw",
    "DrawError",
    "FeasibilityReport",
    "GreedyError",
    "InfeasibleQuotasError",
    "LeximinError",
    "LeximinResult",
    "LeximinStats",
    "LotteryError",
    "Problem",
    "ProblemError",
    "Quota",
    "Relaxation",
    "RoundedLottery",
    "RoundingError",
    "SolverError",
    "Volunteer",
    "alternate_order",
    "apply_replacements",
    "build_problem",
    "check_feasibility",
    "compute_leximin",
    "draw_index",
    "draw_panel",
    "draw_replacement",
    "greedy_panel",
    "greedy_probabilities",
    "greedy_samples",
    "list_hash",
    "next_alternate",
    "load_problem",
    "parse_panels",
    "read_pool",
    "read_quotas",
    "replacement_candidates",
    "require_feasible",
    "round_lottery",
    "serialize_panels",
    "validate_problem",
]
