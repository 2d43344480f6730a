// Runs queries through the real search engine in Node, over the real search files of a built
// site: `node search_queries.js DIR` (DIR holds search/index.js, search/lunr.js and the parts)
// reads [{query, filters}] on stdin and prints, for each, the ids of all hits in rank order, their
// ranking levels, and the snippet and marked title of the first. The files are run as the browser runs them.
const fs = require("fs");
const path = require("path");
const vm = require("vm");

const dir = process.argv[2];
const received = { parts: {} };
globalThis.lunr = require(path.join(dir, "search", "lunr.js"));
globalThis.CatalogueSearch = {
  loaded: (data) => (received.index = data),
  partLoaded: (n, data) => (received.parts[n] = data),
};
const run = (file) => vm.runInThisContext(fs.readFileSync(path.join(dir, file), "utf8"), { filename: file });
const { Engine } = require(path.join(__dirname, "..", "overrides", "assets", "search", "engine.js"));

run("search/index.js");
const partsLoaded = [];
const engine = new Engine(received.index, async (n) => {
  partsLoaded.push(n);
  run(received.index.lunr.partUrl.replace("{}", n));
  return received.parts[n];
});

let input = "";
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", async () => {
  const results = [];
  for (const { query, filters } of JSON.parse(input)) {
    const hits = await engine.search(query, filters || null);
    results.push({
      ids: hits.map((h) => h.record.id),
      levels: hits.map((h) => Math.floor(h.score / 1000)),
      snippet: hits.length ? engine.snippet(hits[0]) : "",
      title: hits.length ? engine.highlight(hits[0], "title") : "",
    });
  }
  process.stdout.write(JSON.stringify({ results, partsLoaded, parts: received.index.lunr.parts }));
});
