"""The result of a count, the error raised on bad input, and the checks every count shares.

Everything here is plain Python: no Django, no database. Numbers are exact (ints and
:class:`fractions.Fraction`); in a ``tally`` or ``quorum`` dict a fraction is always written as a
string, ``str(Fraction)``, e.g. ``"2/3"`` (or ``"8"`` for a whole number), so that the result can
be serialised as JSON as it is.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from math import ceil
from typing import Any

#: A sentence of an explanation: a msgid with ``%(name)s`` placeholders, and its parameters.
#: The msgids are plain English; the display layer translates them (``gettext(msgid) % params``).
Message = tuple[str, dict[str, Any]]

#: What a quorum (or any exact share) may be given as: a Fraction, an int, or a string that
#: :class:`fractions.Fraction` parses exactly ("1/2", "2/3", "0.5"). Floats are refused: they are
#: not exact.
FractionLike = Fraction | int | str

DEFAULT_QUORUM = Fraction(1, 2)


class CountingError(ValueError):
    """Bad input to a count: an unknown option or grade, a malformed ballot, more ballots than
    voters on the roll, an inconsistent parameter... The message says which, and where."""


@dataclass(frozen=True)
class Result:
    """What a count returns.

    ``passed`` is True/False for yes/no-style methods (for/against, consent) and None for the
    others and for a sense check. ``winners`` is the winning option, or the tied set when
    ``tied`` (empty when nothing was expressed, and for yes/no-style methods). ``passed`` and
    ``winners`` describe the outcome of the count even when the quorum is not reached; then
    ``valid`` is False and the explanation says the result is indicative, not valid: a caller
    must check ``valid`` before treating the outcome as a decision.
    """

    method: str
    passed: bool | None
    winners: tuple[str, ...]
    tied: bool
    tally: dict[str, Any]
    rounds: tuple[dict[str, Any], ...]
    explanation: tuple[Message, ...]
    valid: bool
    quorum: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        """The result as plain JSON-serialisable data (tuples become lists)."""
        return to_jsonable(
            {
                "method": self.method,
                "passed": self.passed,
                "winners": self.winners,
                "tied": self.tied,
                "tally": self.tally,
                "rounds": self.rounds,
                "explanation": [[msgid, params] for msgid, params in self.explanation],
                "valid": self.valid,
                "quorum": self.quorum,
            }
        )

    def explanation_text(self, translate: Callable[[str], str] | None = None) -> list[str]:
        """The explanation as sentences, each msgid passed through ``translate`` (e.g.
        ``gettext``) before its parameters are put in."""
        return render_explanation(self.explanation, translate)


def render_explanation(
    messages: Sequence[Message], translate: Callable[[str], str] | None = None
) -> list[str]:
    """Sentences from (msgid, params) pairs; ``translate`` defaults to leaving English as is."""
    tr = translate or (lambda s: s)
    return [tr(msgid) % params for msgid, params in messages]


def fraction_str(value: Fraction | int) -> str:
    """``Fraction(2, 3)`` -> ``"2/3"``; a whole number -> ``"8"``. ``Fraction(s)`` reads it back."""
    return str(Fraction(value))


def to_jsonable(value: Any) -> Any:
    """Plain data for ``json.dumps``: Fractions become "p/q" strings, tuples become lists."""
    if isinstance(value, Fraction):
        return fraction_str(value)
    if isinstance(value, Mapping):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_jsonable(v) for v in value]
    return value


# --- shared validation ---------------------------------------------------------------------


def parse_fraction(value: FractionLike, name: str) -> Fraction:
    """An exact fraction from a Fraction, an int or a string; anything else is refused."""
    if isinstance(value, bool) or not isinstance(value, (Fraction, int, str)):
        raise CountingError(
            f"{name} must be a Fraction, an int or a string like '1/2', not {value!r}"
        )
    try:
        return Fraction(value)
    except (ValueError, ZeroDivisionError) as exc:
        raise CountingError(f"{name} is not an exact fraction: {value!r}") from exc


def check_roll_size(roll_size: int, name: str = "roll_size") -> int:
    if isinstance(roll_size, bool) or not isinstance(roll_size, int) or roll_size < 1:
        raise CountingError(f"{name} must be a positive int (the voter roll), not {roll_size!r}")
    return roll_size


def check_options(options: Sequence[str]) -> tuple[str, ...]:
    """Options are distinct non-empty strings; there is at least one."""
    if isinstance(options, (str, bytes)) or not isinstance(options, Sequence):
        raise CountingError(f"options must be a list of option ids, not {options!r}")
    opts = tuple(options)
    if not opts:
        raise CountingError("there must be at least one option")
    for o in opts:
        if not isinstance(o, str) or not o:
            raise CountingError(f"an option id must be a non-empty string, not {o!r}")
    if len(set(opts)) != len(opts):
        dupes = sorted({o for o in opts if opts.count(o) > 1})
        raise CountingError(f"options are listed twice: {', '.join(dupes)}")
    return opts


def check_ballot_list(ballots: Sequence[Any]) -> Sequence[Any]:
    if isinstance(ballots, (str, bytes, Mapping)) or not isinstance(ballots, Sequence):
        raise CountingError(f"ballots must be a list, not {type(ballots).__name__}")
    return ballots


def quorum_check(cast: int, roll_size: int, quorum: FractionLike) -> tuple[dict[str, Any], Message]:
    """Ballots cast (abstentions and blank ballots included) against the frozen voter roll.

    The quorum is reached when ``cast >= quorum * roll_size`` (exactly, in fractions): with 16
    seats and a quorum of 1/2, 8 ballots are enough. More ballots than voters on the roll is an
    error, not a result.
    """
    roll_size = check_roll_size(roll_size)
    q = parse_fraction(quorum, "quorum")
    if not 0 <= q <= 1:
        raise CountingError(f"quorum must be between 0 and 1, not {q}")
    if cast > roll_size:
        raise CountingError(f"{cast} ballots were cast but the voter roll has only {roll_size}")
    required = q * roll_size
    reached = cast >= required
    info = {
        "roll_size": roll_size,
        "cast": cast,
        "fraction": fraction_str(q),
        "minimum_ballots": ceil(required),
        "turnout": fraction_str(Fraction(cast, roll_size)),
        "reached": reached,
    }
    params = {
        "cast": cast,
        "roll": roll_size,
        "quorum": fraction_str(q),
        "minimum": ceil(required),
    }
    if reached:
        msg = (
            "%(cast)s of the %(roll)s voters on the roll took part; the quorum of %(quorum)s "
            "(%(minimum)s ballots) is reached.",
            params,
        )
    else:
        msg = (
            "%(cast)s of the %(roll)s voters on the roll took part, below the quorum of "
            "%(quorum)s (%(minimum)s ballots): the result is indicative, not valid.",
            params,
        )
    return info, msg
