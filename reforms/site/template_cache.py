"""Compiled Jinja templates, kept in memory for the life of the process and on disk for the next one.

MkDocs makes a new Jinja environment for every build, and compiles each theme template again;
a build of the site also compiles each of our own page templates. Compiling them all takes about
0.4 s on the real catalogue's build, a sixth of our part of it. With this cache (set by the
``on_env`` hook of ``mkdocs_hooks`` and by ``render.environment``), the preview compiles a template
again only when its source changed, and a later build reads what an earlier one compiled from the
user's cache folder (``user_cache``). Jinja checks each cached template against a checksum of its
source and the Python version; the key also names the versions of Jinja and MkDocs and the
environment's settings that the compiled code follows (``settings_stamp``).
"""

from __future__ import annotations

import hashlib
import logging

import jinja2
import mkdocs
from jinja2 import Environment
from jinja2.bccache import Bucket, BytecodeCache, FileSystemBytecodeCache

from reforms.site.user_cache import user_cache

log = logging.getLogger(__name__)


class CompiledTemplates(BytecodeCache):
    def __init__(self, folder=lambda: user_cache("templates")) -> None:
        """``folder``: where to keep them on disk, asked each time (a test session sets its own)."""
        self.stored: dict[str, bytes] = {}
        self.folder = folder

    def get_bucket(self, environment: Environment, name: str, filename: str | None, source: str) -> Bucket:
        bucket = Bucket(environment, self.get_cache_key(name, filename) + settings_stamp(environment), self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def on_disk(self) -> FileSystemBytecodeCache:
        folder = self.folder()
        if folder is None:
            raise OSError("没有可用的缓存目录")
        folder.mkdir(parents=True, exist_ok=True)
        return FileSystemBytecodeCache(str(folder))

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self.stored.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)
            return
        try:
            self.on_disk().load_bytecode(bucket)
        except OSError:  # no cache folder to be had: compiled as without one
            return

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.stored[bucket.key] = bucket.bytecode_to_string()
        try:
            self.on_disk().dump_bytecode(bucket)
        except OSError as error:  # a full or read-only disk costs the next build a compilation, nothing more
            log.debug(f"模板编译结果未能存盘：{error}")


def settings_stamp(environment: Environment) -> str:
    """What a template's compiled code depends on besides its source."""
    settings = [
        jinja2.__version__,
        mkdocs.__version__,
        *(getattr(environment, name) for name in ("block_start_string", "block_end_string", "variable_start_string",
                                                  "variable_end_string", "comment_start_string", "comment_end_string",
                                                  "line_statement_prefix", "line_comment_prefix", "trim_blocks",
                                                  "lstrip_blocks", "newline_sequence", "keep_trailing_newline",
                                                  "optimized", "is_async")),
        *(getattr(value, "__qualname__", value) for value in (environment.autoescape, environment.finalize, environment.undefined)),
        *sorted(environment.extensions),
    ]
    return hashlib.sha1(repr(settings).encode()).hexdigest()[:16]


COMPILED = CompiledTemplates()
