"""URLs: login/logout, then every area's own URLs (`<app>/urls.py` with an `app_name`, its
namespace), found among the installed apps by `faelles.omraader.omraadernes_urls` — so a new
area adds no line here. An app mounts below a prefix when its AppConfig says so
(`url_praefiks`, e.g. the register's "register/")."""

from socialstyring.web.faelles.omraader import omraadernes_urls

urlpatterns = omraadernes_urls()

handler400 = "socialstyring.web.faelles.fejlsider.ugyldig_foresporgsel"  # Danish 400 page
