/* Search page only (added by wijkcoop.book.search).
 * - Snippets without fetch(): Sphinx fetches every result page to cut a snippet from it, which
 *   fails from file://. The text of every page is in search-text.js; requests for a page of this
 *   book are answered from it, everything else goes to the real fetch.
 * - The snippet is cut around the query with diacritics folded on both sides, so
 *   "wijkcooperatie" finds its place in "wijkcoöperatie".
 * - The result count in Dutch: Sphinx 7.4's Dutch catalogue leaves that string empty.
 */
(function () {
  "use strict";
  if (typeof Search === "undefined") return;
  var texts = window.WIJKCOOP_SEARCH_TEXT || {};
  var root = new URL(document.documentElement.dataset.content_root || "./", document.baseURI);
  var suffix = (window.DOCUMENTATION_OPTIONS && DOCUMENTATION_OPTIONS.FILE_SUFFIX) || ".html";
  var MARK = "\u0000wijkcoop-text\u0000";

  function docnameOf(url) {
    var u = new URL(url, document.baseURI);
    if (u.protocol !== root.protocol || u.host !== root.host) return null;
    if (u.pathname.indexOf(root.pathname) !== 0) return null;
    var rel = decodeURIComponent(u.pathname.slice(root.pathname.length));
    if (rel.slice(-suffix.length) !== suffix) return null;
    rel = rel.slice(0, -suffix.length);
    return Object.prototype.hasOwnProperty.call(texts, rel) ? rel : null;
  }

  var realFetch = window.fetch ? window.fetch.bind(window) : null;
  window.fetch = function (input, init) {
    var doc = typeof input === "string" || input instanceof URL ? docnameOf(String(input)) : null;
    if (doc !== null) return Promise.resolve(new Response(MARK + texts[doc]));
    return realFetch(input, init);
  };

  var htmlToText = Search.htmlToText;
  Search.htmlToText = function (htmlString, anchor) {
    if (htmlString.indexOf(MARK) === 0) return htmlString.slice(MARK.length);
    return htmlToText(htmlString, anchor);
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
