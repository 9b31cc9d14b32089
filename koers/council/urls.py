"""Routes of the council: meetings, decisions and change recommendations, adoption (namespace `council`)."""

from django.urls import path

from .views import (
    decision_list,
    item_add,
    item_decide,
    meeting_adopt,
    meeting_create,
    meeting_detail,
    meeting_hold,
    meeting_list,
    recommendation_add,
    recommendation_decide,
)

PREFIX = "programmas/<slug:slug>/regieraad"

app_name = "council"

urlpatterns = [
    # views
    path(PREFIX, meeting_list, name="council-meetings"),
    path(PREFIX + "/plannen", meeting_create, name="council-meeting-create"),
    path(PREFIX + "/<int:pk>", meeting_detail, name="council-meeting"),
    path(PREFIX + "/<int:pk>/agendapunten", item_add, name="council-item-add"),
    path(
        PREFIX + "/<int:pk>/agendapunten/<int:item_pk>/besluit",
        item_decide,
        name="council-item-decide",
    ),
    path(
        PREFIX + "/<int:pk>/wijzigingsvoorstellen",
        recommendation_add,
        name="council-recommendation-add",
    ),
    path(
        PREFIX + "/<int:pk>/wijzigingsvoorstellen/<int:rec_pk>/besluit",
        recommendation_decide,
        name="council-recommendation-decide",
    ),
    path(PREFIX + "/<int:pk>/verslag", meeting_hold, name="council-meeting-hold"),
    path(PREFIX + "/<int:pk>/vaststellen", meeting_adopt, name="council-meeting-adopt"),
    path("programmas/<slug:slug>/besluiten", decision_list, name="council-decisions"),
]
