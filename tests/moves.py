"""Helpers for the tests that walk a model move between apps (issue 11) back and forth on a
loaded demo: migrate to given nodes, then read rows and labels through the models as they
were at that point (the historical state of every applied migration)."""

from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def leaves() -> list[tuple[str, str]]:
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def migrate_to(targets):
    """Migrate to `targets` (dependents follow); the project's state as now applied."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    applied = executor.recorder.applied_migrations()
    nodes = [node for node in applied if node in executor.loader.graph.nodes]
    return executor.loader.project_state(nodes).apps


def rows(apps, app_label: str, models: list[str]) -> dict[str, list]:
    """Rows of each moved model read through the given state, as sorted primary keys."""
    return {
        m: sorted(apps.get_model(app_label, m).objects.values_list("pk", flat=True)) for m in models
    }


def labels(apps, models: list[str], audited: str | list[str]) -> dict[str, list]:
    """The audit log's labels for the model(s) `audited`, and the moved models' content
    types."""
    audited = [audited] if isinstance(audited, str) else audited
    AuditEntry = apps.get_model("core", "AuditEntry")
    ContentType = apps.get_model("contenttypes", "ContentType")
    return {
        "audit": sorted(
            set(
                AuditEntry.objects.filter(
                    target_type__regex=rf"\.({'|'.join(audited)})$"
                ).values_list("target_type", flat=True)
            )
        ),
        "content_types": sorted(
            ContentType.objects.filter(model__in=models).values_list("app_label", flat=True)
        ),
    }
