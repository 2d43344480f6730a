// Runs queries through the real search engine in Node: `node search_queries.js INDEX.json`
// reads [{query, filters}] on stdin and prints, for each, the ids of all hits in rank order.
const fs = require("fs");
const path = require("path");
const { Engine } = require(path.join(__dirname, "..", "overrides", "assets", "search", "engine.js"));

const engine = new Engine(JSON.parse(fs.readFileSync(process.argv[2], "utf8")));
let input = "";
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => {
  const results = JSON.parse(input).map(({ query, filters }) => {
    const hits = engine.search(query, filters || null);
    return { ids: hits.map((h) => h.record.id), snippet: hits.length ? engine.snippet(hits[0], query) : "" };
  });
  process.stdout.write(JSON.stringify(results));
});
