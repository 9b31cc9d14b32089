"""The web server's entry point loads every view and freezes what it loaded out of the garbage
collector's full collections (koers/core/startup.py)."""

import gc
import subprocess
import sys


def test_the_wsgi_module_freezes_the_loaded_application():
    # A fresh interpreter, as a gunicorn worker starts: the views are imported and frozen.
    script = (
        "import gc, sys; import koers.wsgi; "
        "print(gc.get_freeze_count(), 'koers.monitoring.views' in sys.modules)"
    )
    answer = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    frozen, views_loaded = answer.stdout.split()
    assert int(frozen) > 10_000
    assert views_loaded == "True"
    assert gc.isenabled()
