/* Paged.js handlers for the whole-book PDF (wijkcoop/publish/pdf.py) and its layout report.
 *
 * Loaded after paged.polyfill.js, before Paged.js lays out the book:
 * - KeepWithNext: when a page would end with a heading (h1-h4, a glossary term, a paper form's
 *   heading, a table caption or a table showing only its header row), the page breaks before
 *   that heading instead, so a heading always stands above its first lines.
 * - RepeatHeader: a table split over pages gets its header row again on every continuation.
 * window.wijkcoopLayout() measures the laid-out pages for the tests (layout.json).
 */
(function () {
  "use strict";
  var HEADING = "h1, h2, h3, h4, dt, caption, p.pdf-form-kop, p.pdf-form-rol, p.rubric";
  var BLOCK = "h1, h2, h3, h4, h5, h6, p, li, dt, dd, tr, caption, pre, figure, img, svg, blockquote";
  var OVERFLOW = "table, pre, figure, svg, img, p, li, dt, dd, h1, h2, h3, h4, div, span, a, td, th";

  function startNode(range) {
    var c = range.startContainer;
    if (c.nodeType === 1 && range.startOffset < c.childNodes.length) {
      return c.childNodes[range.startOffset];
    }
    return c;
  }

  /* Does element `el` show anything on the page before the range start? */
  function before(el, range, node) {
    if (node !== el && node.contains(el)) {
      // node is the first thing after the start, unless the range starts at the end of node
      return range.startContainer === node && range.startOffset >= node.childNodes.length;
    }
    if (el === node || el.contains(node)) {
      var r = document.createRange();
      r.setStart(el, 0);
      r.setEnd(range.startContainer, range.startOffset);
      return r.toString().trim() !== "";
    }
    return Boolean(el.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_FOLLOWING);
  }

  /* The last block shown on the page above the range start, or null. */
  function lastBlock(rendered, range) {
    var node = startNode(range);
    var last = null;
    var blocks = rendered.querySelectorAll(BLOCK);
    for (var i = 0; i < blocks.length; i++) {
      var b = blocks[i];
      if (!before(b, range, node)) continue;
      // A table row never splits (tr: break-inside avoid): one the break runs through goes over.
      if (b.matches("tr") && (b === node || b.contains(node))) continue;
      if (b.matches("tr, li, p, dd, pre, blockquote") && b.textContent.trim() === "") continue;
      if (last && b.contains(last)) continue;
      last = b;
    }
    return last;
  }

  /* What to move to the next page with the content below it: a heading, or a table that shows
   * no body row yet (only its caption or header). */
  function dangling(block, range) {
    if (!block) return null;
    var table = block.closest("table");
    if (table && (block.matches("caption") || block.closest("thead"))) {
      // Rows below the break are still in the page when Paged.js asks: count those above it.
      var node = startNode(range);
      var shown = Array.from(table.querySelectorAll("tbody tr")).some(function (row) {
        return before(row, range, node) && row !== node && !row.contains(node);
      });
      return shown ? null : table;
    }
    if (block.matches(HEADING)) return block;
    return null;
  }

  class KeepWithNext extends Paged.Handler {
    onOverflow(overflow, rendered) {
      if (!overflow) return undefined;
      var moved = false;
      for (var guard = 0; guard < 6; guard++) {
        var what = dangling(lastBlock(rendered, overflow), overflow);
        if (!what || !what.parentNode) break;
        var probe = document.createRange();
        probe.setStartBefore(what);
        var earlier = lastBlock(rendered, probe);
        if (!earlier) break; // the heading is the first thing on the page: leave it
        overflow.setStartBefore(what);
        moved = true;
      }
      if (window.WIJKCOOP_PDF_DEBUG) console.log("overflow", moved, describe(startNode(overflow).nodeType === 1 ? startNode(overflow) : startNode(overflow).parentElement), describe(lastBlock(rendered, overflow) || document.body));
      return moved ? overflow : undefined;
    }
  }

  class RepeatHeader extends Paged.Handler {
    renderNode(clone, node) {
      var el = clone && (clone.nodeType === 1 ? clone : clone.parentElement);
      var table = el && el.closest("table[data-split-from]");
      if (!table || table.querySelector(":scope > thead")) return undefined;
      var src = node && (node.nodeType === 1 ? node : node.parentElement);
      var original = src && src.closest("table");
      var thead = original && original.querySelector(":scope > thead");
      if (!thead) return undefined;
      var copy = thead.cloneNode(true);
      copy.removeAttribute("data-ref");
      copy.querySelectorAll("[data-ref]").forEach(function (e) { e.removeAttribute("data-ref"); });
      copy.setAttribute("data-pdf-herhaald", "");
      var caption = table.querySelector(":scope > caption");
      table.insertBefore(copy, caption ? caption.nextSibling : table.firstChild);
      return undefined;
    }
  }

  /* A page number from target-counter() is known only after the page is laid out; until then
   * it prints 0, one digit, and a longer number could push a line past the page. Start every
   * reference's number at 888, as wide as any page number of the book, so text only shrinks.
   * (:where() keeps this below Paged.js's own rule that sets the real number.) */
  class WidePlaceholder extends Paged.Handler {
    beforeParsed() {
      var names = new Set();
      Array.from(document.styleSheets).forEach(function (sheet) {
        var rules;
        try { rules = sheet.cssRules; } catch (e) { return; }
        Array.from(rules || []).forEach(function (rule) {
          var css = rule.cssText || "";
          if (!/\.pdf-p(?![\w-])/.test(css)) return;
          var re = /counter\((target-counter-[\w-]+)/g, m;
          while ((m = re.exec(css))) names.add(m[1]);
        });
      });
      if (!names.size) return;
      var reset = Array.from(names).map(function (n) { return n + " 888"; }).join(" ");
      var style = document.createElement("style");
      style.textContent = ":where(span.pdf-p)::after { counter-reset: " + reset + "; }";
      document.head.appendChild(style);
    }
  }

  if (window.WIJKCOOP_PDF_HANDLERS !== false) {
    Paged.registerHandlers(WidePlaceholder, KeepWithNext, RepeatHeader);
  }

  function pageNumber(el) {
    var page = el && el.closest(".pagedjs_page");
    return page ? Number(page.getAttribute("data-page-number")) : null;
  }

  function kind(page) {
    if (page.querySelector(".pdf-omslag")) return "omslag";
    if (page.querySelector(".pdf-deel")) return "deel";
    if (page.querySelector(".pdf-inhoud")) return "inhoud";
    return "tekst";
  }

  function describe(el) {
    var text = (el.textContent || "").replace(/\s+/g, " ").trim();
    return el.tagName.toLowerCase() + (el.className && typeof el.className === "string" ? "." + el.className.split(/\s+/).join(".") : "") + ": " + text.slice(0, 60);
  }

  /* Measure the laid-out book: pages, boxes past the page area, pages ending on a heading,
   * and every cross-reference's printed page number against its target's page. */
  window.wijkcoopLayout = function () {
    var report = { pages: [], overflows: [], orphans: [], references: [] };
    var pages = document.querySelectorAll(".pagedjs_page");
    pages.forEach(function (page) {
      var n = Number(page.getAttribute("data-page-number"));
      var area = page.querySelector(".pagedjs_page_content");
      var text = (area.textContent || "").replace(/\s+/g, " ").trim();
      var k = kind(page);
      var sections = Array.from(area.querySelectorAll("section.pdf-page")).map(function (s) {
        return s.id || s.getAttribute("data-id") || "";
      });
      report.pages.push({ number: n, kind: k, chars: text.length, sections: sections });
      var box = area.getBoundingClientRect();
      var reported = [];
      area.querySelectorAll(OVERFLOW).forEach(function (el) {
        var r = el.getBoundingClientRect();
        if (r.width === 0 && r.height === 0) return;
        if (el.parentElement === area) return; // Paged.js's own wrapper spans its columns
        var past = r.right - box.right > 1 || box.left - r.left > 1 || r.bottom - box.bottom > 1;
        if (!past) return;
        if (reported.some(function (p) { return p.contains(el); })) return;
        reported.push(el);
        report.overflows.push({ page: n, element: describe(el), right: Math.round(r.right - box.right), bottom: Math.round(r.bottom - box.bottom) });
      });
      if (k === "tekst" || k === "inhoud") {
        var all = document.createRange();
        all.selectNodeContents(area);
        all.collapse(false);
        var last = lastBlock(area, all);
        if (dangling(last, all)) report.orphans.push({ page: n, element: describe(last) });
      }
    });
    document.querySelectorAll("span.pdf-p").forEach(function (p) {
      var id = (p.getAttribute("data-href") || "").slice(1);
      var target = document.getElementById(id) || document.querySelector('[data-id="' + id + '"]');
      var reset = getComputedStyle(p, "::after").counterReset || "";
      var m = reset.match(/(-?\d+)\s*$/);
      var link = p.closest("a") || (p.parentElement && p.parentElement.previousElementSibling);
      report.references.push({
        page: pageNumber(p),
        href: "#" + id,
        text: ((link && link.textContent) || "").trim().slice(0, 60),
        target_page: pageNumber(target),
        printed: m ? Number(m[1]) : null,
      });
    });
    return report;
  };
})();
