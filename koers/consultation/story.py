"""What the later stages did with a contribution, told on its page.

Consultation comes before the synthesis and the drafting of the agenda, so it imports neither.
Each app that has something to tell about a contribution names a function in its AppConfig
(`contribution_story`, a dotted path). It is called with the reader and the contribution and
returns a `Section` of koers.accounts.work (a title and linked lines), or None when it has
nothing the reader may see; the sections follow the order of the cycle.
"""

from koers.accounts.work import Section
from koers.core.hooks import app_hooks


def contribution_story(user, contribution) -> list[Section]:
    sections = []
    for tell in app_hooks("contribution_story"):
        section = tell(user, contribution)
        if section is not None:
            sections.append(section)
    return sections
