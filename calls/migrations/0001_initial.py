"""The models of the calls for volunteers and the lottery, moved from labs (issue 11): state
only, on the tables labs/0003 and 0004 created, which keep their names (db_table)."""

import django.db.models.deletion
import django.db.models.functions.text
import django.db.models.lookups
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('labs', '0005_calls_moved_out'),
        ('accounts', '0003_user_deleted_at'),
        ('core', '0002_notification_space_quorum_fraction_and_more'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Call',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('college', models.CharField(blank=True, default='', max_length=20, verbose_name='college')),
                        ('title', models.CharField(max_length=200, verbose_name='title')),
                        ('description', models.TextField(blank=True, verbose_name='description')),
                        ('seats', models.PositiveSmallIntegerField(verbose_name='seats')),
                        ('deadline', models.DateTimeField(verbose_name='deadline')),
                        ('replacement_rule', models.CharField(choices=[('alternates', 'Ordered alternates, drawn at the same time as the panel'), ('lottery', 'A replacement lottery that keeps every quota')], max_length=20, verbose_name='replacement rule')),
                        ('retention_days', models.PositiveSmallIntegerField(verbose_name='days the answers are kept')),
                        ('status', models.CharField(choices=[('open', 'Open'), ('closed', 'Closed')], default='open', max_length=10, verbose_name='status')),
                        ('answers_deleted_at', models.DateTimeField(blank=True, null=True)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('creator', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('space', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='calls', to='core.space')),
                    ],
                    options={
                        'verbose_name': 'call for volunteers',
                        'verbose_name_plural': 'calls for volunteers',
                        'db_table': 'labs_call',
                        'ordering': ['-created_at'],
                    },
                ),
                migrations.CreateModel(
                    name='CallQuestion',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('position', models.PositiveSmallIntegerField()),
                        ('key', models.SlugField(max_length=40)),
                        ('label', models.CharField(max_length=200, verbose_name='question')),
                        ('call', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='questions', to='calls.call')),
                    ],
                    options={
                        'db_table': 'labs_callquestion',
                        'ordering': ['call', 'position'],
                    },
                ),
                migrations.CreateModel(
                    name='CallAnswer',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('position', models.PositiveSmallIntegerField()),
                        ('label', models.CharField(max_length=120, verbose_name='answer')),
                        ('min_seats', models.PositiveSmallIntegerField(default=0, verbose_name='at least')),
                        ('max_seats', models.PositiveSmallIntegerField(verbose_name='at most')),
                        ('question', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='answers', to='calls.callquestion')),
                    ],
                    options={
                        'db_table': 'labs_callanswer',
                        'ordering': ['question', 'position'],
                    },
                ),
                migrations.CreateModel(
                    name='CallVolunteer',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('pseudonym', models.CharField(max_length=12)),
                        ('receipt_hash', models.CharField(max_length=64, unique=True)),
                        ('name', models.CharField(blank=True, max_length=120, verbose_name='name')),
                        ('contact', models.CharField(blank=True, max_length=200, verbose_name='contact')),
                        ('answers', models.JSONField(blank=True, default=dict)),
                        ('consent_at', models.DateTimeField()),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('dropped_out_at', models.DateTimeField(blank=True, null=True)),
                        ('excluded_at', models.DateTimeField(blank=True, null=True)),
                        ('exclusion_reason', models.CharField(blank=True, max_length=300, verbose_name='reason')),
                        ('call', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='volunteers', to='calls.call')),
                        ('excluded_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('invitation', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='accounts.invitation')),
                    ],
                    options={
                        'db_table': 'labs_callvolunteer',
                        'ordering': ['call', 'pseudonym'],
                    },
                ),
                migrations.CreateModel(
                    name='Lottery',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('status', models.CharField(choices=[('queued', 'Waiting for the computation'), ('computing', 'Computing'), ('published', 'Panel list published'), ('drawn', 'Drawn'), ('failed', 'Failed')], max_length=12)),
                        ('progress', models.PositiveSmallIntegerField(default=0)),
                        ('progress_note', models.CharField(blank=True, max_length=200)),
                        ('error', models.TextField(blank=True)),
                        ('started_at', models.DateTimeField(blank=True, null=True)),
                        ('finished_at', models.DateTimeField(blank=True, null=True)),
                        ('seats', models.PositiveSmallIntegerField()),
                        ('replacement_rule', models.CharField(choices=[('alternates', 'Ordered alternates, drawn at the same time as the panel'), ('lottery', 'A replacement lottery that keeps every quota')], max_length=20)),
                        ('n_panels', models.PositiveIntegerField(default=0)),
                        ('list_hash', models.CharField(blank=True, max_length=64)),
                        ('panels_text', models.TextField(blank=True)),
                        ('hash_published_at', models.DateTimeField(blank=True, null=True)),
                        ('pool_csv', models.TextField(blank=True)),
                        ('quotas_csv', models.TextField(blank=True)),
                        ('probabilities', models.JSONField(blank=True, default=dict)),
                        ('lottery_probabilities', models.JSONField(blank=True, default=dict)),
                        ('stats', models.JSONField(blank=True, default=dict)),
                        ('random_source', models.CharField(blank=True, max_length=300)),
                        ('random_known_after', models.DateTimeField(blank=True, null=True)),
                        ('random_declared_at', models.DateTimeField(blank=True, null=True)),
                        ('pool_size', models.PositiveIntegerField(default=0)),
                        ('excluded_count', models.PositiveIntegerField(default=0)),
                        ('drawn_at', models.DateTimeField(blank=True, null=True)),
                        ('index', models.PositiveIntegerField(blank=True, null=True)),
                        ('panel', models.JSONField(blank=True, default=list)),
                        ('alternates', models.JSONField(blank=True, default=list)),
                        ('current_panel', models.JSONField(blank=True, default=list)),
                        ('call', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='lottery', to='calls.call')),
                    ],
                    options={
                        'db_table': 'labs_lottery',
                    },
                ),
                migrations.CreateModel(
                    name='RandomValue',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('original', 'Recorded value'), ('correction', 'Correction')], max_length=12)),
                        ('value', models.CharField(max_length=300)),
                        ('reason', models.CharField(blank=True, max_length=500)),
                        ('recorded_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('actor', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('lottery', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='random_values', to='calls.lottery')),
                    ],
                    options={
                        'db_table': 'labs_randomvalue',
                        'ordering': ['lottery', 'recorded_at', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='Replacement',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('number', models.PositiveSmallIntegerField()),
                        ('rule', models.CharField(choices=[('alternates', 'Ordered alternates, drawn at the same time as the panel'), ('lottery', 'A replacement lottery that keeps every quota')], max_length=20)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('creator', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('dropout', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='calls.callvolunteer')),
                        ('lottery', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='replacements', to='calls.lottery')),
                        ('replacement', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='calls.callvolunteer')),
                    ],
                    options={
                        'db_table': 'labs_replacement',
                        'ordering': ['lottery', 'number'],
                    },
                ),
                migrations.AddConstraint(
                    model_name='call',
                    constraint=models.CheckConstraint(condition=models.Q(('seats__gte', 1)), name='call_seats_positive'),
                ),
                migrations.AddConstraint(
                    model_name='call',
                    constraint=models.CheckConstraint(condition=models.Q(('retention_days__gte', 1)), name='call_retention_positive'),
                ),
                migrations.AddConstraint(
                    model_name='call',
                    constraint=models.CheckConstraint(condition=models.Q(('replacement_rule__in', ['alternates', 'lottery'])), name='call_replacement_rule_valid'),
                ),
                migrations.AddConstraint(
                    model_name='call',
                    constraint=models.CheckConstraint(condition=models.Q(('status__in', ['open', 'closed'])), name='call_status_valid'),
                ),
                migrations.AddConstraint(
                    model_name='callquestion',
                    constraint=models.UniqueConstraint(fields=('call', 'key'), name='call_question_unique_key'),
                ),
                migrations.AddConstraint(
                    model_name='callanswer',
                    constraint=models.UniqueConstraint(fields=('question', 'label'), name='call_answer_unique_label'),
                ),
                migrations.AddConstraint(
                    model_name='callanswer',
                    constraint=models.CheckConstraint(condition=models.Q(('min_seats__lte', models.F('max_seats'))), name='call_answer_min_le_max'),
                ),
                migrations.AddConstraint(
                    model_name='callvolunteer',
                    constraint=models.UniqueConstraint(fields=('call', 'pseudonym'), name='call_volunteer_unique_pseudonym'),
                ),
                migrations.AddConstraint(
                    model_name='lottery',
                    constraint=models.CheckConstraint(condition=models.Q(('status__in', ['queued', 'computing', 'published', 'drawn', 'failed'])), name='lottery_status_valid'),
                ),
                migrations.AddConstraint(
                    model_name='lottery',
                    constraint=models.CheckConstraint(condition=models.Q(models.Q(('random_source', ''), ('random_known_after__isnull', True)), models.Q(models.Q(('random_source', ''), _negated=True), ('random_known_after__gte', models.F('random_declared_at'))), _connector='OR'), name='lottery_random_source_declared_ahead'),
                ),
                migrations.AddConstraint(
                    model_name='randomvalue',
                    constraint=models.UniqueConstraint(fields=('lottery', 'kind'), name='random_value_once_per_kind'),
                ),
                migrations.AddConstraint(
                    model_name='randomvalue',
                    constraint=models.CheckConstraint(condition=models.Q(('kind__in', ['original', 'correction'])), name='random_value_kind_valid'),
                ),
                migrations.AddConstraint(
                    model_name='randomvalue',
                    constraint=models.CheckConstraint(condition=models.Q(('value', ''), _negated=True), name='random_value_not_empty'),
                ),
                migrations.AddConstraint(
                    model_name='randomvalue',
                    constraint=models.CheckConstraint(condition=models.Q(models.Q(('kind', 'original'), ('reason', '')), models.Q(('kind', 'correction'), django.db.models.lookups.GreaterThanOrEqual(django.db.models.functions.text.Length('reason'), 20)), _connector='OR'), name='random_value_correction_has_reason'),
                ),
                migrations.AddConstraint(
                    model_name='replacement',
                    constraint=models.UniqueConstraint(fields=('lottery', 'number'), name='replacement_unique_number'),
                ),
            ],
            database_operations=[],
        ),
    ]
