"""Monitoring moves to its own app: the tables are renamed, the rows stay.

The models leave this app's state here and enter the state of `monitoring` in its first
migration, which creates nothing in the database.
"""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('areas', '0003_monitoring'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AlterModelTable(name='areatype', table='monitoring_areatype'),
                migrations.AlterModelTable(name='areatypeassignment', table='monitoring_areatypeassignment'),
                migrations.AlterModelTable(name='compositeindex', table='monitoring_compositeindex'),
                migrations.AlterModelTable(name='importbatch', table='monitoring_importbatch'),
                migrations.AlterModelTable(name='indexresult', table='monitoring_indexresult'),
                migrations.AlterModelTable(name='indicator', table='monitoring_indicator'),
                migrations.AlterModelTable(name='observation', table='monitoring_observation'),
                migrations.AlterModelTable(name='selectionrun', table='monitoring_selectionrun'),
                migrations.AlterModelTable(name='historicalareatype', table='monitoring_historicalareatype'),
                migrations.AlterModelTable(name='historicalareatypeassignment', table='monitoring_historicalareatypeassignment'),
                migrations.AlterModelTable(name='historicalcompositeindex', table='monitoring_historicalcompositeindex'),
                migrations.AlterModelTable(name='historicalimportbatch', table='monitoring_historicalimportbatch'),
                migrations.AlterModelTable(name='historicalindexresult', table='monitoring_historicalindexresult'),
                migrations.AlterModelTable(name='historicalindicator', table='monitoring_historicalindicator'),
                migrations.AlterModelTable(name='historicalobservation', table='monitoring_historicalobservation'),
                migrations.AlterModelTable(name='historicalselectionrun', table='monitoring_historicalselectionrun'),
            ],
            state_operations=[
            migrations.RemoveField(
                model_name='historicalareatypeassignment',
                name='area_type',
            ),
            migrations.RemoveField(
                model_name='areatypeassignment',
                name='area_type',
            ),
            migrations.RemoveField(
                model_name='areatypeassignment',
                name='area',
            ),
            migrations.RemoveField(
                model_name='historicalindexresult',
                name='index',
            ),
            migrations.RemoveField(
                model_name='indexresult',
                name='index',
            ),
            migrations.RemoveField(
                model_name='historicalareatype',
                name='city',
            ),
            migrations.RemoveField(
                model_name='historicalareatype',
                name='history_user',
            ),
            migrations.RemoveField(
                model_name='historicalareatypeassignment',
                name='area',
            ),
            migrations.RemoveField(
                model_name='historicalareatypeassignment',
                name='history_user',
            ),
            migrations.RemoveField(
                model_name='historicalcompositeindex',
                name='history_user',
            ),
            migrations.RemoveField(
                model_name='historicalimportbatch',
                name='history_user',
            ),
            migrations.RemoveField(
                model_name='historicalimportbatch',
                name='imported_by',
            ),
            migrations.RemoveField(
                model_name='historicalindexresult',
                name='area',
            ),
            migrations.RemoveField(
                model_name='historicalindexresult',
                name='history_user',
            ),
            migrations.RemoveField(
                model_name='historicalindicator',
                name='history_user',
            ),
            migrations.RemoveField(
                model_name='historicalobservation',
                name='area',
            ),
            migrations.RemoveField(
                model_name='historicalobservation',
                name='batch',
            ),
            migrations.RemoveField(
                model_name='historicalobservation',
                name='history_user',
            ),
            migrations.RemoveField(
                model_name='historicalobservation',
                name='indicator',
            ),
            migrations.RemoveField(
                model_name='historicalselectionrun',
                name='city',
            ),
            migrations.RemoveField(
                model_name='historicalselectionrun',
                name='created_by',
            ),
            migrations.RemoveField(
                model_name='historicalselectionrun',
                name='history_user',
            ),
            migrations.RemoveField(
                model_name='importbatch',
                name='imported_by',
            ),
            migrations.RemoveField(
                model_name='observation',
                name='batch',
            ),
            migrations.RemoveField(
                model_name='indexresult',
                name='area',
            ),
            migrations.RemoveField(
                model_name='observation',
                name='indicator',
            ),
            migrations.RemoveField(
                model_name='observation',
                name='area',
            ),
            migrations.RemoveField(
                model_name='selectionrun',
                name='city',
            ),
            migrations.RemoveField(
                model_name='selectionrun',
                name='created_by',
            ),
            migrations.DeleteModel(
                name='AreaType',
            ),
            migrations.DeleteModel(
                name='AreaTypeAssignment',
            ),
            migrations.DeleteModel(
                name='CompositeIndex',
            ),
            migrations.DeleteModel(
                name='HistoricalAreaType',
            ),
            migrations.DeleteModel(
                name='HistoricalAreaTypeAssignment',
            ),
            migrations.DeleteModel(
                name='HistoricalCompositeIndex',
            ),
            migrations.DeleteModel(
                name='HistoricalImportBatch',
            ),
            migrations.DeleteModel(
                name='HistoricalIndexResult',
            ),
            migrations.DeleteModel(
                name='HistoricalIndicator',
            ),
            migrations.DeleteModel(
                name='HistoricalObservation',
            ),
            migrations.DeleteModel(
                name='HistoricalSelectionRun',
            ),
            migrations.DeleteModel(
                name='ImportBatch',
            ),
            migrations.DeleteModel(
                name='IndexResult',
            ),
            migrations.DeleteModel(
                name='Indicator',
            ),
            migrations.DeleteModel(
                name='Observation',
            ),
            migrations.DeleteModel(
                name='SelectionRun',
            ),
            ],
        ),
    ]
