"""What named the moved models by their old app now names them by the new one: their content
types (permissions, admin log) and the audit log's `target_type` labels. Reversible."""

from django.db import migrations

MODELS = [
    "call",
    "callquestion",
    "callanswer",
    "callvolunteer",
    "lottery",
    "randomvalue",
    "replacement",
]


def relabel(apps, old: str, new: str) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    AuditEntry = apps.get_model("core", "AuditEntry")
    for model in MODELS:
        # post_migrate may already have created the new content type (a database migrated
        # before, then back): keep the old row, which permissions and admin log point to.
        ContentType.objects.filter(app_label=new, model=model).delete()
        ContentType.objects.filter(app_label=old, model=model).update(app_label=new)
        AuditEntry.objects.filter(target_type=f"{old}.{model}").update(
            target_type=f"{new}.{model}"
        )


def forwards(apps, schema_editor):
    relabel(apps, "labs", "calls")


def backwards(apps, schema_editor):
    relabel(apps, "calls", "labs")


class Migration(migrations.Migration):
    dependencies = [
        ("calls", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0002_notification_space_quorum_fraction_and_more"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
