// The browser's search engine under Node, over a built site:
//   node search.js SITE_DIR < queries.json > results.json
// queries: [{text, filters?, limit?}]; each result: {ids, total, error?, bytes} where bytes
// counts the shard files the query loaded beyond those of the queries before it.
"use strict";
const fs = require("fs");
const path = require("path");
const assets = path.join(__dirname, "..", "..", "templates", "assets", "search");
const { Analyzer } = require(path.join(assets, "arabic.js"));
const { Engine } = require(path.join(assets, "engine.js"));

const folder = path.resolve(process.argv[2], "search");
let bytes = 0;
const engine = new Engine((names) => {
  for (const name of names) {
    const file = path.join(folder, name + ".js");
    if (!fs.existsSync(file)) continue;
    bytes += fs.statSync(file).size;
    require(file);
  }
}, Analyzer);
globalThis.sitegenSearchData = (name, data) => engine.receive(name, data);

async function main() {
  const queries = JSON.parse(fs.readFileSync(0, "utf8"));
  await engine.open();
  const out = [];
  for (const q of queries) {
    const before = bytes;
    try {
      const found = await engine.search(q.text, q.filters || {});
      const top = found.ranked.slice(0, q.limit || 10);
      const docs = await engine.documents(top.map((r) => r.doc));
      const result = { ids: docs.map((d) => d.id), scores: top.map((r) => r.score), total: found.total };
      if (q.snippets) result.snippets = docs.map((d) => engine.snippet(d, found.terms));
      if (!found.total && q.suggest) result.suggestion = await engine.suggest(q.text, q.filters || {});
      result.bytes = bytes - before;
      out.push(result);
    } catch (error) {
      out.push({ error: String(error.message || error), bytes: bytes - before });
    }
  }
  process.stdout.write(JSON.stringify(out));
}
main().catch((error) => { console.error(error); process.exit(1); });
