"""The `befolkning` app takes over `Befolkning` from the register.

State only: the table keeps its name (`db_table`), so nothing in the database changes."""

import django.core.validators
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('register', '0004_fra_takster'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Befolkning',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('aar', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(2007), django.core.validators.MaxValueValidator(2100)], verbose_name='år')),
                        ('aldersgruppe', models.CharField(choices=[('0-17', '0–17 år'), ('18-64', '18–64 år'), ('65+', '65 år og derover')], max_length=5, verbose_name='aldersgruppe')),
                        ('antal', models.PositiveIntegerField(verbose_name='antal')),
                        ('kommune', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='befolkning', to='register.kommune')),
                    ],
                    options={
                        'verbose_name': 'befolkningstal',
                        'verbose_name_plural': 'befolkningstal',
                        'db_table': 'register_befolkning',
                        'constraints': [models.UniqueConstraint(fields=('kommune', 'aar', 'aldersgruppe'), name='befolkning_unik')],
                    },
                ),
            ],
        ),
    ]
