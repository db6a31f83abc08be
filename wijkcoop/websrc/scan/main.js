/**
 * main.js: `render({ model, el })` (the anywidget contract) and `mount(el)` for a book page.
 *
 * - In Jupyter the built module is the `_esm` of wijkcoop.scan.ScanWidget (`export default
 *   { render }`, model with get/set/on/off/save_changes).
 * - In the static book it mounts itself on every `[data-wijkcoop-scan]` element, with the local
 *   model of store.js (localStorage, merged between tabs).
 *
 * render() builds a context `ctx` shared by the named views (form.js, results.js, tools.js);
 * every listener goes through ctx.listen, so the clean-up it returns removes all of them.
 *
 * On a book page mount() renders in steps (`chunked`): the first voorwaarde at once, then one
 * part of the questions per task (each after a frame) and the profile last, so the page answers input while the
 * ~1,600 elements are built (issue 23: no long task). `data-scan-ready` says all is built and
 * shows the stored answers. Nothing reads the layout while building: the sticky bar is
 * measured when the browser lays it out anyway (ResizeObserver).
 */

import { message } from "./core.js";
import { createLocalModel } from "./store.js";
import { h, nextId } from "./dom.js";
import { buildForm, formSteps, metaView, questionName, syncForm } from "./form.js";
import { renderPrintHead, renderResults } from "./results.js";
import { toolsView } from "./tools.js";
import { actieplanView } from "./actieplan.js";
import { codeBoxView } from "./codebox.js";

const MODEL_EVENTS = ["answers", "reference", "organisation", "notes", "actieplan"];
const STRUCTURE_EVENTS = ["role", "short"];

/** The book theme's bars that stay at the top of the window while scrolling. */
const THEME_BARS = [".bd-header", ".bd-header-article"];

/**
 * Keep the status bar and the focused field clear of the theme's sticky bars: the bar sticks
 * below them (its `top`) and focus scrolls below both (the page's `scroll-padding-top`; scan.css
 * has the values used until measured). Measured only when the layout is fresh (a ResizeObserver
 * calls back after layout, also once at the start; else in the next frame), never forcing a
 * layout while the page starts, and written on the two elements that use them (a custom
 * property on the root would restyle the whole page). Returns a function that stops.
 */
function keepClearOfHeader(sticky) {
  const doc = sticky.ownerDocument;
  const root = doc.documentElement;
  const win = doc.defaultView;
  if (!win || !win.getComputedStyle) return () => {};
  const bars = () => doc.querySelectorAll(THEME_BARS.join(","));
  const written = new Map();
  const set = (el, name, value) => {
    if (written.get(el) === value) return;
    written.set(el, value);
    el.style.setProperty(name, value);
  };
  const measure = () => {
    let offset = 0;
    for (const bar of bars()) {
      const style = win.getComputedStyle(bar);
      if (style.display === "none" || !["sticky", "fixed"].includes(style.position)) continue;
      offset = Math.max(offset, (parseFloat(style.top) || 0) + bar.getBoundingClientRect().height);
    }
    const height = sticky.getBoundingClientRect().height;
    // read everything first, then write: a write invalidates the layout read next
    set(sticky, "top", `${Math.ceil(offset)}px`);
    set(root, "scroll-padding-top", `calc(${Math.ceil(offset) + Math.ceil(height)}px + 0.5rem)`);
  };
  win.addEventListener("resize", measure);
  const observer = typeof ResizeObserver === "undefined" ? null : new ResizeObserver(measure);
  if (observer) for (const target of [sticky, ...bars()]) observer.observe(target);
  const frame = observer || !win.requestAnimationFrame ? null : win.requestAnimationFrame(measure);
  return () => {
    win.removeEventListener("resize", measure);
    if (observer) observer.disconnect();
    if (frame !== null) win.cancelAnimationFrame(frame);
    if (written.has(root)) root.style.removeProperty("scroll-padding-top");
  };
}

