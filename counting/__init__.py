"""The pure vote-counting core: plain Python, exact fractions, no Django, no database.

Every count takes the ballots as plain data, the size of the voter roll frozen at opening and
a quorum (default 1/2), and returns a :class:`Result`. See each module for its method, and
FORMAT.md for the recount file.
"""

from .approval import count_approval
from .consent import count_consent
from .for_against import (
    COLLEGES,
    THRESHOLDS,
    VOTES,
    college_breakdown_visible,
    count_for_against,
)
from .irv import count_irv
from .majority_judgment import DEFAULT_GRADES, count_majority_judgment, majority_values
from .recount import FORMAT, METHODS, count, recount, to_recount_json
from .result import (
    DEFAULT_QUORUM,
    CountingError,
    Message,
    Result,
    fraction_str,
    render_explanation,
    to_jsonable,
)
from .sense_check import SENSE_CHECK_KINDS, count_sense_check
from .ties import ballots_digest, break_tie_by_lot

__all__ = [
    "COLLEGES",
    "DEFAULT_GRADES",
    "DEFAULT_QUORUM",
    "FORMAT",
    "METHODS",
    "SENSE_CHECK_KINDS",
    "THRESHOLDS",
    "VOTES",
    "CountingError",
    "Message",
    "Result",
    "ballots_digest",
    "break_tie_by_lot",
    "college_breakdown_visible",
    "count",
    "count_approval",
    "count_consent",
    "count_for_against",
    "count_irv",
    "count_majority_judgment",
    "count_sense_check",
    "fraction_str",
    "majority_values",
    "recount",
    "render_explanation",
    "to_jsonable",
    "to_recount_json",
]
