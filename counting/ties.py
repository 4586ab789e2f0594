"""Breaking a tie between options by lot, reproducibly from the ballots themselves.

Counting never breaks a tie between options (approval, the last round of instant runoff,
majority judgment with identical grades): it returns the tied set. When the declared rule is a
draw by lot, :func:`break_tie_by_lot` draws from a seed that anyone holding the published
ballots can recompute, and that no one could choose without changing the ballots:

1. ``digest = ballots_digest(ballots)``: each ballot is written as canonical JSON (keys sorted,
   no spaces, UTF-8, ``ensure_ascii=False``); those strings are sorted (so the order in which
   ballots were cast or published does not matter) and joined as a JSON array; ``digest`` is the
   lowercase hex SHA-256 of that array's UTF-8 bytes. Use the ballots exactly as published in the
   recount file (:func:`counting.recount.to_recount_json`), which are normalised.
2. ``seed = sha256(digest + ":" + ",".join(sorted(tied)))`` in lowercase hex (UTF-8 bytes;
   the tied option ids sorted by code point, so the order they are given in does not matter).
3. ``index = int(seed, 16) % len(tied)``; the winner is ``sorted(tied)[index]``.

For example, in a shell: ``printf '%s' "$DIGEST:a,c" | sha256sum``. Option ids may not contain a
comma (it separates them in step 2). The modulo bias is below 2**-250 for any real number of
options.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from typing import Any

from .result import CountingError

_HEX_DIGEST = re.compile(r"[0-9a-f]{64}")


def canonical_ballot(ballot: Any) -> str:
    """One ballot as canonical JSON."""
    return json.dumps(ballot, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def ballots_digest(ballots: Sequence[Any]) -> str:
    """SHA-256 (hex) of the ballots' canonical serialisation; independent of the ballots' order."""
    if isinstance(ballots, (str, bytes)) or not isinstance(ballots, Sequence):
        raise CountingError("ballots must be a list")
    try:
        parts = sorted(canonical_ballot(b) for b in ballots)
    except (TypeError, ValueError) as exc:
        raise CountingError(f"a ballot is not plain JSON data: {exc}") from exc
    return hashlib.sha256(("[" + ",".join(parts) + "]").encode("utf-8")).hexdigest()


def break_tie_by_lot(tied: tuple[str, ...], ballots_digest: str) -> tuple[str, str]:
    """(winner, seed) drawn from the tied options; see the module docstring for the rule."""
    if isinstance(tied, str) or not isinstance(tied, Sequence) or not tied:
        raise CountingError("tied must be a non-empty tuple of option ids")
    if any(not isinstance(o, str) or not o or "," in o for o in tied):
        raise CountingError("tied option ids must be non-empty strings without commas")
    if len(set(tied)) != len(tied):
        raise CountingError("an option appears twice in the tied set")
    if not isinstance(ballots_digest, str) or not _HEX_DIGEST.fullmatch(ballots_digest):
        raise CountingError("ballots_digest must be a lowercase hex SHA-256, from ballots_digest()")
    ordered = sorted(tied)
    seed = hashlib.sha256((ballots_digest + ":" + ",".join(ordered)).encode("utf-8")).hexdigest()
    return ordered[int(seed, 16) % len(ordered)], seed
