"""The front page, login and logout (Django's auth views with Danish templates)."""

from django.contrib.auth import views as auth_views
from django.urls import path

from socialstyring.web.faelles import views

app_name = "faelles"

urlpatterns = [
    path("", views.forside, name="forside"),
]

login_urlpatterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(template_name="faelles/login.html", redirect_authenticated_user=True),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(next_page="login"), name="logout"),
]
