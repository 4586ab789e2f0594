"""A recount refuses what it cannot verify, and no input makes it crash.

`manage.py recount FILE` is how anyone checks a published result without the database. A file
without its digest, with a digest that does not match, or with the ballots out of the published
order (the file was edited) is refused with a clear message; a method given as a list or an
object is a clear error, not a TypeError. Then a property test throws arbitrary JSON, and
mutations of a real recount file, at it: the only outcomes are a result or a CountingError.
"""

import contextlib
import json

import pytest
from django.core.management import CommandError, call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from counting import CountingError, recount, to_recount_json

PUBLISHED = to_recount_json(
    "for_against",
    {"roll_size": 16, "quorum": "1/2", "threshold": "simple"},
    ["for"] * 7 + ["against"] * 3 + ["abstain"] * 2,
)


def test_the_published_file_recounts():
    result = recount(PUBLISHED)
    assert result.valid and result.passed


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda d: d.pop("ballots_digest"), "cannot be verified"),
        (lambda d: d.update(ballots_digest="0" * 64), "does not match"),
        (lambda d: d["ballots"].reverse(), r"published \(canonical, sorted\) order"),
        (lambda d: d.update(method=["for_against"]), "must be a name"),
        (lambda d: d.update(method={"name": "for_against"}), "must be a name"),
        (lambda d: d.update(params=["roll_size"]), "params must be a mapping"),
        (lambda d: d["ballots"].append("for"), "does not match"),
    ],
)
def test_a_file_that_cannot_be_verified_is_refused(edit, message):
    data = json.loads(json.dumps(PUBLISHED))
    edit(data)
    with pytest.raises(CountingError, match=message):
        recount(data)


def test_the_command_says_why_it_refuses(tmp_path):
    data = dict(PUBLISHED)
    del data["ballots_digest"]
    path = tmp_path / "ballots.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(CommandError, match="cannot be verified"):
        call_command("recount", str(path))
    path.write_text(json.dumps(PUBLISHED), encoding="utf-8")
    call_command("recount", str(path))  # the published file still goes through


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)
KEYS = ["format", "method", "params", "ballots", "ballots_digest"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(KEYS), json_values) | json_values)
def test_arbitrary_json_is_a_result_or_a_clear_refusal(data):
    with contextlib.suppress(CountingError):
        recount(data)


@settings(max_examples=300, deadline=None)
@given(key=st.sampled_from(KEYS), value=json_values)
def test_any_edit_of_a_published_file_is_a_result_or_a_clear_refusal(key, value):
    data = json.loads(json.dumps(PUBLISHED))
    data[key] = value
    try:
        result = recount(data)
    except CountingError:
        return
    # Accepted only if what was counted is what was published: same ballots, same digest.
    assert data["ballots"] == PUBLISHED["ballots"]
    assert result.tally == recount(PUBLISHED).tally or key == "params"
