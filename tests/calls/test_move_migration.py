"""The models of the calls and the lottery left labs for their own app without losing or
changing a row: with the demo loaded, the database is migrated back to the layout before the
move and forward again, and every row, content type and audit label is where it must be each
time."""

from io import StringIO

import pytest
from django.core.management import call_command

from tests.moves import labels, leaves, migrate_to, rows

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("eager_celery")]

MODELS = [
    "call",
    "callquestion",
    "callanswer",
    "callvolunteer",
    "lottery",
    "randomvalue",
    "replacement",
]
AUDITED = ["call", "callvolunteer", "lottery", "replacement"]
BEFORE = [("labs", "0004_lottery_random_value_once_and_exclusions"), ("calls", None)]


def test_the_move_keeps_every_row_and_relabels_the_record(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    call_command("seed_demo", stdout=StringIO())
    last = leaves()
    after = migrate_to(last)
    moved = rows(after, "calls", MODELS)
    assert moved["call"] and moved["callvolunteer"] and moved["lottery"], "the demo has a lottery"
    assert moved["randomvalue"], "the demo's lottery has its random value"
    audited = ["call", "callvolunteer", "lottery"]  # what the demo's services wrote
    assert labels(after, MODELS, AUDITED) == {
        "audit": [f"calls.{m}" for m in audited],
        "content_types": ["calls"] * len(MODELS),
    }

    before = migrate_to(BEFORE)
    assert rows(before, "labs", MODELS) == moved
    assert labels(before, MODELS, AUDITED) == {
        "audit": [f"labs.{m}" for m in audited],
        "content_types": ["labs"] * len(MODELS),
    }

    again = migrate_to(last)
    assert rows(again, "calls", MODELS) == moved
    assert labels(again, MODELS, AUDITED) == labels(after, MODELS, AUDITED)
