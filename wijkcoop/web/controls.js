// The theme's header controls without Bootstrap's script (81 KB, 23 KB gzipped, on every page).
// Loaded where the theme loaded scripts/bootstrap.js (wijkcoop.book.assets), before
// pydata-sphinx-theme.js. It does what these pages used Bootstrap's script for:
// - the download menu ([data-bs-toggle="dropdown"]): click, Enter/Space, arrow keys, Escape
//   (focus back to the toggle), a click outside or focus leaving it closes it;
// - tooltips ([data-bs-toggle="tooltip"]): the browser's own title tooltip; an icon-only
//   button without a name gets its title as aria-label, as Bootstrap's tooltip did;
// - the back-to-top button (#pst-back-to-top), as the theme's bootstrap.js does;
// - window.bootstrap.Tooltip: pydata-sphinx-theme.js creates one for a button this book does not
//   have; here it does nothing.
(function () {
  "use strict";

  function Tooltip() {}
  ["show", "hide", "toggle", "enable", "disable", "update", "dispose"].forEach(function (m) {
    Tooltip.prototype[m] = function () {};
  });
  window.bootstrap = window.bootstrap || { Tooltip: Tooltip };

  function titles() {
    document.querySelectorAll('[data-bs-toggle="tooltip"]').forEach(function (el) {
      var title = el.getAttribute("title") || el.getAttribute("data-bs-title");
      if (!title) return;
      if (!el.hasAttribute("title")) el.setAttribute("title", title);
      if (!el.getAttribute("aria-label") && !el.textContent.trim()) {
        el.setAttribute("aria-label", title);
      }
    });
  }

  // --- the dropdown menus ---------------------------------------------------------------------

  var MARGIN = 4; // px kept between an open menu and the edge of the window

  function menuOf(toggle) {
    return toggle.parentElement.querySelector(".dropdown-menu");
  }

  function items(menu) {
    return Array.prototype.filter.call(
      menu.querySelectorAll(".dropdown-item:not(.disabled):not(:disabled)"),
      function (el) {
        return el.offsetParent !== null;
      },
    );
  }

  function isOpen(toggle) {
    return toggle.getAttribute("aria-expanded") === "true";
  }

  // Below the toggle, left-aligned, as Bootstrap's Popper placed it (the book theme's own rule
  // for the menu is overridden, as Popper's inline styles did); moved left when it would stick
  // out of the window.
  function place(menu) {
    menu.setAttribute("data-bs-popper", "static");
    menu.style.top = "100%";
    menu.style.left = "0";
    menu.style.transform = "none";
  }

  function fit(menu) {
    menu.style.left = "0";
    var rect = menu.getBoundingClientRect();
    var width = document.documentElement.clientWidth;
    var shift = Math.max(0, rect.right - (width - MARGIN));
    shift = Math.min(shift, Math.max(0, rect.left - MARGIN));
    if (shift > 0) menu.style.left = -shift + "px";
  }

  function open(toggle) {
    if (isOpen(toggle)) return;
    closeAll();
    var menu = menuOf(toggle);
    toggle.classList.add("show");
    menu.classList.add("show");
    toggle.setAttribute("aria-expanded", "true");
    fit(menu);
  }

  function close(toggle, refocus) {
    if (!isOpen(toggle)) return;
    var menu = menuOf(toggle);
    toggle.classList.remove("show");
    menu.classList.remove("show");
    toggle.setAttribute("aria-expanded", "false");
    if (refocus) toggle.focus();
  }

  function closeAll(except) {
    document.querySelectorAll('[data-bs-toggle="dropdown"]').forEach(function (t) {
      if (t !== except) close(t, false);
    });
  }

  // Focus the next (step 1) or previous (-1) item, the first (-Infinity) or the last (Infinity).
  function move(toggle, step) {
    var list = items(menuOf(toggle));
    if (!list.length) return;
    var at = list.indexOf(document.activeElement);
    var next;
    if (step === -Infinity) next = 0;
    else if (step === Infinity) next = list.length - 1;
    else if (at < 0) next = step > 0 ? 0 : list.length - 1;
    else next = at + step;
    list[Math.max(0, Math.min(list.length - 1, next))].focus();
  }

  function dropdowns() {
    document.querySelectorAll('[data-bs-toggle="dropdown"]').forEach(function (toggle) {
      var menu = menuOf(toggle);
      if (!menu) return;
      var root = toggle.parentElement;
      toggle.setAttribute("aria-expanded", "false");
      place(menu);
      // Enter and Space on a <button> are a click too.
      toggle.addEventListener("click", function (event) {
        event.preventDefault();
        if (isOpen(toggle)) close(toggle, false);
        else open(toggle);
      });
      root.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && isOpen(toggle)) {
          event.preventDefault();
          event.stopPropagation();
          close(toggle, true);
        } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
          event.preventDefault();
          open(toggle);
          move(toggle, event.key === "ArrowDown" ? 1 : -1);
        } else if ((event.key === "Home" || event.key === "End") && isOpen(toggle)) {
          event.preventDefault();
          move(toggle, event.key === "Home" ? -Infinity : Infinity);
        }
      });
      // Choosing an item closes the menu, as Bootstrap's did.
      menu.addEventListener("click", function (event) {
        if (event.target.closest(".dropdown-item")) close(toggle, false);
      });
      root.addEventListener("focusout", function (event) {
        if (event.relatedTarget && !root.contains(event.relatedTarget)) close(toggle, false);
      });
    });
    document.addEventListener("click", function (event) {
      var inside = event.target.closest && event.target.closest(".dropdown");
      closeAll(inside ? inside.querySelector('[data-bs-toggle="dropdown"]') : null);
    });
  }

  // --- back to top ------------------------------------------------------------------------------

  function backToTop() {
    var btn = document.getElementById("pst-back-to-top");
    var header = document.querySelector(".bd-header");
    if (!btn) return;
    btn.addEventListener("click", function () {
      document.body.scrollTop = 0;
      document.documentElement.scrollTop = 0;
    });
    var bottom = header ? header.getBoundingClientRect().bottom : 0;
    var last = window.scrollY;
    // Shown while the reader scrolls back up, below the header.
    window.addEventListener(
      "scroll",
      function () {
        btn.style.display = last > window.scrollY && window.scrollY > bottom ? "block" : "none";
        last = window.scrollY;
      },
      { passive: true },
    );
  }

  function ready() {
    titles();
    dropdowns();
    backToTop();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
})();
