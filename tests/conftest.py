"""Settings and fixtures every test shares."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from chromium import serving  # tests/chromium.py

from reforms.catalogue.load import CATALOGUE_DIR
from reforms.cli import load_and_check
from reforms.site.build_site import build_site


@pytest.fixture(autouse=True, scope="session")
def own_cache_folder(tmp_path_factory):
    """What builds keep for later builds (``reforms/site/user_cache.py``: compiled templates, what each
    commit changed) goes to a folder of this test session, not to the user's cache: no test reads
    what an earlier session or a build left there."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
        yield


@pytest.fixture(scope="session")
def real_site(own_cache_folder, tmp_path_factory) -> Path:
    """The site of the real catalogue, built once for every test that reads it (none may change it)."""
    resolved, problems = load_and_check(CATALOGUE_DIR)
    assert problems == [], "the real catalogue does not validate"
    site_dir = tmp_path_factory.mktemp("real") / "site"
    build_site(resolved, CATALOGUE_DIR, site_dir)
    return site_dir


@pytest.fixture(scope="session")
def real_site_url(real_site) -> Iterator[str]:
    """``real_site``, served on 127.0.0.1."""
    with serving(real_site) as url:
        yield url
