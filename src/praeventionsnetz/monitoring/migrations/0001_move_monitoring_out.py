"""The monitoring models, moved here from `areas` with their rows (see areas 0004).

Only the state is created here; the tables exist already under their new names. The
content types follow, so that permissions and admin history stay attached.
"""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


MOVED = ('areatype', 'areatypeassignment', 'compositeindex', 'importbatch', 'indexresult', 'indicator', 'observation', 'selectionrun', 'historicalareatype', 'historicalareatypeassignment', 'historicalcompositeindex', 'historicalimportbatch', 'historicalindexresult', 'historicalindicator', 'historicalobservation', 'historicalselectionrun')


def move_content_types(apps, schema_editor):
    content_type = apps.get_model("contenttypes", "ContentType")
    content_type.objects.filter(app_label="areas", model__in=MOVED).update(app_label="monitoring")


def move_content_types_back(apps, schema_editor):
    content_type = apps.get_model("contenttypes", "ContentType")
    content_type.objects.filter(app_label="monitoring", model__in=MOVED).update(app_label="areas")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('areas', '0004_move_monitoring_out'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='CompositeIndex',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('key', models.SlugField(max_length=80, unique=True, verbose_name='key')),
                        ('name', models.CharField(max_length=200, verbose_name='name')),
                        ('description', models.TextField(blank=True, verbose_name='description')),
                        ('definition', models.JSONField(verbose_name='definition')),
                        ('source', models.CharField(blank=True, max_length=300, verbose_name='source')),
                        ('is_demo', models.BooleanField(default=False, verbose_name='demo data')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                    ],
                    options={
                        'verbose_name': 'composite index',
                        'verbose_name_plural': 'composite indices',
                        'ordering': ('key',),
                    },
                ),
                migrations.CreateModel(
                    name='AreaType',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('code', models.CharField(max_length=10, verbose_name='code')),
                        ('name', models.CharField(max_length=120, verbose_name='name')),
                        ('description', models.TextField(blank=True, verbose_name='description')),
                        ('is_demo', models.BooleanField(default=False, verbose_name='demo data')),
                        ('city', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='area_types', to='areas.area')),
                    ],
                    options={
                        'verbose_name': 'district type',
                        'verbose_name_plural': 'district types',
                        'ordering': ('city', 'code'),
                    },
                ),
                migrations.CreateModel(
                    name='AreaTypeAssignment',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('ratings_n', models.PositiveSmallIntegerField(default=0, verbose_name='number of ratings')),
                        ('ratings_mean', models.FloatField(blank=True, null=True, verbose_name='mean rating')),
                        ('expert_description', models.TextField(blank=True, verbose_name='expert description')),
                        ('is_demo', models.BooleanField(default=False, verbose_name='demo data')),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('area', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='type_assignment', to='areas.area')),
                        ('area_type', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='assignments', to='monitoring.areatype', verbose_name='district type')),
                    ],
                    options={
                        'verbose_name': 'district type assignment',
                        'verbose_name_plural': 'district type assignments',
                    },
                ),
                migrations.CreateModel(
                    name='HistoricalAreaType',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('code', models.CharField(max_length=10, verbose_name='code')),
                        ('name', models.CharField(max_length=120, verbose_name='name')),
                        ('description', models.TextField(blank=True, verbose_name='description')),
                        ('is_demo', models.BooleanField(default=False, verbose_name='demo data')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('city', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='areas.area')),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'historical district type',
                        'verbose_name_plural': 'historical district types',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='HistoricalAreaTypeAssignment',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('ratings_n', models.PositiveSmallIntegerField(default=0, verbose_name='number of ratings')),
                        ('ratings_mean', models.FloatField(blank=True, null=True, verbose_name='mean rating')),
                        ('expert_description', models.TextField(blank=True, verbose_name='expert description')),
                        ('is_demo', models.BooleanField(default=False, verbose_name='demo data')),
                        ('updated_at', models.DateTimeField(blank=True, editable=False)),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('area', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='areas.area')),
                        ('area_type', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='monitoring.areatype', verbose_name='district type')),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'historical district type assignment',
                        'verbose_name_plural': 'historical district type assignments',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='HistoricalCompositeIndex',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('key', models.SlugField(max_length=80, verbose_name='key')),
                        ('name', models.CharField(max_length=200, verbose_name='name')),
                        ('description', models.TextField(blank=True, verbose_name='description')),
                        ('definition', models.JSONField(verbose_name='definition')),
                        ('source', models.CharField(blank=True, max_length=300, verbose_name='source')),
                        ('is_demo', models.BooleanField(default=False, verbose_name='demo data')),
                        ('created_at', models.DateTimeField(blank=True, editable=False)),
                        ('updated_at', models.DateTimeField(blank=True, editable=False)),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'historical composite index',
                        'verbose_name_plural': 'historical composite indices',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='HistoricalImportBatch',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('file_name', models.CharField(max_length=255, verbose_name='file name')),
                        ('sha256', models.CharField(max_length=64, verbose_name='SHA-256 of the file')),
                        ('imported_at', models.DateTimeField(blank=True, editable=False, verbose_name='imported at')),
                        ('layout', models.CharField(max_length=10, verbose_name='layout')),
                        ('created', models.PositiveIntegerField(default=0, verbose_name='created')),
                        ('updated', models.PositiveIntegerField(default=0, verbose_name='updated')),
                        ('unchanged', models.PositiveIntegerField(default=0, verbose_name='unchanged')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('imported_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='imported by')),
                    ],
                    options={
                        'verbose_name': 'historical import',
                        'verbose_name_plural': 'historical imports',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='HistoricalIndexResult',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('part', models.CharField(max_length=80, verbose_name='index')),
                        ('period', models.CharField(max_length=10, verbose_name='period')),
                        ('value', models.FloatField(verbose_name='value')),
                        ('class_label', models.CharField(blank=True, max_length=80, verbose_name='class')),
                        ('rank', models.PositiveIntegerField(verbose_name='rank')),
                        ('computed_at', models.DateTimeField(blank=True, editable=False)),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('area', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='areas.area')),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('index', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='monitoring.compositeindex')),
                    ],
                    options={
                        'verbose_name': 'historical index result',
                        'verbose_name_plural': 'historical index results',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='HistoricalIndicator',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('key', models.SlugField(max_length=80, verbose_name='key')),
                        ('name_de', models.CharField(max_length=200, verbose_name='name (German)')),
                        ('name_en', models.CharField(blank=True, max_length=200, verbose_name='name (English)')),
                        ('description', models.TextField(blank=True, verbose_name='description')),
                        ('unit', models.CharField(blank=True, max_length=40, verbose_name='unit')),
                        ('dimension', models.CharField(choices=[('social_structure', 'Social structure'), ('infrastructure', 'Infrastructure'), ('need_service', 'Need and services'), ('social_space', 'Lived social space')], max_length=20, verbose_name='dimension')),
                        ('direction', models.SmallIntegerField(choices=[(1, 'Higher means more burden'), (0, 'Neutral'), (-1, 'Higher means less burden')], default=0, verbose_name='direction')),
                        ('kind', models.CharField(choices=[('count', 'Count'), ('rate', 'Rate (numerator/denominator)'), ('value', 'Value')], max_length=10, verbose_name='kind')),
                        ('scale', models.FloatField(default=100, verbose_name='scale of a rate')),
                        ('min_cell', models.PositiveSmallIntegerField(default=3, help_text='Counts below this number are suppressed in pages, exports and the API.', verbose_name='minimum cell size')),
                        ('source', models.CharField(blank=True, max_length=300, verbose_name='source')),
                        ('licence', models.CharField(blank=True, max_length=120, verbose_name='licence')),
                        ('is_demo', models.BooleanField(default=False, help_text='Invented for the demo, not real.', verbose_name='demo data')),
                        ('created_at', models.DateTimeField(blank=True, editable=False)),
                        ('updated_at', models.DateTimeField(blank=True, editable=False)),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'historical indicator',
                        'verbose_name_plural': 'historical indicators',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='HistoricalSelectionRun',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('name', models.CharField(max_length=200, verbose_name='name')),
                        ('level', models.CharField(choices=[('city', 'City'), ('stadtbezirk', 'City district (Stadtbezirk)'), ('stadtraum', 'Social space (Stadtraum)'), ('stadtteil', 'Quarter (Stadtteil)'), ('ortschaft', 'Locality (Ortschaft)'), ('bezirk', 'Borough (Bezirk)'), ('prognoseraum', 'Forecast area (Prognoseraum)'), ('bezirksregion', 'District region (Bezirksregion)'), ('planungsraum', 'Planning area (Planungsraum)')], max_length=20, verbose_name='level')),
                        ('period', models.CharField(max_length=10, verbose_name='period')),
                        ('criteria', models.JSONField(verbose_name='criteria')),
                        ('constraints', models.JSONField(default=dict, verbose_name='constraints')),
                        ('number', models.PositiveSmallIntegerField(verbose_name='number of areas to select')),
                        ('result', models.JSONField(verbose_name='result')),
                        ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='created at')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('city', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='areas.area')),
                        ('created_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'historical model-area selection',
                        'verbose_name_plural': 'historical model-area selections',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='ImportBatch',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('file_name', models.CharField(max_length=255, verbose_name='file name')),
                        ('sha256', models.CharField(max_length=64, verbose_name='SHA-256 of the file')),
                        ('imported_at', models.DateTimeField(auto_now_add=True, verbose_name='imported at')),
                        ('layout', models.CharField(max_length=10, verbose_name='layout')),
                        ('created', models.PositiveIntegerField(default=0, verbose_name='created')),
                        ('updated', models.PositiveIntegerField(default=0, verbose_name='updated')),
                        ('unchanged', models.PositiveIntegerField(default=0, verbose_name='unchanged')),
                        ('imported_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='imported by')),
                    ],
                    options={
                        'verbose_name': 'import',
                        'verbose_name_plural': 'imports',
                        'ordering': ('-imported_at',),
                    },
                ),
                migrations.CreateModel(
                    name='IndexResult',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('part', models.CharField(max_length=80, verbose_name='index')),
                        ('period', models.CharField(max_length=10, verbose_name='period')),
                        ('value', models.FloatField(verbose_name='value')),
                        ('class_label', models.CharField(blank=True, max_length=80, verbose_name='class')),
                        ('rank', models.PositiveIntegerField(verbose_name='rank')),
                        ('computed_at', models.DateTimeField(auto_now=True)),
                        ('area', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='index_results', to='areas.area')),
                        ('index', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='results', to='monitoring.compositeindex')),
                    ],
                    options={
                        'verbose_name': 'index result',
                        'verbose_name_plural': 'index results',
                        'ordering': ('index', 'part', 'period', 'rank'),
                    },
                ),
                migrations.CreateModel(
                    name='Indicator',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('key', models.SlugField(max_length=80, unique=True, verbose_name='key')),
                        ('name_de', models.CharField(max_length=200, verbose_name='name (German)')),
                        ('name_en', models.CharField(blank=True, max_length=200, verbose_name='name (English)')),
                        ('description', models.TextField(blank=True, verbose_name='description')),
                        ('unit', models.CharField(blank=True, max_length=40, verbose_name='unit')),
                        ('dimension', models.CharField(choices=[('social_structure', 'Social structure'), ('infrastructure', 'Infrastructure'), ('need_service', 'Need and services'), ('social_space', 'Lived social space')], max_length=20, verbose_name='dimension')),
                        ('direction', models.SmallIntegerField(choices=[(1, 'Higher means more burden'), (0, 'Neutral'), (-1, 'Higher means less burden')], default=0, verbose_name='direction')),
                        ('kind', models.CharField(choices=[('count', 'Count'), ('rate', 'Rate (numerator/denominator)'), ('value', 'Value')], max_length=10, verbose_name='kind')),
                        ('scale', models.FloatField(default=100, verbose_name='scale of a rate')),
                        ('min_cell', models.PositiveSmallIntegerField(default=3, help_text='Counts below this number are suppressed in pages, exports and the API.', verbose_name='minimum cell size')),
                        ('source', models.CharField(blank=True, max_length=300, verbose_name='source')),
                        ('licence', models.CharField(blank=True, max_length=120, verbose_name='licence')),
                        ('is_demo', models.BooleanField(default=False, help_text='Invented for the demo, not real.', verbose_name='demo data')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                    ],
                    options={
                        'verbose_name': 'indicator',
                        'verbose_name_plural': 'indicators',
                        'ordering': ('dimension', 'key'),
                        'constraints': [models.CheckConstraint(condition=models.Q(('scale__gt', 0)), name='indicator_scale_positive')],
                    },
                ),
                migrations.CreateModel(
                    name='HistoricalObservation',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('period', models.CharField(max_length=10, verbose_name='period')),
                        ('value', models.FloatField(blank=True, null=True, verbose_name='value')),
                        ('numerator', models.FloatField(blank=True, null=True, verbose_name='numerator')),
                        ('denominator', models.FloatField(blank=True, null=True, verbose_name='denominator')),
                        ('is_aggregated', models.BooleanField(default=False, help_text='Computed from the areas below, not imported.', verbose_name='aggregated')),
                        ('updated_at', models.DateTimeField(blank=True, editable=False)),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('area', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='areas.area', verbose_name='area')),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('batch', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='monitoring.importbatch', verbose_name='import')),
                        ('indicator', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='monitoring.indicator', verbose_name='indicator')),
                    ],
                    options={
                        'verbose_name': 'historical observation',
                        'verbose_name_plural': 'historical observations',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='Observation',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('period', models.CharField(max_length=10, verbose_name='period')),
                        ('value', models.FloatField(blank=True, null=True, verbose_name='value')),
                        ('numerator', models.FloatField(blank=True, null=True, verbose_name='numerator')),
                        ('denominator', models.FloatField(blank=True, null=True, verbose_name='denominator')),
                        ('is_aggregated', models.BooleanField(default=False, help_text='Computed from the areas below, not imported.', verbose_name='aggregated')),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('area', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='observations', to='areas.area', verbose_name='area')),
                        ('batch', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='observations', to='monitoring.importbatch', verbose_name='import')),
                        ('indicator', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='observations', to='monitoring.indicator', verbose_name='indicator')),
                    ],
                    options={
                        'verbose_name': 'observation',
                        'verbose_name_plural': 'observations',
                        'ordering': ('indicator', 'period', 'area'),
                    },
                ),
                migrations.CreateModel(
                    name='SelectionRun',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=200, verbose_name='name')),
                        ('level', models.CharField(choices=[('city', 'City'), ('stadtbezirk', 'City district (Stadtbezirk)'), ('stadtraum', 'Social space (Stadtraum)'), ('stadtteil', 'Quarter (Stadtteil)'), ('ortschaft', 'Locality (Ortschaft)'), ('bezirk', 'Borough (Bezirk)'), ('prognoseraum', 'Forecast area (Prognoseraum)'), ('bezirksregion', 'District region (Bezirksregion)'), ('planungsraum', 'Planning area (Planungsraum)')], max_length=20, verbose_name='level')),
                        ('period', models.CharField(max_length=10, verbose_name='period')),
                        ('criteria', models.JSONField(verbose_name='criteria')),
                        ('constraints', models.JSONField(default=dict, verbose_name='constraints')),
                        ('number', models.PositiveSmallIntegerField(verbose_name='number of areas to select')),
                        ('result', models.JSONField(verbose_name='result')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                        ('city', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='selection_runs', to='areas.area')),
                        ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'model-area selection',
                        'verbose_name_plural': 'model-area selections',
                        'ordering': ('-created_at',),
                    },
                ),
                migrations.AddConstraint(
                    model_name='areatype',
                    constraint=models.UniqueConstraint(fields=('city', 'code'), name='area_type_code_unique'),
                ),
                migrations.AddConstraint(
                    model_name='areatypeassignment',
                    constraint=models.CheckConstraint(condition=models.Q(('ratings_mean__isnull', True), ('ratings_n__gt', 0), _connector='OR'), name='type_assignment_mean_needs_ratings'),
                ),
                migrations.AddConstraint(
                    model_name='indexresult',
                    constraint=models.UniqueConstraint(fields=('index', 'part', 'area', 'period'), name='index_result_unique'),
                ),
                migrations.AddIndex(
                    model_name='observation',
                    index=models.Index(fields=['indicator', 'period'], name='areas_obser_indicat_a1673a_idx'),
                ),
                migrations.AddConstraint(
                    model_name='observation',
                    constraint=models.UniqueConstraint(fields=('area', 'indicator', 'period'), name='observation_unique_per_period'),
                ),
                migrations.AddConstraint(
                    model_name='observation',
                    constraint=models.CheckConstraint(condition=models.Q(('denominator__isnull', True), ('denominator__gte', 0), _connector='OR'), name='observation_denominator_not_negative'),
                ),
            ],
        ),
        migrations.RenameIndex(
            model_name='observation',
            new_name='observation_indicator_period',
            old_name='areas_obser_indicat_a1673a_idx',
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
