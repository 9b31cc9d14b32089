"""Routes of the news: the archive per programme, family and tag, each with its Atom feed; a
post's stable address (its number, then its title's slug); the office's list and form
(namespace `news`)."""

from django.urls import path

from .views import (
    archive,
    family_archive,
    family_feed,
    issue_archive,
    issue_create,
    issue_detail,
    issue_edit,
    issue_preview,
    issue_send,
    issue_test,
    newsletter_office,
    office_list,
    post_create,
    post_detail,
    post_edit,
    post_image,
    programme_feed,
    subscription,
    suggestion_dismiss,
    suggestion_publish,
    tag_archive,
    tag_feed,
    unsubscribe,
)

app_name = "news"

NEWS = "programmas/<slug:slug>/nieuws"
LETTERS = "programmas/<slug:slug>/nieuwsbrieven"

urlpatterns = [
    # The newsletter's personal links (a signed token): leaving the list, and changing it.
    path("afmelden/<str:token>", unsubscribe, name="unsubscribe"),
    path("nieuwsbrief/abonnement/<str:token>", subscription, name="subscription"),
    path(NEWS, archive, name="archive"),
    path(NEWS + "/atom", programme_feed, name="feed"),
    path(NEWS + "/families/<slug:family_slug>", family_archive, name="family-archive"),
    path(NEWS + "/families/<slug:family_slug>/atom", family_feed, name="family-feed"),
    path(NEWS + "/onderwerpen/<slug:value>", tag_archive, name="tag-archive"),
    path(NEWS + "/onderwerpen/<slug:value>/atom", tag_feed, name="tag-feed"),
    path(NEWS + "/beheer", office_list, name="office"),
    path(LETTERS, issue_archive, name="issues"),
    path(LETTERS + "/beheer", newsletter_office, name="newsletter-office"),
    path(LETTERS + "/nieuw", issue_create, name="issue-create"),
    path(LETTERS + "/<int:number>", issue_detail, name="issue"),
    path(LETTERS + "/<int:number>/bewerken", issue_edit, name="issue-edit"),
    path(LETTERS + "/<int:number>/voorbeeld", issue_preview, name="issue-preview"),
    path(LETTERS + "/<int:number>/proef", issue_test, name="issue-test"),
    path(LETTERS + "/<int:number>/verzenden", issue_send, name="issue-send"),
    path(NEWS + "/nieuw", post_create, name="post-create"),
    path(NEWS + "/<int:number>", post_detail, name="post-short"),
    path(NEWS + "/<int:number>/afbeelding", post_image, name="post-image"),
    path(NEWS + "/<int:number>/bewerken", post_edit, name="post-edit"),
    path(NEWS + "/<int:number>/publiceren", suggestion_publish, name="suggestion-publish"),
    path(NEWS + "/<int:number>/afwijzen", suggestion_dismiss, name="suggestion-dismiss"),
    # The slug (`value`) follows the title; any other slug redirects to the current one.
    path(NEWS + "/<int:number>/<slug:value>", post_detail, name="post"),
]
