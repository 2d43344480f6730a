"""The generated pages, kept in memory compressed until MkDocs takes them.

MkDocs needs every page before it builds one (the navigation, every link checked), so the build
renders them all first. Written to a docs directory on disk they cost more than their rendering
on a machine of this project's kind (ext4 on a virtual disk: 2.7 s of writing and making folders
for 9 MB at 1,000 measures, against 0.13 s on a tmpfs). Kept as they are, they would hold 400 MB at
50,000 measures; compressed (zlib, fastest level) a page takes about 40% of its size, and each is
let go as MkDocs takes it: a page once MkDocs has read its Markdown, any other file once copied
into the site. ``HandOver`` is the plugin that gives them to MkDocs, as mkdocs-gen-files does.
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Iterable

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, file_sort_key
from mkdocs.structure.pages import Page

PLUGIN_NAME = "reforms-generated-files"


def packed(files: Iterable[tuple[str, bytes]]) -> dict[str, bytes]:
    """``{relative path: compressed bytes}`` of ``files``."""
    return {name: zlib.compress(content, 1) for name, content in files}


class PackedFile(File):
    """A generated file whose bytes stay compressed until MkDocs reads or copies them, once."""

    def __init__(self, src_uri: str, packed: bytes, config: MkDocsConfig) -> None:
        super().__init__(src_uri, src_dir=None, dest_dir=config.site_dir, use_directory_urls=config.use_directory_urls)
        self.generated_by = PLUGIN_NAME
        self.packed: bytes | None = packed

    @property
    def content_bytes(self) -> bytes:
        if self.packed is None:
            raise RuntimeError(f"{self.src_uri}：MkDocs 已读过这个生成的文件，内容已放下")
        return zlib.decompress(self.packed)

    @property
    def content_string(self) -> str:
        return self.content_bytes.decode("utf-8-sig")

    def taken(self) -> str:
        """The text, for MkDocs to read once: the compressed bytes are let go."""
        text = self.content_string
        self.packed = None
        return text

    def copy_file(self, dirty: bool = False) -> None:
        os.makedirs(os.path.dirname(self.abs_dest_path), exist_ok=True)
        with open(self.abs_dest_path, "wb") as output:
            output.write(self.content_bytes)
        self.packed = None

    def is_modified(self) -> bool:
        return True


def generated_size(file: File) -> int | None:
    """A generated file's size, compressed (its weight in ``mkdocs_in_two``'s sharing out); None for a file read from disk."""
    return len(file.packed or b"") if isinstance(file, PackedFile) else None


class HandOver(BasePlugin):
    """Gives MkDocs the ``packed`` files beside those of its docs directory. The dict is emptied
    as they are handed over: MkDocs' files are then the only ones holding them."""

    def __init__(self, packed: dict[str, bytes]) -> None:
        self.packed = packed

    def on_files(self, files: Files, config: MkDocsConfig, **kwargs) -> Files:
        for path, content in self.packed.items():
            if known := files.get_file_from_path(path):  # a theme's file of the same name: ours wins, as from disk
                files.remove(known)
            files.append(PackedFile(path, content, config))
        self.packed.clear()
        return Files(sorted(files, key=file_sort_key))  # MkDocs' order, as from disk: the sitemap lists pages in it

    def on_page_read_source(self, page: Page, config: MkDocsConfig, **kwargs) -> str | None:
        return page.file.taken() if isinstance(page.file, PackedFile) else None
