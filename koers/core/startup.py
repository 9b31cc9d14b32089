"""What a web server process does once, after loading the application and before its first
request.

`settle` imports every view (through the URL configuration) and then freezes the garbage
collector's view of what is loaded (gc.freeze). Python's full collections otherwise walk every
object the process holds — Django, the libraries, the views — whenever enough new objects
pile up. A page that reads many rows (the explanation of an indicator holds 10,000
organisations' profiles) then pays 50 to 150 ms for a collection at a random moment: at
10,000 organisations the indicator page took 63 to 241 ms, and 64 to 76 ms once frozen
(docs/benchmarks.md, "Monitoring at scale"). Objects made after the freeze are collected as
before.
"""

import gc


def settle() -> None:
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 - imports every views module
    gc.collect()
    gc.freeze()
