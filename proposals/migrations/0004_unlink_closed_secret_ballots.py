"""Unlink the secret ballots of votes closed before this release from their register.

Until now a secret ballot was inserted by the transaction that marked its voter in the
register: same xmin, and the table's physical order (and pg_dump's) followed the voting order.
Votes closed from now on are unlinked as they close (proposals.voting.secret_ballots_unlink);
this does the same, once, for those already closed: each vote's secret ballots are deleted and
inserted again, shuffled, with new random keys; then the ballot table is vacuumed and rewritten
so the old rows' bytes do not stay in its files. Self-contained on purpose (historical models,
no import of the app's code). Not atomic as a whole: VACUUM cannot run in a transaction; each
vote is unlinked in its own transaction, under a lock on its row.
"""

import logging
import secrets
import uuid

from django.db import DatabaseError, migrations, transaction

logger = logging.getLogger(__name__)


def unlink_closed_secret_ballots(apps, schema_editor):
    Vote = apps.get_model("proposals", "Vote")
    Ballot = apps.get_model("proposals", "Ballot")
    db = schema_editor.connection.alias
    unlinked = 0
    vote_ids = list(
        Vote.objects.using(db).filter(status="closed", secret=True).values_list("pk", flat=True)
    )
    for vote_id in vote_ids:
        with transaction.atomic(using=db):
            Vote.objects.using(db).select_for_update().get(pk=vote_id)
            ballots = Ballot.objects.using(db).filter(vote_id=vote_id, secret=True)
            rows = list(ballots.values_list("content", "college"))
            if not rows:
                continue
            ballots.delete()
            secrets.SystemRandom().shuffle(rows)
            Ballot.objects.using(db).bulk_create(
                Ballot(id=uuid.uuid4(), vote_id=vote_id, secret=True, content=c, college=college)
                for c, college in rows
            )
            unlinked += 1
    connection = schema_editor.connection
    if unlinked and connection.vendor == "postgresql" and connection.get_autocommit():
        for statement in ('VACUUM "proposals_ballot"', 'VACUUM FULL "proposals_ballot"'):
            try:
                with connection.cursor() as cursor:
                    cursor.execute(statement)
            except DatabaseError:
                logger.exception("%s after unlinking closed secret ballots failed", statement)


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("proposals", "0003_ballots_outlive_users"),
    ]

    operations = [
        migrations.RunPython(unlink_closed_secret_ballots, migrations.RunPython.noop),
    ]