/** A promise kept in a later task (a MessageChannel message: setTimeout(0) waits 4 ms once nested). */
function nextTask() {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/**
 * A promise kept in the first task after the browser drew a frame, so every building step's
 * elements are laid out on their own and no frame lays out all of them (a long task too).
 * A tab in the background draws no frames: after 100 ms it goes on without one.
 */
function afterFrame(win) {
  if (!win.requestAnimationFrame) return nextTask();
  return new Promise((resolve) => {
    const timer = win.setTimeout(resolve, 100);
    win.requestAnimationFrame(() => {
      win.clearTimeout(timer);
      nextTask().then(resolve);
    });
  });
}

/** What another tab changed, named as the page shows it: "vraag 3 (...)", "de notities". */
function changedText(ctx, keys) {
  const fields = {
    organisation: "de naam van de organisatie",
    notes: "de notities",
    role: "de kant",
    reference: "de vergelijking",
  };
  const names = keys.map((k) => fields[k] || questionName(ctx, k));
  const shown = names.length <= 3 ? names : [...names.slice(0, 2), `${names.length - 2} andere antwoorden`];
  return shown.length === 1 ? shown[0] : `${shown.slice(0, -1).join("; ")} en ${shown[shown.length - 1]}`;
}

/** Said once at the top of the scan when the browser keeps nothing: the file is the way out. */
function storageOffView(ctx) {
  const save = h("button", { type: "button", class: "wks-button" }, "Bewaar nu als bestand");
  const said = h("span", { class: "wks-storage-said" });
  ctx.listen(save, "click", () => (said.textContent = " " + ctx.exportFile()));
  return h("p", { class: "wks-storage-off" }, ctx.model.storageOffText + " ", save, said);
}

/**
 * Render the scan into `el`; returns the clean-up. With `chunked` the questions after the first
 * voorwaarde and the profile come in later tasks (`onReady` is called, and `el` gets
 * `data-scan-ready`, when all is there); without it (Jupyter) everything is built at once.
 */
export function render({ model, el }, { chunked = false, onReady = null } = {}) {
  const bank = model.get("bank");
  const twoSided = (bank.roles || []).length > 0;
  const cleanups = [];
  /** The form's building steps not run yet (chunked rendering). */
  const pending = [];
  const ctx = {
    model,
    bank,
    twoSided,
    id: `wks${nextId()}`,
    controls: new Map(), // item id -> {kind, inputs}
    links: () => model.get("links") || {},
    messages: () => model.get("messages") || {},
    /** A text of data/scan/messages.yaml with its {placeholders} filled in. */
    t: (key, params = {}) => message(key, params, model.get("messages") || {}),
    short: () => Boolean(model.get("short")),
    answers: () => ({ ...(model.get("answers") || {}) }),
    role: () => (twoSided ? model.get("role") || null : null),
    /** A file of the other side of a two-sided bank, while this page has a side chosen. */
    otherSide: (got) => twoSided && Boolean(ctx.role()) && got.meta.role !== ctx.role(),
    listen(target, event, fn) {
      target.addEventListener(event, fn);
      cleanups.push(() => target.removeEventListener(event, fn));
    },
    commit(key, value) {
      model.set(key, value);
      model.save_changes();
      update();
    },
    setAnswer(itemId, value) {
      const next = ctx.answers();
      if (value === null) delete next[itemId];
      else next[itemId] = value;
      ctx.commit("answers", next);
    },
    renderPrintHead: () => renderPrintHead(ctx),
    rebuild() {
      pending.length = 0; // a structure change while building: build the rest now
      buildForm(ctx);
      update();
    },
  };
  const root = h("div", { class: "wks", "data-bank": bank.bank_id });
  el.replaceChildren(root);
  ctx.printHead = h("div", { class: "wks-print-head" });
  const meta = metaView(ctx);
  ctx.progress = h("p", { class: "wks-progress", "aria-live": "off" });
  const notice = h("div", { class: "wks-notice", role: "status", "aria-live": "polite" });
  const noticeAlert = h("div", { class: "wks-notice-alert", role: "alert" });
  ctx.form = h("form", { class: "wks-form", novalidate: true });
  ctx.listen(ctx.form, "submit", (e) => e.preventDefault());
  ctx.results = h("section", { class: "wks-results", "aria-labelledby": `${ctx.id}-res` });
  const tools = toolsView(ctx);
  const plan = actieplanView(bank, (next) => {
    model.set("actieplan", next);
    model.save_changes();
  });
  const codeBox = codeBoxView(ctx);

  function update() {
    syncForm(ctx);
    renderResults(ctx);
    renderPrintHead(ctx);
    ctx.stopCompare.hidden = !model.get("reference");
    plan.sync(model.get("actieplan"));
    codeBox.refresh();
    const ref = model.get("reference");
    const earlier =
      ref && ref.actieplan && ref.answers && !ctx.otherSide({ meta: { role: ref.role } }) ? ref.actieplan : null;
    plan.showEarlier(
      earlier,
      ctx.lastResult ? ctx.lastResult.parts : {},
      ctx.lastDiff && ctx.lastReference ? ctx.lastReference.parts : {},
    );
  }
  ctx.update = update;

  const sticky = h("div", { class: "wks-sticky" }, ctx.progress, notice, noticeAlert);
  root.append(ctx.printHead, meta, sticky, ctx.form, ctx.results, plan.el, codeBox.el, tools);
  if (chunked) {
    pending.push(...formSteps(ctx));
    if (pending.length) pending.shift()();
    syncForm(ctx);
  } else {
    buildForm(ctx);
    update();
  }
  for (const note of model.notices || []) notice.append(h("p", {}, note));
  if (model.storageOff) notice.append(storageOffView(ctx));
  const onNotice = () => noticeAlert.replaceChildren(h("p", {}, model.noticeText));
  const onExternal = () => update();
  const onStructure = () => ctx.rebuild();
  const remote = h("p", { class: "wks-remote" });
  notice.append(remote);
  const onRemote = (info) => {
    remote.textContent =
      info && info.cleared
        ? ctx.t("ui-remote-cleared")
        : ctx.t("ui-remote-updated", { what: changedText(ctx, info ? info.keys : []) });
  };
  // The message is about the other tab: this tab's own next click or keystroke ends it.
  const seen = () => (remote.textContent = "");
  ctx.listen(root, "click", seen);
  ctx.listen(root, "input", seen);
  const subscriptions = [
    ...MODEL_EVENTS.map((k) => [`change:${k}`, onExternal]),
    ...STRUCTURE_EVENTS.map((k) => [`change:${k}`, onStructure]),
    ["remote", onRemote],
  ];
  if (model.noticeText) subscriptions.push(["notice", onNotice]);
  for (const [name, fn] of subscriptions) {
    model.on(name, fn);
    cleanups.push(() => model.off && model.off(name, fn));
  }
  if (model.watch) cleanups.push(model.watch());
  cleanups.push(keepClearOfHeader(sticky));
  const ready = () => {
    el.setAttribute("data-scan-ready", "true");
    if (onReady) onReady();
  };
  let stopped = false;
  cleanups.push(() => {
    stopped = true;
    pending.length = 0;
  });
  if (!chunked) ready();
  else
    (async () => {
      const win = el.ownerDocument.defaultView;
      while (pending.length) {
        await afterFrame(win);
        if (stopped) return;
        if (!pending.length) break;
        pending.shift()();
        syncForm(ctx);
      }
      await afterFrame(win);
      if (stopped) return;
      update();
      ready();
    })();
  return () => {
    for (const undo of cleanups.splice(0)) undo();
  };
}

/**
 * Static book page: mount on an element holding the bank and the messages as JSON
 * (see the {wijkcoop-scan} directive).
 */
export function mount(el) {
  if (el.getAttribute("data-scan-mounted")) return;
  el.setAttribute("data-scan-mounted", "true");
  const src = el.querySelector('script[type="application/json"]');
  const config = JSON.parse(src.textContent);
  const model = createLocalModel(config.bank, {
    short: Boolean(config.short),
    links: config.links || {},
    messages: config.messages || {},
  });
  const host = document.createElement("div");
  el.append(host);
  render({ model, el: host }, { chunked: true, onReady: () => el.setAttribute("data-scan-ready", "true") });
}

if (typeof document !== "undefined") {
  const start = () => document.querySelectorAll("[data-wijkcoop-scan]").forEach(mount);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
}

export default { render };
