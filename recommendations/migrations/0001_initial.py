"""The recommendation models, moved from proposals (issue 11): state only, on the tables
proposals/0002 created, which keep their names (db_table)."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('core', '0002_notification_space_quorum_fraction_and_more'),
        ('proposals', '0005_recommendations_moved_out'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Commitment',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('text', models.CharField(max_length=500, verbose_name='commitment')),
                        ('owner', models.CharField(max_length=150, verbose_name='who is responsible')),
                        ('due_on', models.DateField(verbose_name='due on')),
                        ('status', models.CharField(choices=[('planned', 'Planned'), ('in_progress', 'In progress'), ('done', 'Done'), ('abandoned', 'Abandoned')], default='planned', max_length=12)),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                    ],
                    options={
                        'db_table': 'proposals_commitment',
                        'ordering': ['due_on', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='Department',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=150, unique=True, verbose_name='name')),
                        ('officials', models.ManyToManyField(blank=True, related_name='departments', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'department',
                        'db_table': 'proposals_department',
                        'ordering': ['name'],
                    },
                ),
                migrations.CreateModel(
                    name='Recommendation',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('title', models.CharField(max_length=200, verbose_name='title')),
                        ('text', models.TextField(verbose_name='text')),
                        ('issued_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('deadline', models.DateField(verbose_name='answer expected by')),
                        ('answer', models.CharField(blank=True, choices=[('accepted', 'Accepted'), ('partly', 'Partly accepted'), ('declined', 'Declined')], max_length=10, verbose_name='answer')),
                        ('reasons', models.TextField(blank=True, verbose_name='reasons')),
                        ('answered_at', models.DateTimeField(blank=True, null=True)),
                        ('implementation', models.CharField(blank=True, choices=[('planned', 'Planned'), ('in_progress', 'In progress'), ('done', 'Done'), ('abandoned', 'Abandoned')], max_length=12)),
                        ('addressee', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='recommendations_received', to=settings.AUTH_USER_MODEL, verbose_name='official')),
                        ('answered_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('department', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='recommendations', to='recommendations.department', verbose_name='department')),
                        ('issued_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('proposal', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='recommendation', to='proposals.proposal')),
                        ('space', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='recommendations', to='core.space')),
                        ('theme', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, to='proposals.theme')),
                    ],
                    options={
                        'db_table': 'proposals_recommendation',
                        'ordering': ['-issued_at', '-pk'],
                    },
                ),
                migrations.CreateModel(
                    name='ImplementationUpdate',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('status', models.CharField(choices=[('planned', 'Planned'), ('in_progress', 'In progress'), ('done', 'Done'), ('abandoned', 'Abandoned')], max_length=12, verbose_name='status')),
                        ('note', models.TextField(blank=True, verbose_name='what happened')),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('author', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('commitment', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='updates', to='recommendations.commitment')),
                        ('recommendation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='updates', to='recommendations.recommendation')),
                    ],
                    options={
                        'db_table': 'proposals_implementationupdate',
                        'ordering': ['created_at', 'pk'],
                    },
                ),
                migrations.AddField(
                    model_name='commitment',
                    name='recommendation',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='commitments', to='recommendations.recommendation'),
                ),
                migrations.CreateModel(
                    name='RecommendationNotice',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('received', 'Recommendation received'), ('answered', 'Answer published'), ('soon', 'Deadline in two weeks'), ('last_days', 'Deadline in three days'), ('overdue', 'Deadline passed')], max_length=10)),
                        ('sent_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('recommendation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='recommendations.recommendation')),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'proposals_recommendationnotice',
                    },
                ),
                migrations.AddIndex(
                    model_name='recommendation',
                    index=models.Index(fields=['-issued_at', '-id'], name='recommendation_recent'),
                ),
                migrations.AddIndex(
                    model_name='recommendation',
                    index=models.Index(fields=['answered_at', 'deadline'], name='recommendation_due'),
                ),
                migrations.AddConstraint(
                    model_name='recommendation',
                    constraint=models.CheckConstraint(condition=models.Q(models.Q(('addressee__isnull', False), ('department__isnull', True)), models.Q(('addressee__isnull', True), ('department__isnull', False)), _connector='OR'), name='recommendation_one_addressee'),
                ),
                migrations.AddConstraint(
                    model_name='recommendation',
                    constraint=models.CheckConstraint(condition=models.Q(models.Q(('answer', ''), ('answered_at__isnull', True)), models.Q(('answer__in', ['accepted', 'partly', 'declined']), ('answered_at__isnull', False)), _connector='OR'), name='recommendation_answer_complete'),
                ),
                migrations.AddConstraint(
                    model_name='recommendation',
                    constraint=models.CheckConstraint(condition=models.Q(('implementation', ''), ('implementation__in', ['planned', 'in_progress', 'done', 'abandoned']), _connector='OR'), name='recommendation_implementation_valid'),
                ),
                migrations.AddConstraint(
                    model_name='implementationupdate',
                    constraint=models.CheckConstraint(condition=models.Q(models.Q(('status', 'abandoned'), _negated=True), models.Q(('note', ''), _negated=True), _connector='OR'), name='abandoned_has_reason'),
                ),
                migrations.AddConstraint(
                    model_name='recommendationnotice',
                    constraint=models.UniqueConstraint(fields=('recommendation', 'user', 'kind'), name='recommendation_notice_once'),
                ),
                ],
            database_operations=[],
        ),
    ]
