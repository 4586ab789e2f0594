"""The vote models moved to the votes app (issue 11): state only, the tables stay (they keep
their names through db_table, so the secrecy code's VACUUM of "proposals_ballot" and every
row are untouched)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('proposals', '0005_recommendations_moved_out'),
        ('votes', '0001_initial'),
        ('booklets', '0004_edition_vote_moved'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveConstraint(
                    model_name='ballot',
                    name='secret_ballot_is_anonymous',
                ),
                migrations.RemoveConstraint(
                    model_name='ballot',
                    name='one_current_ballot_per_voter',
                ),
                migrations.RemoveConstraint(
                    model_name='ballot',
                    name='open_ballot_has_time',
                ),
                migrations.RemoveConstraint(
                    model_name='proxy',
                    name='proxy_one_per_giver',
                ),
                migrations.RemoveConstraint(
                    model_name='proxy',
                    name='proxy_one_per_holder',
                ),
                migrations.RemoveConstraint(
                    model_name='proxy',
                    name='proxy_not_to_oneself',
                ),
                migrations.RemoveConstraint(
                    model_name='vote',
                    name='vote_method_valid',
                ),
                migrations.RemoveConstraint(
                    model_name='vote',
                    name='vote_status_valid',
                ),
                migrations.RemoveConstraint(
                    model_name='voterrollentry',
                    name='roll_once_per_person',
                ),
                migrations.RemoveField(
                    model_name='proxy',
                    name='giver',
                ),
                migrations.RemoveField(
                    model_name='proxy',
                    name='holder',
                ),
                migrations.RemoveField(
                    model_name='proxy',
                    name='meeting',
                ),
                migrations.RemoveField(
                    model_name='vote',
                    name='creator',
                ),
                migrations.RemoveField(
                    model_name='vote',
                    name='meeting',
                ),
                migrations.RemoveField(
                    model_name='vote',
                    name='minutes_revision',
                ),
                migrations.RemoveField(
                    model_name='vote',
                    name='proposal',
                ),
                migrations.RemoveField(
                    model_name='vote',
                    name='space',
                ),
                migrations.RemoveField(
                    model_name='voterrollentry',
                    name='user',
                ),
                migrations.RemoveField(
                    model_name='voterrollentry',
                    name='vote',
                ),
                migrations.DeleteModel(
                    name='Ballot',
                ),
                migrations.DeleteModel(
                    name='Proxy',
                ),
                migrations.DeleteModel(
                    name='Vote',
                ),
                migrations.DeleteModel(
                    name='VoterRollEntry',
                ),
            ],
            database_operations=[],
        ),
    ]
