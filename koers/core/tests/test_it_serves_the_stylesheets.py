"""The pages' stylesheets and scripts are found by the static files finders.

Whitenoise (WHITENOISE_USE_FINDERS), collectstatic and the test live server all look for them
through these finders; a file they cannot find is a 404 and the page renders unstyled.
"""

import pytest
from django.contrib.staticfiles import finders

ASSETS = [
    "koers/koers.css",
    "vendor/nlds/utrecht-components.css",
    "vendor/nlds/voorbeeld-theme.css",
    "vendor/htmx/htmx.min.js",
]


@pytest.mark.parametrize("path", ASSETS)
def test_it_finds_the_assets_the_pages_link(path):
    assert finders.find(path), f"no static files finder finds {path}"
