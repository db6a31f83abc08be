// Static host for anywidget outputs of executed notebooks: no kernel, no require.js, no
// widget manager. myst-nb embeds each widget's state (for an anywidget: its ES module source
// `_esm`, its `_css` and its synced traits) and a view placeholder per output. This script
// gives every anywidget view a small in-memory model with the anywidget contract (get, set,
// on, off, save_changes, send) and renders it with the widget's own module, so a notebook page
// in the book shows the same live widget a trainer sees in Jupyter. Python callbacks cannot run
// here; widgets whose logic lives in their ES module (like the scan) work fully.
// Loaded by wijkcoop.sphinxext only on pages that hold widget views.
(function () {
  "use strict";

  var modules = new Map(); // one module instance per source, so ids stay unique on a page

  function loadModule(source) {
    if (!modules.has(source)) {
      var url = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
      modules.set(source, import(url));
    }
    return modules.get(source);
  }

  function localModel(initial) {
    var data = Object.assign({}, initial);
    var listeners = {};
    return {
      get: function (key) {
        return data[key];
      },
      set: function (key, value) {
        data[key] = value;
        (listeners["change:" + key] || []).slice().forEach(function (f) {
          f();
        });
      },
      on: function (event, f) {
        (listeners[event] = listeners[event] || []).push(f);
      },
      off: function (event, f) {
        if (!event) {
          listeners = {};
        } else {
          listeners[event] = (listeners[event] || []).filter(function (g) {
            return f && g !== f;
          });
        }
      },
      save_changes: function () {},
      send: function () {},
    };
  }

  async function renderView(view, state) {
    var spec = JSON.parse(view.textContent);
    var entry = state[spec.model_id];
    if (!entry || entry.model_name !== "AnyModel" || typeof entry.state._esm !== "string") {
      return;
    }
    var el = document.createElement("div");
    el.className = "wijkcoop-anywidget";
    view.after(el);
    if (entry.state._css) {
      var style = document.createElement("style");
      style.textContent = entry.state._css;
      document.head.append(style);
    }
    var mod = await loadModule(entry.state._esm);
    var widget = mod.default || mod;
    if (typeof widget === "function") widget = await widget();
    var initial = Object.assign({}, entry.state);
    // Book links cannot be known in Jupyter; the book resolves them for this page.
    var emptyLinks = initial.links && Object.keys(initial.links).length === 0;
    if (emptyLinks && window.WIJKCOOP_BOOK_LINKS) initial.links = window.WIJKCOOP_BOOK_LINKS;
    var model = localModel(initial);
    if (widget.initialize) await widget.initialize({ model: model });
    if (widget.render) await widget.render({ model: model, el: el });
    var fallback = view.parentElement && view.parentElement.querySelector(".wijkcoop-widget-fallback");
    if (fallback) fallback.hidden = true;
  }

  async function start() {
    var stateEl = document.querySelector(
      'script[type="application/vnd.jupyter.widget-state+json"]'
    );
    if (!stateEl) return;
    var state = JSON.parse(stateEl.textContent).state || {};
    var views = document.querySelectorAll(
      'script[type="application/vnd.jupyter.widget-view+json"]'
    );
    for (var i = 0; i < views.length; i++) {
      try {
        await renderView(views[i], state);
      } catch (err) {
        console.warn("anywidget-static: could not render a widget", err);
      }
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
