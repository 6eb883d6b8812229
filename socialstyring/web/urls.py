"""URLs: login/logout (Django's auth views, Danish templates) and the takster pages."""

from django.contrib.auth import views as auth_views
from django.urls import include, path

urlpatterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(template_name="takster/login.html", redirect_authenticated_user=True),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(next_page="login"), name="logout"),
    path("register/", include("socialstyring.web.register.urls")),
    path("", include("socialstyring.web.takster.urls")),
]
