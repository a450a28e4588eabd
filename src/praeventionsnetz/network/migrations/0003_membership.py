"""A member's organisation moves from the user model to network.Membership, rows copied."""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


def copy_memberships(apps, schema_editor):
    user_model = apps.get_model("core", "User")
    membership_model = apps.get_model("network", "Membership")
    membership_model.objects.bulk_create(
        membership_model(user_id=user_id, organisation_id=organisation_id)
        for user_id, organisation_id in user_model.objects.filter(
            organisation__isnull=False
        ).values_list("pk", "organisation_id")
    )


def copy_memberships_back(apps, schema_editor):
    user_model = apps.get_model("core", "User")
    for membership in apps.get_model("network", "Membership").objects.all():
        user_model.objects.filter(pk=membership.user_id).update(
            organisation_id=membership.organisation_id
        )


class Migration(migrations.Migration):

    dependencies = [
        ('network', '0002_registry_ties_waves'),
        ('core', '0002_initial'),
    ]
    # The user's organisation column is read here before core 0003 drops it.
    run_before = [('core', '0003_scopes_move_to_their_apps')]

    operations = [
        migrations.CreateModel(
            name='HistoricalMembership',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('organisation', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='network.organisation', verbose_name='organisation')),
                ('user', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='user')),
            ],
            options={
                'verbose_name': 'historical membership',
                'verbose_name_plural': 'historical memberships',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='Membership',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='memberships', to='network.organisation', verbose_name='organisation')),
                ('user', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='membership', to=settings.AUTH_USER_MODEL, verbose_name='user')),
            ],
            options={
                'verbose_name': 'membership',
                'verbose_name_plural': 'memberships',
            },
        ),
        migrations.RunPython(copy_memberships, copy_memberships_back),
    ]
