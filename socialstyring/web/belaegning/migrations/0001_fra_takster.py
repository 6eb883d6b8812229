"""The `belaegning` app takes over its models from the former `takster` app.

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
                    name='HistoricalForbrug',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('aar', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(2007), django.core.validators.MaxValueValidator(2100)], verbose_name='år')),
                        ('kvartal', models.PositiveSmallIntegerField(choices=[(1, 'Q1'), (2, 'Q2'), (3, 'Q3'), (4, 'Q4')], verbose_name='kvartal')),
                        ('brugte_dage', models.DecimalField(decimal_places=2, max_digits=10, verbose_name='brugte dage')),
                        ('aendret', models.DateTimeField(blank=True, editable=False, verbose_name='ændret')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('ydelse', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='register.ydelse', verbose_name='ydelse')),
                    ],
                    options={
                        'verbose_name': 'historical forbrug',
                        'verbose_name_plural': 'historical forbrug',
                        'db_table': 'takster_historicalforbrug',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='Forbrug',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('aar', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(2007), django.core.validators.MaxValueValidator(2100)], verbose_name='år')),
                        ('kvartal', models.PositiveSmallIntegerField(choices=[(1, 'Q1'), (2, 'Q2'), (3, 'Q3'), (4, 'Q4')], verbose_name='kvartal')),
                        ('brugte_dage', models.DecimalField(decimal_places=2, max_digits=10, verbose_name='brugte dage')),
                        ('aendret', models.DateTimeField(auto_now=True, verbose_name='ændret')),
                        ('ydelse', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='forbrug', to='register.ydelse', verbose_name='ydelse')),
                    ],
                    options={
                        'verbose_name': 'forbrug',
                        'verbose_name_plural': 'forbrug',
                        'db_table': 'takster_forbrug',
                        'ordering': ('ydelse__tilbud__navn', 'ydelse__navn', 'aar', 'kvartal'),
                        'constraints': [models.UniqueConstraint(fields=('ydelse', 'aar', 'kvartal'), name='forbrug_unikt_pr_kvartal'), models.CheckConstraint(condition=models.Q(('brugte_dage__gte', 0)), name='forbrug_ikke_negativt')],
                    },
                ),
            ],
        ),
    ]
