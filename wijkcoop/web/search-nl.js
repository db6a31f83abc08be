/* Search page only (added by wijkcoop.book.search).
 * - One entry per page: Sphinx lists a page once per matching section or index entry; the page
 *   keeps its best entry (so its best section gives the snippet), and the count counts pages.
 * - Snippets without fetch(): Sphinx fetches every result page to cut a snippet from it, which
 *   fails from file://. The text of each page is a small classic script in
 *   _static/search-text/ (data-texts on this script): the first results' texts load before the
 *   list is drawn, the others when their result comes near the screen; each snippet is added
 *   in the same turn as its result, into space kept for it, so the page does not shift
 *   (Sphinx's own snippets are switched off).
 * - The snippet starts at the entry's section and is cut around the query with diacritics
 *   folded on both sides, so "wijkcooperatie" finds its place in "wijkcoöperatie".
 * - The result count in Dutch: Sphinx 7.4's Dutch catalogue leaves that string empty.
 */
(function () {
  "use strict";
  if (typeof Search === "undefined") return;
  var me = document.currentScript;
  var textsBase = new URL((me && me.getAttribute("data-texts")) || "search-text", me ? me.src : document.baseURI).href + "/";
  var texts = (window.WIJKCOOP_SEARCH_TEXT = window.WIJKCOOP_SEARCH_TEXT || {});
  var loading = {};
  var root = new URL(document.documentElement.dataset.content_root || "./", document.baseURI);
  // documentation_options.js declares a const: a global name, not a property of window
  var options = typeof DOCUMENTATION_OPTIONS !== "undefined" ? DOCUMENTATION_OPTIONS : {};
  var suffix = options.FILE_SUFFIX || ".html";

  function known(doc) {
    var names = Search._index && Search._index.docnames;
    return !!names && names.indexOf(doc) > -1;
  }

  function docnameOf(url) {
    var u = new URL(url, document.baseURI);
    if (u.protocol !== root.protocol || u.host !== root.host) return null;
    if (u.pathname.indexOf(root.pathname) !== 0) return null;
    var rel = decodeURIComponent(u.pathname.slice(root.pathname.length));
    if (rel.slice(-suffix.length) !== suffix) return null;
    rel = rel.slice(0, -suffix.length);
    return known(rel) ? rel : null;
  }

  // The text of one page: a classic script (works from file://), loaded once, when needed.
  function loadText(doc) {
    if (texts[doc]) return Promise.resolve(texts[doc]);
    if (!loading[doc]) {
      loading[doc] = new Promise(function (resolve) {
        var s = document.createElement("script");
        s.src = textsBase + doc.split("/").join("--") + ".js";
        s.onload = function () { resolve(texts[doc] || { t: "", s: {} }); };
        s.onerror = function () { resolve({ t: "", s: {} }); };
        document.head.appendChild(s);
      });
    }
    return loading[doc];
  }

  function docnameOf(href) {
    var u = new URL(href, document.baseURI);
    if (u.pathname.indexOf(root.pathname) !== 0) return null;
    var rel = decodeURIComponent(u.pathname.slice(root.pathname.length));
    if (rel.slice(-suffix.length) !== suffix) return null;
    rel = rel.slice(0, -suffix.length);
    return known(rel) ? rel : null;
  }

  function sectionText(doc, anchor) {
    var page = texts[doc] || { t: "", s: {} };
    var id = (anchor || "").replace(/^#/, "");
    var at = id && page.s && Object.prototype.hasOwnProperty.call(page.s, id) ? page.s[id] : 0;
    return page.t.slice(at);
  }

  // The snippet is added in the same turn as the result (a MutationObserver runs before the
  // next paint), and the texts are loaded before the list is drawn: nothing moves.
  function addSnippet(li) {
    var link = li.querySelector("a");
    if (!link || li.querySelector("p.context") || li.querySelector("span")) return;
    var doc = docnameOf(link.href);
    if (doc === null) return;
    // the snippet's place is kept from the start (three lines, see site.css)
    var holder = document.createElement("p");
    holder.classList.add("context");
    li.appendChild(holder);
    var put = function () {
      var p = snippet(sectionText(doc, link.hash));
      holder.textContent = p ? p.textContent : "";
    };
    if (texts[doc]) put();
    else if (!("IntersectionObserver" in window)) loadText(doc).then(put);
    else {
      // further down the list: the text loads when the result comes near the screen
      var near = new IntersectionObserver(function (entries) {
        if (!entries.some(function (e) { return e.isIntersecting; })) return;
        near.disconnect();
        loadText(doc).then(put);
      }, { rootMargin: "800px 0px" });
      near.observe(li);
    }
  }

  new MutationObserver(function (changes) {
    changes.forEach(function (change) {
      change.addedNodes.forEach(function (node) {
        if (node.nodeName === "LI") addSnippet(node);
      });
    });
  }).observe(document.getElementById("search-results") || document.body, { childList: true, subtree: true });
  options.SHOW_SEARCH_SUMMARY = false;

  var memo = { key: null, results: null };
  var FIRST = 8;
  var query = Search.query;
  Search.query = function (q) {
    var results = Search._performSearch.apply(Search, Search._parseQuery(q));
    // the texts of the first screenful of results, before the list is drawn (Sphinx shows the
    // end of the list first)
    var first = results.slice(-FIRST);
    Promise.all(first.map(function (r) { return loadText(r[0]); })).then(function () {
      query(q);
    });
  };

  // One entry per page, the best one: Sphinx shows results from the end of the list.
  var performSearch = Search._performSearch;
  Search._performSearch = function () {
    var key = JSON.stringify([].map.call(arguments, function (a) { return a instanceof Set ? [...a] : a; }));
    if (memo.key === key) return memo.results.slice();
    var results = performSearch.apply(this, arguments);
    var seen = new Set();
    var best = [];
    for (var i = results.length - 1; i >= 0; i--) {
      if (seen.has(results[i][0])) continue;
      seen.add(results[i][0]);
      best.push(results[i]);
    }
    memo = { key: key, results: best.reverse() };
    return memo.results.slice();
  };

  // One character in, one character out, so positions in the folded text hold in the original.
  // Only non-ASCII characters need the Unicode folding (fast on long page texts).
  function foldSameLength(text) {
    var lower = text.toLowerCase();
    if (lower.length !== text.length) lower = text;
    return lower.replace(/[^\x00-\x7f]/g, function (ch) {
      var f = wijkcoopFold(ch);
      return f.length === ch.length ? f : ch;
    });
  }

  function snippet(text) {
    if (text === "") return null;
    var folded = foldSameLength(text);
    var query = new URLSearchParams(window.location.search).get("q") || "";
    var words = splitQuery(query).map(wijkcoopFold);
    var stemmer = new Stemmer();
    words = words.concat(words.map(function (w) { return stemmer.stemWord(w); }));
    var at = words.map(function (k) { return folded.indexOf(k); }).filter(function (i) { return i > -1; });
    var start = at.length ? Math.max(Math.min.apply(null, at) - 120, 0) : 0;
    var summary = document.createElement("p");
    summary.classList.add("context");
    summary.textContent = (start === 0 ? "" : "…") + text.substr(start, 240).trim() +
      (start + 240 < text.length ? "…" : "");
    return summary;
  }

  // Dutch result count (the Dutch catalogue has an empty string for it).
  if (typeof Documentation !== "undefined" && Documentation.TRANSLATIONS) {
    Documentation.TRANSLATIONS["Search finished, found ${resultCount} page(s) matching the search query."] =
      "Klaar met zoeken: ${resultCount} pagina('s) gevonden.";
  }
})();
