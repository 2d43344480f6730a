"""Links between site files, as pages write them."""

import posixpath

import pytest

from reforms.site.paths import relative_link, relative_path

PATHS = ["index.md", "measures/a/index.md", "measures/b/index.md", "departments/x/feed.xml", "downloads/c.csv", "sources/yz2021/index.md"]
STARTS = ["", "measures/a", "measures", "departments/x", "sources/yz2021", "updates/archive/2"]


@pytest.mark.parametrize("start", STARTS)
@pytest.mark.parametrize("path", PATHS)
def test_relative_path_is_posix_relpath(path, start):
    assert relative_path(path, start) == posixpath.relpath(path, start or ".")


def test_links_between_pages_keep_their_anchor():
    assert relative_link("measures/yz2021-01/", "sources/yz2021/#L150-L153") == "../../sources/yz2021/index.md#L150-L153"
    assert relative_link("", "measures/yz2021-01/") == "measures/yz2021-01/index.md"
    assert relative_link("measures/yz2021-01/", "") == "../../index.md"
