"""The ordered-alternates rule of the pure core, and the auditor's script agreeing with it."""

import subprocess
import sys
from pathlib import Path

import pytest

from sortition import (
    DrawError,
    Problem,
    Quota,
    Volunteer,
    alternate_order,
    draw_panel,
    list_hash,
    next_alternate,
    serialize_panels,
)

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "verify_panel_draw.py"
PANELS = [("a", "b"), ("a", "c"), ("b", "d"), ("c", "d"), ("c", "d")]


def problem():
    pool = [
        Volunteer("a", {"g": "w"}),
        Volunteer("b", {"g": "m"}),
        Volunteer("c", {"g": "w"}),
        Volunteer("d", {"g": "m"}),
        Volunteer("e", {"g": "x"}),  # on no line: nobody with "x" fits the quotas
    ]
    return Problem(pool, [Quota("g", "w", 1, 1), Quota("g", "m", 1, 1), Quota("g", "x", 0, 0)], 2)


def test_order_is_everyone_listed_but_not_on_the_panel_and_deterministic():
    digest = list_hash(PANELS)
    order = alternate_order(PANELS, ("a", "b"), digest, "R")
    assert sorted(order) == ["c", "d"]
    assert order == alternate_order(list(reversed(PANELS)), ("b", "a"), digest, "R")
    assert {tuple(alternate_order(PANELS, ("a", "b"), digest, str(r))) for r in range(40)} == {
        ("c", "d"),
        ("d", "c"),
    }


def test_next_alternate_keeps_quotas_and_skips_earlier_dropouts():
    p = problem()
    order = ["d", "c"]
    assert next_alternate(p, ("a", "b"), "a", order) == "c"  # d is a man: a woman must come
    assert next_alternate(p, ("a", "b"), "b", order) == "d"
    with pytest.raises(DrawError, match="publicly"):
        next_alternate(p, ("a", "b"), "a", order, excluded=["c"])


def test_the_script_prints_the_same_order(tmp_path):
    panels = tmp_path / "panels.txt"
    panels.write_bytes(serialize_panels(sorted(PANELS)))
    for value in ("R", "7-19-23", "drand 42"):
        draw = draw_panel(sorted(PANELS), value)
        out = subprocess.run(
            [
                sys.executable,
                str(SCRIPT),
                str(panels),
                draw.list_hash,
                value,
                "--rule",
                "alternates",
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        expected = alternate_order(sorted(PANELS), draw.panel, draw.list_hash, value)
        assert f"alternates: {','.join(expected)}" in out.splitlines()
