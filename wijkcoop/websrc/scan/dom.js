/**
 * dom.js: small DOM helpers of the scan's views. Every text from a bank or a file is inserted
 * with textContent (text nodes), never as markup.
 */

import { MAX_BYTES, fail, sizeText } from "./core.js";

let lastId = 0;
/** A new number for element ids, unique on the page (several scans may share a page). */
export function nextId() {
  lastId += 1;
  return lastId;
}

/** Create an element; strings and numbers become text nodes (never markup). */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElementNS(attrs.svg ? "http://www.w3.org/2000/svg" : "http://www.w3.org/1999/xhtml", tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "svg" || v === null || v === undefined || v === false) continue;
    if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
  }
  return el;
}
export const s = (tag, attrs = {}, ...children) => h(tag, { ...attrs, svg: true }, ...children);

export function roleText(value, role) {
  if (typeof value === "string") return value;
  if (role !== null && value[role] !== undefined) return value[role];
  return Object.values(value)[0];
}

export function roleLabel(bank, role) {
  return (bank.role_labels && bank.role_labels[role]) || role;
}

export function bookLink(links, label, fallback) {
  const target = links && links[label];
  if (target && target.url) return h("a", { href: target.url, class: "wks-booklink" }, target.title || fallback);
  return h("span", { class: "wks-booklink" }, target && target.title ? target.title : fallback);
}

export function band(d, value) {
  const { good, bad } = d.score;
  const better = good < bad ? value <= good : value >= good;
  const worse = good < bad ? value >= bad : value <= bad;
  return better ? "binnen de vuistregel" : worse ? "buiten de vuistregel" : "let op";
}

export function download(filename, text) {
  const url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
  const a = h("a", { href: url, download: filename, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function slug(text) {
  return (text || "")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 40);
}

export async function readFile(file, messages) {
  if (file.size > MAX_BYTES) throw fail("too-large", { size: sizeText(file.size) }, messages);
  return new Uint8Array(await file.arrayBuffer());
}

/** "12 antwoorden" (texts from data/scan/messages.yaml), for every message that counts answers. */
export function countAnswers(ctx, answers) {
  const n = Object.keys(answers).length;
  return n === 1 ? ctx.t("ui-answers-one") : ctx.t("ui-answers-many", { count: n });
}
