"""The cyclic garbage collector paused while a call builds many objects it would only traverse."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def cyclic_gc_paused(pause: bool = True) -> Iterator[None]:
    """
    Pause the cyclic garbage collector for the block (when ``pause``), restoring its state.

    A call that returns thousands of new objects (the chunk Paths of a split, each a Path and a
    list) otherwise wakes the collector every 700 allocations to traverse them, and may trigger a
    full collection of the whole heap (tens of ms with PyTorch imported) in the middle of the
    call. Reference counting still frees everything as usual; objects the caller keeps are
    looked at by the next collection after the block.
    """
    enabled = gc.isenabled()
    if pause:
        gc.disable()
    try:
        yield
    finally:
        if pause and enabled:
            gc.enable()
