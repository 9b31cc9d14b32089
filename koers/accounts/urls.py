"""Routes of a person's own pages (namespace `accounts`)."""

from django.urls import path

from .views import my_work

app_name = "accounts"

urlpatterns = [
    path("mijn-werk/", my_work, name="my-work"),
]
