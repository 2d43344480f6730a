"""Compiled templates of MkDocs' theme environment, kept for the life of the process.

MkDocs makes a new Jinja environment for every build, and compiles each theme template again.
The preview builds again on every save, in one process; with this cache (set by the ``on_env``
hook of ``mkdocs_hooks``) only a template whose source changed is compiled again: Jinja checks
each cached template against a checksum of its source.
"""

from __future__ import annotations

from jinja2.bccache import Bucket, BytecodeCache


class CompiledTemplates(BytecodeCache):
    def __init__(self) -> None:
        self.stored: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self.stored.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.stored[bucket.key] = bucket.bytecode_to_string()


COMPILED = CompiledTemplates()
