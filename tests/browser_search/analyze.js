// Token parity driver: node analyze.js TABLES.json < texts.json > tokens.json
// Reads a JSON list of texts, prints for each text its [exact, stem, start, end] words
// as the browser's analyzer (templates/assets/search/arabic.js) gives them.
"use strict";
const fs = require("fs");
const path = require("path");
const { Analyzer } = require(path.join(__dirname, "..", "..", "templates", "assets", "search", "arabic.js"));

const analyzer = new Analyzer(JSON.parse(fs.readFileSync(process.argv[2], "utf8")));
const texts = JSON.parse(fs.readFileSync(0, "utf8"));
const out = texts.map((text) => analyzer.analyze(text).map((w) => [w.exact, w.stem, w.start, w.end]));
process.stdout.write(JSON.stringify(out));
