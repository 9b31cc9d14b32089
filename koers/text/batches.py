"""The steps whose work grows with the number of texts, a batch at a time, here or on a cluster.

Hashing the shingles of the texts and their MinHash band keys, projecting the representatives
on the LSA axes, and finding each one's nearest theme are each written as a function of one
batch alone. `run` maps such a function over the batches in this process, one batch after the
other (so that only one batch's temporary arrays exist at a time), or on the executor that
`analyse` was given: any `concurrent.futures.Executor`, such as a `ProcessPoolExecutor` or a
Dask cluster's (`distributed.Client(...).get_executor()`, the optional extra "cluster").
Results come back in the order of the batches, and no function depends on where or with which
other batches it ran, so the outcome is the same for the same seed either way.

The executor is held in a context variable rather than passed down through every step of the
pipeline: it says where the work runs, not what is computed.
"""

from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor
from contextlib import contextmanager
from contextvars import ContextVar

_executor: ContextVar[Executor | None] = ContextVar("koers_text_executor", default=None)


@contextmanager
def running_on(executor: Executor | None):
    """Run the batches of the analysis inside this block on `executor` (None: here)."""
    token = _executor.set(executor)
    try:
        yield
    finally:
        _executor.reset(token)


def slices(n: int, size: int) -> list[slice]:
    """0 .. n - 1 in consecutive slices of at most `size`: the batches of a step."""
    return [slice(lo, min(n, lo + size)) for lo in range(0, n, size)]


def run(function: Callable, batches: Iterable) -> Iterator:
    """`function` of each batch, in order."""
    executor = _executor.get()
    if executor is None:
        return map(function, batches)
    # All batches are handed over at once (a Dask client maps lists, not iterators).
    return executor.map(function, list(batches))
