"""Pausing Python's cyclic garbage collector while a large result is built."""

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = [0]
_was_enabled = [False]


@contextmanager
def collector_paused() -> Iterator[None]:
    """Run the block without the cyclic garbage collector, then restore it as it was.

    Building a hundred thousand tuples sets the collector off again and again, each time
    walking every object the process holds; a large assessment spent a third of its time
    there, collecting nothing (its rows hold no cycles). Reference counting still frees
    everything as usual; cycles made meanwhile wait for the next collection. Nested and
    concurrent blocks (threads) share one pause: the collector comes back when the last ends."""
    with _lock:
        if _depth[0] == 0:
            _was_enabled[0] = gc.isenabled()
            gc.disable()
        _depth[0] += 1
    try:
        yield
    finally:
        with _lock:
            _depth[0] -= 1
            if _depth[0] == 0 and _was_enabled[0]:
                gc.enable()
