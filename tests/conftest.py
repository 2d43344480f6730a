"""Settings every test shares."""

import pytest


@pytest.fixture(autouse=True, scope="session")
def own_cache_folder(tmp_path_factory):
    """What builds keep for later builds (``reforms/site/user_cache.py``: compiled templates, what each
    commit changed) goes to a folder of this test session, not to the user's cache: no test reads
    what an earlier session or a build left there."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
        yield
