"""The panel_lottery management command (no database: it only reads the two CSV files)."""

import hashlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from sortition import draw_panel, load_problem, parse_panels, replacement_candidates

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "calls" / "data"
POOL = str(DATA / "lottery_pool.csv")
QUOTAS = str(DATA / "lottery_quotas.csv")


def run(*args):
    out = io.StringIO()
    call_command("panel_lottery", *args, stdout=out)
    return json.loads(out.getvalue())


def test_json_output_and_written_list(tmp_path):
    panels_file = tmp_path / "panels.txt"
    data = run(
        "--pool",
        POOL,
        "--quotas",
        QUOTAS,
        "--seats",
        "4",
        "--panels",
        "500",
        "--random",
        "drand 4242",
        "--write-panels",
        str(panels_file),
    )
    assert data["seats"] == 4 and data["pool_size"] == 12 and data["panels"] == 500
    written = panels_file.read_bytes()
    assert hashlib.sha256(written).hexdigest() == data["list_hash"]
    panels = parse_panels(written)
    assert len(panels) == 500

    problem = load_problem(POOL, QUOTAS, 4)
    assert set(data["probabilities"]) == set(problem.ids) == set(data["lottery_probabilities"])
    assert sum(data["probabilities"].values()) == pytest.approx(4)
    assert sum(data["lottery_probabilities"].values()) == pytest.approx(4)
    assert data["min_probability"] == pytest.approx(min(data["probabilities"].values()))
    assert data["rounding_bound"] == 4 / 500
    for vid, p in data["probabilities"].items():
        assert abs(data["lottery_probabilities"][vid] - p) < data["rounding_bound"]
        assert data["lottery_probabilities"][vid] == sum(vid in x for x in panels) / 500

    draw = draw_panel(panels, "drand 4242")
    assert data["random_value"] == "drand 4242"
    assert data["index"] == draw.index
    assert data["panel"] == list(draw.panel)
    assert problem.panel_meets_quotas(data["panel"])


def test_without_random_value_there_is_no_draw_and_the_hash_is_stable():
    first = run("--pool", POOL, "--quotas", QUOTAS, "--seats", "4")
    second = run("--pool", POOL, "--quotas", QUOTAS, "--seats", "4")
    assert first["list_hash"] == second["list_hash"]
    assert first["panels"] == 10_000
    assert "panel" not in first and "index" not in first


def test_expected_hash_is_checked():
    with pytest.raises(CommandError, match="differs from the published"):
        run("--pool", POOL, "--quotas", QUOTAS, "--seats", "4", "--expect-hash", "0" * 64)


def test_dropouts_are_replaced():
    base = run("--pool", POOL, "--quotas", QUOTAS, "--seats", "4", "--random", "7")
    problem = load_problem(POOL, QUOTAS, 4)
    panel = base["panel"]
    dropout = next(m for m in panel if replacement_candidates(problem, panel, m, [m]))
    data = run(
        "--pool", POOL, "--quotas", QUOTAS, "--seats", "4", "--random", "7", "--dropout", dropout
    )
    assert data["replacements"][0]["dropout"] == dropout
    assert dropout not in data["final_panel"]
    assert problem.panel_meets_quotas(data["final_panel"])


def test_infeasible_quotas_raise_with_the_suggestion():
    with pytest.raises(CommandError) as info:
        run("--pool", POOL, "--quotas", str(DATA / "lottery_quotas_infeasible.csv"), "--seats", "4")
    assert info.value.returncode == 1
    assert "age=young: min 2 -> 1" in str(info.value)


def test_bad_input_is_an_input_error():
    with pytest.raises(CommandError) as info:
        run("--pool", QUOTAS, "--quotas", QUOTAS, "--seats", "4")
    assert info.value.returncode == 2
    assert "header must start with 'id'" in str(info.value)


def test_exit_code_and_stderr_from_manage_py():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings"}
    done = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "panel_lottery",
            "--pool",
            POOL,
            "--quotas",
            str(DATA / "lottery_quotas_infeasible.csv"),
            "--seats",
            "4",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert done.stdout == ""
    assert "Smallest relaxation" in done.stderr and "age=young" in done.stderr
