"""The user model no longer points at feature apps.

A coordinator's areas become `areas.Area.coordinators` (the same table, renamed there in
areas 0005); a member's organisation becomes `network.Membership`, whose migration copies
the links before the column goes (it runs before this one).
"""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0002_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='user',
                    name='areas',
                ),
            ],
        ),
        migrations.RemoveField(
            model_name='historicaluser',
            name='organisation',
        ),
        migrations.RemoveField(
            model_name='user',
            name='organisation',
        ),
    ]
