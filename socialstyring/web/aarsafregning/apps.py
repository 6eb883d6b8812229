"""The year's billing for whole agreements (årets afregning) as a background job: a national
billing run from the stays and the register's dated rates, its workbook kept."""

from django.apps import AppConfig


class AarsafregningConfig(AppConfig):
    name = "socialstyring.web.aarsafregning"
    label = "aarsafregning"
    verbose_name = "Årets afregning"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from socialstyring.web.aarsafregning import adgang, jobs  # noqa: F401  # registers the rules
        from socialstyring.web.faelles import jobarter as arter

        arter.registrer(arter.Jobart(jobs.ART, "Årets afregning", jobs.aarsafregning))
