// Runs queries through the real search engine in Node, over the real search files of a built
// site: `node search_queries.js DIR` (DIR holds search/index.js, search/lunr.js and the files index.js names) reads
// [{query, filters}] on stdin and prints, for each, the ids of all hits in rank order, their
// ranking levels, the snippet and marked title of the first, and the parts of the index loaded.
// The files are run as the browser runs them.
const fs = require("fs");
const path = require("path");
const vm = require("vm");

const dir = process.argv[2];
const received = {};
globalThis.lunr = require(path.join(dir, "search", "lunr.js"));
globalThis.CatalogueSearch = { received: (name, data) => (received[name] = data) };
const run = (file) => vm.runInThisContext(fs.readFileSync(path.join(dir, file), "utf8"), { filename: file });
const search = require(path.join(__dirname, "..", "overrides", "assets", "search", "engine.js"));

run("search/index.js");
const loaded = [];
const engine = new search.Engine(received.index, async (kind, n) => {
  loaded.push(`${kind} ${n}`);
  if (kind === "lunr") return globalThis.lunr;
  run(search.fileOf(received.index, kind, n));
  return received[`${kind} ${n}`];
});

let input = "";
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", async () => {
  const results = [];
  for (const { query, filters } of JSON.parse(input)) {
    const hits = await engine.search(query, filters || null);
    await engine.records(hits.slice(0, 1));
    const counts = await engine.termCounts(engine.parse(query));
    results.push({
      ids: (await engine.records(hits)).map((h) => h.record.id),
      levels: hits.map((h) => h.level),
      weights: hits.map((h) => h.weight),
      snippet: hits.length ? engine.snippet(hits[0]) : "",
      title: hits.length ? engine.highlight(hits[0], "title") : "",
      counts,
    });
  }
  const partsLoaded = loaded.filter((l) => l.startsWith("part ")).map((l) => Number(l.slice(5)));
  process.stdout.write(JSON.stringify({ results, partsLoaded, parts: received.index.index.parts }));
});
