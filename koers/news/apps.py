from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "koers.news"
    label = "news"
    verbose_name = _("Nieuws")
    # The programme page's link section (koers.organisations.views._stage_links).
    programme_links = "news/programme_links.html"

    def ready(self):
        from koers.core.events import programme_event

        from .services import suggest_from_event

        # Koers's own events (a version opened, the council's decisions, ...) become suggested
        # posts the office publishes with one click or dismisses.
        programme_event.connect(suggest_from_event, dispatch_uid="news-suggest-from-event")
