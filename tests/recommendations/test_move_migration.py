"""The recommendation models left proposals for their own app without losing or changing a
row: with the demo loaded, the database is migrated back to the layout before the move and
forward again, and every row, content type and audit label is where it must be each time."""

from io import StringIO

import pytest
from django.core.management import call_command

from tests.moves import labels, leaves, migrate_to, rows

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("eager_celery")]

MODELS = [
    "department",
    "recommendation",
    "commitment",
    "implementationupdate",
    "recommendationnotice",
]
BEFORE = [("proposals", "0004_unlink_closed_secret_ballots"), ("recommendations", None)]


def test_the_move_keeps_every_row_and_relabels_the_record(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    call_command("seed_demo", stdout=StringIO())
    last = leaves()
    after = migrate_to(last)
    moved = rows(after, "recommendations", MODELS)
    assert moved["recommendation"] and moved["department"], "the demo has recommendations"
    assert labels(after, MODELS, "recommendation") == {
        "audit": ["recommendations.recommendation"],
        "content_types": ["recommendations"] * len(MODELS),
    }

    before = migrate_to(BEFORE)
    assert rows(before, "proposals", MODELS) == moved
    assert labels(before, MODELS, "recommendation") == {
        "audit": ["proposals.recommendation"],
        "content_types": ["proposals"] * len(MODELS),
    }

    again = migrate_to(last)
    assert rows(again, "recommendations", MODELS) == moved
    assert labels(again, MODELS, "recommendation") == labels(after, MODELS, "recommendation")
