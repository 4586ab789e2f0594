"""The vote models (votes, voter rolls, ballots, proxies) left proposals for the votes app
without losing or changing a row: with the demo loaded, the database is migrated back to the
layout before the move and forward again, and every row, ballot, content type and audit label
is where it must be each time."""

from io import StringIO

import pytest
from django.core.management import call_command

from tests.moves import labels, leaves, migrate_to, rows

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("eager_celery")]

MODELS = ["vote", "voterrollentry", "ballot", "proxy"]
BEFORE = [
    ("proposals", "0005_recommendations_moved_out"),
    ("booklets", "0003_titles_per_language"),
    ("votes", None),
]


def _ballots(apps, app_label):
    """Every ballot's key, vote and content (secret ones included: the move must not touch
    them, nor their order of keys)."""
    Ballot = apps.get_model(app_label, "Ballot")
    return sorted(
        (str(pk), vote_id, repr(content))
        for pk, vote_id, content in Ballot.objects.values_list("pk", "vote_id", "content")
    )


def test_the_move_keeps_every_row_and_relabels_the_record(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    call_command("seed_demo", stdout=StringIO())
    last = leaves()
    after = migrate_to(last)
    moved = rows(after, "votes", MODELS)
    assert moved["vote"] and moved["ballot"] and moved["voterrollentry"], "the demo has votes"
    ballots = _ballots(after, "votes")
    edition_votes = sorted(
        after.get_model("booklets", "Edition").objects.values_list("pk", "vote_id")
    )
    assert labels(after, MODELS, "vote") == {
        "audit": ["votes.vote"],
        "content_types": ["votes"] * len(MODELS),
    }

    before = migrate_to(BEFORE)
    assert rows(before, "proposals", MODELS) == moved
    assert _ballots(before, "proposals") == ballots
    assert labels(before, MODELS, "vote") == {
        "audit": ["proposals.vote"],
        "content_types": ["proposals"] * len(MODELS),
    }

    again = migrate_to(last)
    assert rows(again, "votes", MODELS) == moved
    assert _ballots(again, "votes") == ballots
    assert (
        sorted(again.get_model("booklets", "Edition").objects.values_list("pk", "vote_id"))
        == edition_votes
    )
    assert labels(again, MODELS, "vote") == labels(after, MODELS, "vote")
