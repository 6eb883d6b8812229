"""Background jobs (baggrundsjob): long work — a national billing run, a large PDF, the national
demo's load — runs outside the web request, on the job queue in PostgreSQL (procrastinate), with
its progress on the job's page and its result kept."""

from django.apps import AppConfig


class JobberConfig(AppConfig):
    name = "socialstyring.web.jobber"
    label = "jobber"
    verbose_name = "Baggrundsjob"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from socialstyring.web.jobber import adgang, omraade  # noqa: F401  # registers the rules

        omraade.registrer()
        from socialstyring.web.faelles import jobarter as arter

        # The national demo's load (`socialstyring demo national --baggrund`), named by its path:
        # it is imported only by a worker that runs such a job, which only that command queues.
        arter.registrer(
            arter.Jobart("demo_national", "Landsdækkende demodata", "socialstyring.demo.job:indlaes")
        )
