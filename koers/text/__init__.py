"""The Koers text engine: campaigns, themes and common threads in Dutch contributions.

Plain Python (numpy, scipy, scikit-learn, PyStemmer); it imports nothing of Django or of the
Koers apps, so it runs as a library, from `koers analyse`, and inside a background task.

    from koers.text import analyse
    analysis = analyse(texts, groups=families)
    analysis.result   # the JSON shape documented in docs/analyse-json.md
    analysis.model    # ThemeModel: assign new texts to the (curated) themes later
"""

from koers.text.model import Assignment, ThemeModel
from koers.text.pipeline import Analysis, Settings, analyse
from koers.text.themes import OTHER, ThemeSettings
from koers.text.threads import ThreadSettings

__all__ = [
    "OTHER",
    "Analysis",
    "Assignment",
    "Settings",
    "ThemeModel",
    "ThemeSettings",
    "ThreadSettings",
    "analyse",
]
