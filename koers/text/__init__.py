"""The Koers text engine: campaigns, themes and common threads in Dutch contributions.

Plain Python (numpy, scipy, scikit-learn, PyStemmer); it imports nothing of Django or of the
Koers apps, so it runs as a library, from `koers analyse`, and inside a background task.

    from koers.text import analyse
    analysis = analyse(texts, groups=families)
    analysis.result   # the JSON shape documented in docs/analyse-json.md
    analysis.model    # ThemeModel: assign new texts to the (curated) themes later
"""

import importlib

# Where each public name lives. They are imported on first use (PEP 562), so that importing one
# light module of the engine (koers.consultation imports `normalise`) does not load the pipeline.
_EXPORTS = {
    "Assignment": "koers.text.model",
    "ThemeModel": "koers.text.model",
    "Analysis": "koers.text.pipeline",
    "Settings": "koers.text.pipeline",
    "analyse": "koers.text.pipeline",
    "OTHER": "koers.text.themes",
    "ThemeSettings": "koers.text.themes",
    "ThreadSettings": "koers.text.threads",
}


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
