/* Search page only (added by wijkcoop.book.search).
 * - One entry per page: Sphinx lists a page once per matching section or index entry; the page
 *   keeps its best entry (so its best section gives the snippet), and the count counts pages.
 * - Snippets without fetch(): Sphinx fetches every result page to cut a snippet from it, which
 *   fails from file://. The text of each page is a small classic script in
 *   _static/search-text/ (data-texts on this script); it is loaded only for the pages shown,
 *   and requests for a page of this book are answered from it.
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
  var suffix = (window.DOCUMENTATION_OPTIONS && DOCUMENTATION_OPTIONS.FILE_SUFFIX) || ".html";
  var MARK = "\u0000wijkcoop-text\u0000";

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

  var realFetch = window.fetch ? window.fetch.bind(window) : null;
  window.fetch = function (input, init) {
    var doc = typeof input === "string" || input instanceof URL ? docnameOf(String(input)) : null;
    if (doc !== null) {
      return loadText(doc).then(function () { return new Response(MARK + doc); });
    }
    return realFetch(input, init);
  };

  var htmlToText = Search.htmlToText;
  Search.htmlToText = function (htmlString, anchor) {
    if (htmlString.indexOf(MARK) !== 0) return htmlToText(htmlString, anchor);
    var page = texts[htmlString.slice(MARK.length)] || { t: "", s: {} };
    var id = (anchor || "").replace(/^#/, "");
    var at = id && page.s && Object.prototype.hasOwnProperty.call(page.s, id) ? page.s[id] : 0;
    return page.t.slice(at);
  };

  // One entry per page, the best one: Sphinx shows results from the end of the list.
  var performSearch = Search._performSearch;
  Search._performSearch = function () {
    var results = performSearch.apply(this, arguments);
    var seen = new Set();
    var best = [];
    for (var i = results.length - 1; i >= 0; i--) {
      if (seen.has(results[i][0])) continue;
      seen.add(results[i][0]);
      best.push(results[i]);
    }
    return best.reverse();
  };

  // One character in, one character out, so positions in the folded text hold in the original.
  function foldSameLength(text) {
    var out = "";
    for (var ch of text) {
      var f = wijkcoopFold(ch);
      out += f.length === ch.length ? f : ch.toLowerCase().length === ch.length ? ch.toLowerCase() : ch;
    }
    return out;
  }

  Search.makeSearchSummary = function (htmlText, keywords, anchor) {
    var text = Search.htmlToText(htmlText, anchor);
    if (text === "") return null;
    var folded = foldSameLength(text);
    var words = [...keywords].map(wijkcoopFold);
    var query = new URLSearchParams(window.location.search).get("q") || "";
    words = words.concat(splitQuery(query).map(wijkcoopFold));
    var at = words.map(function (k) { return folded.indexOf(k); }).filter(function (i) { return i > -1; });
    var start = at.length ? Math.max(Math.min.apply(null, at) - 120, 0) : 0;
    var summary = document.createElement("p");
    summary.classList.add("context");
    summary.textContent = (start === 0 ? "" : "…") + text.substr(start, 240).trim() +
      (start + 240 < text.length ? "…" : "");
    return summary;
  };

  // Dutch result count (the Dutch catalogue has an empty string for it).
  if (typeof Documentation !== "undefined" && Documentation.TRANSLATIONS) {
    Documentation.TRANSLATIONS["Search finished, found ${resultCount} page(s) matching the search query."] =
      "Klaar met zoeken: ${resultCount} pagina('s) gevonden.";
  }
})();
