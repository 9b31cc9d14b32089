"""Routes of the register: programmes, organisations and facilities (namespace `organisations`)."""

from django.urls import path

from . import views

app_name = "organisations"

urlpatterns = [
    path("programmas/<slug:slug>", views.programme_detail, name="programme-detail"),
    path("organisaties", views.organisation_list, name="organisation-list"),
    path("organisaties/<str:code>", views.organisation_detail, name="organisation-detail"),
    path("organisaties/<str:code>/aansluiting", views.adoption_edit, name="adoption-edit"),
    path("voorzieningen", views.facility_list, name="facility-list"),
]
