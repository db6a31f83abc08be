// Small accessibility repairs to the theme's markup (WCAG 2.1 AA), loaded on every page.
// The sidebar's expand/collapse toggles are <summary> elements with only an icon inside:
// give them a name that screen readers can announce.
(function () {
  function fix() {
    document.querySelectorAll("summary").forEach(function (s) {
      if (!s.textContent.trim() && !s.getAttribute("aria-label")) {
        var link = s.parentElement && s.parentElement.parentElement
          ? s.parentElement.parentElement.querySelector(":scope > a")
          : null;
        var name = link ? link.textContent.trim() : "dit onderdeel";
        s.setAttribute("aria-label", "Onderdelen van " + name + " tonen of verbergen");
      }
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", fix);
  } else {
    fix();
  }
})();
