"""Plain links to share a page: an e-mail and the share pages of LinkedIn and Mastodon, as
ordinary links. No script, no button of a third party, nothing loaded before someone clicks."""

from urllib.parse import quote, urlencode

from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag
def share_links(url: str, title: str) -> list[tuple[str, str]]:
    """(label, href) for each way to share `url` (absolute) under `title`."""
    return [
        (_("Per e-mail"), f"mailto:?{urlencode({'subject': title, 'body': url}, quote_via=quote)}"),
        (
            _("Op LinkedIn"),
            f"https://www.linkedin.com/sharing/share-offsite/?{urlencode({'url': url})}",
        ),
        (
            _("Op Mastodon"),
            f"https://mastodonshare.com/?{urlencode({'text': title, 'url': url}, quote_via=quote)}",
        ),
    ]
