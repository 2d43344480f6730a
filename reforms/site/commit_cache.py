"""What each commit changed (``changesets``), kept on disk from one build to the next.

Reading the history means parsing every measure file each commit touched, before and after: about
0.3 s for the real catalogue's twenty commits, and it grows with every commit, whatever the size
of the catalogue. A commit never changes, so what it changed is worked out once and kept, in the
user's cache folder (``user_cache``): one JSON file per repository and
context (the catalogue's folder in it, the theme names, and the source of the code that words the
changes, so that a change to that code words them again). A build keeps only the commits of the
history it read. A file that is missing, unreadable or not as written here counts as empty; one
that cannot be written costs the next build the reading, nothing more.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from functools import cache
from pathlib import Path

from reforms.site.user_cache import user_cache


@cache
def code_stamp(*modules: str) -> str:
    digest = hashlib.sha256()
    for source in modules:
        digest.update(Path(source).read_bytes())
    return digest.hexdigest()


class CommitCache:
    """``{key: entry}`` of one repository and context (a key names a commit and the parent it was
    read against), read once; written back by ``save``."""

    def __init__(self, toplevel: Path, context: list, code: tuple[str, ...]) -> None:
        """``context``: what the entries depend on besides the commit; ``code``: the source files of
        the code that makes them."""
        key = json.dumps([str(toplevel.resolve()), context, code_stamp(*code)], ensure_ascii=False, sort_keys=True)
        folder = user_cache("change-sets")
        self.path = folder / f"{hashlib.sha256(key.encode()).hexdigest()[:32]}.json" if folder else None
        self.entries = self.read()
        self.changed = False

    def read(self) -> dict:
        if self.path is None:
            return {}
        try:
            entries = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return entries if isinstance(entries, dict) else {}

    def get(self, key: str):
        return self.entries.get(key)

    def put(self, key: str, entry) -> None:
        self.entries[key] = entry
        self.changed = True

    def save(self, keys: set[str]) -> None:
        """Write the entries of ``keys`` (the history just read) back, if that changes the file."""
        kept = {key: entry for key, entry in self.entries.items() if key in keys}
        if self.path is None or (not self.changed and len(kept) == len(self.entries)):
            return
        written = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=self.path.parent, suffix=".tmp", delete=False) as file:
                written = file.name
                file.write(json.dumps(kept, ensure_ascii=False))  # dumps: the C encoder; dump writes in pieces from Python
            os.replace(written, self.path)  # whole or not at all, for a build running beside this one
        except OSError:
            if written:
                Path(written).unlink(missing_ok=True)
