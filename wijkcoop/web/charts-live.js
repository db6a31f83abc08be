/* Charts a reader can change (the what-if sliders): the page holds the chart as a static SVG
   drawn at build time and its spec compiled to Vega. This loader fetches the Vega runtime
   (data-runtime on this script, relative to it) only when the reader comes near such a chart
   or touches it, then replaces the static SVG with the live view and puts the sliders in the
   space reserved for them. A classic script, so it also works from file://. */
(function () {
  "use strict";
  var me = document.currentScript;
  var runtime = me && new URL(me.getAttribute("data-runtime"), me.src).href;
  var waiting = [];
  var loading = false;

  function draw(box) {
    if (box.getAttribute("data-live") === "1") return;
    box.setAttribute("data-live", "1");
    var chart = box.querySelector(".wijkcoop-vega");
    var bind = box.querySelector(".wijkcoop-vega-bind");
    var spec = JSON.parse(box.querySelector("script.wijkcoop-vega-spec").textContent);
    // drawn off-page first, then swapped in: the static SVG stays until the live one is ready
    var fresh = document.createElement("div");
    window
      .vegaEmbed(fresh, spec, {
        mode: "vega",
        renderer: "svg",
        actions: false,
        bind: bind,
        defaultStyle: false,
      })
      .then(function () {
        chart.replaceChildren(fresh);
        var note = bind.querySelector(".wijkcoop-vega-wacht");
        if (note) note.remove();
        box.classList.add("wijkcoop-vega-klaar");
      })
      .catch(function (e) {
        console.error(e);
      });
  }

  function wake(box) {
    if (window.vegaEmbed) return draw(box);
    waiting.push(box);
    if (loading || !runtime) return;
    loading = true;
    var s = document.createElement("script");
    s.src = runtime;
    s.onload = function () {
      waiting.splice(0).forEach(draw);
    };
    document.head.appendChild(s);
  }

  function start() {
    var boxes = Array.prototype.slice.call(document.querySelectorAll(".wijkcoop-vega-live"));
    boxes.forEach(function (box) {
      ["pointerdown", "focusin", "keydown"].forEach(function (type) {
        box.addEventListener(type, function () { wake(box); }, { once: true });
      });
    });
    if (!("IntersectionObserver" in window)) return boxes.forEach(wake);
    var seen = new IntersectionObserver(
      function (entries) {
        entries.forEach(function (entry) {
          if (!entry.isIntersecting) return;
          seen.unobserve(entry.target);
          wake(entry.target);
        });
      },
      { rootMargin: "300px 0px" }
    );
    boxes.forEach(function (box) { seen.observe(box); });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
