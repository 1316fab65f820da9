/* The Arabic analyzer of sitegen, for the browser: an engine with no rule of its own.
 *
 * Every rule comes from the tables that sitegen.arabic.export_tables() writes into
 * search/tables.js at build time; this file only applies them, step by step as
 * sitegen/arabic/engine.py does: tokenize, normalize, drop stop words, stem (protected
 * names first, an article prefix, single-letter clitics, suffixes, broken plurals).
 * A test runs it under Node over every distinct word of the shared corpus and requires
 * the same exact and stemmed tokens as Python.
 *
 * Works in a page (window.SitegenArabic) and under Node (module.exports); no eval.
 */
(function (root) {
  "use strict";

  var TABLES_FORMAT = "sitegen-arabic-tables/1";

  function Analyzer(tables) {
    if (!tables || tables.format !== TABLES_FORMAT) {
      throw new Error("sitegen: analyzer tables of an unknown format: " + (tables && tables.format));
    }
    var norm = tables.normalize;
    this.wordPattern = new RegExp(tables.word_pattern, "gu");
    this.unicodeForm = norm.unicode_form;
    this.lowercase = norm.lowercase;
    this.deleted = norm["delete"]; // sorted inclusive [first, last] code point ranges
    this.map = norm.map;
    this.stopWords = new Set(tables.stop_words);
    this.stopClitics = tables.stop_word_clitics.letters;
    this.stopExceptions = new Set(tables.stop_word_clitics["except"]);
    var stem = tables.stem;
    this.doubledLetters = stem.doubled_letters;
    this.articleThenAlso = stem.article_then_also;
    this.article = stem.article;
    this.articlePrefixes = stem.article_prefixes;
    this.articleMinRest = stem.article_min_rest;
    this.maxLetters = stem.max_letters;
    this.letterMinRest = stem.letter_min_rest;
    this.suffixes = stem.suffixes;
    this.suffixMinRest = stem.suffix_min_rest;
    this.pluralStems = stem.plural_stems;
    this.protectedNames = tables["protected"];
    this._normalized = new Map();
    this._stems = new Map();
  }

  /* Words of text as {text, start, end}; offsets in UTF-16 units of text. */
  Analyzer.prototype.tokenize = function (text) {
    var words = [];
    var pattern = this.wordPattern;
    pattern.lastIndex = 0;
    var match;
    while ((match = pattern.exec(text)) !== null) {
      words.push({ text: match[0], start: match.index, end: match.index + match[0].length });
    }
    return words;
  };

  Analyzer.prototype._isDeleted = function (cp) {
    var ranges = this.deleted, lo = 0, hi = ranges.length - 1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (cp < ranges[mid][0]) hi = mid - 1;
      else if (cp > ranges[mid][1]) lo = mid + 1;
      else return true;
    }
    return false;
  };

  /* One word in normalized form (sitegen.arabic.normalize_word). */
  Analyzer.prototype.normalizeWord = function (word) {
    var cached = this._normalized.get(word);
    if (cached !== undefined) return cached;
    var text = word.normalize(this.unicodeForm);
    if (this.lowercase) text = text.toLowerCase();
    var out = "";
    for (var ch of text) {
      if (this._isDeleted(ch.codePointAt(0))) continue;
      var mapped = this.map[ch];
      out += mapped === undefined ? ch : mapped;
    }
    if (this._normalized.size > 200000) this._normalized.clear();
    this._normalized.set(word, out);
    return out;
  };

  /* Whether a normalized word is a stop word, alone or behind a conjunction (ولماذا، فهل). */
  Analyzer.prototype.isStopWord = function (word) {
    if (this.stopWords.has(word)) return true;
    return word.length > 1 && this.stopClitics.indexOf(word[0]) >= 0 && this.stopWords.has(word.slice(1)) &&
      !this.stopExceptions.has(word);
  };

  function own(table, key) {
    return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
  }

  /* [rest, isName]: an article prefix, single-letter clitics and suffixes removed (engine._strip). */
  Analyzer.prototype._strip = function (word) {
    var names = this.protectedNames;
    var name = own(names, word);
    if (name !== undefined) return [name, true];
    var rest = word, i;
    if (rest.length > 2 && rest[0] === rest[1] && this.doubledLetters.indexOf(rest[0]) >= 0) {
      rest = rest.slice(1);
      name = own(names, rest);
      if (name !== undefined) return [name, true];
    }
    for (i = 0; i < this.articlePrefixes.length; i++) {
      var prefix = this.articlePrefixes[i];
      if (rest.startsWith(prefix) && rest.length - prefix.length >= this.articleMinRest) {
        rest = rest.slice(prefix.length);
        name = own(names, rest) || own(names, this.article + rest);
        if (name) return [name, true];
        var also = this.articleThenAlso;
        if (rest.startsWith(also) && rest.length - also.length >= this.articleMinRest) {
          rest = rest.slice(also.length);
          name = own(names, rest) || own(names, also + rest);
          if (name) return [name, true];
        }
        break;
      }
    }
    for (i = 0; i < this.maxLetters; i++) {
      var minRest = own(this.letterMinRest, rest.slice(0, 1));
      if (minRest === undefined || rest.length - 1 < minRest) break;
      rest = rest.slice(1);
      name = own(names, rest);
      if (name !== undefined) return [name, true];
    }
    for (i = 0; i < this.suffixes.length; i++) {
      var suffix = this.suffixes[i];
      if (rest.endsWith(suffix) && rest.length - suffix.length >= this.suffixMinRest) {
        rest = rest.slice(0, rest.length - suffix.length);
      }
    }
    return [rest, false];
  };

  /* The stem of one normalized word. */
  Analyzer.prototype.stem = function (word) {
    var cached = this._stems.get(word);
    if (cached !== undefined) return cached;
    var stripped = this._strip(word);
    var stem = stripped[1] ? stripped[0] : (own(this.pluralStems, stripped[0]) || stripped[0]);
    this._stems.set(word, stem);
    return stem;
  };

  /* The words of text that are not stop words: {exact, stem, start, end} in order. */
  Analyzer.prototype.analyze = function (text) {
    var out = [];
    var words = this.tokenize(text);
    for (var i = 0; i < words.length; i++) {
      var exact = this.normalizeWord(words[i].text);
      if (exact && !this.isStopWord(exact)) {
        out.push({ exact: exact, stem: this.stem(exact), start: words[i].start, end: words[i].end });
      }
    }
    return out;
  };

  var api = { Analyzer: Analyzer, TABLES_FORMAT: TABLES_FORMAT };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.SitegenArabic = api;
})(typeof self !== "undefined" ? self : this);
