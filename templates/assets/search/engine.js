/* The search engine of the browser: the ranking of `sitegen search` (sitegen/search/ranking.py).
 *
 * Data comes from the shards sitegen.search.browser_index writes into site/search/, each a
 * script that calls sitegenSearchData(name, data). A loader (script tags in a page, require()
 * under Node) is handed to the engine, which asks only for what a query needs: the term
 * shards of its words, the filter data when filters are set, then the documents shown.
 * The query tree comes from querylang.js.
 *
 * Scores follow the contract: every (field, term) scores boost × idf × tf (K1 + 1) /
 * (tf + K1 (1 − B + B L / avgL)), idf = ln(N / (n + 1)) + 1, L the field length decoded
 * from Whoosh's byte; words sum their six fields (title, title_exact, lede, ...), OR and AND
 * sum their parts, NOT removes; a document holding every clause in the exact fields adds the
 * whole-exact score; tiers "all" then "closest" (when "all" holds fewer than the limit);
 * order by tier, clauses held, the score rounded to 6 decimals, then the article id (the
 * document number: documents are in id order). Phrases are matched on the documents' text
 * (the index keeps no positions): the words must follow each other, stop words skipped.
 */
(function (root) {
  "use strict";

  var FORMAT = "sitegen-browser-index/2";
  var lang = typeof module !== "undefined" && module.exports ? require("./querylang.js") : root.SitegenQueryLang;
  var SearchError = lang.SearchError, fail = lang.fail;
  var clausesOf = lang.clausesOf, nodesOf = lang.nodesOf;

  /* ---- scores: doc → score over the whole collection, dense (absent = NaN), Map-like ---- */

  function Scores(size) {
    this.values = new Float64Array(size).fill(NaN);
    this.docs = [];
  }
  Object.defineProperty(Scores.prototype, "size", { get: function () { return this.docs.length; } });
  Scores.prototype.has = function (doc) { return this.values[doc] === this.values[doc]; };
  Scores.prototype.get = function (doc) { var v = this.values[doc]; return v === v ? v : undefined; };
  Scores.prototype.set = function (doc, score) {
    if (this.values[doc] !== this.values[doc]) this.docs.push(doc);
    this.values[doc] = score;
    return this;
  };
  Scores.prototype.forEach = function (fn) {
    var docs = this.docs, values = this.values;
    for (var i = 0; i < docs.length; i++) fn(values[docs[i]], docs[i]);
  };

  /* The scores of one term in one field: sorted documents and their scores, Map-like. */
  function TermScores(docs, values) {
    this.docs = docs;
    this.values = values;
    this.size = docs.length;
  }
  TermScores.prototype._index = function (doc) {
    var docs = this.docs, lo = 0, hi = docs.length - 1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (docs[mid] < doc) lo = mid + 1; else if (docs[mid] > doc) hi = mid - 1; else return mid;
    }
    return -1;
  };
  TermScores.prototype.has = function (doc) { return this._index(doc) >= 0; };
  TermScores.prototype.get = function (doc) { var i = this._index(doc); return i >= 0 ? this.values[i] : undefined; };
  TermScores.prototype.forEach = function (fn) {
    for (var i = 0; i < this.docs.length; i++) fn(this.values[i], this.docs[i]);
  };

  /* ---- loading ---- */

  /* Data scripts the page loads before the engine exists (meta.js, tables.js) wait here. */
  var early = new Map();
  if (typeof root.sitegenSearchData !== "function") {
    root.sitegenSearchData = function (name, data) { early.set(name, data); };
  }

  function Engine(loader, Analyzer) {
    this._loader = loader; // function(names) -> Promise, loads "meta", "terms/3", ... (each calls receive)
    this._Analyzer = Analyzer;
    this._data = new Map(early);
    this._pending = new Map();
    this._postings = new Map();
    this._scoreCache = new Map(); // term scores (read only once computed)
    this._results = new Map(); // the last queries' rankings
    this._prefixCache = new Map();
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
      self.partOrder = [];
      meta.fields.forEach(function (f, slot) {
        if (self.exactFields[slot]) return;
        self.partOrder.push(slot, meta.fields.indexOf(f + "_exact"));
      });
      self._digit = new Int32Array(128).fill(-1);
      for (var i = 0; i < meta.alphabet.length; i++) self._digit[meta.alphabet.charCodeAt(i)] = i;
      // The dictionary is front-coded (browser_index.front_code): per key, how many characters
      // it shares with the key before (one digit), then the rest; keys separated by spaces.
      var keys = [], previous = "";
      (meta.dictionary ? meta.dictionary.split(" ") : []).forEach(function (item) {
        previous = previous.slice(0, +item.charAt(0)) + item.slice(1);
        keys.push(previous);
      });
      self.dictionary = keys;
      self.exactWords = self.decode(meta.exact_words);
      self._shardNames = [];
      return self;
    });
  };

  /* CRC-32 (zlib's) of a string's UTF-8 bytes. */
  var CRC_TABLE = (function () {
    var table = new Int32Array(256);
    for (var n = 0; n < 256; n++) {
      var c = n;
      for (var k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c;
    }
    return table;
  })();

  function crcName(key) {
    var bytes = unescape(encodeURIComponent(key)), crc = -1;
    for (var i = 0; i < bytes.length; i++) crc = CRC_TABLE[(crc ^ bytes.charCodeAt(i)) & 255] ^ (crc >>> 8);
    return ((crc ^ -1) >>> 0).toString(36);
  }

  /* The file of a term shard (browser_index.shard_names): the CRC-32 of its key, or the name
   * meta.renamed gives it (when an earlier shard's key has the same CRC-32). */
  Engine.prototype._shardFile = function (index) {
    var name = this._shardNames[index];
    if (name === undefined) {
      var renamed = this.meta.renamed;
      name = Object.prototype.hasOwnProperty.call(renamed, index) ? renamed[index] : crcName(this.dictionary[index]);
      this._shardNames[index] = name;
    }
    return "terms/" + name;
  };

  Engine.prototype.decode = function (text) {
    var numbers = new Int32Array(text.length), count = 0, value = 0, digit = this._digit;
    for (var i = 0; i < text.length; i++) {
      var d = digit[text.charCodeAt(i)];
      if (d >= 32) value = value * 32 + d - 32;
      else { numbers[count++] = value * 32 + d; value = 0; }
    }
    return numbers.subarray(0, count);
  };

  Engine.prototype._shardOf = function (term) {
    var dict = this.dictionary, lo = 0, hi = dict.length - 1, found = 0;
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
    var lists = this._entry(term);
    var numbers = lists[slot] ? this.decode(lists[slot]) : new Int32Array(0);
    // Each document: 2 × gap (+1 when its tf is above 1), then that tf (only then), then its length byte.
    var docs = new Int32Array(numbers.length >> 1), tfs = new Int32Array(docs.length), lens = new Int32Array(docs.length);
    var doc = -1, table = this.meta.length_table, j = 0;
    for (var i = 0; i < numbers.length; j++) {
      var value = numbers[i++];
      doc += value >>> 1;
      docs[j] = doc;
      tfs[j] = value & 1 ? numbers[i++] : 1;
      lens[j] = table[numbers[i++]];
    }
    var postings = { docs: docs.subarray(0, j), tfs: tfs.subarray(0, j), lens: lens.subarray(0, j) };
    this._postings.set(key, postings);
    return postings;
  };

  /* A term's six posting lists (strings, "" where absent), from its loaded shard. */
  Engine.prototype._entry = function (term) {
    var shard = this._data.get(this._shardFile(this._shardOf(term)));
    var entry = shard && Object.prototype.hasOwnProperty.call(shard, term) ? shard[term] : "";
    return entry.split(",");
  };

  Engine.prototype._termsWithPrefix = function (prefix, slot) {
    var out = [], first = this._shardOf(prefix), last = this._shardOf(prefix + "\uffff");
    for (var s = first; s <= last; s++) {
      var shard = this._data.get(this._shardFile(s));
      Object.keys(shard).sort().forEach(function (term) {
        if (term.startsWith(prefix) && shard[term].split(",")[slot]) out.push(term);
      });
    }
    return out;
  };

  /* ---- scoring (sitegen/search/ranking.py) ---- */

  /* doc → score of one term in one field, times boost. */
  Engine.prototype._termScores = function (slot, term, boost) {
    var key = slot + "\u0000" + boost + "\u0000" + term;
    var cached = this._scoreCache.get(key);
    if (cached) return cached;
    var p = this._postingsOf(term, slot), meta = this.meta;
    var n = boost ? p.docs.length : 0, values = new Float64Array(n);
    var idf = Math.log(meta.doc_count / (p.docs.length + 1)) + 1;
    var K1 = meta.k1, B = meta.b[slot], avg = meta.avg_field_length[slot];
    for (var i = 0; i < n; i++) {
      var tf = p.tfs[i];
      var norm = avg ? K1 * (1 - B + (B * p.lens[i]) / avg) : K1;
      values[i] = (boost * idf * tf * (K1 + 1)) / (tf + norm);
    }
    var scores = new TermScores(n ? p.docs : new Int32Array(0), values);
    if (this._scoreCache.size > 2000) this._scoreCache.clear();
    this._scoreCache.set(key, scores);
    return scores;
  };

  function addInto(out, scores) {
    var docs = scores.docs, values = scores.values, into = out.values;
    if (scores instanceof TermScores) {
      for (var i = 0; i < docs.length; i++) {
        var doc = docs[i], have = into[doc];
        if (have !== have) { out.docs.push(doc); into[doc] = values[i]; } else into[doc] = have + values[i];
      }
      return out;
    }
    scores.forEach(function (score, doc) {
      var have = out.get(doc);
      out.set(doc, have === undefined ? score : have + score);
    });
    return out;
  }

  /* The term a query word has in a field: its stem in stemmed fields, itself in exact ones. */
  Engine.prototype._termIn = function (slot, exact) {
    return this.exactFields[slot] ? exact : this.analyzer.stem(exact);
  };

  /* Exact words of the index starting with prefix, over the three exact fields: {slot: [terms]}. */
  Engine.prototype._prefixTerms = function (prefix) {
    var cached = this._prefixCache.get(prefix);
    if (cached) return cached;
    var self = this, bySlot = {}, distinct = new Set();
    this.fields.forEach(function (_, slot) {
      if (!self.exactFields[slot]) return;
      bySlot[slot] = self._termsWithPrefix(prefix, slot);
      bySlot[slot].forEach(function (t) { distinct.add(t); });
    });
    bySlot.distinct = distinct.size;
    this._prefixCache.set(prefix, bySlot);
    return bySlot;
  };

  /* A prefix whose shards hold too many words is refused before they are loaded: the words of
   * the shards wholly inside its range (meta.exact_words counts each shard's exact words). */
  Engine.prototype._checkPrefixesBeforeLoading = function (root) {
    var self = this, seen = new Set(), total = 0;
    nodesOf(root).forEach(function (node) {
      if (!node.prefix || seen.has(node.prefix)) return;
      seen.add(node.prefix);
      var first = self._shardOf(node.prefix), last = self._shardOf(node.prefix + "\uffff");
      for (var s = first + 1; s < last; s++) total += self.exactWords[s];
      if (total > self.meta.query_language.max_prefix_terms) {
        throw fail("prefix_terms", "the prefix " + node.prefix + "* begins too many words: give more letters");
      }
    });
  };

  /* The prefixes of a query together expand to at most max_prefix_terms words (querylang.py). */
  Engine.prototype._checkPrefixes = function (root) {
    var self = this, seen = new Set(), total = 0;
    nodesOf(root).forEach(function (node) {
      if (!node.prefix || seen.has(node.prefix)) return;
      seen.add(node.prefix);
      total += self._prefixTerms(node.prefix).distinct;
      if (total > self.meta.query_language.max_prefix_terms) {
        throw fail("prefix_terms", "the prefix " + node.prefix + "* begins too many words: give more letters");
      }
    });
  };

  /* doc → score of a node, boosts per field (a boost of 0 leaves the field out). Sums run in
   * the contract's order: part by part (title, lede, body), the stemmed field before the exact one. */
  Engine.prototype._scores = function (node, boosts) {
    var self = this, out = new Scores(this.meta.doc_count);
    if (node.word) {
      this.partOrder.forEach(function (slot) { addInto(out, self._termScores(slot, self._termIn(slot, node.word), boosts[slot])); });
      return out;
    }
    if (node.prefix) {
      var bySlot = this._prefixTerms(node.prefix);
      this.partOrder.forEach(function (slot) {
        (bySlot[slot] || []).forEach(function (t) { addInto(out, self._termScores(slot, t, boosts[slot])); });
      });
      return out;
    }
    if (node.phrase) {
      this.partOrder.forEach(function (slot) {
        if (!boosts[slot]) return;
        var terms = node.phrase.map(function (w) { return self._termIn(slot, w); });
        var parts = terms.map(function (t) { return self._termScores(slot, t, boosts[slot]); });
        var smallest = parts.reduce(function (a, b) { return a.size <= b.size ? a : b; });
        smallest.forEach(function (_, doc) {
          if (!parts.every(function (p) { return p.has(doc); }) || !self._phraseIn(doc, slot, terms)) return;
          var total = 0;
          parts.forEach(function (p) { total += p.get(doc); });
          var have = out.get(doc);
          out.set(doc, have === undefined ? total : have + total);
        });
      });
      return out;
    }
    if (node.or) {
      node.or.forEach(function (child) { addInto(out, self._scores(child, boosts)); });
      return out;
    }
    // AND: every positive child matches, no NOT child does.
    var positives = [], negatives = [];
    node.and.forEach(function (child) {
      if (child.not) negatives.push(self._scores(child.not, self.meta.field_boosts)); // NOT removes any match
      else positives.push(self._scores(child, boosts));
    });
    var smallestPositive = positives.reduce(function (a, b) { return a.size <= b.size ? a : b; });
    smallestPositive.forEach(function (_, doc) {
      var total = 0;
      for (var i = 0; i < positives.length; i++) {
        var s = positives[i].get(doc);
        if (s === undefined) return;
        total += s;
      }
      for (var j = 0; j < negatives.length; j++) if (negatives[j].has(doc)) return;
      out.set(doc, total);
    });
    return out;
  };

  /* Whether the terms follow each other (stop words skipped) in the field of a document. */
  Engine.prototype._phraseIn = function (doc, slot, terms) {
    var data = this._data.get("docs/" + doc);
    var part = this.fields[slot].replace(/_exact$/, "");
    var exact = this.exactFields[slot];
    var tokens = this.analyzer.analyze(data[part] || "").map(function (w) { return exact ? w.exact : w.stem; });
    outer: for (var i = 0; i + terms.length <= tokens.length; i++) {
      for (var j = 0; j < terms.length; j++) if (tokens[i + j] !== terms[j]) continue outer;
      return true;
    }
    return false;
  };

  Engine.prototype._termShards = function (root) {
    var self = this, names = new Set();
    function add(term) { names.add(self._shardFile(self._shardOf(term))); }
    nodesOf(root).forEach(function (node) {
      var words = node.word ? [node.word] : node.phrase || [];
      words.forEach(function (w) { add(w); add(self.analyzer.stem(w)); });
      if (node.prefix) {
        for (var s = self._shardOf(node.prefix); s <= self._shardOf(node.prefix + "\uffff"); s++) names.add(self._shardFile(s));
      }
    });
    return Array.from(names);
  };

  /* Documents whose text a phrase must be checked in: those holding all its terms in some field. */
  Engine.prototype._phraseCandidates = function (root) {
    var self = this, docs = new Set();
    nodesOf(root).forEach(function (node) {
      if (!node.phrase) return;
      self.fields.forEach(function (_, slot) {
        var lists = node.phrase.map(function (w) { return self._postingsOf(self._termIn(slot, w), slot).docs; });
        var sets = lists.map(function (l) { return new Set(l); });
        lists[0].forEach(function (d) { if (sets.every(function (s) { return s.has(d); })) docs.add("docs/" + d); });
      });
    });
    return Array.from(docs);
  };

  function checkDates(filters) {
    ["from", "to"].forEach(function (name) {
      var value = filters[name];
      if (value && (!/^\d{4}-\d{2}-\d{2}$/.test(value) || isNaN(Date.parse(value + "T00:00:00Z")))) {
        throw fail("date", name + ": " + value + " is not a date (write YYYY-MM-DD)");
      }
    });
    if (filters.from && filters.to && filters.from > filters.to) throw fail("date_order", "from is after to");
  }

  Engine.prototype.round = function (score) {
    return parseFloat(score.toFixed(this.meta.score_decimals));
  };

  /* Ranked documents for text under filters (ranking.py: tiers, clauses held, rounded score, id).
   * Returns {total, ranked: [{doc, tier, held, score}], tier: "all"|"closest", terms}. ``limit``
   * decides, as --limit does in the terminal, whether closest matches are added. */
  Engine.prototype.search = function (text, filters, limit) {
    var self = this, root;
    limit = limit || 10;
    try {
      root = lang.parse(text, this.analyzer, this.meta.query_language);
      checkDates(filters || {});
    } catch (error) {
      return Promise.reject(error);
    }
    try {
      this._checkPrefixesBeforeLoading(root);
    } catch (error) {
      return Promise.reject(error);
    }
    var filtered = Object.keys(filters || {}).some(function (k) { return filters[k]; });
    return this.load(this._termShards(root).concat(filtered ? ["facets"] : [])).then(function () {
      return self.load(self._phraseCandidates(root));
    }).then(function () {
      var key = JSON.stringify([text, filters || {}, limit]);
      var cached = self._results.get(key);
      if (cached) return cached;
      self._checkPrefixes(root);
      var result = self._rank(root, filters || {}, limit);
      if (self._results.size >= 20) self._results.delete(self._results.keys().next().value);
      self._results.set(key, result);
      return result;
    });
  };

  /* Tiers as evaluate.py builds them: each positive clause scored once, then intersected. */
  Engine.prototype._rank = function (root, filters, limit) {
    var self = this;
    var fullBoosts = this.meta.field_boosts, wholeBoosts = this.meta.whole_exact_boosts;
    var allowed = this.allowed(filters);
    var clauses = clausesOf(root);
    var positives = clauses.filter(function (c) { return !c.not; });
    var excluded = new Set();
    clauses.forEach(function (c) {
      if (c.not) self._scores(c.not, fullBoosts).forEach(function (_, doc) { excluded.add(doc); });
    });
    var keep = function (doc) { return !excluded.has(doc) && (!allowed || allowed.has(doc)); };
    var main = positives.map(function (c) { return self._scores(c, fullBoosts); });
    var bonus = positives.map(function (c) { return self._scores(c, wholeBoosts); });
    var everything = intersect(main, this.meta.doc_count), exactAll = intersect(bonus, this.meta.doc_count);
    var ranked = [];
    everything.forEach(function (score, doc) {
      if (!keep(doc)) return;
      var b = exactAll.get(doc);
      ranked.push({ doc: doc, tier: 0, held: positives.length, score: self.round(b === undefined ? score : score + b) });
    });
    var allCount = ranked.length;
    if (allCount < limit && positives.length > 1) {
      var held = new Int32Array(this.meta.doc_count), partial = new Scores(this.meta.doc_count);
      main.forEach(function (scores) {
        scores.forEach(function (score, doc) {
          held[doc] += 1;
          var have = partial.get(doc);
          partial.set(doc, have === undefined ? score : have + score);
        });
      });
      partial.forEach(function (score, doc) {
        if (held[doc] < positives.length && keep(doc)) ranked.push({ doc: doc, tier: 1, held: held[doc], score: self.round(score) });
      });
    }
    ranked.sort(function (a, b) { return a.tier - b.tier || b.held - a.held || b.score - a.score || a.doc - b.doc; });
    ranked.forEach(function (r) { r.tier = self.meta.tiers[r.tier]; });
    return {
      total: ranked.length,
      allCount: allCount,
      tier: allCount ? this.meta.tiers[0] : ranked.length ? this.meta.tiers[1] : null,
      ranked: ranked,
      terms: this.queryTerms(root),
    };
  };

  /* doc → summed score over the documents every map holds (summed in the maps' order). */
  function intersect(maps, size) {
    var out = new Scores(size);
    if (!maps.length || maps.some(function (m) { return !m.size; })) return out;
    var smallest = maps.reduce(function (a, b) { return a.size <= b.size ? a : b; });
    smallest.forEach(function (_, doc) {
      var total = 0;
      for (var i = 0; i < maps.length; i++) {
        var s = maps[i].get(doc);
        if (s === undefined) return;
        total += s;
      }
      out.set(doc, total);
    });
    return out;
  }

  /* The query's terms found in the index (prefixes expanded), as {stems, exacts}, for highlighting. */
  Engine.prototype.queryTerms = function (root) {
    var self = this, stems = new Set(), exacts = new Set();
    function positive(node) {
      if (node.not) return;
      if (node.and || node.or) { (node.and || node.or).forEach(positive); return; }
      var words = node.word ? [node.word] : node.phrase || [];
      words.forEach(function (w) {
        self.fields.forEach(function (_, slot) {
          var term = self._termIn(slot, w);
          if (self._postingsOf(term, slot).docs.length) (self.exactFields[slot] ? exacts : stems).add(term);
        });
      });
      if (node.prefix) {
        var bySlot = self._prefixTerms(node.prefix);
        self.exactFields.forEach(function (exact, slot) {
          if (exact) bySlot[slot].forEach(function (t) { exacts.add(t); });
        });
      }
    }
    positive(root);
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

  /* The filter fields and their labels: loaded for a filtered search, or when counts are asked for. */
  Engine.prototype.loadFacets = function () {
    return this.load(["facets"]);
  };

  /* Filter values no article holds ({name: value}), to be said: they select nothing. */
  Engine.prototype.unknownFilters = function (filters) {
    var postings = this._data.get("facets").postings, unknown = {};
    [["place", "places"], ["actor", "actors"], ["type", "types"], ["outlet", "outlets"]].forEach(function (pair) {
      var value = filters[pair[0]];
      if (value && !Object.prototype.hasOwnProperty.call(postings[pair[1]], value)) unknown[pair[0]] = value;
    });
    return unknown;
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
    var operators = meta.query_language.operators;
    var words = analyzer.tokenize(text).filter(function (w) {
      var letters = Array.from(w.text).length;
      return operators.indexOf(w.text) < 0 && text.charAt(w.end) !== "*" &&
        letters >= meta.min_suggest_letters && letters <= meta.max_suggest_letters;
    }).map(function (w) {
      return { word: w, norm: analyzer.normalizeWord(w.text) };
    }).filter(function (w) { return w.norm && !analyzer.isStopWord(w.norm); });
    var names = words.map(function (w) { return self._shardFile(self._shardOf(w.norm)); })
      .concat(words.map(function (w) { return self._shardFile(self._shardOf(analyzer.stem(w.norm))); }));
    return this.load(names.concat(["words"])).then(function () {
      var unknown = words.filter(function (w) { return !self._known(w.norm); }).slice(0, meta.max_suggest_words);
      if (!unknown.length) return null;
      var lengths = new Set();
      unknown.forEach(function (w) {
        for (var n = Math.max(1, w.norm.length - meta.max_edits); n <= w.norm.length + meta.max_edits; n++) lengths.add(n);
      });
      // words.js: [first length, last length, name] of each chunk of words (by length, then word).
      var chunks = self._data.get("words").filter(function (c) {
        for (var n = c[0]; n <= c[1]; n++) if (lengths.has(n)) return true;
        return false;
      });
      return self.load(chunks.map(function (c) { return "words/" + c[2]; })).then(function () {
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
        return self.search(suggestion, filters, 1).then(function (found) { return found.allCount ? suggestion : null; },
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
    var self = this, meta = this.meta, best = null;
    this._data.get("words").forEach(function (chunk) {
      // a word within max_edits edits differs in length by at most max_edits
      if (chunk[1] < word.length - meta.max_edits || chunk[0] > word.length + meta.max_edits) return;
      var group = self._data.get("words/" + chunk[2]);
      Object.keys(group).forEach(function (term) {
        if (levenshtein(word, term) > meta.max_edits) return;
        var rank = [editDistance(word, term), -group[term], term];
        if (!best || rank[0] < best[0] || (rank[0] === best[0] && (rank[1] < best[1] || (rank[1] === best[1] && rank[2] < best[2])))) best = rank;
      });
    });
    var allowed = word.length <= meta.short_word ? 1 : meta.max_edits;
    return best && best[0] <= allowed ? best[2] : null;
  };

  var api = { Engine: Engine, SearchError: SearchError, editDistance: editDistance };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.SitegenSearch = api;
})(typeof self !== "undefined" ? self : this);
