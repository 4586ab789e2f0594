"""Counting by method name, and the recount file an anonymised closed vote publishes.

``to_recount_json(method, params, ballots)`` gives the file (format ``accueil-recount/1``,
described in FORMAT.md beside this module); ``recount(data)`` counts it again and gives the same
:class:`Result` as ``count(method, params, ballots)``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from .approval import count_approval
from .consent import count_consent, read_consent_ballots
from .for_against import COLLEGES, count_for_against, read_ballots
from .irv import count_irv
from .majority_judgment import DEFAULT_GRADES, count_majority_judgment
from .result import DEFAULT_QUORUM, CountingError, Result, fraction_str, parse_fraction
from .sense_check import count_sense_check
from .ties import ballots_digest, canonical_ballot

FORMAT = "accueil-recount/1"

_COUNTERS: dict[str, Callable[..., Result]] = {
    "for_against": count_for_against,
    "consent": count_consent,
    "approval": count_approval,
    "irv": count_irv,
    "majority_judgment": count_majority_judgment,
    "sense_check": count_sense_check,
}

#: Per method: its parameters and their defaults (``_REQUIRED`` when there is none).
_REQUIRED = object()
_PARAMS: dict[str, dict[str, Any]] = {
    "for_against": {
        "roll_size": _REQUIRED,
        "quorum": DEFAULT_QUORUM,
        "threshold": "simple",
        "require_each_college": False,
        "college_rolls": None,
    },
    "consent": {"roll_size": _REQUIRED, "quorum": DEFAULT_QUORUM},
    "approval": {"roll_size": _REQUIRED, "quorum": DEFAULT_QUORUM, "options": _REQUIRED},
    "irv": {"roll_size": _REQUIRED, "quorum": DEFAULT_QUORUM, "options": _REQUIRED},
    "majority_judgment": {
        "roll_size": _REQUIRED,
        "quorum": DEFAULT_QUORUM,
        "options": _REQUIRED,
        "grades": DEFAULT_GRADES,
    },
    "sense_check": {
        "roll_size": _REQUIRED,
        "quorum": DEFAULT_QUORUM,
        "kind": "for_against",
        "options": None,
        "college_rolls": None,
    },
}

METHODS = tuple(_COUNTERS)


def _full_params(method: str, params: Mapping[str, Any]) -> dict[str, Any]:
    if method not in _COUNTERS:
        raise CountingError(f"unknown method {method!r} (expected one of {', '.join(METHODS)})")
    if not isinstance(params, Mapping):
        raise CountingError("params must be a mapping")
    spec = _PARAMS[method]
    unknown = set(params) - set(spec)
    if unknown:
        raise CountingError(f"unknown parameter(s) for {method}: {sorted(map(str, unknown))}")
    full = {}
    for name, default in spec.items():
        if name in params:
            full[name] = params[name]
        elif default is _REQUIRED:
            raise CountingError(f"{method} needs the parameter {name!r}")
        else:
            full[name] = default
    return full


def count(method: str, params: Mapping[str, Any], ballots: Sequence[Any]) -> Result:
    """Count ``ballots`` with ``method`` ("for_against", "consent", "approval", "irv",
    "majority_judgment", "sense_check") and its ``params`` (as in the recount format)."""
    full = _full_params(method, params)
    return _COUNTERS[method](ballots, **full)


def _normal_params(method: str, full: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, value in full.items():
        if name == "quorum":
            out[name] = fraction_str(parse_fraction(value, "quorum"))
        elif name in ("options", "grades") and value is not None:
            out[name] = list(value)
        elif name == "college_rolls" and value is not None:
            out[name] = {c: value[c] for c in COLLEGES if c in value}
        else:
            out[name] = value
    return dict(sorted(out.items()))


def _normal_ballots(method: str, full: Mapping[str, Any], ballots: Sequence[Any]) -> list[Any]:
    kind = full.get("kind", method) if method == "sense_check" else method
    if kind == "for_against":
        return [
            v if c is None else {"college": c, "vote": v} for v, c in read_ballots(ballots, None)
        ]
    if kind == "consent":
        return [
            "consent" if v == "consent" else {"upheld": u, "vote": "objection"}
            for v, u in read_consent_ballots(ballots)
        ]
    if kind == "approval":
        position = {o: k for k, o in enumerate(full["options"])}
        return [sorted(b, key=position.__getitem__) for b in ballots]
    if kind == "irv":
        return [list(b) for b in ballots]
    return [dict(b) for b in ballots]  # majority_judgment


def to_recount_json(method: str, params: Mapping[str, Any], ballots: Sequence[Any]) -> dict:
    """The recount file of a closed vote: ballots without voter identity, normalised and sorted
    by their canonical JSON (which hides the order they were cast in), and their digest.

    The ballots are counted first, so invalid input raises :class:`CountingError` here too."""
    full = _full_params(method, params)
    count(method, full, ballots)  # validates everything
    normal = _normal_ballots(method, full, ballots)
    normal.sort(key=canonical_ballot)
    return {
        "format": FORMAT,
        "method": method,
        "params": _normal_params(method, full),
        "ballots": normal,
        "ballots_digest": ballots_digest(normal),
    }


def recount(data: Mapping[str, Any]) -> Result:
    """Count a recount file again. A ``ballots_digest``, if present, must match the ballots."""
    if not isinstance(data, Mapping):
        raise CountingError("a recount file is a JSON object")
    if data.get("format") != FORMAT:
        raise CountingError(f"not an {FORMAT} file (format: {data.get('format')!r})")
    unknown = set(data) - {"format", "method", "params", "ballots", "ballots_digest"}
    if unknown:
        raise CountingError(f"unknown key(s) in the recount file: {sorted(map(str, unknown))}")
    for key in ("method", "params", "ballots"):
        if key not in data:
            raise CountingError(f"the recount file has no {key!r}")
    if not isinstance(data["method"], str):
        raise CountingError(f"the method must be a name, one of {', '.join(METHODS)}")
    # A file that cannot be checked against what the vote page published is refused: the
    # digest is what ties the file to the page, and the published file lists the ballots in
    # canonical order (sorted, which hides the order they were cast in), so any other order
    # means the file was edited.
    if "ballots_digest" not in data:
        raise CountingError("the recount file has no 'ballots_digest': it cannot be verified")
    if data["ballots_digest"] != ballots_digest(data["ballots"]):
        raise CountingError("ballots_digest does not match the ballots")
    written = [canonical_ballot(b) for b in data["ballots"]]
    if written != sorted(written):
        raise CountingError(
            "the ballots are not in the published (canonical, sorted) order: the file was edited"
        )
    return count(data["method"], data["params"], data["ballots"])
