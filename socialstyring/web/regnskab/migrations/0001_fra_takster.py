"""The `regnskab` app takes over its models from the former `takster` app.

State only: the tables keep their names (`db_table`), so nothing in the database changes."""

import django.core.validators
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
                    name='HistoricalRegnskab',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('aar', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(2007), django.core.validators.MaxValueValidator(2100)], verbose_name='år')),
                        ('omkostninger', models.DecimalField(decimal_places=2, max_digits=14, verbose_name='omkostninger')),
                        ('takstindtaegter', models.DecimalField(decimal_places=2, max_digits=14, verbose_name='takstindtægter')),
                        ('tillaegsindtaegter', models.DecimalField(decimal_places=2, default=0, max_digits=14, verbose_name='tillægsindtægter')),
                        ('andre_indtaegter', models.DecimalField(decimal_places=2, default=0, max_digits=14, verbose_name='andre indtægter')),
                        ('grundlag', models.DecimalField(decimal_places=2, help_text='regelbogens efterregulering.grundlag, fx det omkostningsbaserede budget', max_digits=14, verbose_name='grundlag for 5 %-reglen')),
                        ('note', models.TextField(blank=True, verbose_name='note')),
                        ('aendret', models.DateTimeField(blank=True, editable=False, verbose_name='ændret')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('tilbud', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='register.tilbud', verbose_name='tilbud')),
                    ],
                    options={
                        'verbose_name': 'historical regnskab',
                        'verbose_name_plural': 'historical regnskaber',
                        'db_table': 'takster_historicalregnskab',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='Regnskab',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('aar', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(2007), django.core.validators.MaxValueValidator(2100)], verbose_name='år')),
                        ('omkostninger', models.DecimalField(decimal_places=2, max_digits=14, verbose_name='omkostninger')),
                        ('takstindtaegter', models.DecimalField(decimal_places=2, max_digits=14, verbose_name='takstindtægter')),
                        ('tillaegsindtaegter', models.DecimalField(decimal_places=2, default=0, max_digits=14, verbose_name='tillægsindtægter')),
                        ('andre_indtaegter', models.DecimalField(decimal_places=2, default=0, max_digits=14, verbose_name='andre indtægter')),
                        ('grundlag', models.DecimalField(decimal_places=2, help_text='regelbogens efterregulering.grundlag, fx det omkostningsbaserede budget', max_digits=14, verbose_name='grundlag for 5 %-reglen')),
                        ('note', models.TextField(blank=True, verbose_name='note')),
                        ('aendret', models.DateTimeField(auto_now=True, verbose_name='ændret')),
                        ('tilbud', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='regnskaber', to='register.tilbud', verbose_name='tilbud')),
                    ],
                    options={
                        'verbose_name': 'regnskab',
                        'verbose_name_plural': 'regnskaber',
                        'db_table': 'takster_regnskab',
                        'ordering': ('tilbud__navn', 'aar'),
                        'constraints': [models.UniqueConstraint(fields=('tilbud', 'aar'), name='regnskab_unik_pr_tilbud_og_aar')],
                    },
                ),
            ],
        ),
    ]
