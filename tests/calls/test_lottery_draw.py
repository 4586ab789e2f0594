"""The draw: canonical bytes, hash, index formula, replacements, and the standalone verifier."""

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sortition import (
    DrawError,
    apply_replacements,
    compute_leximin,
    draw_index,
    draw_panel,
    draw_replacement,
    list_hash,
    load_problem,
    parse_panels,
    replacement_candidates,
    round_lottery,
    serialize_panels,
)

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "verify_panel_draw.py"
DATA = ROOT / "tests" / "calls" / "data"

# Known answers, computed once with nothing but hashlib (see docs/lottery.md).
KNOWN_PANELS = [("b", "a"), ("a", "c"), ("c", "b")]
KNOWN_BYTES = b"a,b\na,c\nb,c\n"
KNOWN_HASH = "81d9c4296f29c496f38f4becf1e00969b0f0933a1ff3f63579973044cf380363"


def test_known_answer():
    assert serialize_panels(KNOWN_PANELS) == KNOWN_BYTES
    assert list_hash(KNOWN_PANELS) == KNOWN_HASH
    assert draw_index(KNOWN_HASH, "12345", 3) == 1
    assert draw_index(KNOWN_HASH, "drand:round:4242", 3) == 0
    assert draw_index(KNOWN_HASH, "12345", 10_000) == 390
    assert draw_index(KNOWN_HASH, "drand:round:4242", 10_000) == 5507
    assert draw_index(KNOWN_HASH, "élan", 10_000) == 7497  # UTF-8, not Latin-1
    draw = draw_panel(KNOWN_PANELS, "12345")
    assert (draw.list_hash, draw.index, draw.panel) == (KNOWN_HASH, 1, ("a", "c"))


def test_index_formula_spelled_out():
    digest = hashlib.sha256(b"x,y\n").hexdigest()
    value = int(hashlib.sha256(f"{digest}:beacon 7".encode()).hexdigest(), 16)
    assert draw_index(digest, "beacon 7", 9973) == value % 9973


def test_serialization_round_trip_and_refusals():
    assert parse_panels(serialize_panels(KNOWN_PANELS)) == (("a", "b"), ("a", "c"), ("b", "c"))
    with pytest.raises(DrawError):
        serialize_panels([])
    with pytest.raises(DrawError):
        serialize_panels([("a,b", "c")])
    with pytest.raises(DrawError):
        draw_index(KNOWN_HASH, "", 3)


@given(st.text(min_size=1), st.integers(1, 10**9))
def test_property_index_in_range(random_value, n):
    assert 0 <= draw_index(KNOWN_HASH, random_value, n) < n


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    problem = load_problem(DATA / "lottery_pool.csv", DATA / "lottery_quotas.csv", 4)
    result = compute_leximin(problem)
    lottery = round_lottery(result.panels, result.probabilities, 1000)
    path = tmp_path_factory.mktemp("lottery") / "panels.txt"
    path.write_bytes(serialize_panels(lottery.panels))
    return problem, lottery, path


def run_script(*args):
    # -S: no site-packages at all, which proves the script needs the standard library only.
    return subprocess.run(
        [sys.executable, "-S", str(SCRIPT), *map(str, args)],
        capture_output=True,
        text=True,
        check=False,
    )


def parse_output(stdout):
    out = {}
    for line in stdout.splitlines():
        key, _, value = line.partition(": ")
        out[key] = value
    return out


@pytest.mark.parametrize("random_value", ["0", "drand 123456 5ad7f1", "tirage public n°3"])
def test_verification_script_agrees_with_draw(published, random_value):
    _, lottery, path = published
    draw = draw_panel(lottery.panels, random_value)
    done = run_script(path, draw.list_hash, random_value)
    assert done.returncode == 0, done.stderr
    out = parse_output(done.stdout)
    assert out["list_hash"] == f"OK {draw.list_hash}"
    assert int(out["panels"]) == 1000
    assert int(out["index"]) == draw.index
    assert out["panel"] == ",".join(draw.panel)


def test_verification_script_rejects_a_wrong_hash_or_an_altered_file(published, tmp_path):
    _, lottery, path = published
    digest = list_hash(lottery.panels)
    done = run_script(path, "0" * 64, "1")
    assert done.returncode == 1 and "hash mismatch" in done.stderr
    altered = tmp_path / "altered.txt"
    altered.write_bytes(path.read_bytes().replace(b"\n", b"\r\n", 1))
    done = run_script(altered, digest, "1")
    assert done.returncode == 1 and "hash mismatch" in done.stderr


def test_replacement_is_verifiable_and_keeps_quotas(published):
    problem, lottery, path = published
    digest = list_hash(lottery.panels)
    random_value = "public-ball-draw 17 4 32"
    panel = draw_panel(lottery.panels, random_value).panel
    # Two members who can be replaced one after the other (in this small pool some cannot:
    # that case is tested below).
    dropouts, current = [], panel
    for member in panel:
        if replacement_candidates(problem, current, member, excluded=[*dropouts, member]):
            dropouts.append(member)
            current, _ = apply_replacements(problem, panel, dropouts, digest, random_value)
        if len(dropouts) == 2:
            break
    assert len(dropouts) == 2
    final, swaps = apply_replacements(problem, panel, dropouts, digest, random_value)
    assert problem.panel_meets_quotas(final)
    assert [d for d, _ in swaps] == dropouts
    assert not set(dropouts) & set(final)
    # The first swap, spelled out with the documented formula.
    candidates = replacement_candidates(problem, panel, dropouts[0], excluded=[dropouts[0]])
    key = f"{digest}:{random_value}:replacement:1".encode()
    assert swaps[0][1] == candidates[int(hashlib.sha256(key).hexdigest(), 16) % len(candidates)]

    done = run_script(
        path,
        digest,
        random_value,
        "--pool",
        DATA / "lottery_pool.csv",
        "--quotas",
        DATA / "lottery_quotas.csv",
        *[arg for d in dropouts for arg in ("--dropout", d)],
    )
    assert done.returncode == 0, done.stderr
    out = parse_output(done.stdout)
    assert out["quotas"] == "all 1000 panels meet every quota"
    assert out["replacement 1"] == f"{swaps[0][0]} -> {swaps[0][1]}"
    assert out["replacement 2"] == f"{swaps[1][0]} -> {swaps[1][1]}"
    assert out["final panel"] == ",".join(final)
    shares = {k.removeprefix("share "): v for k, v in out.items() if k.startswith("share ")}
    for vid in problem.ids:
        count = sum(vid in p for p in lottery.panels)
        assert shares[vid] == f"{count}/1000"


def test_replacement_without_candidate_fails_loudly(published):
    problem, lottery, _ = published
    digest = list_hash(lottery.panels)
    panel = draw_panel(lottery.panels, "x").panel
    everybody_else = [v for v in problem.ids if v not in panel]
    with pytest.raises(DrawError, match="must decide publicly"):
        draw_replacement(problem, panel, panel[0], digest, "x", 1, excluded=everybody_else)
    with pytest.raises(DrawError, match="not on the panel"):
        draw_replacement(problem, panel, everybody_else[0], digest, "x", 1)
