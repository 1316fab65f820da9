/* The search page (search.html): reads the query and filters from the URL, searches with
 * engine.js, shows ranked results with highlighted snippets, filters with counts, pages,
 * and writes the query back into the URL so a search can be bookmarked and shared.
 *
 * Shards are loaded with <script> tags (fetch() fails on file://); each calls
 * sitegenSearchData(name, data). Everything shown is built with textContent: no HTML
 * from the index is ever parsed.
 */
(function () {
  "use strict";

  var PAGE_SIZE = 10;
  var FILTERS = ["from", "to", "place", "actor", "type", "outlet"];
  var MESSAGES = {
    loading: "جارٍ البحث…",
    none: "لا نتائج لهذا البحث.",
    count: function (n) { return n === 1 ? "نتيجة واحدة" : n === 2 ? "نتيجتان" : n + (n % 100 >= 3 && n % 100 <= 10 ? " نتائج" : " نتيجة"); },
    closest: "لا تحوي أي مقالة كل الكلمات؛ أقرب النتائج:",
    closestLabel: "أقرب نتيجة",
    didYouMean: "هل تقصد: ",
    page: function (n, of) { return "الصفحة " + n + " من " + of; },
    previous: "السابق",
    next: "التالي",
    error: "تعذّر البحث: ",
    missing: "فهرس البحث غير موجود في هذا الموقع أو ناقص؛ أعد بناء الموقع بالأمر sitegen build.",
    all: "الكل",
    places: "المكان",
    actors: "الجهة",
    types: "النوع",
    outlets: "المصدر",
    years: "السنة",
    clear: "إزالة عوامل التصفية",
    unknownFilter: "لا مقالة تطابق عامل التصفية ",
    codes: {
      empty: "اكتب كلمة للبحث عنها.",
      nothing: "لا شيء يُبحث عنه: الاستعلام كله كلمات شائعة أو علامات ترقيم أو أجزاء منفية.",
      only_not: "جزء من الاستعلام فيه NOT فقط؛ أضف كلمة يُبحث عنها.",
      not_in_or: "لا تضع NOT داخل OR؛ استبعد الكلمات من الاستعلام كله، مثل: (قصف OR غارة) NOT درعا",
      quote: "علامة تنصيص \" غير مغلقة: أغلق العبارة بعلامة \".",
      parens: "الأقواس غير متوازنة.",
      depth: "الأقواس متداخلة أكثر مما ينبغي؛ بسّط الاستعلام.",
      dangling: "عامل (AND أو OR أو NOT) ليس على أحد جانبيه كلمة.",
      star: "علامة * لا تأتي إلا في آخر الكلمة، مثل: قص*",
      prefix_short: "البادئة قصيرة: اكتب حرفين على الأقل قبل *.",
      prefix_terms: "هذه البادئة تبدأ بها كلمات كثيرة جدًا؛ أضف حروفًا.",
      minus: "لاستبعاد كلمة اكتب NOT قبلها بدل -.",
      field: "لا يمكن البحث في حقل بعينه؛ كل بحث يشمل العنوان والمقدمة والنص.",
      too_long: "الاستعلام طويل جدًا؛ ابحث بكلمات أقل.",
      too_many_words: "كلمات كثيرة جدًا؛ ابحث بكلمات أقل.",
      word_too_long: "في الاستعلام كلمة طويلة جدًا؛ تحقق مما لصقته.",
      date: "تاريخ غير صالح في عوامل التصفية؛ اكتبه بالصيغة YYYY-MM-DD.",
      date_order: "تاريخ البداية بعد تاريخ النهاية.",
    },
  };

  var root = document.getElementById("search");
  if (!root) return;
  var base = root.getAttribute("data-index") || "search/";
  var months = (root.getAttribute("data-months") || "").split(",");
  var form = document.getElementById("search-form");
  var input = document.getElementById("search-q");
  var status = document.getElementById("search-status");
  var tierNote = document.getElementById("search-tier");
  var suggestion = document.getElementById("search-suggestion");
  var list = document.getElementById("search-results");
  var pages = document.getElementById("search-pages");
  var facetsBox = document.getElementById("search-facets");
  var filtersBox = document.getElementById("search-filters");

  var engine = new window.SitegenSearch.Engine(loadScripts, window.SitegenArabic.Analyzer);
  window.sitegenSearchData = function (name, data) { engine.receive(name, data); };
  root.setAttribute("data-state", "idle");

  function loadScripts(names) {
    return Promise.all(names.map(function (name) {
      return new Promise(function (resolve, reject) {
        var tag = document.createElement("script");
        tag.src = base + name + ".js";
        tag.async = true; // each runs as soon as it is read: sitegenSearchData files do not depend on each other
        tag.onload = function () { tag.remove(); resolve(); };
        tag.onerror = function () { tag.remove(); reject(new Error(MESSAGES.missing)); };
        document.head.appendChild(tag);
      });
    }));
  }

  function readState() {
    var params = new URLSearchParams(window.location.search);
    var state = { q: params.get("q") || "", page: Math.max(1, parseInt(params.get("page") || "1", 10) || 1), filters: {} };
    FILTERS.forEach(function (name) { var v = params.get(name); if (v) state.filters[name] = v; });
    return state;
  }

  function stateUrl(state) {
    var params = new URLSearchParams();
    if (state.q) params.set("q", state.q);
    FILTERS.forEach(function (name) { if (state.filters[name]) params.set(name, state.filters[name]); });
    if (state.page > 1) params.set("page", String(state.page));
    return "?" + params.toString();
  }

  function go(state, push) {
    if (push) {
      try { window.history.pushState(null, "", stateUrl(state)); } catch (error) { /* some file:// setups refuse: the page still works */ }
    }
    run(state);
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  function showError(error) {
    root.setAttribute("data-state", "error");
    clear(list); clear(pages); clear(facetsBox);
    tierNote.textContent = "";
    suggestion.textContent = "";
    var text = error && error.code && MESSAGES.codes[error.code] ? MESSAGES.codes[error.code] : (error && error.message) || String(error);
    status.textContent = MESSAGES.error + text;
  }

  var generation = 0;

  function run(state) {
    var mine = ++generation;
    input.value = state.q;
    FILTERS.forEach(function (name) {
      var field = form.elements[name];
      if (field && field.tagName === "INPUT") field.value = state.filters[name] || "";
    });
    clear(suggestion); tierNote.textContent = "";
    if (!state.q.trim()) {
      status.textContent = "";
      clear(list); clear(pages); clear(facetsBox);
      root.setAttribute("data-state", "idle");
      return Promise.resolve();
    }
    root.setAttribute("data-state", "loading");
    status.textContent = MESSAGES.loading;
    var started = performance.now();
    var found;
    return engine.open().then(function () {
      return engine.search(state.q, state.filters, PAGE_SIZE);
    }).then(function (result) {
      found = result;
      var first = (state.page - 1) * PAGE_SIZE;
      return engine.documents(result.ranked.slice(first, first + PAGE_SIZE).map(function (r) { return r.doc; }));
    }).then(function (docs) {
      if (mine !== generation) return;
      render(state, found, docs);
      root.setAttribute("data-ms", String(Math.round(performance.now() - started)));
      if (!found.total) {
        return engine.suggest(state.q, state.filters).then(function (text) {
          if (mine !== generation || !text) return;
          suggestion.appendChild(document.createTextNode(MESSAGES.didYouMean));
          var link = element("a", "suggestion", text);
          var next = { q: text, page: 1, filters: state.filters };
          link.href = stateUrl(next);
          link.addEventListener("click", function (event) { event.preventDefault(); go(next, true); });
          suggestion.appendChild(link);
        });
      }
    }).then(function () {
      if (mine === generation) root.setAttribute("data-state", "done");
    }, function (error) {
      if (mine === generation) showError(error);
    });
  }

  function render(state, found, docs) {
    clear(list); clear(pages);
    status.textContent = found.total ? MESSAGES.count(found.total) : MESSAGES.none;
    var unknown = Object.keys(state.filters).length ? engine.unknownFilters(state.filters) : {};
    Object.keys(unknown).forEach(function (name) {
      status.textContent += " " + MESSAGES.unknownFilter + name + "=" + unknown[name];
    });
    if (found.tier === "closest") tierNote.textContent = MESSAGES.closest;
    var first = (state.page - 1) * PAGE_SIZE;
    docs.forEach(function (doc, i) {
      var rank = found.ranked[first + i];
      var item = element("li", "result" + (rank.tier === "closest" ? " closest" : ""));
      var heading = element("h2", "result-title");
      var link = element("a", "", doc.title);
      link.href = doc.path;
      heading.appendChild(link);
      item.appendChild(heading);
      var meta = element("p", "result-meta");
      var day = doc.date.split("-");
      var time = element("time", "", months.length === 12 ? +day[2] + " " + months[+day[1] - 1] + " " + day[0] : doc.date);
      time.setAttribute("datetime", doc.date);
      meta.appendChild(time);
      doc.places.forEach(function (p) { meta.appendChild(element("span", "result-place", p)); });
      doc.types.forEach(function (t) { meta.appendChild(element("span", "result-type", t)); });
      if (found.allCount && rank.tier === "closest") meta.appendChild(element("span", "result-tier", MESSAGES.closestLabel));
      item.appendChild(meta);
      var snippet = element("p", "result-snippet");
      engine.snippet(doc, found.terms).forEach(function (part) {
        snippet.appendChild(part[1] ? element("mark", "", part[0]) : document.createTextNode(part[0]));
      });
      item.appendChild(snippet);
      list.appendChild(item);
    });
    renderPages(state, found.total);
    lastFound = found;
    lastState = state;
    if (Object.keys(state.filters).length && !filtersBox.open) filtersBox.open = true; // its toggle shows the counts
    else if (filtersBox.open) showFacets();
    else clear(facetsBox);
  }

  var lastFound = null, lastState = null;

  /* Counts are computed from the filter data, loaded the first time the filters are opened. */
  function showFacets() {
    if (!lastFound) return;
    var found = lastFound, state = lastState;
    engine.loadFacets().then(function () {
      if (found === lastFound) renderFacets(state, found);
    }, showError);
  }

  function renderPages(state, total) {
    var count = Math.ceil(total / PAGE_SIZE);
    if (count <= 1) return;
    function button(label, page, current) {
      var link = element("a", current ? "current" : "", label);
      var next = { q: state.q, page: page, filters: state.filters };
      link.href = stateUrl(next);
      if (current) link.setAttribute("aria-current", "page");
      link.addEventListener("click", function (event) { event.preventDefault(); go(next, true); window.scrollTo(0, 0); });
      pages.appendChild(link);
    }
    if (state.page > 1) button(MESSAGES.previous, state.page - 1, false);
    var from = Math.max(1, state.page - 3), to = Math.min(count, state.page + 3);
    for (var p = from; p <= to; p++) button(String(p), p, p === state.page);
    if (state.page < count) button(MESSAGES.next, state.page + 1, false);
    pages.appendChild(element("span", "page-of", MESSAGES.page(state.page, count)));
  }

  function renderFacets(state, found) {
    clear(facetsBox);
    var unfiltered = {};
    Object.keys(state.filters).forEach(function (k) { unfiltered[k] = state.filters[k]; });
    var docs = new Set(found.ranked.map(function (r) { return r.doc; }));
    var counts = engine.facetCounts(docs);
    [["places", "place"], ["actors", "actor"], ["types", "type"], ["outlets", "outlet"]].forEach(function (pair) {
      var rows = counts[pair[0]];
      if (!rows.length && !state.filters[pair[1]]) return;
      var label = element("label", "facet");
      label.appendChild(element("span", "facet-name", MESSAGES[pair[0]]));
      var select = element("select");
      select.name = pair[1];
      var any = element("option", "", MESSAGES.all);
      any.value = "";
      select.appendChild(any);
      rows.forEach(function (row) {
        var option = element("option", "", row.label + " (" + row.count + ")");
        option.value = row.value;
        if (state.filters[pair[1]] === row.value) option.selected = true;
        select.appendChild(option);
      });
      select.addEventListener("change", function () {
        var filters = Object.assign({}, state.filters);
        if (select.value) filters[pair[1]] = select.value; else delete filters[pair[1]];
        go({ q: state.q, page: 1, filters: filters }, true);
      });
      label.appendChild(select);
      facetsBox.appendChild(label);
    });
    if (counts.years.length) {
      var years = element("div", "facet facet-years");
      years.appendChild(element("span", "facet-name", MESSAGES.years));
      counts.years.forEach(function (row) {
        var next = { q: state.q, page: 1, filters: Object.assign({}, state.filters, { from: row.value + "-01-01", to: row.value + "-12-31" }) };
        var link = element("a", "", row.label + " (" + row.count + ")");
        link.href = stateUrl(next);
        link.addEventListener("click", function (event) { event.preventDefault(); go(next, true); });
        years.appendChild(link);
      });
      facetsBox.appendChild(years);
    }
    if (Object.keys(state.filters).length) {
      var reset = element("a", "facet-clear", MESSAGES.clear);
      var plain = { q: state.q, page: 1, filters: {} };
      reset.href = stateUrl(plain);
      reset.addEventListener("click", function (event) { event.preventDefault(); go(plain, true); });
      facetsBox.appendChild(reset);
    }
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var state = readState();
    var filters = {};
    Object.keys(state.filters).forEach(function (k) { if (k !== "from" && k !== "to") filters[k] = state.filters[k]; });
    ["from", "to"].forEach(function (name) { if (form.elements[name] && form.elements[name].value) filters[name] = form.elements[name].value; });
    go({ q: input.value, page: 1, filters: filters }, true);
  });
  filtersBox.addEventListener("toggle", function () { if (filtersBox.open) showFacets(); });
  window.addEventListener("popstate", function () { run(readState()); });
  run(readState());
})();
