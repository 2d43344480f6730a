"""Where builds keep what a later build may reuse: the user's cache folder (``$XDG_CACHE_HOME``, else
``~/.cache``), under ``reforms-catalogue/``. Whatever is there may be deleted at any time."""

from __future__ import annotations

import os
from pathlib import Path


def user_cache(name: str) -> Path | None:
    """The folder for ``name``; None where the user has no cache folder (no home directory)."""
    configured = os.environ.get("XDG_CACHE_HOME", "")
    if os.path.isabs(configured):  # a relative one is to be ignored (XDG base directory specification)
        base = Path(configured)
    else:
        try:
            base = Path.home() / ".cache"
        except RuntimeError:
            return None
    return base / "reforms-catalogue" / name
