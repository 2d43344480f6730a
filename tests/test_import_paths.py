"""``build.py import`` reads only a document's own source text, under catalogue/sources/."""

import shutil
from pathlib import Path

import pytest

from reforms.editors.importer.run import import_document

VALID = Path(__file__).parent / "fixtures" / "valid"


@pytest.mark.parametrize("source", ["../../secret.txt", "/etc/hostname", "sources/../../secret.txt", "sources/x.html"])
def test_a_source_outside_sources_is_not_read(tmp_path, source):
    (tmp_path / "secret.txt").write_text("机密\n", encoding="utf-8")
    catalogue = Path(shutil.copytree(VALID, tmp_path / "catalogue"))
    document = catalogue / "documents" / "yz2022.yml"
    document.write_text(document.read_text(encoding="utf-8").replace("sources/yz2022.txt", source), encoding="utf-8")
    with pytest.raises(ValueError, match="sources/文件名.txt"):
        import_document(catalogue, "yz2022")
    assert not (catalogue / "measures" / "yz2022" / "yz2022-list-003.yml").exists()


def test_a_document_id_cannot_name_a_path(tmp_path):
    catalogue = Path(shutil.copytree(VALID, tmp_path / "catalogue"))
    with pytest.raises(ValueError, match="小写字母"):
        import_document(catalogue, "../documents/yz2022")
