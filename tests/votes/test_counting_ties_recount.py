"""Ballot digests, ties by lot, and the accueil-recount/1 file."""

import hashlib
import json
from collections import Counter
from fractions import Fraction

import pytest

from counting import (
    FORMAT,
    CountingError,
    ballots_digest,
    break_tie_by_lot,
    count,
    count_approval,
    recount,
    to_recount_json,
)

# --- digest --------------------------------------------------------------------------------


def test_digest_of_known_inputs():
    # Computed by hand: sha256 of the bytes `[]` and of `["abstain","for","for"]`.
    assert ballots_digest([]) == hashlib.sha256(b"[]").hexdigest()
    expected = hashlib.sha256(b'["abstain","for","for"]').hexdigest()
    assert ballots_digest(["for", "abstain", "for"]) == expected


def test_digest_ignores_ballot_order_and_key_order_but_not_content():
    a = [{"vote": "for", "college": "partners"}, {"college": "newcomers", "vote": "against"}]
    b = [{"vote": "against", "college": "newcomers"}, {"college": "partners", "vote": "for"}]
    assert ballots_digest(a) == ballots_digest(b)
    c = [{"vote": "for", "college": "partners"}, {"college": "newcomers", "vote": "for"}]
    assert ballots_digest(a) != ballots_digest(c)
    # The order inside a ranking matters.
    assert ballots_digest([["a", "b"]]) != ballots_digest([["b", "a"]])
    # Unicode is hashed as UTF-8, not escaped.
    assert ballots_digest(["é"]) == hashlib.sha256('["é"]'.encode()).hexdigest()


def test_digest_refuses_non_json_data():
    with pytest.raises(CountingError):
        ballots_digest([object()])
    with pytest.raises(CountingError):
        ballots_digest("for")


# --- lot -----------------------------------------------------------------------------------


def test_lot_follows_the_documented_rule():
    digest = ballots_digest([["a"], ["c"]])
    seed = hashlib.sha256(f"{digest}:a,c".encode()).hexdigest()
    expected = ["a", "c"][int(seed, 16) % 2]
    assert break_tie_by_lot(("c", "a"), digest) == (expected, seed)
    assert break_tie_by_lot(("a", "c"), digest) == (expected, seed)


def test_lot_single_option_and_every_option_can_win():
    digest = ballots_digest([])
    assert break_tie_by_lot(("x",), digest)[0] == "x"
    wins = Counter(
        break_tie_by_lot(("a", "b", "c"), hashlib.sha256(str(i).encode()).hexdigest())[0]
        for i in range(300)
    )
    assert set(wins) == {"a", "b", "c"} and min(wins.values()) > 60


@pytest.mark.parametrize(
    ("tied", "digest"),
    [
        ((), "0" * 64),
        (("a", "a"), "0" * 64),
        (("a,b", "c"), "0" * 64),
        (("a", ""), "0" * 64),
        ("ab", "0" * 64),
        (("a", "b"), "not a digest"),
        (("a", "b"), "A" * 64),
        (("a", "b"), ["for"]),
    ],
)
def test_lot_bad_input(tied, digest):
    with pytest.raises(CountingError):
        break_tie_by_lot(tied, digest)


def test_lot_on_a_real_tie():
    r = count_approval([["c", "a"], ["a"], ["c"], ["b"]], options=["a", "b", "c"], roll_size=4)
    assert r.tied
    winner, seed = break_tie_by_lot(r.winners, ballots_digest([["a", "c"], ["a"], ["c"], ["b"]]))
    assert winner in r.winners and len(seed) == 64


# --- recount -------------------------------------------------------------------------------

CASES = [
    (
        "for_against",
        {"roll_size": 16, "threshold": "two_thirds", "quorum": Fraction(1, 3)},
        ["for", "against", "for", "abstain", "for"],
    ),
    (
        "for_against",
        {
            "roll_size": 30,
            "require_each_college": True,
            "college_rolls": {"partners": 10, "newcomers": 10, "decision_makers": 10},
        },
        [{"vote": "for", "college": c} for c in ("partners", "newcomers", "decision_makers")] * 4
        + [{"vote": "against", "college": "partners"}],
    ),
    (
        "consent",
        {"roll_size": 8},
        ["consent", {"vote": "objection", "upheld": False, "reason": "Amina: cost"}, "consent"],
    ),
    ("approval", {"roll_size": 6, "options": ["x", "y", "z"]}, [["z", "x"], ["y"], [], ["x"]]),
    (
        "irv",
        {"roll_size": 9, "options": ["a", "b", "c", "d"]},
        [["a", "b"], ["b"], ["c", "a"], ["a"], ["c", "b"], [], ["d", "c"]],
    ),
    (
        "majority_judgment",
        {"roll_size": 5, "options": ["a", "b"], "quorum": "3/5"},
        [{"a": "good", "b": "poor"}, {"b": "excellent"}, {"a": "acceptable", "b": "good"}],
    ),
    ("sense_check", {"roll_size": 4}, ["for", "for", "against"]),
    (
        "sense_check",
        {"roll_size": 4, "kind": "approval", "options": ["a", "b"]},
        [["b", "a"], ["a"]],
    ),
]


