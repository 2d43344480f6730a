"""Where builds keep what a later build may reuse: the user's cache folder (``$XDG_CACHE_HOME``, else
``~/.cache``), under ``reforms-catalogue/``. Whatever is there may be deleted at any time."""

from __future__ import annotations

import os
from pathlib import Path


def user_cache(name: str) -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "reforms-catalogue" / name
