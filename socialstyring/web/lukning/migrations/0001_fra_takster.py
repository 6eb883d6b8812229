"""The `lukning` app takes over its models from the former `takster` app.

State only: the tables keep their names (`db_table`), so nothing in the database changes."""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('takster', '0004_lukningsopgoerelse'),
        ('register', '0004_fra_takster'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='HistoricalLukningsopgoerelse',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('opgoerelse', models.CharField(choices=[('foreloebig', 'Foreløbig opgørelse'), ('endelig', 'Endelig opgørelse')], max_length=10, verbose_name='opgørelse')),
                        ('beslutningsdato', models.DateField(verbose_name='beslutningsdato')),
                        ('center', models.CharField(max_length=200, verbose_name='center/ledelsesområde')),
                        ('tilbuddets_resultat', models.DecimalField(decimal_places=2, max_digits=14, verbose_name='tilbuddets resultat')),
                        ('centrets_resultat', models.DecimalField(decimal_places=2, max_digits=14, verbose_name='centrets samlede resultat')),
                        ('kommuner', models.JSONField(default=list, help_text='[{kode, navn, belaegningsdage: {år: dage}}]', verbose_name='betalingskommuner')),
                        ('resultat', models.JSONField(default=dict, verbose_name='opgørelse og beregningsspor')),
                        ('oprettet', models.DateTimeField(blank=True, editable=False, verbose_name='oprettet')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('oprettet_af', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('tilbud', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='register.tilbud', verbose_name='tilbud')),
                    ],
                    options={
                        'verbose_name': 'historical lukningsopgørelse',
                        'verbose_name_plural': 'historical lukningsopgørelser',
                        'db_table': 'takster_historicallukningsopgoerelse',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='Lukningsopgoerelse',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('opgoerelse', models.CharField(choices=[('foreloebig', 'Foreløbig opgørelse'), ('endelig', 'Endelig opgørelse')], max_length=10, verbose_name='opgørelse')),
                        ('beslutningsdato', models.DateField(verbose_name='beslutningsdato')),
                        ('center', models.CharField(max_length=200, verbose_name='center/ledelsesområde')),
                        ('tilbuddets_resultat', models.DecimalField(decimal_places=2, max_digits=14, verbose_name='tilbuddets resultat')),
                        ('centrets_resultat', models.DecimalField(decimal_places=2, max_digits=14, verbose_name='centrets samlede resultat')),
                        ('kommuner', models.JSONField(default=list, help_text='[{kode, navn, belaegningsdage: {år: dage}}]', verbose_name='betalingskommuner')),
                        ('resultat', models.JSONField(default=dict, verbose_name='opgørelse og beregningsspor')),
                        ('oprettet', models.DateTimeField(auto_now_add=True, verbose_name='oprettet')),
                        ('oprettet_af', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('tilbud', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='lukningsopgoerelser', to='register.tilbud', verbose_name='tilbud')),
                    ],
                    options={
                        'verbose_name': 'lukningsopgørelse',
                        'verbose_name_plural': 'lukningsopgørelser',
                        'db_table': 'takster_lukningsopgoerelse',
                        'ordering': ('-oprettet',),
                    },
                ),
            ],
        ),
    ]