@pytest.mark.parametrize(("method", "params", "ballots"), CASES)
def test_recount_reproduces_the_result(method, params, ballots):
    original = count(method, params, ballots)
    data = to_recount_json(method, params, ballots)
    assert data["format"] == FORMAT == "accueil-recount/1"
    assert set(data) == {"format", "method", "params", "ballots", "ballots_digest"}
    published = json.loads(json.dumps(data))  # it is plain JSON
    assert recount(published) == original
    assert data["ballots_digest"] == ballots_digest(data["ballots"])
    # sorted by canonical JSON: the order in which ballots were cast is not published
    keys = [json.dumps(b, sort_keys=True, separators=(",", ":")) for b in data["ballots"]]
    assert keys == sorted(keys)


def test_recount_file_content_for_an_approval_vote():
    data = to_recount_json(
        "approval", {"roll_size": 6, "options": ["x", "y", "z"]}, [["z", "x"], ["y"], []]
    )
    assert data["params"] == {"options": ["x", "y", "z"], "quorum": "1/2", "roll_size": 6}
    assert data["ballots"] == [["x", "z"], ["y"], []]  # option order inside, then sorted


def test_recount_drops_objection_reasons():
    data = to_recount_json(
        "consent",
        {"roll_size": 4},
        [{"vote": "objection", "upheld": True, "reason": "Yonas thinks it is unfair"}],
    )
    assert data["ballots"] == [{"upheld": True, "vote": "objection"}]
    assert "Yonas" not in json.dumps(data)
    assert recount(data).passed is False


def test_recount_params_are_written_out_in_full():
    data = to_recount_json("for_against", {"roll_size": 16}, ["for"])
    assert data["params"] == {
        "college_rolls": None,
        "quorum": "1/2",
        "require_each_college": False,
        "roll_size": 16,
        "threshold": "simple",
    }
    data = to_recount_json("majority_judgment", {"roll_size": 2, "options": ["a"]}, [])
    assert data["params"]["grades"][0] == "to_reject" and len(data["params"]["grades"]) == 6


def test_recount_refuses_a_tampered_file():
    data = to_recount_json("for_against", {"roll_size": 16}, ["for", "against", "for"])
    data["ballots"][0] = "for"  # was "against"
    with pytest.raises(CountingError, match="does not match"):
        recount(data)
    del data["ballots_digest"]  # without its digest a file cannot be verified: refused
    with pytest.raises(CountingError, match="cannot be verified"):
        recount(data)


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d.update(format="accueil-recount/2"), "not an accueil-recount/1 file"),
        (lambda d: d.update(voters=["amina"]), "unknown key"),
        (lambda d: d.pop("params"), "no 'params'"),
        (lambda d: d.update(method="borda"), "unknown method 'borda'"),
        (lambda d: d["params"].pop("roll_size"), "needs the parameter 'roll_size'"),
        (lambda d: d["params"].update(seats=3), "unknown parameter"),
        (
            lambda d: d.update(
                ballots=["for", "maybe"], ballots_digest=ballots_digest(["for", "maybe"])
            ),
            "'maybe'",
        ),
    ],
)
def test_recount_bad_files(mutate, message):
    data = to_recount_json("for_against", {"roll_size": 16}, ["for"])
    mutate(data)
    with pytest.raises(CountingError, match=message):
        recount(data)


def test_recount_refuses_non_objects():
    with pytest.raises(CountingError):
        recount([])


def test_to_recount_json_validates_the_ballots():
    with pytest.raises(CountingError, match="unknown option 'q'"):
        to_recount_json("irv", {"roll_size": 4, "options": ["a"]}, [["q"]])
