"""The `indberetning` app takes over its models from the former `takster` app.

State only: the tables keep their names (`db_table`), so nothing in the database changes."""

import django.core.validators
import django.db.models.deletion
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
                    name='Paamindelse',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('aar', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(2007), django.core.validators.MaxValueValidator(2100)], verbose_name='år')),
                        ('sendt', models.DateTimeField(auto_now_add=True, verbose_name='sendt')),
                        ('modtagere', models.TextField(verbose_name='modtagere')),
                        ('driftsherre', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='paamindelser', to='register.driftsherre')),
                        ('sendt_af', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'påmindelse',
                        'verbose_name_plural': 'påmindelser',
                        'db_table': 'takster_paamindelse',
                        'ordering': ('-sendt',),
                    },
                ),
            ],
        ),
    ]
