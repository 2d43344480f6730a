"""Headless Chromium, driving our search and Material's on their sites.

Ours: the search page loads the engine at once; ``performance.mark("catalogue-search-ready")``
is set when it can answer. Each query is first run on a fresh engine of the same page, as a
reader's first search for it: timed with its downloads (``coldMs``), and the files it needed
listed (``needed``: the parts of the index, the chunks of records of the first 10 hits). Then it
is timed around ``engine.search`` once its files are loaded and the page's engine has built its
lunr indexes of them, with no answer of an earlier query kept (``ms``), and again until the first
10 hits are loaded and marked up (title highlighted, snippet cut), as a result list shows them.
Material: its search worker says READY (message type 1) once it has built its lunr index; that
moment is read by wrapping ``window.Worker`` before the page loads. Queries are timed from
posting QUERY to receiving RESULT, on a worker of our own set up like Material's (the page's
own worker would also render every result list into the page). The worker highlights every
hit before it answers, so its one figure serves for both of ours.
"""

from __future__ import annotations

from playwright.sync_api import Browser, Page

CHUNK = 400  # queries per call into the page

OUR_QUERIES = """async (queries) => {
  const engine = await CatalogueSearch.engine();
  const results = [];
  for (const query of queries) {
    // What a reader's first search for the query needs: a fresh engine on the same page, whose
    // loader downloads a file only the first time any engine asks for it.
    const needed = [];
    const fresh = new CatalogueSearch.Engine(engine.data, (kind, n) => {
      needed.push(CatalogueSearch.fileOf(engine.data, kind, n));
      return engine.load(kind, n);
    });
    const coldStarted = performance.now();
    await fresh.records((await fresh.search(query, null)).slice(0, 10));
    const coldMs = performance.now() - coldStarted;
    await engine.prepare(query);  // this engine's own lunr indexes of the parts, built
    engine.forget();  // no answer of an earlier query is reused
    const started = performance.now();
    const hits = await engine.search(query, null);
    const ms = performance.now() - started;
    const top = await engine.records(hits.slice(0, 10));
    for (const hit of top) engine.highlight(hit, "title") + engine.snippet(hit);
    const shownMs = performance.now() - started;
    let refSum = 0;
    for (const hit of hits) refSum += hit.ref;
    results.push({ ms, shownMs, coldMs, needed, top: top.map((h) => h.record.id), total: hits.length, refSum });
  }
  return results;
}"""

OUR_HITS = """async (query) => {
  const engine = await CatalogueSearch.engine();
  return (await engine.records(await engine.search(query, null))).map((h) => h.record.id);
}"""

WATCH_MATERIAL_WORKER = """(() => {
  const Native = window.Worker;
  window.Worker = function (url, options) {
    const worker = new Native(url, options);
    window.__materialWorkerUrl = String(new URL(url, location.href));
    worker.addEventListener("message", (event) => {
      if (event.data && event.data.type === 1 && !window.__materialReady) window.__materialReady = performance.now();
    });
    return worker;
  };
  window.Worker.prototype = Native.prototype;
})();"""

MATERIAL_SETUP = """async (indexUrl) => {
  const index = await (await fetch(indexUrl)).json();
  const worker = new Worker(window.__materialWorkerUrl);
  await new Promise((resolve) => {
    worker.onmessage = (event) => { if (event.data.type === 1) resolve(); };
    worker.postMessage({ type: 0, data: { config: index.config, docs: index.docs, options: { suggest: false } } });
  });
  window.__benchWorker = worker;
}"""

MATERIAL_QUERIES = """async (queries) => {
  const worker = window.__benchWorker;
  const results = [];
  for (const query of queries) {
    const started = performance.now();
    const data = await new Promise((resolve) => {
      worker.onmessage = (event) => { if (event.data.type === 3) resolve(event.data.data); };
      worker.postMessage({ type: 2, data: query });
    });
    const ms = performance.now() - started;
    const ids = [];
    for (const group of data.items) {
      const match = /^measures\\/([^/#]+)\\//.exec(group[0].location);
      if (match && ids.indexOf(match[1]) < 0) ids.push(match[1]);
    }
    results.push({ ms, shownMs: ms, ids, pages: data.items.length });
  }
  return results;
}"""


def in_chunks(page: Page, script: str, queries: list[str]) -> list[dict]:
    results = []
    for start in range(0, len(queries), CHUNK):
        results += page.evaluate(script, queries[start : start + CHUNK])
    return results


def open_ours(browser: Browser, url: str) -> tuple[Page, float]:
    """A fresh page on our search page; the milliseconds from navigation to search ready."""
    page = browser.new_context().new_page()
    page.goto(url + "search/")
    page.wait_for_function("document.documentElement.hasAttribute('data-search-ready')", timeout=60_000)
    ready = page.evaluate("performance.getEntriesByName('catalogue-search-ready')[0].startTime")
    return page, ready


def open_material(browser: Browser, url: str) -> tuple[Page, float]:
    """A fresh page with Material's search (ours blocked); the milliseconds to its worker's READY."""
    context = browser.new_context()
    context.route("**/assets/search/**", lambda route: route.abort())
    context.route("**/search/index.js*", lambda route: route.abort())
    page = context.new_page()
    page.add_init_script(WATCH_MATERIAL_WORKER)
    page.goto(url + "search/")
    page.wait_for_function("window.__materialReady", timeout=120_000)
    return page, page.evaluate("window.__materialReady")


def our_results(page: Page, queries: list[str]) -> list[dict]:
    return in_chunks(page, OUR_QUERIES, queries)


def our_hits(page: Page, query: str) -> list[str]:
    return page.evaluate(OUR_HITS, query)


def prepare(engine: str, page: Page, url: str) -> None:
    """Material: start the benchmark's own search worker (it fetches the index once more)."""
    if engine == "material":
        page.evaluate(MATERIAL_SETUP, url + "search/search_index.json")


def material_results(page: Page, queries: list[str]) -> list[dict]:
    return in_chunks(page, MATERIAL_QUERIES, queries)


def open_search(engine: str, browser: Browser, url: str) -> tuple[Page, float]:
    return open_ours(browser, url) if engine == "ours" else open_material(browser, url)


def results(engine: str, page: Page, queries: list[str]) -> list[dict]:
    return our_results(page, queries) if engine == "ours" else material_results(page, queries)
