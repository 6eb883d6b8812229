"""`Befolkning` now belongs to the `befolkning` app; remove it from the register's state (its
content type moves along). State only: the table stays as it is."""

from typing import Any

from django.db import migrations


def flyt_indholdstype(apps: Any, schema_editor: Any) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    ContentType.objects.using(db).filter(app_label="register", model="befolkning").update(app_label="befolkning")


def flyt_tilbage(apps: Any, schema_editor: Any) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    ContentType.objects.using(db).filter(app_label="befolkning", model="befolkning").update(app_label="register")


class Migration(migrations.Migration):

    dependencies = [
        ('befolkning', '0001_fra_register'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('register', '0004_fra_takster'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(
                    name='Befolkning',
                ),
            ],
        ),
        migrations.RunPython(flyt_indholdstype, flyt_tilbage),
    ]
