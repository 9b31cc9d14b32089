from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from koers.core import views as core_views
from koers.core.forms import LoginForm

urlpatterns = [
    path("", core_views.home, name="home"),
    path("", include("koers.organisations.urls")),
    path("", include("koers.consultation.urls")),
    path("", include("koers.synthesis.urls")),
    path("", include("koers.agenda.urls")),
    path("", include("koers.documents.urls")),
    path("inloggen", auth_views.LoginView.as_view(authentication_form=LoginForm), name="login"),
    path("uitloggen", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include("koers.api.urls")),
    path("beheer/", admin.site.urls),
]

# Under /api/ these answer with a problem (application/problem+json); elsewhere with the pages.
handler400 = "koers.api.problems.bad_request"
handler403 = "koers.api.problems.permission_denied"
handler404 = "koers.api.problems.not_found"
handler500 = "koers.api.problems.server_error"
