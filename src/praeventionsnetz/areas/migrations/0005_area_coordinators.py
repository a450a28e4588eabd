"""A coordinator's areas, declared on the area: the table of `core.User.areas` is kept."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('areas', '0004_move_monitoring_out'),
        ('core', '0003_scopes_move_to_their_apps'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddField(
                    model_name='area',
                    name='coordinators',
                    field=models.ManyToManyField(blank=True, db_table='core_user_areas', help_text='For coordinators: the areas they are responsible for.', related_name='areas', to=settings.AUTH_USER_MODEL, verbose_name='coordinators'),
                ),
            ],
        ),
        # Now rename the kept table to this app's name.
        migrations.AlterField(
            model_name='area',
            name='coordinators',
            field=models.ManyToManyField(blank=True, help_text='For coordinators: the areas they are responsible for.', related_name='areas', to=settings.AUTH_USER_MODEL, verbose_name='coordinators'),
        ),
    ]
