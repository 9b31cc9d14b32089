"""The site's routes: one include per app, in the order of the cycle, each in its namespace."""

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from koers.core.forms import LoginForm
from koers.organisations import views as organisations_views

# The admin is part of Koers, for its functional administrators, not "Django-beheer".
admin.site.site_header = _("Koers – beheer")
admin.site.site_title = _("Koers – beheer")
admin.site.index_title = _("Register, programma's en rollen beheren")

urlpatterns = [
    path("", organisations_views.home, name="home"),
    path("", include("koers.organisations.urls")),
    path("", include("koers.accounts.urls")),
    path("", include("koers.consultation.urls")),
    path("", include("koers.synthesis.urls")),
    path("", include("koers.drafting.urls")),
    path("", include("koers.council.urls")),
    path("", include("koers.elaboration.urls")),
    path("", include("koers.monitoring.urls")),
    path("", include("koers.news.urls")),
    path("", include("koers.documents.urls")),
    path("inloggen", auth_views.LoginView.as_view(authentication_form=LoginForm), name="login"),
    path("uitloggen", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include("koers.api.urls")),
    path("beheer/", admin.site.urls),
]

# Sign-on with an organisation account: its routes exist only when it is configured.
if settings.OIDC_ENABLED:
    from koers.accounts import oidc

    urlpatterns = oidc.urlpatterns() + urlpatterns

# Under /api/ these answer with a problem (application/problem+json); elsewhere with the pages.
handler400 = "koers.core.problems.bad_request"
handler403 = "koers.core.problems.permission_denied"
handler404 = "koers.core.problems.not_found"
handler500 = "koers.core.problems.server_error"
