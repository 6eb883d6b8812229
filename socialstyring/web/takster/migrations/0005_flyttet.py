"""The former `takster` app's models now belong to other apps (their own migrations took them
over); remove them from this app's state. State only: the tables stay as they are."""

from typing import Any

from django.db import migrations

NYT_HJEM = {
    "takstberegning": "register",
    "takstindberetning": "register",
    "historicaltakstindberetning": "register",
    "katalog": "register",
    "paamindelse": "indberetning",
    "aendring": "aendringer",
    "historicalaendring": "aendringer",
    "regnskab": "regnskab",
    "historicalregnskab": "regnskab",
    "forbrug": "belaegning",
    "historicalforbrug": "belaegning",
    "lukningsopgoerelse": "lukning",
    "historicallukningsopgoerelse": "lukning",
}
"""Where each model of the former `takster` app lives now (model name → app label)."""


def flyt_indholdstyper(apps: Any, schema_editor: Any) -> None:
    """Move the models' content types (and so their permissions) to their new apps, so a
    database migrated from before the move holds the same rows as a fresh one."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model, app in NYT_HJEM.items():
        ContentType.objects.using(schema_editor.connection.alias).filter(app_label="takster", model=model).update(
            app_label=app
        )


def flyt_tilbage(apps: Any, schema_editor: Any) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model, app in NYT_HJEM.items():
        ContentType.objects.using(schema_editor.connection.alias).filter(app_label=app, model=model).update(
            app_label="takster"
        )


class Migration(migrations.Migration):

    dependencies = [
        ('register', '0004_fra_takster'),
        ('indberetning', '0001_fra_takster'),
        ('aendringer', '0001_fra_takster'),
        ('belaegning', '0001_fra_takster'),
        ('regnskab', '0001_fra_takster'),
        ('lukning', '0001_fra_takster'),
        ('takster', '0004_lukningsopgoerelse'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='forbrug',
                    name='ydelse',
                ),
                migrations.RemoveField(
                    model_name='historicalaendring',
                    name='history_user',
                ),
                migrations.RemoveField(
                    model_name='historicalaendring',
                    name='oprettet_af',
                ),
                migrations.RemoveField(
                    model_name='historicalaendring',
                    name='tilbud',
                ),
                migrations.RemoveField(
                    model_name='historicalaendring',
                    name='ydelse',
                ),
                migrations.RemoveField(
                    model_name='historicalforbrug',
                    name='history_user',
                ),
                migrations.RemoveField(
                    model_name='historicalforbrug',
                    name='ydelse',
                ),
                migrations.RemoveField(
                    model_name='historicallukningsopgoerelse',
                    name='history_user',
                ),
                migrations.RemoveField(
                    model_name='historicallukningsopgoerelse',
                    name='oprettet_af',
                ),
                migrations.RemoveField(
                    model_name='historicallukningsopgoerelse',
                    name='tilbud',
                ),
                migrations.RemoveField(
                    model_name='historicalregnskab',
                    name='history_user',
                ),
                migrations.RemoveField(
                    model_name='historicalregnskab',
                    name='tilbud',
                ),
                migrations.RemoveField(
                    model_name='historicaltakstindberetning',
                    name='driftsherre',
                ),
                migrations.RemoveField(
                    model_name='historicaltakstindberetning',
                    name='history_user',
                ),
                migrations.RemoveField(
                    model_name='historicaltakstindberetning',
                    name='indsendt_af',
                ),
                migrations.RemoveField(
                    model_name='katalog',
                    name='offentliggjort_af',
                ),
                migrations.RemoveField(
                    model_name='katalog',
                    name='rammeaftale',
                ),
                migrations.RemoveField(
                    model_name='lukningsopgoerelse',
                    name='oprettet_af',
                ),
                migrations.RemoveField(
                    model_name='lukningsopgoerelse',
                    name='tilbud',
                ),
                migrations.RemoveField(
                    model_name='paamindelse',
                    name='driftsherre',
                ),
                migrations.RemoveField(
                    model_name='paamindelse',
                    name='sendt_af',
                ),
                migrations.RemoveField(
                    model_name='regnskab',
                    name='tilbud',
                ),
                migrations.RemoveField(
                    model_name='takstberegning',
                    name='tilbud',
                ),
                migrations.RemoveField(
                    model_name='takstindberetning',
                    name='driftsherre',
                ),
                migrations.RemoveField(
                    model_name='takstindberetning',
                    name='indsendt_af',
                ),
                migrations.DeleteModel(
                    name='Aendring',
                ),
                migrations.DeleteModel(
                    name='Forbrug',
                ),
                migrations.DeleteModel(
                    name='HistoricalAendring',
                ),
                migrations.DeleteModel(
                    name='HistoricalForbrug',
                ),
                migrations.DeleteModel(
                    name='HistoricalLukningsopgoerelse',
                ),
                migrations.DeleteModel(
                    name='HistoricalRegnskab',
                ),
                migrations.DeleteModel(
                    name='HistoricalTakstindberetning',
                ),
                migrations.DeleteModel(
                    name='Katalog',
                ),
                migrations.DeleteModel(
                    name='Lukningsopgoerelse',
                ),
                migrations.DeleteModel(
                    name='Paamindelse',
                ),
                migrations.DeleteModel(
                    name='Regnskab',
                ),
                migrations.DeleteModel(
                    name='Takstberegning',
                ),
                migrations.DeleteModel(
                    name='Takstindberetning',
                ),
            ],
        ),
        migrations.RunPython(flyt_indholdstyper, flyt_tilbage),
    ]
