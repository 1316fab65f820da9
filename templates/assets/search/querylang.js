/* The query language of sitegen search in the browser: sitegen/search/querylang.py, rule for rule.
 *
 * A query is cut into chunks at white space, quotes and parentheses; AND, OR and NOT are
 * operators; every other chunk is split into words by the analyzer (arabic.js), exactly as
 * text is; a * ending a chunk makes its last word a prefix. Grammar: juxtaposition and AND
 * join, OR binds closer, NOT applies to what follows (NOT NOT x is x). The limits come from
 * the index's meta.js (querylang.py's constants). The tree: {word}, {prefix}, {phrase: [..]},
 * {and: [..]}, {or: [..]}, {not: node}.
 */
(function (root) {
  "use strict";

  function SearchError(message) {
    this.name = "SearchError";
    this.message = message;
  }
  SearchError.prototype = Object.create(Error.prototype);

  /* ---- the query language (sitegen/search/querylang.py, rule for rule) ---- */

  function isSpace(ch) {
    return (/\s/.test(ch) && ch !== "\ufeff") || /[\x1c-\x1f\x85]/.test(ch);
  }

  function fail(code, message) {
    var error = new SearchError(message);
    error.code = code;
    return error;
  }

  var EMPTY = { empty: true }; // a chunk or phrase that held only stop words or punctuation

  /* The query tree: {word}, {prefix}, {phrase: [words]}, {and: [...]}, {or: [...]}, {not: node}. */
  /* The query tree of text under the limits of lang (meta.query_language); SearchError (with a
   * code the page turns into Arabic) for a query that cannot be searched. */
  function parse(text, analyzer, lang) {
    if (!text.trim()) throw fail("empty", "empty query: give a word to search for");
    if (text.length > lang.max_query_chars) throw fail("too_long", "query too long");
    var operators = lang.operators, fieldNames = lang.field_names;

    function word(original) {
      if (Array.from(original).length > lang.max_word_chars) throw fail("word_too_long", "a word is too long: " + original);
      var exact = analyzer.normalizeWord(original);
      return exact && !analyzer.isStopWord(exact) ? exact : null;
    }

    function chunkNodes(chunk) {
      if (operators.indexOf(chunk) >= 0) return [chunk];
      var field = /^([A-Za-z_]+):/.exec(chunk);
      if (field && fieldNames.indexOf(field[1].toLowerCase()) >= 0 && chunk.length > field[0].length) {
        throw fail("field", field[0] + " fields cannot be searched one by one");
      }
      var found = analyzer.tokenize(chunk);
      if (chunk.charAt(0) === "-" && found.length && found[0].start === 1) throw fail("minus", "write NOT " + found[0].text);
      var prefixEnd = null;
      if (chunk.indexOf("*") >= 0) {
        var stars = [];
        for (var i = 0; i < chunk.length; i++) if (chunk[i] === "*") stars.push(i);
        if (found.length && stars.length === 1 && stars[0] === chunk.length - 1 && found[found.length - 1].end === chunk.length - 1) {
          prefixEnd = found[found.length - 1];
        } else {
          throw fail("star", "a * only ends a word");
        }
      }
      var nodes = [];
      found.forEach(function (w) {
        if (w === prefixEnd) {
          if (Array.from(w.text).length > lang.max_word_chars) throw fail("word_too_long", "a prefix is too long");
          var exact = analyzer.normalizeWord(w.text);
          if (Array.from(exact).length < lang.min_prefix) throw fail("prefix_short", "prefix too short");
          nodes.push({ prefix: exact });
          return;
        }
        var e = word(w.text);
        if (e) nodes.push({ word: e });
      });
      return nodes;
    }

    var tokens = [], pos = 0;
    while (pos < text.length) {
      var ch = text[pos];
      if (isSpace(ch)) { pos++; continue; }
      if (ch === "(" || ch === ")") { tokens.push(ch); pos++; continue; }
      if (ch === '"') {
        var close = text.indexOf('"', pos + 1);
        if (close < 0) throw fail("quote", "unbalanced quote: close the phrase with \"");
        var words = analyzer.tokenize(text.slice(pos + 1, close)).map(function (w) { return word(w.text); }).filter(Boolean);
        tokens.push(words.length === 1 ? { word: words[0] } : words.length ? { phrase: words } : EMPTY);
        pos = close + 1;
        continue;
      }
      var end = pos;
      while (end < text.length && !isSpace(text[end]) && '"()'.indexOf(text[end]) < 0) end++;
      var nodes = chunkNodes(text.slice(pos, end));
      tokens.push(nodes.length === 1 ? nodes[0] : nodes.length ? { and: nodes } : EMPTY);
      pos = end;
    }

    tokens.forEach(function (token, i) {
      if (typeof token !== "string" || operators.indexOf(token) < 0) return;
      var before = i ? tokens[i - 1] : null, after = i + 1 < tokens.length ? tokens[i + 1] : null;
      if (token !== "NOT" && (before === null || ["(", "AND", "OR", "NOT"].indexOf(before) >= 0)) throw fail("dangling", token + " has no word before it");
      if (after === null || [")", "AND", "OR"].indexOf(after) >= 0) throw fail("dangling", token + " has no word after it");
    });

    var at = 0, depth = 0;
    function peek() { return at < tokens.length ? tokens[at] : null; }
    function parseAnd(level) {
      if (level > lang.max_depth) throw fail("depth", "parentheses nested too deep");
      var parts = [];
      for (;;) {
        var token = peek();
        if (token === null || token === ")") break;
        if (token === "AND") { at++; continue; }
        var node = parseOr();
        if (node) parts.push(node);
      }
      var flat = [];
      parts.forEach(function (p) { if (p.and) flat.push.apply(flat, p.and); else flat.push(p); });
      if (!flat.length) return null;
      if (!flat.some(hasPositive)) throw fail("only_not", "a part of the query has only NOT");
      return flat.length === 1 ? flat[0] : { and: flat };
    }
    function parseOr() {
      var parts = [parseUnary()];
      while (peek() === "OR") { at++; parts.push(parseUnary()); }
      parts = parts.filter(Boolean);
      if (parts.length > 1 && parts.some(function (p) { return p.not; })) throw fail("not_in_or", "NOT inside an OR");
      if (!parts.length) return null;
      return parts.length === 1 ? parts[0] : { or: parts };
    }
    function parseUnary() {
      var token = peek();
      at++;
      if (token === "NOT") {
        var child = parseUnary();
        if (child && child.not) return child.not; // NOT NOT x is x
        return child ? { not: child } : null;
      }
      if (token === "(") {
        depth++;
        var node = parseAnd(depth);
        depth--;
        if (peek() !== ")") throw fail("parens", "unbalanced parentheses: a ( is not closed");
        at++;
        return node;
      }
      if (token === EMPTY) return null;
      return token;
    }
    var root = parseAnd(0);
    if (at < tokens.length) throw fail("parens", "unbalanced parentheses: a ) has no (");
    if (!root || !hasPositive(root)) throw fail("nothing", "nothing to search for: only stop words, punctuation or NOT parts");
    if (wordsOf(root).length > lang.max_words) throw fail("too_many_words", "too many words");
    return root;
  }

  function hasPositive(node) {
    if (node.not) return false;
    if (node.and || node.or) return (node.and || node.or).some(hasPositive);
    return true;
  }

  function wordsOf(node, out) {
    out = out || [];
    if (node.word) out.push(node.word);
    else if (node.prefix) out.push(node.prefix);
    else if (node.phrase) out.push.apply(out, node.phrase);
    else if (node.not) wordsOf(node.not, out);
    else (node.and || node.or).forEach(function (c) { wordsOf(c, out); });
    return out;
  }

  function clausesOf(root) {
    return root.and ? root.and : [root];
  }

  /* Every node of the tree, for the shards they need. */
  function nodesOf(node, out) {
    out = out || [];
    out.push(node);
    if (node.not) nodesOf(node.not, out);
    else if (node.and || node.or) (node.and || node.or).forEach(function (c) { nodesOf(c, out); });
    return out;
  }

  var api = {
    parse: parse, SearchError: SearchError, fail: fail,
    hasPositive: hasPositive, wordsOf: wordsOf, clausesOf: clausesOf, nodesOf: nodesOf,
  };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.SitegenQueryLang = api;
})(typeof self !== "undefined" ? self : this);
