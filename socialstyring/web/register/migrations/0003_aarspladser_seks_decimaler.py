from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("register", "0002_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="historicalydelsesaar",
            name="faktiske_aarspladser",
            field=models.DecimalField(
                blank=True, decimal_places=6, max_digits=14, null=True, verbose_name="faktisk belægning (årspladser)"
            ),
        ),
        migrations.AlterField(
            model_name="ydelsesaar",
            name="faktiske_aarspladser",
            field=models.DecimalField(
                blank=True, decimal_places=6, max_digits=14, null=True, verbose_name="faktisk belægning (årspladser)"
            ),
        ),
    ]
