/* Edition switcher, banner and change marker for the multi-edition site (make site).
 * A classic script (works from file://, no fetch): the list of editions comes from the site
 * root's versions.js (window.WIJKCOOP_EDITIES), which make site rewrites whenever an edition
 * is added, so an old edition learns of newer ones without being rebuilt. */
(function () {
  "use strict";
  var data = window.WIJKCOOP_EDITIES;
  var meta = document.querySelector('meta[name="wijkcoop-editie"]');
  var script = document.currentScript;
  if (!data || !meta || !script) return;
  var current = meta.getAttribute("content");
  var editionRoot = new URL("..", script.src).href; // <site>/<edition>/
  var siteRoot = new URL("..", editionRoot).href;
  var here = location.href.split("#")[0].split("?")[0];
  var rel = here.indexOf(editionRoot) === 0 ? here.slice(editionRoot.length) : "index.html";
  if (rel === "" || rel.slice(-1) === "/") rel += "index.html";
  var byName = {};
  data.edities.forEach(function (e) { byName[e.naam] = e; });
  var me = byName[current];
  var newest = byName[data.nieuwste];
  if (!me) return;

  // Pages every edition has besides its chapters: what changed, search and the index.
  var everyEdition = ["_edities/veranderd.html", "search.html", "genindex.html"];
  function pageIn(e, page) {
    var known = e.paginas.indexOf(page) >= 0 || everyEdition.indexOf(page) >= 0;
    return siteRoot + e.pad + (known ? page : "index.html");
  }
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text) node.textContent = text;
    return node;
  }
  function label(e) {
    var s = e.label;
    if (e.datum) s += " (" + e.datum + ")";
    return s;
  }

  // The switcher: a disclosure with links, newest first; keyboard: Tab, Enter, Escape.
  var box = el("details", { class: "wijkcoop-edities" });
  var summary = el("summary", { "aria-label": "Kies een editie; je leest " + me.label }, me.label);
  box.appendChild(summary);
  var list = el("ul", { class: "wijkcoop-edities-lijst" });
  data.edities.forEach(function (e) {
    var li = el("li");
    var a = el("a", { href: pageIn(e, rel) }, label(e));
    var notes = [];
    if (e.nieuwste) notes.push("nieuwste");
    if (e.naam === current) { notes.push("deze editie"); a.setAttribute("aria-current", "page"); }
    if (notes.length) a.appendChild(el("span", { class: "wijkcoop-edities-noot" }, " – " + notes.join(", ")));
    li.appendChild(a);
    list.appendChild(li);
  });
  var changed = el("li", { class: "wijkcoop-edities-veranderd" });
  changed.appendChild(el("a", { href: editionRoot + "_edities/veranderd.html" }, "Wat is er veranderd in deze editie?"));
  list.appendChild(changed);
  box.appendChild(list);
  box.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape" && box.open) { box.open = false; summary.focus(); }
  });
  var header = document.querySelector(".article-header-buttons") ||
    document.querySelector(".bd-header-article") || document.body;
  header.insertBefore(box, header.firstChild);

  var article = document.querySelector("main article") || document.querySelector("main") || document.body;
  // Banner on every page of an older edition and of ontwikkeling.
  if (!me.nieuwste && newest) {
    var banner = el("div", { class: "wijkcoop-editie-banner", role: "note" });
    var text = me.ontwikkeling
      ? "Je leest een ontwikkelversie van het boek: " + label(me) +
        ". Dat is geen editie: de tekst kan nog veranderen. De nieuwste editie is " + label(newest) + ". "
      : "Je leest een oudere editie: " + label(me) + ". De nieuwste is " + label(newest) + ". ";
    banner.appendChild(document.createTextNode(text));
    banner.appendChild(el("a", { href: pageIn(newest, rel) }, "Lees deze pagina in de nieuwste editie"));
    article.insertBefore(banner, article.firstChild);
  }
  // Marker on a page whose source changed since the previous edition.
  if (me.vorige && me.veranderd.indexOf(rel) >= 0) {
    var prev = byName[me.vorige];
    var mark = el("p", { class: "wijkcoop-veranderd" });
    if (prev && prev.paginas.indexOf(rel) >= 0) {
      mark.appendChild(document.createTextNode("Deze pagina is veranderd sinds editie " + me.vorige + ". "));
      mark.appendChild(el("a", { href: pageIn(prev, rel) }, "Bekijk deze pagina in editie " + me.vorige));
    } else {
      mark.appendChild(document.createTextNode("Deze pagina is nieuw sinds editie " + me.vorige + ". "));
    }
    mark.appendChild(document.createTextNode(" · "));
    mark.appendChild(el("a", { href: editionRoot + "_edities/veranderd.html" }, "Wat is er veranderd"));
    var after = document.querySelector(".wijkcoop-editie-banner");
    article.insertBefore(mark, after ? after.nextSibling : article.firstChild);
  }
})();
