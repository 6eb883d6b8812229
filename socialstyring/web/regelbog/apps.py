from django.apps import AppConfig


class RegelbogConfig(AppConfig):
    name = "socialstyring.web.regelbog"
    label = "regelbog"
    verbose_name = "Regelbog"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.core.signals import request_finished, request_started
        from django.db.models.signals import post_delete, post_save

        from socialstyring.web.regelbog import omraade, selectors
        from socialstyring.web.regelbog.models import Regelaendring

        omraade.registrer()
        # the effective rulebook's key is asked for once per request (selectors._noegle)
        request_started.connect(selectors.forespoergsel_begynder, dispatch_uid="regelbog.begynder")
        request_finished.connect(selectors.forespoergsel_slutter, dispatch_uid="regelbog.slutter")
        post_save.connect(selectors.glem_noeglen, sender=Regelaendring, dispatch_uid="regelbog.gemt")
        post_delete.connect(selectors.glem_noeglen, sender=Regelaendring, dispatch_uid="regelbog.slettet")
