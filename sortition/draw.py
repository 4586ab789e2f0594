"""The public, verifiable draw: hash the panel list first, then let a public random value pick.

Canonical list: one panel per line, ids sorted (code point order) and joined by ``,``;
lines (already in canonical order, see :mod:`sortition.rounding`) joined by ``\\n``,
with a final newline, encoded in UTF-8. ``list_hash`` is its SHA-256, in lowercase hex.
It is published before any random value exists. Then, for a public random value ``R``
(the exact string, not trimmed)::

    index = int(sha256((list_hash + ":" + R).encode("utf-8")).hexdigest(), 16) % N
    panel = panels[index]          # 0-based, N = number of lines

Replacements (declared with the list, before the draw): when a selected volunteer drops
out, the ``k``-th replacement (k = 1, 2, ... over the whole lottery) is::

    candidates = volunteers not on the current panel and never dropped out, such that the
                 panel without the dropout and with the candidate meets every quota,
                 sorted by id (code point order)
    replacement = candidates[int(sha256((list_hash + ":" + R + ":replacement:" + str(k))
                                        .encode("utf-8")).hexdigest(), 16) % len(candidates)]

If nobody keeps every quota, :class:`DrawError` is raised: the rule cannot decide, and
the facilitators must say publicly what they do instead.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .model import FORBIDDEN_ID_CHARACTERS, LotteryError, Problem


class DrawError(LotteryError):
    """The list, the random value or the replacement request cannot be used."""


@dataclass(frozen=True, slots=True)
class Draw:
    list_hash: str
    random_value: str
    index: int
    panel: tuple[str, ...]


def serialize_panels(panels: Sequence[Sequence[str]]) -> bytes:
    """The canonical bytes of a panel list (lines kept in the given order)."""
    if not panels:
        raise DrawError("the panel list is empty")
    lines = []
    for panel in panels:
        ids = sorted(panel)
        if not ids or any(not i or FORBIDDEN_ID_CHARACTERS & set(i) for i in ids):
            raise DrawError(f"panel {panel!r} is empty or has an id with a comma or newline")
        lines.append(",".join(ids))
    return ("\n".join(lines) + "\n").encode("utf-8")


def parse_panels(data: bytes) -> tuple[tuple[str, ...], ...]:
    """Read back a canonical list (the inverse of :func:`serialize_panels`)."""
    text = data.decode("utf-8")
    if not text.endswith("\n"):
        raise DrawError("a panel list ends with a newline")
    return tuple(tuple(line.split(",")) for line in text[:-1].split("\n"))


def list_hash(panels: Sequence[Sequence[str]]) -> str:
    return hashlib.sha256(serialize_panels(panels)).hexdigest()


def _digest_int(text: str) -> int:
    return int(hashlib.sha256(text.encode("utf-8")).hexdigest(), 16)


def draw_index(list_hash_hex: str, random_value: str, n_panels: int) -> int:
    """``int(sha256(list_hash + ":" + R), 16) % N``."""
    if n_panels < 1:
        raise DrawError("the list has no panel")
    if not random_value:
        raise DrawError("the public random value is empty")
    return _digest_int(f"{list_hash_hex}:{random_value}") % n_panels


def draw_panel(panels: Sequence[Sequence[str]], random_value: str) -> Draw:
    """Hash the list, then select ``panels[index]`` for the public random value."""
    digest = list_hash(panels)
    index = draw_index(digest, random_value, len(panels))
    return Draw(digest, random_value, index, tuple(sorted(panels[index])))


def replacement_candidates(
    problem: Problem, panel: Sequence[str], dropout: str, excluded: Iterable[str] = ()
) -> list[str]:
    """Volunteers who could take ``dropout``'s seat with every quota still met, by id."""
    members = set(panel)
    if dropout not in members:
        raise DrawError(f"{dropout!r} is not on the panel")
    banned = members | set(excluded) | {dropout}
    rest = members - {dropout}
    return [v for v in problem.ids if v not in banned and problem.panel_meets_quotas([*rest, v])]


def draw_replacement(
    problem: Problem,
    panel: Sequence[str],
    dropout: str,
    list_hash_hex: str,
    random_value: str,
    k: int,
    excluded: Iterable[str] = (),
) -> str:
    """The ``k``-th replacement (1-based), for ``dropout``, on the current ``panel``.

    ``excluded`` lists every earlier dropout: they are never drawn again.
    """
    if k < 1:
        raise DrawError("replacements are numbered from 1")
    candidates = replacement_candidates(problem, panel, dropout, excluded)
    if not candidates:
        raise DrawError(
            f"no volunteer can replace {dropout!r} while keeping every quota; "
            "the facilitators must decide publicly"
        )
    return candidates[
        _digest_int(f"{list_hash_hex}:{random_value}:replacement:{k}") % len(candidates)
    ]


def apply_replacements(
    problem: Problem,
    panel: Sequence[str],
    dropouts: Sequence[str],
    list_hash_hex: str,
    random_value: str,
) -> tuple[tuple[str, ...], list[tuple[str, str]]]:
    """Replace ``dropouts`` in order (k = 1, 2, ...); returns the new panel and the swaps.

    A dropout may be someone who joined as a replacement earlier.
    """
    current = list(panel)
    swaps = []
    for k, dropout in enumerate(dropouts, start=1):
        new = draw_replacement(
            problem, current, dropout, list_hash_hex, random_value, k, excluded=dropouts[:k]
        )
        current = [new if m == dropout else m for m in current]
        swaps.append((dropout, new))
    return tuple(sorted(current)), swaps


def alternate_order(
    panels: Sequence[Sequence[str]], panel: Sequence[str], list_hash_hex: str, random_value: str
) -> list[str]:
    """The ordered alternates, drawn with the panel: everyone on some line of the published
    list but not on ``panel``, sorted by ``int(sha256(list_hash + ":" + R + ":alternate:" +
    id), 16)`` (ties by id). Anyone can recompute it from the list file alone; nobody
    outside the list can keep every quota, so nobody else could ever take a seat."""
    members = set(panel)
    rest = sorted({v for line in panels for v in line} - members)
    return sorted(
        rest, key=lambda v: (_digest_int(f"{list_hash_hex}:{random_value}:alternate:{v}"), v)
    )


def next_alternate(
    problem: Problem,
    panel: Sequence[str],
    dropout: str,
    order: Sequence[str],
    excluded: Iterable[str] = (),
) -> str:
    """The first alternate, in the drawn ``order``, whose taking ``dropout``'s seat keeps
    every quota; earlier dropouts (``excluded``) and current members are skipped."""
    candidates = set(replacement_candidates(problem, panel, dropout, excluded))
    for v in order:
        if v in candidates:
            return v
    raise DrawError(
        f"no alternate can replace {dropout!r} while keeping every quota; "
        "the facilitators must decide publicly"
    )
