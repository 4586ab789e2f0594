"""The recommendation models left proposals for their own app without losing or changing a
row: with the demo loaded, the database is migrated back to the layout before the move and
forward again, and every row, content type and audit label is where it must be each time."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("eager_celery")]

MODELS = [
    "department",
    "recommendation",
    "commitment",
    "implementationupdate",
    "recommendationnotice",
]
BEFORE = [("proposals", "0004_unlink_closed_secret_ballots"), ("recommendations", None)]


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
                AuditEntry.objects.filter(target_type__endswith=".recommendation").values_list(
                    "target_type", flat=True
                )
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
    rows = _rows(after, "recommendations")
    assert rows["recommendation"] and rows["department"], "the demo has recommendations"
    assert _labels(after) == {
        "audit": ["recommendations.recommendation"],
        "content_types": ["recommendations"] * len(MODELS),
    }

    before = _migrate(BEFORE)
    assert _rows(before, "proposals") == rows
    assert _labels(before) == {
        "audit": ["proposals.recommendation"],
        "content_types": ["proposals"] * len(MODELS),
    }

    again = _migrate(leaves)
    assert _rows(again, "recommendations") == rows
    assert _labels(again) == _labels(after)
