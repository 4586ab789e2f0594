"""The models of the calls and the lottery left labs for their own app without losing or
changing a row: with the demo loaded, the database is migrated back to the layout before the
move and forward again, and every row, content type and audit label is where it must be each
time."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

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
BEFORE = [("labs", "0004_lottery_random_value_once_and_exclusions"), ("calls", None)]


def _leaves(executor):
    return executor.loader.graph.leaf_nodes()


def _rows(apps, app_label):
    """Rows of each moved model read through the given state, as sorted primary keys."""
    return {
        m: sorted(apps.get_model(app_label, m).objects.values_list("pk", flat=True)) for m in MODELS
    }


def _labels(apps):
    AuditEntry = apps.get_model("core", "AuditEntry")
    ContentType = apps.get_model("contenttypes", "ContentType")
    return {
        "audit": sorted(
            set(
                AuditEntry.objects.filter(
                    target_type__regex=r"\.(call|callvolunteer|lottery|replacement)$"
                ).values_list("target_type", flat=True)
            )
        ),
        "content_types": sorted(
            ContentType.objects.filter(model__in=MODELS).values_list("app_label", flat=True)
        ),
    }


def _migrate(targets):
    """Migrate to `targets`; the state (models as they were) of the whole project there."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    named = {app for app, _ in targets}
    nodes = [t for t in targets if t[1] is not None]
    nodes += [leaf for leaf in _leaves(executor) if leaf[0] not in named]
    return executor.loader.project_state(nodes).apps


def test_the_move_keeps_every_row_and_relabels_the_record(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    call_command("seed_demo", stdout=StringIO())
    leaves = _leaves(MigrationExecutor(connection))
    after = _migrate(leaves)
    rows = _rows(after, "calls")
    assert rows["call"] and rows["callvolunteer"] and rows["lottery"], "the demo has a lottery"
    assert rows["randomvalue"], "the demo's lottery has its random value"
    audited = ["call", "callvolunteer", "lottery"]
    assert _labels(after) == {
        "audit": [f"calls.{m}" for m in audited],
        "content_types": ["calls"] * len(MODELS),
    }

    before = _migrate(BEFORE)
    assert _rows(before, "labs") == rows
    assert _labels(before) == {
        "audit": [f"labs.{m}" for m in audited],
        "content_types": ["labs"] * len(MODELS),
    }

    again = _migrate(leaves)
    assert _rows(again, "calls") == rows
    assert _labels(again) == _labels(after)
