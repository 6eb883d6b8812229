"""The `aendringer` app takes over its models from the former `takster` app.

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
                    name='Aendring',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('type', models.CharField(choices=[('takstforhoejelse', 'Takstforhøjelse'), ('takstnedsaettelse', 'Takstnedsættelse'), ('teknisk_fejl', 'Rettelse af teknisk fejl i takstberegningen'), ('flere_pladser', 'Oprettelse af flere pladser'), ('faerre_pladser', 'Nedlæggelse af pladser'), ('lukning', 'Lukning af tilbud')], max_length=20, verbose_name='type')),
                        ('begrundelse', models.TextField(verbose_name='begrundelse')),
                        ('gammel_takst', models.DecimalField(blank=True, decimal_places=2, max_digits=14, null=True, verbose_name='takst før')),
                        ('ny_takst', models.DecimalField(blank=True, decimal_places=2, max_digits=14, null=True, verbose_name='takst efter')),
                        ('gamle_pladser', models.DecimalField(blank=True, decimal_places=2, max_digits=8, null=True, verbose_name='pladser før')),
                        ('nye_pladser', models.DecimalField(blank=True, decimal_places=2, max_digits=8, null=True, verbose_name='pladser efter')),
                        ('beslutningsdato', models.DateField(verbose_name='beslutningsdato')),
                        ('ikrafttraedelse', models.DateField(verbose_name='ikrafttrædelse')),
                        ('kraever_hoering', models.BooleanField(default=False, verbose_name='kræver høring i Socialdirektørforum')),
                        ('konsekvens', models.JSONField(blank=True, default=dict, verbose_name='konsekvenser og beregningsspor')),
                        ('oprettet', models.DateTimeField(auto_now_add=True, verbose_name='oprettet')),
                        ('oprettet_af', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('tilbud', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='aendringer', to='register.tilbud')),
                        ('ydelse', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='aendringer', to='register.ydelse')),
                    ],
                    options={
                        'verbose_name': 'ændring i året',
                        'verbose_name_plural': 'ændringer i året',
                        'db_table': 'takster_aendring',
                        'ordering': ('-beslutningsdato',),
                    },
                ),
                migrations.CreateModel(
                    name='HistoricalAendring',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('type', models.CharField(choices=[('takstforhoejelse', 'Takstforhøjelse'), ('takstnedsaettelse', 'Takstnedsættelse'), ('teknisk_fejl', 'Rettelse af teknisk fejl i takstberegningen'), ('flere_pladser', 'Oprettelse af flere pladser'), ('faerre_pladser', 'Nedlæggelse af pladser'), ('lukning', 'Lukning af tilbud')], max_length=20, verbose_name='type')),
                        ('begrundelse', models.TextField(verbose_name='begrundelse')),
                        ('gammel_takst', models.DecimalField(blank=True, decimal_places=2, max_digits=14, null=True, verbose_name='takst før')),
                        ('ny_takst', models.DecimalField(blank=True, decimal_places=2, max_digits=14, null=True, verbose_name='takst efter')),
                        ('gamle_pladser', models.DecimalField(blank=True, decimal_places=2, max_digits=8, null=True, verbose_name='pladser før')),
                        ('nye_pladser', models.DecimalField(blank=True, decimal_places=2, max_digits=8, null=True, verbose_name='pladser efter')),
                        ('beslutningsdato', models.DateField(verbose_name='beslutningsdato')),
                        ('ikrafttraedelse', models.DateField(verbose_name='ikrafttrædelse')),
                        ('kraever_hoering', models.BooleanField(default=False, verbose_name='kræver høring i Socialdirektørforum')),
                        ('konsekvens', models.JSONField(blank=True, default=dict, verbose_name='konsekvenser og beregningsspor')),
                        ('oprettet', models.DateTimeField(blank=True, editable=False, verbose_name='oprettet')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('oprettet_af', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('tilbud', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='register.tilbud')),
                        ('ydelse', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='register.ydelse')),
                    ],
                    options={
                        'verbose_name': 'historical ændring i året',
                        'verbose_name_plural': 'historical ændringer i året',
                        'db_table': 'takster_historicalaendring',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
            ],
        ),
    ]
