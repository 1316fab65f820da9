// The term shards' file names as engine.js computes them:
//   node shard_names.js < {keys, renamed} > [file names]
"use strict";
const fs = require("fs");
const path = require("path");
const { Engine } = require(path.join(__dirname, "..", "..", "templates", "assets", "search", "engine.js"));

const input = JSON.parse(fs.readFileSync(0, "utf8"));
const engine = new Engine(() => undefined, null);
engine.meta = { renamed: input.renamed };
engine.dictionary = input.keys;
engine._shardNames = [];
process.stdout.write(JSON.stringify(input.keys.map((_, i) => engine._shardFile(i).replace(/^terms\//, ""))));
