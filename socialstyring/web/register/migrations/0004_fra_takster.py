"""Takstberegning, Takstindberetning and Katalog move here from the former `takster` app.

State only: the tables keep their names (`db_table`), so nothing in the database changes."""

import django.core.validators
import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('takster', '0004_lukningsopgoerelse'),
        ('register', '0003_aarspladser_seks_decimaler'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='HistoricalTakstindberetning',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('aar', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(2007), django.core.validators.MaxValueValidator(2100)], verbose_name='år')),
                        ('status', models.CharField(choices=[('udkast', 'Udkast'), ('indsendt', 'Indsendt'), ('godkendt', 'Godkendt')], default='udkast', max_length=10, verbose_name='status')),
                        ('indsendt', models.DateTimeField(blank=True, null=True, verbose_name='indsendt')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('driftsherre', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='register.driftsherre')),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('indsendt_af', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'historical takstindberetning',
                        'verbose_name_plural': 'historical takstindberetninger',
                        'db_table': 'takster_historicaltakstindberetning',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='Takstberegning',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('aar', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(2007), django.core.validators.MaxValueValidator(2100)], verbose_name='år')),
                        ('grundlag', models.JSONField(help_text='Takstgrundlag som JSON; tal som tekst', verbose_name='takstgrundlag')),
                        ('oprettet', models.DateTimeField(auto_now_add=True, verbose_name='oprettet')),
                        ('aendret', models.DateTimeField(auto_now=True, verbose_name='ændret')),
                        ('tilbud', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='takstberegninger', to='register.tilbud', verbose_name='tilbud')),
                    ],
                    options={
                        'verbose_name': 'takstberegning',
                        'verbose_name_plural': 'takstberegninger',
                        'db_table': 'takster_takstberegning',
                        'ordering': ('tilbud__navn', 'aar'),
                    },
                ),
                migrations.AlterField(
                    model_name='historicalydelsesaar',
                    name='takstberegning',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='register.takstberegning'),
                ),
                migrations.AlterField(
                    model_name='ydelsesaar',
                    name='takstberegning',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='ydelsesaar', to='register.takstberegning'),
                ),
                migrations.CreateModel(
                    name='Takstindberetning',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('aar', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(2007), django.core.validators.MaxValueValidator(2100)], verbose_name='år')),
                        ('status', models.CharField(choices=[('udkast', 'Udkast'), ('indsendt', 'Indsendt'), ('godkendt', 'Godkendt')], default='udkast', max_length=10, verbose_name='status')),
                        ('indsendt', models.DateTimeField(blank=True, null=True, verbose_name='indsendt')),
                        ('driftsherre', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='indberetninger', to='register.driftsherre')),
                        ('indsendt_af', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'takstindberetning',
                        'verbose_name_plural': 'takstindberetninger',
                        'db_table': 'takster_takstindberetning',
                    },
                ),
                migrations.CreateModel(
                    name='Katalog',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('aar', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(2007), django.core.validators.MaxValueValidator(2100)], verbose_name='år')),
                        ('version', models.PositiveSmallIntegerField(default=1, verbose_name='version')),
                        ('offentliggjort', models.DateTimeField(auto_now_add=True, verbose_name='offentliggjort')),
                        ('indhold', models.JSONField(verbose_name='indhold')),
                        ('offentliggjort_af', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('rammeaftale', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='kataloger', to='register.rammeaftale')),
                    ],
                    options={
                        'verbose_name': 'takstkatalog',
                        'verbose_name_plural': 'takstkataloger',
                        'db_table': 'takster_katalog',
                        'ordering': ('-aar', '-version'),
                        'constraints': [models.UniqueConstraint(fields=('rammeaftale', 'aar', 'version'), name='katalog_unik_version')],
                    },
                ),
                migrations.AddConstraint(
                    model_name='takstberegning',
                    constraint=models.UniqueConstraint(fields=('tilbud', 'aar'), name='takstberegning_unik_pr_tilbud_og_aar'),
                ),
                migrations.AddConstraint(
                    model_name='takstindberetning',
                    constraint=models.UniqueConstraint(fields=('driftsherre', 'aar'), name='indberetning_unik'),
                ),
            ],
        ),
    ]
