/* The search engine of the browser: the query language and ranking of `sitegen search`.
 *
 * Data comes from the shards sitegen.search.browser_index writes into site/search/, each
 * a script that calls sitegenSearchData(name, data). A loader (script tags in a page,
 * require() under Node) is handed to the engine; the engine asks only for the shards a
 * query needs: the term shards of its words, the facets, then the documents shown.
 *
 * Ranking is Whoosh's BM25F as sitegen search runs it (sitegen/search/schema.py):
 * every (term, field) pair scores idf * tf (K1 + 1) / (tf + K1 (1 - B + B fl / avgfl)),
 * idf = ln(N / (df + 1)) + 1, fl the field length decoded from Whoosh's byte, times the
 * field's boost; OR and AND add their parts' scores, AND NOT keeps the left score, and a
 * document matching the whole query in the exact fields earns that score too, with the
 * whole-exact boosts. Equal scores go to the lower document number (index order, which is
 * id order). Phrases: the words' scores as Whoosh's span matcher gives them, matched only
 * where the words follow each other in the field's text (checked on the documents' text).
 */
(function (root) {
  "use strict";

  var FORMAT = "sitegen-browser-index/1";
  var OPERATORS = { AND: 1, OR: 1, NOT: 1, ANDNOT: 1, ANDMAYBE: 1 };

  function SearchError(message) {
    this.name = "SearchError";
    this.message = message;
  }
  SearchError.prototype = Object.create(Error.prototype);

  /* ---- loading ---- */

  function Engine(loader, Analyzer) {
    this._loader = loader; // function(names) -> Promise, loads "meta", "terms/3", ... (each calls receive)
    this._Analyzer = Analyzer;
    this._data = new Map();
    this._pending = new Map();
    this._postings = new Map();
    this.bytesLoaded = 0; // set by the loader when it knows
  }

  Engine.prototype.receive = function (name, data) {
    this._data.set(name, data);
  };

  Engine.prototype.load = function (names) {
    var self = this;
    var missing = names.filter(function (n) { return !self._data.has(n); });
    if (!missing.length) return Promise.resolve();
    var waits = [];
    var fresh = [];
    missing.forEach(function (n) {
      if (self._pending.has(n)) waits.push(self._pending.get(n));
      else fresh.push(n);
    });
    if (fresh.length) {
      var loading = Promise.resolve(self._loader(fresh)).then(function () {
        fresh.forEach(function (n) {
          self._pending.delete(n);
          if (!self._data.has(n)) throw new SearchError("search data missing: " + n + ".js");
        });
      });
      fresh.forEach(function (n) { self._pending.set(n, loading); });
      waits.push(loading);
    }
    return Promise.all(waits);
  };

  Engine.prototype.open = function () {
    var self = this;
    return this.load(["meta", "tables"]).then(function () {
      var meta = self._data.get("meta");
      if (!meta || meta.format !== FORMAT) throw new SearchError("search index of an unknown format");
      self.meta = meta;
      self.analyzer = new self._Analyzer(self._data.get("tables"));
      self.fields = meta.fields;
      self.exactFields = meta.fields.map(function (f) { return /_exact$/.test(f); });
      self._digit = {};
      for (var i = 0; i < meta.alphabet.length; i++) self._digit[meta.alphabet.charCodeAt(i)] = i;
      return self;
    });
  };

  Engine.prototype.decode = function (text) {
    var numbers = [], value = 0, digit = this._digit;
    for (var i = 0; i < text.length; i++) {
      var d = digit[text.charCodeAt(i)];
      if (d >= 32) value = value * 32 + d - 32;
      else { numbers.push(value * 32 + d); value = 0; }
    }
    return numbers;
  };

  Engine.prototype._shardOf = function (term) {
    var dict = this.meta.dictionary, lo = 0, hi = dict.length - 1, found = 0;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (dict[mid] <= term) { found = mid; lo = mid + 1; } else hi = mid - 1;
    }
    return found;
  };

  /* Posting lists of a term in one field: {docs, tfs, lens} (lens decoded to lengths). */
  Engine.prototype._postingsOf = function (term, slot) {
    var key = slot + "\u0000" + term;
    var cached = this._postings.get(key);
    if (cached) return cached;
    var shard = this._data.get("terms/" + this._shardOf(term));
    var entry = shard && Object.prototype.hasOwnProperty.call(shard, term) ? shard[term] : null;
    var numbers = entry && entry[slot] ? this.decode(entry[slot]) : [];
    var docs = [], tfs = [], lens = [], doc = -1, table = this.meta.length_table;
    for (var i = 0; i < numbers.length; i += 3) {
      doc += numbers[i];
      docs.push(doc);
      tfs.push(numbers[i + 1]);
      lens.push(table[numbers[i + 2]]);
    }
    var postings = { docs: docs, tfs: tfs, lens: lens };
    this._postings.set(key, postings);
    return postings;
  };

  Engine.prototype._termsWithPrefix = function (prefix, slot) {
    var out = [], first = this._shardOf(prefix), last = this._shardOf(prefix + "\uffff");
    for (var s = first; s <= last; s++) {
      var shard = this._data.get("terms/" + s);
      Object.keys(shard).sort().forEach(function (term) {
        if (term.startsWith(prefix) && shard[term][slot]) out.push(term);
      });
    }
    return out;
  };

  /* ---- the query language ---- */

  /* Tokens of the query text: words, "phrases", parentheses and operators (Whoosh's syntax). */
  function lex(text) {
    var tokens = [], i = 0;
    while (i < text.length) {
      var ch = text[i];
      if (/\s/.test(ch)) { i++; continue; }
      if (ch === "(" || ch === ")") { tokens.push({ kind: ch }); i++; continue; }
      if (ch === '"') {
        var close = text.indexOf('"', i + 1);
        tokens.push({ kind: "phrase", text: text.slice(i + 1, close) });
        i = close + 1;
        continue;
      }
      var j = i;
      while (j < text.length && !/[\s()"]/.test(text[j])) j++;
      var word = text.slice(i, j);
      var before = i === 0 ? " " : text[i - 1];
      var after = j < text.length ? text[j] : "";
      var spaced = /\s/.test(before) && /\s/.test(after);
      if (word === "NOT" && (i === 0 || /[\s()]/.test(before)) && /\s/.test(after)) tokens.push({ kind: "NOT" });
      else if (OPERATORS[word] && spaced) tokens.push({ kind: word });
      else tokens.push({ kind: "word", text: word });
      i = j;
    }
    return tokens;
  }

  /* The query as a tree: {op: and|or|andnot|andmaybe|not, items} and {leaf: word|phrase, text}. */
  function parseQuery(text) {
    var tokens = lex(text), pos = 0;
    function group(closing) {
      var items = [];
      while (pos < tokens.length) {
        var t = tokens[pos++];
        if (t.kind === ")") { if (closing) break; continue; }
        if (t.kind === "(") items.push(group(true));
        else if (t.kind === "word" || t.kind === "phrase") items.push({ leaf: t.kind, text: t.text });
        else items.push({ operator: t.kind });
      }
      return operators(items);
    }
    return group(false);
  }

  /* Whoosh's order: NOT (prefix), then AND and OR (left to right), then ANDNOT and ANDMAYBE. */
  function operators(items) {
    var i;
    for (i = items.length - 1; i >= 0; i--) {
      if (items[i].operator === "NOT") {
        if (i + 1 < items.length && !items[i + 1].operator) items.splice(i, 2, { op: "not", items: [items[i + 1]] });
        else items.splice(i, 1);
      }
    }
    [["AND", "and"], ["OR", "or"], ["ANDNOT", "andnot"], ["ANDMAYBE", "andmaybe"]].forEach(function (pair) {
      i = 0;
      while (i < items.length) {
        if (items[i].operator === pair[0]) {
          if (i > 0 && i + 1 < items.length && !items[i - 1].operator && !items[i + 1].operator) {
            var left = items[i - 1], right = items[i + 1];
            var node = (pair[1] === "and" || pair[1] === "or") && left.op === pair[1] && !left.closed
              ? { op: pair[1], items: left.items.concat([right]) }
              : { op: pair[1], items: [left, right] };
            items.splice(i - 1, 3, node);
          } else {
            items.splice(i, 1);
          }
        } else {
          i++;
        }
      }
    });
    items = items.filter(function (item) { return !item.operator; });
    var node = items.length === 1 ? items[0] : { op: "and", items: items };
    node.closed = true;
    return node;
  }

  /* ---- from the query tree to field queries ---- */

  /* Field queries: {term: slot, text, boost} | {phrase: slot, words, boost} | {prefix: slot, text, boost}
   * | {op, items}; null where nothing is left to search (stop words only). */
  Engine.prototype.compile = function (node, boosts) {
    var self = this;
    if (node.leaf) return this._leaf(node, boosts);
    var items = node.items.map(function (item) { return self.compile(item, boosts); });
    if (node.op === "not") return items[0] ? { op: "not", items: items } : null;
    if (node.op === "andnot" || node.op === "andmaybe") {
      if (!items[0]) return null;
      return items[1] ? { op: node.op, items: items } : items[0];
    }
    // And with Not children becomes AndNot(And(positives), Or(negatives)), as Whoosh normalizes it.
    items = items.filter(Boolean);
    var flat = [];
    items.forEach(function (item) {
      if (item.op === node.op) flat.push.apply(flat, item.items);
      else flat.push(item);
    });
    if (node.op === "and") {
      var positives = flat.filter(function (i) { return i.op !== "not"; });
      var negatives = flat.filter(function (i) { return i.op === "not"; }).map(function (i) { return i.items[0]; });
      if (negatives.length) {
        var a = positives.length === 1 ? positives[0] : positives.length ? { op: "and", items: positives } : null;
        if (!a) return { op: "not", items: [negatives.length === 1 ? negatives[0] : { op: "or", items: negatives }] };
        return { op: "andnot", items: [a, negatives.length === 1 ? negatives[0] : { op: "or", items: negatives }] };
      }
      flat = positives;
    }
    if (!flat.length) return null;
    return flat.length === 1 ? flat[0] : { op: node.op, items: flat };
  };

  Engine.prototype._leaf = function (node, boosts) {
    var self = this, alternatives = [];
    var text = node.text;
    var pattern = node.leaf === "word" && /[*?]/.test(text);
    this.fields.forEach(function (field, slot) {
      var boost = boosts[slot];
      if (!boost) return;
      var exact = self.exactFields[slot];
      if (pattern) {
        if (!exact) return; // prefixes and wildcards match exact words only
        var normalized = self.analyzer.normalizeWord(text);
        alternatives.push({ pattern: slot, text: normalized, boost: boost });
        return;
      }
      var words = self.analyzer.analyze(text).map(function (w) { return exact ? w.exact : w.stem; });
      if (!words.length) return;
      if (node.leaf === "phrase" && words.length > 1) {
        alternatives.push({ phrase: slot, words: words, boost: boost });
      } else if (words.length === 1) {
        alternatives.push({ term: slot, text: words[0], boost: boost });
      } else {
        alternatives.push({ op: "and", items: words.map(function (w) { return { term: slot, text: w, boost: boost }; }) });
      }
    });
    if (!alternatives.length) return null;
    return alternatives.length === 1 ? alternatives[0] : { op: "or", items: alternatives };
  };

  function leaves(q, out, positive) {
    if (!q) return out;
    if (q.op === "not") { if (!positive) leaves(q.items[0], out, positive); return out; }
    if (q.op === "andnot") { leaves(q.items[0], out, positive); if (!positive) leaves(q.items[1], out, positive); return out; }
    if (q.op) { q.items.forEach(function (i) { leaves(i, out, positive); }); return out; }
    out.push(q);
    return out;
  }

  /* ---- matching and scoring ---- */

  Engine.prototype._termScores = function (slot, term, boost) {
    var p = this._postingsOf(term, slot), meta = this.meta;
    var scores = new Map();
    if (!p.docs.length) return scores;
    var idf = Math.log(meta.doc_count / (p.docs.length + 1)) + 1;
    var K1 = meta.k1, B = meta.b[slot], avgfl = meta.avg_field_length[slot] || 1;
    for (var i = 0; i < p.docs.length; i++) {
      var tf = p.tfs[i];
      var s = idf * ((tf * (K1 + 1)) / (tf + K1 * ((1 - B) + (B * p.lens[i]) / avgfl)));
      scores.set(p.docs[i], boost !== 1 ? s * boost : s);
    }
    return scores;
  };

  function union(maps) {
    var out = new Map(maps[0]);
    for (var m = 1; m < maps.length; m++) {
      maps[m].forEach(function (score, doc) {
        var have = out.get(doc);
        out.set(doc, have === undefined ? score : have + score);
      });
    }
    return out;
  }

  function intersection(maps) {
    var sorted = maps.slice();
    var out = new Map();
    var smallest = sorted.reduce(function (a, b) { return a.size <= b.size ? a : b; });
    smallest.forEach(function (_, doc) {
      var total = 0;
      for (var m = 0; m < sorted.length; m++) {
        var s = sorted[m].get(doc);
        if (s === undefined) return;
        total += s;
      }
      out.set(doc, total);
    });
    return out;
  }

  /* doc → score for a field query; phrases use the candidates' text (this.texts). */
  Engine.prototype._scores = function (q) {
    var self = this;
    if (q.term !== undefined) return this._termScores(q.term, q.text, q.boost);
    if (q.pattern !== undefined) {
      var parts = this._expandPattern(q.pattern, q.text).map(function (t) { return self._termScores(q.pattern, t, q.boost); });
      return parts.length ? union(parts) : new Map();
    }
    if (q.phrase !== undefined) {
      var words = q.words.map(function (w) { return self._termScores(q.phrase, w, q.boost); });
      var both = intersection(words);
      var out = new Map();
      both.forEach(function (score, doc) {
        if (self._phraseIn(doc, q.phrase, q.words)) out.set(doc, score);
      });
      return out;
    }
    var items = q.items.map(function (i) { return self._scores(i); });
    if (q.op === "or") return union(items);
    if (q.op === "and") return intersection(items);
    if (q.op === "andnot") {
      var kept = new Map();
      items[0].forEach(function (s, d) { if (!items[1].has(d)) kept.set(d, s); });
      return kept;
    }
    if (q.op === "andmaybe") {
      var more = new Map();
      items[0].forEach(function (s, d) { var b = items[1].get(d); more.set(d, b === undefined ? s : s + b); });
      return more;
    }
    if (q.op === "not") {
      var excluded = items[0], all = new Map();
      for (var d = 0; d < this.meta.doc_count; d++) if (!excluded.has(d)) all.set(d, 0);
      return all;
    }
    throw new SearchError("unknown query node");
  };

  Engine.prototype._expandPattern = function (slot, text) {
    var star = text.search(/[*?]/);
    var prefix = star < 0 ? text : text.slice(0, star);
    var terms = this._termsWithPrefix(prefix, slot);
    if (star === text.length - 1 && text.indexOf("?") < 0) return terms;
    var re = new RegExp("^" + text.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".") + "$", "u");
    return terms.filter(function (t) { return re.test(t); });
  };

  /* Whether the phrase's words follow each other (stop words skipped) in the field of a document. */
  Engine.prototype._phraseIn = function (doc, slot, words) {
    var data = this._data.get("docs/" + doc);
    var part = this.fields[slot].replace(/_exact$/, "");
    var exact = this.exactFields[slot];
    var tokens = this.analyzer.analyze(data[part] || "").map(function (w) { return exact ? w.exact : w.stem; });
    outer: for (var i = 0; i + words.length <= tokens.length; i++) {
      for (var j = 0; j < words.length; j++) if (tokens[i + j] !== words[j]) continue outer;
      return true;
    }
    return false;
  };

  /* The shards a field query needs: term shards, and the text of phrase candidates. */
  Engine.prototype._shardsFor = function (queries) {
    var self = this, names = new Set();
    queries.forEach(function (q) {
      leaves(q, [], false).forEach(function (leaf) {
        if (leaf.term !== undefined) names.add("terms/" + self._shardOf(leaf.text));
        else if (leaf.phrase !== undefined) leaf.words.forEach(function (w) { names.add("terms/" + self._shardOf(w)); });
        else if (leaf.pattern !== undefined) {
          var star = leaf.text.search(/[*?]/), prefix = star < 0 ? leaf.text : leaf.text.slice(0, star);
          for (var s = self._shardOf(prefix); s <= self._shardOf(prefix + "\uffff"); s++) names.add("terms/" + s);
        }
      });
    });
    return Array.from(names);
  };

  Engine.prototype._phraseDocs = function (queries) {
    var self = this, docs = new Set();
    queries.forEach(function (q) {
      leaves(q, [], false).forEach(function (leaf) {
        if (leaf.phrase === undefined) return;
        var lists = leaf.words.map(function (w) { return new Set(self._postingsOf(w, leaf.phrase).docs); });
        lists[0].forEach(function (d) {
          if (lists.every(function (l) { return l.has(d); })) docs.add("docs/" + d);
        });
      });
    });
    return Array.from(docs);
  };

  /* ---- search ---- */

  Engine.prototype.parse = function (text) {
    if (!text.trim()) throw new SearchError("empty query");
    if ((text.match(/"/g) || []).length % 2) throw new SearchError("unbalanced quote: close the phrase with \"");
    var depth = 0;
    for (var i = 0; i < text.length && depth >= 0; i++) depth += text[i] === "(" ? 1 : text[i] === ")" ? -1 : 0;
    if (depth) throw new SearchError("unbalanced parentheses");
    var tree = parseQuery(text);
    var meta = this.meta;
    var q = this.compile(tree, meta.field_boosts);
    if (!q || !leaves(q, [], true).length) throw new SearchError("nothing to search for: only stop words or punctuation");
    leaves(q, [], false).forEach(function (leaf) {
      if (leaf.pattern !== undefined && leaf.text.replace(/^[*?]+|[*?]+$/g, "").length < meta.min_prefix) {
        throw new SearchError("prefix too short: give at least " + meta.min_prefix + " letters before *");
      }
    });
    var whole = this.compile(tree, meta.whole_exact_boosts);
    return { query: q, whole: whole };
  };

  /* Ranked documents for text under filters: {total, ranked: [{doc, score}], terms}. */
  Engine.prototype.search = function (text, filters) {
    var self = this, parsed;
    try { parsed = this.parse(text); } catch (error) { return Promise.reject(error); }
    var queries = [parsed.query].concat(parsed.whole ? [parsed.whole] : []);
    return this.load(this._shardsFor(queries).concat(["facets"])).then(function () {
      return self.load(self._phraseDocs(queries));
    }).then(function () {
      var scores = self._scores(parsed.query);
      if (parsed.whole) {
        var bonus = self._scores(parsed.whole);
        scores.forEach(function (s, d) { var b = bonus.get(d); if (b !== undefined) scores.set(d, s + b); });
      }
      var allowed = self.allowed(filters || {});
      var ranked = [];
      scores.forEach(function (score, doc) { if (!allowed || allowed.has(doc)) ranked.push({ doc: doc, score: score }); });
      ranked.sort(function (a, b) { return b.score - a.score || a.doc - b.doc; });
      return { total: ranked.length, ranked: ranked, unfiltered: scores, terms: self.queryTerms(parsed.query) };
    });
  };

  /* The query's terms (patterns expanded) as {stems, exacts}, for highlighting. */
  Engine.prototype.queryTerms = function (q) {
    var self = this, stems = new Set(), exacts = new Set();
    leaves(q, [], true).forEach(function (leaf) {
      var slot = leaf.term !== undefined ? leaf.term : leaf.phrase !== undefined ? leaf.phrase : leaf.pattern;
      var target = self.exactFields[slot] ? exacts : stems;
      if (leaf.term !== undefined) { if (self._postingsOf(leaf.text, slot).docs.length) target.add(leaf.text); }
      else if (leaf.phrase !== undefined) leaf.words.forEach(function (w) { if (self._postingsOf(w, slot).docs.length) target.add(w); });
      else self._expandPattern(slot, leaf.text).forEach(function (t) { target.add(t); });
    });
    return { stems: stems, exacts: exacts };
  };

  /* ---- filters and their counts ---- */

  Engine.prototype._facetDocs = function (field, value) {
    var facets = this._data.get("facets").postings[field] || {};
    var encoded = Object.prototype.hasOwnProperty.call(facets, value) ? facets[value] : "";
    var gaps = this.decode(encoded), docs = [], doc = -1;
    for (var i = 0; i < gaps.length; i++) { doc += gaps[i]; docs.push(doc); }
    return docs;
  };

  /* The documents the filters allow (null: no filter). filters: {from, to, place, actor, type, outlet}. */
  Engine.prototype.allowed = function (filters) {
    var self = this, sets = [];
    if (filters.from || filters.to) {
      var from = filters.from || "", to = filters.to || "\uffff", days = new Set();
      Object.keys(this._data.get("facets").postings.dates).forEach(function (day) {
        if (day >= from && day <= to) self._facetDocs("dates", day).forEach(function (d) { days.add(d); });
      });
      sets.push(days);
    }
    [["place", "places"], ["actor", "actors"], ["type", "types"], ["outlet", "outlets"]].forEach(function (pair) {
      if (filters[pair[0]]) sets.push(new Set(self._facetDocs(pair[1], filters[pair[0]])));
    });
    if (!sets.length) return null;
    return sets.reduce(function (a, b) { return new Set(Array.from(a).filter(function (d) { return b.has(d); })); });
  };

  /* For each filter field, each value's count among docs (a Set): [{value, label, parent, count}], biggest first. */
  Engine.prototype.facetCounts = function (docs) {
    var self = this, facets = this._data.get("facets"), out = {};
    ["places", "actors", "types", "outlets"].forEach(function (field) {
      var labels = facets.labels[field] || {}, rows = [];
      Object.keys(facets.postings[field]).forEach(function (value) {
        var count = 0;
        self._facetDocs(field, value).forEach(function (d) { if (docs.has(d)) count++; });
        if (count) {
          var label = labels[value];
          rows.push({ value: value, label: label ? label[0] : value, parent: label ? label[1] : "", count: count });
        }
      });
      rows.sort(function (a, b) { return b.count - a.count || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0); });
      out[field] = rows;
    });
    var years = new Map();
    Object.keys(facets.postings.dates).forEach(function (day) {
      var seen = self._facetDocs("dates", day).filter(function (d) { return docs.has(d); });
      if (!seen.length) return;
      var year = day.slice(0, 4);
      if (!years.has(year)) years.set(year, new Set());
      seen.forEach(function (d) { years.get(year).add(d); });
    });
    out.years = Array.from(years.keys()).sort().map(function (y) { return { value: y, label: y, count: years.get(y).size }; });
    return out;
  };

  /* ---- documents, snippets, "did you mean" ---- */

  Engine.prototype.documents = function (docs) {
    var self = this;
    return this.load(docs.map(function (d) { return "docs/" + d; })).then(function () {
      return docs.map(function (d) { return self._data.get("docs/" + d); });
    });
  };

  var SNIPPET_WORDS = 30, CONTEXT_WORDS = 5, ELLIPSIS = "\u2026";

  /* [text, isMatch] parts of the document's original text: the passage with the most distinct query words. */
  Engine.prototype.snippet = function (doc, terms) {
    var parts = ["body", "lede", "title"];
    for (var p = 0; p < parts.length; p++) {
      var found = this._highlight(doc[parts[p]] || "", terms);
      if (found) return found;
    }
    var text = doc.body || doc.lede || "", words = this.analyzer.analyze(text);
    return words.length ? cut(text, words, 0, Math.min(words.length, SNIPPET_WORDS), new Set()) : [];
  };

  Engine.prototype._highlight = function (text, terms) {
    var words = this.analyzer.analyze(text), hits = [];
    words.forEach(function (w, i) { if (terms.stems.has(w.stem) || terms.exacts.has(w.exact)) hits.push(i); });
    if (!hits.length) return null;
    var best = hits[0], bestVariety = -1;
    hits.forEach(function (start) {
      var stems = new Set();
      hits.forEach(function (i) { if (i >= start && i < start + SNIPPET_WORDS) stems.add(words[i].stem); });
      if (stems.size > bestVariety) { bestVariety = stems.size; best = start; }
    });
    var first = Math.max(0, best - CONTEXT_WORDS);
    return cut(text, words, first, Math.min(words.length, first + SNIPPET_WORDS), new Set(hits));
  };

  function cut(text, words, first, last, marked) {
    var parts = [], pos = first > 0 ? words[first].start : 0;
    var end = last < words.length ? words[last - 1].end : text.length;
    if (first > 0) parts.push([ELLIPSIS + " ", false]);
    for (var i = first; i < last; i++) {
      if (marked.has(i)) {
        parts.push([text.slice(pos, words[i].start).replace(/\s+/g, " "), false]);
        parts.push([text.slice(words[i].start, words[i].end), true]);
        pos = words[i].end;
      }
    }
    parts.push([text.slice(pos, end).replace(/\s+/g, " ").replace(/\s+$/, ""), false]);
    if (last < words.length) parts.push([" " + ELLIPSIS, false]);
    return parts.filter(function (part) { return part[0]; });
  }

  function editDistance(a, b) {
    var prev2 = [], prev = [], i, j;
    for (j = 0; j <= b.length; j++) prev.push(j);
    for (i = 1; i <= a.length; i++) {
      var cur = [i];
      for (j = 1; j <= b.length; j++) {
        var cost = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] !== b[j - 1] ? 1 : 0));
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) cost = Math.min(cost, prev2[j - 2] + 1);
        cur.push(cost);
      }
      prev2 = prev;
      prev = cur;
    }
    return prev[b.length];
  }

  function levenshtein(a, b) {
    var prev = [], i, j;
    for (j = 0; j <= b.length; j++) prev.push(j);
    for (i = 1; i <= a.length; i++) {
      var cur = [i];
      for (j = 1; j <= b.length; j++) cur.push(Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] !== b[j - 1] ? 1 : 0)));
      prev = cur;
    }
    return prev[b.length];
  }

  /* The query with each unknown word replaced by the nearest indexed word, if that finds something. */
  Engine.prototype.suggest = function (text, filters) {
    var self = this, meta = this.meta, analyzer = this.analyzer;
    var words = analyzer.tokenize(text).filter(function (w) {
      return !OPERATORS[w.text] && !/[*?]/.test(text.charAt(w.end));
    }).map(function (w) {
      return { word: w, norm: analyzer.normalizeWord(w.text) };
    }).filter(function (w) { return w.norm && !analyzer.isStopWord(w.norm); });
    var names = words.map(function (w) { return "terms/" + self._shardOf(w.norm); })
      .concat(words.map(function (w) { return "terms/" + self._shardOf(analyzer.stem(w.norm)); }));
    return this.load(names).then(function () {
      var unknown = words.filter(function (w) { return !self._known(w.norm); });
      if (!unknown.length) return null;
      var lengths = new Set();
      unknown.forEach(function (w) {
        for (var n = Math.max(1, w.norm.length - meta.max_edits); n <= w.norm.length + meta.max_edits; n++) lengths.add(n);
      });
      var available = Array.from(lengths).filter(function (n) { return meta.word_lengths.indexOf(n) >= 0; });
      return self.load(available.map(function (n) { return "words/" + n; })).then(function () {
        var out = "", end = 0, changed = false;
        unknown.forEach(function (w) {
          var replacement = self._nearest(w.norm);
          if (replacement) {
            out += text.slice(end, w.word.start) + replacement;
            end = w.word.end;
            changed = true;
          }
        });
        if (!changed) return null;
        var suggestion = out + text.slice(end);
        return self.search(suggestion, filters).then(function (found) { return found.total ? suggestion : null; },
          function () { return null; });
      });
    });
  };

  Engine.prototype._known = function (word) {
    var stem = this.analyzer.stem(word);
    for (var slot = 0; slot < this.fields.length; slot++) {
      if (this._postingsOf(this.exactFields[slot] ? word : stem, slot).docs.length) return true;
    }
    return false;
  };

  Engine.prototype._nearest = function (word) {
    var meta = this.meta, best = null;
    for (var n = Math.max(1, word.length - meta.max_edits); n <= word.length + meta.max_edits; n++) {
      var group = this._data.get("words/" + n);
      if (!group) continue;
      Object.keys(group).forEach(function (term) {
        if (levenshtein(word, term) > meta.max_edits) return;
        var rank = [editDistance(word, term), -group[term], term];
        if (!best || rank[0] < best[0] || (rank[0] === best[0] && (rank[1] < best[1] || (rank[1] === best[1] && rank[2] < best[2])))) best = rank;
      });
    }
    var allowed = word.length <= meta.short_word ? 1 : meta.max_edits;
    return best && best[0] <= allowed ? best[2] : null;
  };

  var api = { Engine: Engine, SearchError: SearchError, parseQuery: parseQuery, editDistance: editDistance };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.SitegenSearch = api;
})(typeof self !== "undefined" ? self : this);
