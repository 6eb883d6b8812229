"""The project's URLs as they are with the example area installed (built when imported)."""

from socialstyring.web.faelles.omraader import omraadernes_urls

urlpatterns = omraadernes_urls()
