"""Compiled Jinja templates, kept in memory for the life of the process and on disk for the next one.

MkDocs makes a new Jinja environment for every build, and compiles each theme template again;
a build of the site also compiles each of our own page templates. Compiling them all takes about
a second on this machine, which is a sixth of a build of the real catalogue. With this cache (set
by the ``on_env`` hook of ``mkdocs_hooks`` and by ``render.environment``), the preview compiles a
template again only when its source changed, and a later build reads what an earlier one compiled
from Jinja's own cache folder (private to the user, in the system's temporary folder). Jinja
checks each cached template against a checksum of its source and against the Python version.
"""

from __future__ import annotations

import logging

from jinja2.bccache import Bucket, BytecodeCache, FileSystemBytecodeCache

log = logging.getLogger(__name__)


class CompiledTemplates(BytecodeCache):
    def __init__(self, on_disk: BytecodeCache | None) -> None:
        self.stored: dict[str, bytes] = {}
        self.on_disk = on_disk

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self.stored.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)
        elif self.on_disk is not None:
            self.on_disk.load_bytecode(bucket)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.stored[bucket.key] = bucket.bytecode_to_string()
        if self.on_disk is not None:
            try:
                self.on_disk.dump_bytecode(bucket)
            except OSError as error:  # a full or read-only disk costs the next build a compilation, nothing more
                log.debug(f"模板编译结果未能存盘：{error}")


def disk_cache() -> BytecodeCache | None:
    try:
        return FileSystemBytecodeCache()
    except (OSError, RuntimeError) as error:  # no usable temporary folder: keep them in memory only
        log.debug(f"模板编译结果只留在内存中：{error}")
        return None


COMPILED = CompiledTemplates(disk_cache())
