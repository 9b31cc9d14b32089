"""Every Koers process (a server worker, the task worker, each command) starts without loading
scikit-learn and SciPy's statistics: they cost a second of CPU at each start, and only an
analysis uses them."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
HEAVY = ("sklearn", "scipy.stats", "scipy.cluster")

PROBE = """
import sys
import django
django.setup()
import koers.urls  # every view, form and API module
from koers.text import OTHER, ThemeSettings  # what the synthesis pages read
print(" ".join(name for name in sys.argv[1:] if name in sys.modules))
"""


def test_it_starts_koers_without_the_analysis_libraries(tmp_path):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "koers.settings", "KOERS_VAR_DIR": str(tmp_path)}
    loaded = subprocess.run(
        [sys.executable, "-c", PROBE, *HEAVY],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert loaded == []


def test_it_still_offers_the_engine_from_the_package():
    import koers.text

    assert callable(koers.text.analyse)
    assert koers.text.OTHER == 0
    assert sorted(koers.text.__all__) == sorted(koers.text._EXPORTS)
