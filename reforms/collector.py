"""Python's cycle collector, kept from walking again and again what a build keeps alive.

A full collection examines every object that can hold a reference; the catalogue makes hundreds
of thousands of them (at 10,000 measures), and they all live until the build lets them go.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def young_only() -> Iterator[None]:
    """Inside the block, only young objects are collected: loading, validating and resolving make
    objects that all live on, and Python ran a full collection each time their number had grown by a
    quarter (nine at 10,000 measures, a third of the time, freeing nothing)."""
    threshold = gc.get_threshold()
    gc.set_threshold(threshold[0], threshold[1], 2**30)
    try:
        yield
    finally:
        gc.set_threshold(*threshold)


@contextmanager
def frozen_heap() -> Iterator[None]:
    """Inside the block, Python's cycle collector leaves alone the objects alive at its start (the
    loaded catalogue: hundreds of thousands of objects at 10,000 measures, which each full
    collection would otherwise walk again); they are collectable again after the outermost block."""
    outermost = gc.get_freeze_count() == 0
    gc.freeze()
    try:
        yield
    finally:
        if outermost:
            gc.unfreeze()


