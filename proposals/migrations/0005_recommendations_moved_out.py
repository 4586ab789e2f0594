"""The recommendation models moved to the recommendations app (issue 11): state only, the
tables stay (they keep their names through db_table)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('proposals', '0004_unlink_closed_secret_ballots'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='commitment',
                    name='recommendation',
                ),
                migrations.RemoveField(
                    model_name='department',
                    name='officials',
                ),
                migrations.RemoveConstraint(
                    model_name='implementationupdate',
                    name='abandoned_has_reason',
                ),
                migrations.RemoveIndex(
                    model_name='recommendation',
                    name='recommendation_recent',
                ),
                migrations.RemoveIndex(
                    model_name='recommendation',
                    name='recommendation_due',
                ),
                migrations.RemoveConstraint(
                    model_name='recommendation',
                    name='recommendation_one_addressee',
                ),
                migrations.RemoveConstraint(
                    model_name='recommendation',
                    name='recommendation_answer_complete',
                ),
                migrations.RemoveConstraint(
                    model_name='recommendation',
                    name='recommendation_implementation_valid',
                ),
                migrations.RemoveConstraint(
                    model_name='recommendationnotice',
                    name='recommendation_notice_once',
                ),
                migrations.RemoveField(
                    model_name='implementationupdate',
                    name='author',
                ),
                migrations.RemoveField(
                    model_name='implementationupdate',
                    name='commitment',
                ),
                migrations.RemoveField(
                    model_name='implementationupdate',
                    name='recommendation',
                ),
                migrations.RemoveField(
                    model_name='recommendation',
                    name='addressee',
                ),
                migrations.RemoveField(
                    model_name='recommendation',
                    name='answered_by',
                ),
                migrations.RemoveField(
                    model_name='recommendation',
                    name='department',
                ),
                migrations.RemoveField(
                    model_name='recommendation',
                    name='issued_by',
                ),
                migrations.RemoveField(
                    model_name='recommendation',
                    name='proposal',
                ),
                migrations.RemoveField(
                    model_name='recommendation',
                    name='space',
                ),
                migrations.RemoveField(
                    model_name='recommendation',
                    name='theme',
                ),
                migrations.RemoveField(
                    model_name='recommendationnotice',
                    name='recommendation',
                ),
                migrations.RemoveField(
                    model_name='recommendationnotice',
                    name='user',
                ),
                migrations.DeleteModel(
                    name='Commitment',
                ),
                migrations.DeleteModel(
                    name='ImplementationUpdate',
                ),
                migrations.DeleteModel(
                    name='Department',
                ),
                migrations.DeleteModel(
                    name='Recommendation',
                ),
                migrations.DeleteModel(
                    name='RecommendationNotice',
                ),
                ],
            database_operations=[],
        ),
    ]
