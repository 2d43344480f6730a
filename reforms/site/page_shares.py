"""The pages of a build, shared out between its two processes as they go.

The second process of a build makes the search data and the downloads while the first makes the
pages and feeds that come from the catalogue's commits (``build_site``); then both render the
other pages. Both go through them in the same order (``render.catalogue_pages``, which asks of each page
whether it is wanted before it works out what the page shows), and each page goes to whichever
process asks for it first: a counter that both share holds the next page not yet taken.
"""

from __future__ import annotations

import multiprocessing


class PageShares:
    """``url in shares``: whether this process renders that page; made before the fork, asked in
    each process in the same order, once per page (asked again right away, it answers the same)."""

    def __init__(self) -> None:
        self.next_free = multiprocessing.get_context("fork").Value("q", 0)  # shared: the next page nobody took
        self.asked = -1  # this process's: the number of the page last asked about
        self.taken = -1  # the number of the page this process took last
        self.last: tuple[str, bool] | None = None

    def __contains__(self, url: object) -> bool:
        if self.last is not None and self.last[0] == url:
            return self.last[1]
        self.asked += 1
        if self.taken < self.asked:  # every page before this one is someone's: the next free is this one or later
            with self.next_free.get_lock():
                self.taken = self.next_free.value
                self.next_free.value += 1
        mine = self.taken == self.asked
        self.last = (str(url), mine)
        return mine
