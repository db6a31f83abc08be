/**
 * scan.js: the scan engine's front end, one ES module, no dependencies.
 *
 * - In Jupyter it is the `_esm` of wijkcoop.scan.ScanWidget (anywidget contract:
 *   `export default { render }`, `render({ model, el })`, model with get/set/on/save_changes).
 * - In the static book it mounts itself on every `[data-wijkcoop-scan]` element, with a tiny
 *   local model backed by localStorage (no kernel, no widget manager).
 * - Scoring and import validation follow docs/scan-format.md and are identical to wijkcoop.scan
 *   (shared test vectors). The Dutch messages are not in this file: they come from
 *   data/scan/messages.yaml through the model (`messages`), like the bank.
 *
 * Every text from a bank or a file is inserted with textContent, never as markup.
 */

export const FORMAT = "wijkcoop-scan-export";
export const FORMAT_VERSION = 1;
export const MAX_BYTES = 1048576;
export const MAX_ORGANISATION = 200;
export const MAX_NOTES = 5000;
export const UNKNOWN = "?";
const UNKNOWN_FINDING_SHARE = 0.5;
/** Advice is shown for the (at most three) weakest parts that score below this. */
const ADVICE_BELOW = 75;
const MARKUP = /<[A-Za-z/!?]/;
const SEMVER = /^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$/;
const STORE_PREFIX = "wijkcoop-scan:";
/** Shown instead of a message missing from the table the module was handed (never "undefined"). */
export const FALLBACK_MESSAGE = "Er ging iets mis, maar de uitleg ontbreekt op deze pagina.";

// ---------------------------------------------------------------------------------------------
// Engine (mirrors wijkcoop/scan/scoring.py and exchange.py line by line)

/** The message `key` from `messages` (code -> text) with its {placeholders} filled in. */
export function message(key, params = {}, messages = {}) {
  const template = messages && Object.prototype.hasOwnProperty.call(messages, key) ? messages[key] : null;
  if (typeof template !== "string") return FALLBACK_MESSAGE;
  let text = template;
  for (const [k, v] of Object.entries(params)) text = text.split("{" + k + "}").join(String(v));
  return text;
}

export function parseVersion(text) {
  if (typeof text !== "string") return null;
  const m = SEMVER.exec(text);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
}

function cmpVersion(a, b) {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  return 0;
}

export function isNumber(v) {
  return typeof v === "number" && Number.isFinite(v);
}

export function validValue(item, value) {
  if (value === UNKNOWN) return true;
  if (!isNumber(value)) return false;
  if (item.type === "likert") return Number.isInteger(value) && value >= 1 && value <= 5;
  return value >= item.min && value <= item.max;
}

export function itemsFor(bank, role = null, short = false) {
  return bank.items.filter(
    (i) => !(short && !i.short) && !(role !== null && i.roles && !i.roles.includes(role)),
  );
}

export function likertScore(item, v) {
  return item.reverse ? ((5 - v) / 4) * 100 : ((v - 1) / 4) * 100;
}

export function thresholdScore(x, good, bad) {
  const t = (x - bad) / (good - bad);
  return 100 * Math.min(1, Math.max(0, t));
}

/** Left to right, exactly as wijkcoop.scan adds (no compensated summation). */
function sum(values) {
  let total = 0;
  for (const v of values) total += v;
  return total;
}

function mean(values) {
  return values.length ? sum(values) / values.length : null;
}

function get(answers, id) {
  const v = Object.prototype.hasOwnProperty.call(answers, id) ? answers[id] : null;
  return v === undefined ? null : v;
}

function derive(bank, answers, inPlay) {
  const values = {};
  const findings = [];
  const groups = new Map();
  for (const item of bank.items) {
    if (item.derive && inPlay.has(item.id)) {
      if (!groups.has(item.derive)) groups.set(item.derive, []);
      groups.get(item.derive).push(item);
    }
  }
  const state = {};
  for (const [g, items] of groups) {
    const given = items.map((i) => get(answers, i.id));
    if (given.every(isNumber)) state[g] = sum(given) === 0 ? "zero" : "ok";
    else if (given.some((v) => v !== null)) state[g] = "incomplete";
    else state[g] = "empty";
    if (state[g] === "zero") findings.push(`inkomsten-nul:${g}`);
    else if (state[g] === "incomplete") findings.push(`inkomsten-onvolledig:${g}`);
  }
  for (const d of bank.derived || []) {
    let value = null;
    if (d.kind === "value") {
      const v = inPlay.has(d.item) ? get(answers, d.item) : null;
      if (isNumber(v)) value = v * (d.factor ?? 1);
    } else if (state[d.group] === "ok" || state[d.group] === "zero") {
      const members = groups.get(d.group);
      const total = sum(members.map((i) => answers[i.id]));
      if (d.kind === "total") value = total;
      else if (total > 0 && d.kind === "share") {
        value = sum(members.filter((i) => d.numerator.includes(i.id)).map((i) => answers[i.id])) / total;
      } else if (total > 0 && d.kind === "herfindahl") {
        value = sum(members.map((i) => (answers[i.id] / total) * (answers[i.id] / total)));
      }
    }
    values[d.id] = value;
  }
  return { values, findings };
}

/** Score answers; returns the test-vector shape plus row details for the view. */
export function score(bank, answers, { role = null, short = false } = {}) {
  const roles = bank.roles || [];
  if (roles.length && role !== null && !roles.includes(role)) {
    throw new Error(`role ${role} is not one of ${roles}`);
  }
  const byId = new Map(bank.items.map((i) => [i.id, i]));
  for (const [key, value] of Object.entries(answers)) {
    if (value === null || value === undefined) continue;
    if (!byId.has(key)) throw new Error(`answer to unknown item ${key}`);
    if (!validValue(byId.get(key), value)) throw new Error(`answer ${value} is not valid for ${key}`);
  }
  const items = itemsFor(bank, role, short);
  const inPlay = new Set(items.map((i) => i.id));
  const { values: derived, findings } = derive(bank, answers, inPlay);
  const scored = {};
  const counts = {};
  for (const c of bank.conditions)
    for (const p of c.parts) {
      scored[p.id] = [];
      counts[p.id] = { n_items: 0, n_answered: 0, n_unknown: 0, n_missing: 0 };
    }
  for (const item of items) {
    const c = counts[item.part];
    c.n_items += 1;
    const v = get(answers, item.id);
    if (v === null) c.n_missing += 1;
    else if (v === UNKNOWN) c.n_unknown += 1;
    else {
      c.n_answered += 1;
      if (item.type === "likert") scored[item.part].push(likertScore(item, v));
    }
  }
  for (const d of bank.derived || []) {
    if (d.part !== undefined && derived[d.id] !== null) {
      scored[d.part].push(thresholdScore(derived[d.id], d.score.good, d.score.bad));
    }
  }
  const partRows = [];
  const conditionRows = [];
  for (const cond of bank.conditions) {
    const partScores = [];
    const totals = { n_items: 0, n_answered: 0, n_unknown: 0, n_missing: 0 };
    for (const part of cond.parts) {
      const c = counts[part.id];
      const s = mean(scored[part.id]);
      partRows.push({ part: part.id, condition: cond.id, title: part.title, score: s, ...c });
      if (s !== null) partScores.push(s);
      for (const k of Object.keys(totals)) totals[k] += c[k];
      if (c.n_items && c.n_unknown / c.n_items >= UNKNOWN_FINDING_SHARE) {
        findings.push(`weinig-bekend:${part.id}`);
      }
    }
    conditionRows.push({ condition: cond.id, title: cond.title, score: mean(partScores), ...totals });
  }
  let done = 0;
  for (const r of partRows) done += r.n_answered + r.n_unknown;
  return {
    parts: Object.fromEntries(partRows.map((r) => [r.part, r.score])),
    conditions: Object.fromEntries(conditionRows.map((r) => [r.condition, r.score])),
    completeness: items.length ? done / items.length : 0,
    derived,
    findings: findings.sort(),
    partRows,
    conditionRows,
    nItems: items.length,
  };
}

/** Weakest parts: lowest scores first, ties in bank order, unscored parts left out. */
export function weakest(result, n = 3) {
  return result.partRows
    .map((r, i) => [r.score, i, r.part])
    .filter((x) => x[0] !== null)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1])
    .slice(0, n)
    .map((x) => x[2]);
}

/** current - reference per part and condition (null when either is null). */
export function compareResults(current, reference) {
  const diff = (a, b) => (a === null || b === null || b === undefined ? null : a - b);
  const out = { parts: {}, conditions: {} };
  for (const [k, v] of Object.entries(current.parts)) out.parts[k] = diff(v, reference.parts[k]);
  for (const [k, v] of Object.entries(current.conditions)) {
    out.conditions[k] = diff(v, reference.conditions[k]);
  }
  return out;
}

export class ExportError extends Error {
  constructor(code, messageNl) {
    super(messageNl);
    this.code = code;
    this.messageNl = messageNl;
  }
}

function fail(code, params, messages) {
  const parts = new Set([message(code, params, messages), message("unchanged", {}, messages)]);
  return new ExportError(code, [...parts].join(" "));
}

/** A file size for a message: 1,2 MB. */
function sizeText(bytes) {
  return (bytes / 1048576).toFixed(1).replace(".", ",") + " MB";
}

function show(value, limit = 40) {
  const text = JSON.stringify(value);
  return [...text].length <= limit ? text : [...text].slice(0, limit - 1).join("") + "…";
}

export function textProblem(value, limit, messages = {}) {
  if (typeof value !== "string") return message("reason-not-string", {}, messages);
  if ([...value].length > limit) return message("reason-too-long", { max: limit }, messages);
  if (MARKUP.test(value)) return message("reason-markup", {}, messages);
  return null;
}

export function migrate(bank, answers, fromVersion) {
  const start = parseVersion(fromVersion);
  const steps = (bank.migrations || [])
    .filter((m) => cmpVersion(parseVersion(m.from), start) >= 0)
    .sort((a, b) => cmpVersion(parseVersion(a.from), parseVersion(b.from)));
  let out = { ...answers };
  const removed = [];
  for (const m of steps) {
    const renamed = m.renamed || {};
    const gone = new Set(m.removed || []);
    const next = {};
    for (const [key, value] of Object.entries(out)) {
      if (gone.has(key)) removed.push(key);
      else next[Object.prototype.hasOwnProperty.call(renamed, key) ? renamed[key] : key] = value;
    }
    out = next;
  }
  return { answers: out, removed };
}

/**
 * Validate an export (string or bytes) for `bank`; throws ExportError with its Dutch text from
 * `messages` (code -> text, data/scan/messages.yaml). Never mutates state.
 */
export function parseExport(input, bank, messages = {}) {
  const refuse = (code, params = {}) => fail(code, params, messages);
  const piece = (key, params = {}) => message(key, params, messages);
  const bytes = typeof input === "string" ? new TextEncoder().encode(input) : new Uint8Array(input);
  if (bytes.length > MAX_BYTES) {
    throw refuse("too-large", { size: sizeText(bytes.length) });
  }
  let doc;
  try {
    doc = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    throw refuse("not-json");
  }
  if (doc === null || typeof doc !== "object" || Array.isArray(doc) || doc.format !== FORMAT) {
    throw refuse("not-export");
  }
  const fv = doc.format_version === undefined ? FORMAT_VERSION : doc.format_version;
  if (!isNumber(fv) || !Number.isInteger(fv) || fv < 1) throw refuse("not-export");
  for (const key of ["bank_id", "bank_version", "answers"]) {
    if (!(key in doc)) throw refuse("missing-field", { field: key });
  }
  if (doc.bank_id !== bank.bank_id) {
    throw refuse("other-bank", { found: show(doc.bank_id), expected: bank.bank_id });
  }
  const found = parseVersion(doc.bank_version);
  if (found === null) throw refuse("bad-version", { found: show(doc.bank_version) });
  const current = parseVersion(bank.version);
  if (fv > FORMAT_VERSION || cmpVersion(found, current) > 0) {
    throw refuse("future-version", { found: doc.bank_version, expected: bank.version });
  }
  let answers = doc.answers;
  if (answers === null || typeof answers !== "object" || Array.isArray(answers)) {
    throw refuse("bad-value", { item: piece("field-answers"), value: show(answers) });
  }
  const role = doc.role === undefined ? null : doc.role;
  const roles = bank.roles || [];
  if (roles.length) {
    if (role === null) throw refuse("missing-field", { field: "role" });
    if (!roles.includes(role)) throw refuse("bad-value", { item: piece("field-role"), value: show(role) });
  } else if (role !== null) {
    throw refuse("bad-value", { item: piece("field-role"), value: show(role) });
  }
  const text = {};
  for (const [key, limit] of [["organisation", MAX_ORGANISATION], ["notes", MAX_NOTES]]) {
    const value = doc[key] === undefined || doc[key] === null ? "" : doc[key];
    const reason = textProblem(value, limit, messages);
    if (reason) throw refuse("bad-text", { field: piece(`field-${key}`), reason });
    text[key] = value;
  }
  const warnings = [];
  let removed = [];
  if (cmpVersion(found, current) < 0) {
    ({ answers, removed } = migrate(bank, answers, doc.bank_version));
    warnings.push(piece("warning-migrated", { found: doc.bank_version, expected: bank.version }));
    if (removed.length) {
      warnings.push(piece("warning-removed", { count: removed.length, items: removed.join(", ") }));
    }
  }
  const allowed = new Map(itemsFor(bank, role).map((i) => [i.id, i]));
  for (const [key, value] of Object.entries(answers)) {
    if (!allowed.has(key)) throw refuse("unknown-item", { item: show(key) });
    if (value === null || !validValue(allowed.get(key), value)) {
      throw refuse("bad-value", { item: key, value: show(value) });
    }
  }
  return {
    answers: { ...answers },
    warnings,
    meta: {
      bank_version: doc.bank_version,
      exported_at: typeof doc.exported_at === "string" ? doc.exported_at : null,
      role,
      organisation: text.organisation,
      notes: text.notes,
      removed,
    },
  };
}

export function makeExport(bank, { answers = {}, organisation = "", notes = "", role = null } = {}, now = new Date(), messages = {}) {
  const doc = {
    format: FORMAT,
    format_version: FORMAT_VERSION,
    bank_id: bank.bank_id,
    bank_version: bank.version,
    exported_at: now.toISOString().replace(/\.\d{3}Z$/, "Z"),
    role: (bank.roles || []).length ? role : null,
    organisation,
    notes,
    answers: Object.fromEntries(Object.entries(answers).filter(([, v]) => v !== null && v !== undefined)),
  };
  parseExport(JSON.stringify(doc), bank, messages); // same rules as an import
  return doc;
}

// ---------------------------------------------------------------------------------------------
// View

const NL = "nl-NL";
const fmtInt = (x) => (x === null || x === undefined ? "–" : String(Math.round(x)));
const fmtSigned = (x) => (x === null ? "–" : (x > 0 ? "+" : x < 0 ? "−" : "±") + Math.abs(Math.round(x)));
let uid = 0;

/** Create an element; strings and numbers become text nodes (never markup). */
function h(tag, attrs = {}, ...children) {
  const el = document.createElementNS(
    attrs.svg ? "http://www.w3.org/2000/svg" : "http://www.w3.org/1999/xhtml",
    tag,
  );
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
const s = (tag, attrs = {}, ...children) => h(tag, { ...attrs, svg: true }, ...children);

function roleText(value, role) {
  if (typeof value === "string") return value;
  if (role !== null && value[role] !== undefined) return value[role];
  return Object.values(value)[0];
}

function roleLabel(bank, role) {
  return (bank.role_labels && bank.role_labels[role]) || role;
}

function bookLink(links, label, fallback) {
  const target = links && links[label];
  if (target && target.url) return h("a", { href: target.url, class: "wks-booklink" }, target.title || fallback);
  return h("span", { class: "wks-booklink" }, target && target.title ? target.title : fallback);
}

function band(d, value) {
  const { good, bad } = d.score;
  const better = good < bad ? value <= good : value >= good;
  const worse = good < bad ? value >= bad : value <= bad;
  return better ? "binnen de vuistregel" : worse ? "buiten de vuistregel" : "let op";
}

function fmtDerived(d, value) {
  if (value === null) return "niet te berekenen";
  if (d.kind === "total") return new Intl.NumberFormat(NL, { style: "currency", currency: "EUR", maximumFractionDigits: 0 }).format(value);
  if (d.kind === "herfindahl") return new Intl.NumberFormat(NL, { maximumFractionDigits: 2, minimumFractionDigits: 2 }).format(value);
  return new Intl.NumberFormat(NL, { style: "percent", maximumFractionDigits: 0 }).format(value);
}

function fmtDate(iso) {
  if (!iso) return "";
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? "" : d.toLocaleDateString(NL, { day: "numeric", month: "long", year: "numeric" });
}

function radar(bank, result, refResult, refLabel) {
  const conds = bank.conditions;
  const n = conds.length;
  const W = 480, H = 340, C = 240, CY = 170, R = 105;
  const angle = (i) => -Math.PI / 2 + (2 * Math.PI * i) / n;
  const pt = (i, v) => [C + Math.cos(angle(i)) * R * (v / 100), CY + Math.sin(angle(i)) * R * (v / 100)];
  const titleId = `wks-radar-t-${++uid}`;
  const descId = `wks-radar-d-${uid}`;
  const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, width: "100%", role: "img", "aria-labelledby": `${titleId} ${descId}`, class: "wks-radar" });
  svg.append(s("title", { id: titleId }, "Kompas: score per voorwaarde (0 tot 100)"));
  svg.append(s("desc", { id: descId }, "Dezelfde scores staan in de tabel hieronder."));
  for (const ring of [25, 50, 75, 100]) {
    svg.append(s("polygon", { points: conds.map((_, i) => pt(i, ring).join(",")).join(" "), class: "wks-ring" }));
  }
  conds.forEach((c, i) => {
    const [x, y] = pt(i, 100);
    svg.append(s("line", { x1: C, y1: CY, x2: x, y2: y, class: "wks-axis" }));
    const [lx, ly0] = pt(i, 118);
    const ly = ly0 + (ly0 > CY + 5 ? 10 : ly0 < CY - 5 ? -12 : 0);
    const anchor = Math.abs(lx - C) < 5 ? "middle" : lx > C ? "start" : "end";
    const score = result.conditions[c.id];
    const lines = wrap(c.title, 20);
    const label = s("text", { x: lx, y: ly - (lines.length - 1) * 7, "text-anchor": anchor, class: "wks-axis-label" });
    lines.forEach((line, k) => label.append(s("tspan", { x: lx, dy: k ? 14 : 0 }, line)));
    label.append(s("tspan", { x: lx, dy: 15, class: "wks-axis-score" }, score === null ? "geen score" : fmtInt(score)));
    svg.append(label);
  });
  const poly = (res, cls) => {
    const pts = conds.map((c, i) => pt(i, res.conditions[c.id] ?? 0));
    svg.append(s("polygon", { points: pts.map((p) => p.join(",")).join(" "), class: cls }));
    pts.forEach(([x, y], i) => {
      if (res.conditions[conds[i].id] !== null) svg.append(s("circle", { cx: x, cy: y, r: 3.5, class: cls + "-dot" }));
    });
  };
  if (refResult) poly(refResult, "wks-ref");
  poly(result, "wks-now");
  const legend = h("p", { class: "wks-legend" }, h("span", { class: "wks-key wks-key-now" }), " Nu");
  if (refResult) legend.append(" ", h("span", { class: "wks-key wks-key-ref" }), " " + refLabel);
  return h("figure", { class: "wks-figure" }, svg, legend);
}

function wrap(text, width) {
  const words = text.split(" ");
  const lines = [""];
  for (const w of words) {
    const cur = lines[lines.length - 1];
    if (cur && (cur + " " + w).length > width) lines.push(w);
    else lines[lines.length - 1] = cur ? cur + " " + w : w;
  }
  return lines;
}

/** A small bar for a table cell (hidden from screen readers: the number is in the same cell). */
function miniBar(value, ref) {
  const svg = s("svg", { viewBox: "0 0 100 10", width: "80", height: "10", "aria-hidden": "true", focusable: "false", class: "wks-minibar" });
  svg.append(s("rect", { x: 0, y: 1, width: 100, height: 8, class: "wks-bar-bg" }));
  if (value !== null && value !== undefined) svg.append(s("rect", { x: 0, y: 1, width: value, height: 8, class: "wks-bar" }));
  if (ref !== null && ref !== undefined) svg.append(s("line", { x1: ref, x2: ref, y1: 0, y2: 10, class: "wks-bar-ref" }));
  return svg;
}

// ---------------------------------------------------------------------------------------------
// Two-sided banks: both sides next to each other and the gap per condition

/** The two roles present in `byRole`, in the bank's order. */
export function gapRoles(bank, byRole) {
  return (bank.roles || []).filter((r) => byRole[r]).slice(0, 2);
}

/**
 * Both roles' condition scores in the bank's role order and the gap (first role minus second),
 * so both sides see the same numbers whoever imports whom. `byRole` maps role -> score() result.
 */
export function gapRows(bank, byRole) {
  const [a, b] = gapRoles(bank, byRole);
  return bank.conditions.map((c) => {
    const x = byRole[a].conditions[c.id];
    const y = byRole[b].conditions[c.id];
    return { condition: c.id, title: c.title, a: x, b: y, gap: x === null || y === null ? null : x - y };
  });
}

/** Conditions with the largest absolute gap (ties in bank order), at most `n`, gaps of 0 left out. */
export function largestGaps(rows, n = 2) {
  return rows
    .map((r, i) => [r.gap === null ? -1 : Math.abs(r.gap), i, r])
    .filter((x) => x[0] > 0)
    .sort((p, q) => q[0] - p[0] || p[1] - q[1])
    .slice(0, n)
    .map((x) => x[2]);
}

function gapChart(bank, rows, [a, b]) {
  const W = 480, L = 170, BW = 230, ROW = 46, TOP = 8;
  const H = TOP + rows.length * ROW + 24;
  const titleId = `wks-gap-t-${++uid}`;
  const descId = `wks-gap-d-${uid}`;
  const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, width: "100%", role: "img", "aria-labelledby": `${titleId} ${descId}`, class: "wks-gap-chart" });
  svg.append(s("title", { id: titleId }, `Per knelpunt: score van ${roleLabel(bank, a)} en ${roleLabel(bank, b)} (0 tot 100) en het verschil`));
  svg.append(s("desc", { id: descId }, "Dezelfde getallen staan in de tabel hieronder."));
  for (const t of [0, 50, 100]) {
    const x = L + (BW * t) / 100;
    svg.append(s("line", { x1: x, x2: x, y1: TOP, y2: H - 20, class: "wks-axis" }));
    svg.append(s("text", { x, y: H - 6, "text-anchor": "middle", class: "wks-gap-tick" }, String(t)));
  }
  svg.append(s("text", { x: W - 4, y: H - 6, "text-anchor": "end", class: "wks-gap-tick" }, "verschil"));
  rows.forEach((r, i) => {
    const y0 = TOP + i * ROW;
    const lines = wrap(r.title, 24);
    const label = s("text", { x: L - 8, y: y0 + ROW / 2 - (lines.length - 1) * 7 + 4, "text-anchor": "end", class: "wks-axis-label" });
    lines.forEach((line, k) => label.append(s("tspan", { x: L - 8, dy: k ? 14 : 0 }, line)));
    svg.append(label);
    [["a", r.a, 6], ["b", r.b, 23]].forEach(([side, v, dy]) => {
      if (v === null) {
        svg.append(s("text", { x: L + 4, y: y0 + dy + 12, class: "wks-gap-none" }, "geen score"));
        return;
      }
      svg.append(s("rect", { x: L, y: y0 + dy, width: Math.max((BW * v) / 100, 1), height: 15, class: `wks-gap-${side}` }));
      svg.append(s("text", { x: L + (BW * v) / 100 + 4, y: y0 + dy + 12, class: "wks-gap-value" }, fmtInt(v)));
    });
    svg.append(s("text", { x: W - 4, y: y0 + ROW / 2 + 5, "text-anchor": "end", class: "wks-gap-diff" }, fmtSigned(r.gap)));
  });
  const legend = h(
    "p",
    { class: "wks-legend" },
    h("span", { class: "wks-key wks-key-gap-a" }), " " + roleLabel(bank, a) + " ",
    h("span", { class: "wks-key wks-key-gap-b" }), " " + roleLabel(bank, b),
  );
  return h("figure", { class: "wks-figure" }, svg, legend);
}

/** The side-by-side view with the gap table and the conversation prompts of the largest gaps. */
function gapView(bank, byRole, links, headingId) {
  const [a, b] = gapRoles(bank, byRole);
  const rows = gapRows(bank, byRole);
  const la = roleLabel(bank, a);
  const lb = roleLabel(bank, b);
  const box = h("div", { class: "wks-gap", "aria-labelledby": headingId });
  box.append(
    h("h4", { id: headingId }, "Twee kanten naast elkaar"),
    h("p", { class: "wks-note" }, `Het verschil is steeds ${la.toLowerCase()} min ${lb.toLowerCase()}. Daardoor zien beide kanten precies dezelfde getallen, wie ook wiens bestand opent.`),
    gapChart(bank, rows, [a, b]),
  );
  const table = h(
    "table",
    { class: "wks-table wks-gap-table" },
    h("caption", {}, `Score per knelpunt (0 tot 100) en het verschil (${la.toLowerCase()} min ${lb.toLowerCase()})`),
    h("thead", {}, h("tr", {}, ["Onderwerp", la, lb, "Verschil"].map((t) => h("th", { scope: "col" }, t)))),
  );
  const body = h("tbody");
  for (const r of rows) {
    body.append(
      h("tr", { "data-gap": r.condition },
        h("th", { scope: "row" }, r.title),
        h("td", { "data-role": a }, fmtInt(r.a)),
        h("td", { "data-role": b }, fmtInt(r.b)),
        h("td", { "data-diff": "gap" }, fmtSigned(r.gap)),
      ),
    );
  }
  table.append(body);
  box.append(h("div", { class: "wks-table-wrap" }, table));
  const top = largestGaps(rows, 2).filter((r) => {
    const c = bank.conditions.find((x) => x.id === r.condition);
    return c.prompts && c.prompts.length;
  });
  if (top.length) {
    const list = h("div", { class: "wks-gap-prompts" }, h("h4", {}, "Gespreksvragen bij de grootste verschillen"));
    for (const r of top) {
      const c = bank.conditions.find((x) => x.id === r.condition);
      list.append(
        h("p", { "data-prompts": c.id }, h("strong", {}, `${c.title} (verschil ${fmtSigned(r.gap)})`), " ", bookLink(links, c.book_ref, "Lees meer in het boek")),
        h("ul", {}, c.prompts.map((q) => h("li", {}, q))),
      );
    }
    box.append(list);
  }
  return box;
}

const PERSISTED = ["answers", "role", "organisation", "notes", "reference"];
const SAVE_FAILED =
  "Let op: deze browser bewaart je antwoorden nu niet (de opslag is vol of uitgeschakeld). " +
  "Na het sluiten of herladen van de pagina zijn ze weg. Bewaar ze als bestand.";

/** A model with the anywidget surface (get/set/on/off/save_changes) kept in localStorage. */
export function createLocalModel(bank, initial = {}, storage = globalThis.localStorage) {
  const key = STORE_PREFIX + bank.bank_id;
  const state = { answers: {}, role: null, organisation: "", notes: "", reference: null, short: false, links: {}, messages: {}, ...initial, bank };
  const listeners = {};
  const notices = [];
  try {
    const raw = storage && storage.getItem(key);
    if (raw) {
      try {
        const stored = JSON.parse(raw);
        const asExport = { format: FORMAT, bank_id: bank.bank_id, bank_version: stored.bank_version, role: stored.role ?? null, organisation: stored.organisation ?? "", notes: stored.notes ?? "", answers: stored.answers ?? {} };
        const ok = parseExport(JSON.stringify(asExport), bank, state.messages);
        Object.assign(state, { answers: ok.answers, role: ok.meta.role, organisation: ok.meta.organisation, notes: ok.meta.notes });
        if (stored.reference && typeof stored.reference === "object") state.reference = stored.reference;
        notices.push(...ok.warnings);
      } catch {
        // Keep what we could not read under another key; never throw it away silently.
        try {
          storage.setItem(key + ":onleesbaar", raw);
          notices.push("Eerder bewaarde antwoorden konden niet worden gelezen; ze staan apart bewaard en de scan begint leeg.");
        } catch {
          notices.push("Eerder bewaarde antwoorden konden niet worden gelezen. Ze staan nog in deze browser; de scan begint leeg.");
        }
      }
    }
  } catch {
    notices.push("Deze browser staat bewaren niet toe: je antwoorden blijven alleen staan zolang deze pagina open is. Bewaar ze als bestand.");
  }
  const emit = (name) => (listeners[name] || []).slice().forEach((cb) => cb());
  const model = {
    notices,
    storageKey: key,
    saveFailed: false,
    noticeText: SAVE_FAILED,
    get: (k) => state[k],
    set(k, v) {
      state[k] = v;
      emit(`change:${k}`);
    },
    on(name, cb) {
      (listeners[name] ||= []).push(cb);
    },
    off(name, cb) {
      listeners[name] = (listeners[name] || []).filter((f) => f !== cb);
    },
    save_changes() {
      const doc = { bank_version: bank.version, saved_at: new Date().toISOString() };
      for (const k of PERSISTED) doc[k] = state[k];
      try {
        storage.setItem(key, JSON.stringify(doc));
        model.saveFailed = false;
      } catch {
        // Storage refused (private mode, full): the page keeps working, and the reader is told
        // once, so nobody counts on answers that a reload would lose.
        if (!model.saveFailed) {
          model.saveFailed = true;
          emit("notice");
        }
      }
    },
    clear() {
      try {
        storage.removeItem(key);
      } catch {
        /* nothing stored */
      }
    },
  };
  return model;
}

function download(filename, text) {
  const url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
  const a = h("a", { href: url, download: filename, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function slug(text) {
  return (text || "").normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 40);
}

async function readFile(file, messages) {
  if (file.size > MAX_BYTES) throw fail("too-large", { size: sizeText(file.size) }, messages);
  return new Uint8Array(await file.arrayBuffer());
}

export function render({ model, el }) {
  const bank = model.get("bank");
  const id = `wks${++uid}`;
  const root = h("div", { class: "wks", "data-bank": bank.bank_id });
  el.replaceChildren(root);
  const links = () => model.get("links") || {};
  const messages = () => model.get("messages") || {};
  const short = () => Boolean(model.get("short"));
  const twoSided = (bank.roles || []).length > 0;
  const answers = () => ({ ...(model.get("answers") || {}) });
  const role = () => (twoSided ? model.get("role") || null : null);

  const status = h("p", { class: "wks-status", role: "status", "aria-live": "polite" });
  const alert = h("div", { class: "wks-alert", role: "alert", "aria-live": "assertive" });
  const say = (text) => {
    alert.replaceChildren();
    status.textContent = text;
  };
  const complain = (text) => {
    status.textContent = "";
    alert.replaceChildren(h("p", {}, text));
  };

  function commit(key, value) {
    model.set(key, value);
    model.save_changes();
    update();
  }
  function setAnswer(itemId, value) {
    const next = answers();
    if (value === null) delete next[itemId];
    else next[itemId] = value;
    commit("answers", next);
  }

  // --- print header (shown only on paper) ---
  const printHead = h("div", { class: "wks-print-head" });

  // --- organisation, notes, role ---
  const orgInput = h("input", { type: "text", id: `${id}-org`, maxlength: MAX_ORGANISATION, autocomplete: "organization" });
  const orgError = h("p", { class: "wks-field-error", id: `${id}-org-err`, "aria-live": "polite" });
  const notesInput = h("textarea", { id: `${id}-notes`, rows: 3, maxlength: MAX_NOTES, "aria-describedby": `${id}-notes-help` });
  const notesError = h("p", { class: "wks-field-error", id: `${id}-notes-err`, "aria-live": "polite" });
  const textField = (input, errorEl, key, limit) => {
    input.addEventListener("input", () => {
      const problem = textProblem(input.value, limit, messages());
      if (problem) {
        errorEl.textContent = `Dit wordt niet bewaard: ${problem}. Gebruik gewone tekst zonder < en >.`;
        input.setAttribute("aria-invalid", "true");
        input.setAttribute("aria-describedby", errorEl.id);
        return;
      }
      errorEl.textContent = "";
      input.removeAttribute("aria-invalid");
      model.set(key, input.value);
      model.save_changes();
      renderPrintHead();
    });
  };
  textField(orgInput, orgError, "organisation", MAX_ORGANISATION);
  textField(notesInput, notesError, "notes", MAX_NOTES);
  const meta = h(
    "div",
    { class: "wks-meta" },
    h("p", {}, h("label", { for: orgInput.id }, "Naam van jullie organisatie (mag leeg blijven)"), orgInput, orgError),
    h("p", {}, h("label", { for: notesInput.id }, "Notities"), h("span", { id: `${id}-notes-help`, class: "wks-help" }, "Bijvoorbeeld wie de scan invulde en wanneer. Alleen gewone tekst."), notesInput, notesError),
  );
  let roleGroup = null;
  if (twoSided) {
    roleGroup = h("fieldset", { class: "wks-role" }, h("legend", {}, "Ik vul de scan in namens"));
    for (const r of bank.roles) {
      const input = h("input", { type: "radio", name: `${id}-role`, value: r, id: `${id}-role-${r}` });
      input.addEventListener("change", () => commit("role", r));
      roleGroup.append(h("label", { for: input.id, class: "wks-option" }, input, " " + roleLabel(bank, r)));
    }
    meta.prepend(roleGroup);
  }

  const progress = h("p", { class: "wks-progress", "aria-live": "off" });

  // --- the items ---
  const form = h("form", { class: "wks-form", novalidate: true, onsubmit: (e) => e.preventDefault() });
  const controls = new Map(); // item id -> {kind, inputs}
  function buildForm() {
    form.replaceChildren();
    controls.clear();
    if (twoSided && !role()) {
      form.append(h("p", { class: "wks-hint" }, "Kies eerst namens wie je de scan invult; dan verschijnen de vragen."));
      return;
    }
    const inPlay = new Set(itemsFor(bank, role(), short()).map((i) => i.id));
    let n = 0;
    for (const cond of bank.conditions) {
      const section = h("section", { class: "wks-condition", "aria-labelledby": `${id}-c-${cond.id}` }, h("h3", { id: `${id}-c-${cond.id}` }, cond.title));
      for (const part of cond.parts) {
        const items = bank.items.filter((i) => i.part === part.id && inPlay.has(i.id));
        if (!items.length) continue;
        section.append(h("h4", { class: "wks-part-title" }, part.title));
        for (const item of items) section.append(buildItem(item, ++n));
      }
      if (section.querySelector(".wks-item")) form.append(section);
    }
  }
  function buildItem(item, n) {
    const base = `${id}-${item.id}`;
    const help = h("p", { class: "wks-help", id: `${base}-help` }, roleText(item.help, role()) + " ", bookLink(links(), item.book_ref, "Lees meer in het boek"));
    const legend = h("legend", { id: `${base}-legend` }, h("span", { class: "wks-num" }, `${n}. `), roleText(item.statement, role()));
    const fs = h("fieldset", { class: "wks-item", id: base, "data-item": item.id, "aria-describedby": help.id }, legend, help);
    if (item.type === "likert") {
      const opts = h("div", { class: "wks-options" });
      const inputs = [];
      for (const opt of [...bank.scale.options, bank.scale.unknown]) {
        const input = h("input", { type: "radio", name: base, value: String(opt.value), id: `${base}-${opt.value === UNKNOWN ? "x" : opt.value}` });
        input.addEventListener("change", () => setAnswer(item.id, opt.value === UNKNOWN ? UNKNOWN : Number(opt.value)));
        inputs.push(input);
        opts.append(h("label", { for: input.id, class: "wks-option" + (opt.value === UNKNOWN ? " wks-unknown" : "") }, input, h("span", {}, opt.label)));
      }
      fs.append(opts);
      controls.set(item.id, { kind: "likert", inputs });
    } else {
      const unit = item.unit === "euro" ? "euro" : "procent";
      const input = h("input", { type: "number", id: `${base}-n`, min: item.min, max: item.max, step: "any", inputmode: "decimal", "aria-labelledby": `${base}-legend ${base}-unit`, "aria-describedby": `${base}-help ${base}-err` });
      const unknown = h("input", { type: "checkbox", id: `${base}-x` });
      const err = h("p", { class: "wks-field-error", id: `${base}-err`, "aria-live": "polite" });
      const onNumber = () => {
        const raw = input.value.trim();
        if (input.validity.badInput) {
          err.textContent = "Vul een getal in, zonder punten voor duizendtallen.";
          input.setAttribute("aria-invalid", "true");
          return;
        }
        if (raw === "") {
          err.textContent = "";
          input.removeAttribute("aria-invalid");
          if (!unknown.checked) setAnswer(item.id, null);
          return;
        }
        const v = Number(raw);
        if (!Number.isFinite(v) || v < item.min || v > item.max) {
          err.textContent = `Vul een getal in van ${item.min} tot en met ${new Intl.NumberFormat(NL).format(item.max)}.`;
          input.setAttribute("aria-invalid", "true");
          return;
        }
        err.textContent = "";
        input.removeAttribute("aria-invalid");
        unknown.checked = false;
        setAnswer(item.id, v);
      };
      input.addEventListener("input", onNumber);
      unknown.addEventListener("change", () => {
        if (unknown.checked) {
          input.value = "";
          err.textContent = "";
          input.removeAttribute("aria-invalid");
          setAnswer(item.id, UNKNOWN);
        } else setAnswer(item.id, null);
      });
      fs.append(
        h("div", { class: "wks-number" }, input, h("span", { id: `${base}-unit`, class: "wks-unit" }, unit), h("label", { for: unknown.id, class: "wks-option wks-unknown" }, unknown, h("span", {}, bank.scale.unknown.label))),
        err,
      );
      controls.set(item.id, { kind: "number", input, unknown, err });
    }
    return fs;
  }
  function syncForm() {
    const a = answers();
    for (const [itemId, c] of controls) {
      const v = a[itemId] ?? null;
      if (c.kind === "likert") {
        for (const input of c.inputs) input.checked = v !== null && input.value === String(v);
      } else {
        c.unknown.checked = v === UNKNOWN;
        if (document.activeElement !== c.input && c.input.getAttribute("aria-invalid") !== "true") {
          c.input.value = v === null || v === UNKNOWN ? "" : String(v);
        }
      }
    }
    if (roleGroup) for (const input of roleGroup.querySelectorAll("input")) input.checked = input.value === role();
    if (document.activeElement !== orgInput && orgInput.getAttribute("aria-invalid") !== "true") orgInput.value = model.get("organisation") || "";
    if (document.activeElement !== notesInput && notesInput.getAttribute("aria-invalid") !== "true") notesInput.value = model.get("notes") || "";
  }

  // --- results ---
  const results = h("section", { class: "wks-results", "aria-labelledby": `${id}-res` });
  function currentResult() {
    return score(bank, answers(), { role: role(), short: short() });
  }
  function referenceInfo() {
    const ref = model.get("reference");
    if (!ref || !ref.answers) return null;
    try {
      const refRole = twoSided ? ref.role : null;
      const result = score(bank, ref.answers, { role: refRole, short: short() });
      const other = twoSided && refRole !== role();
      const when = fmtDate(ref.exported_at);
      const label = other ? `Andere kant (${roleLabel(bank, refRole)})` : `Eerder${when ? " (" + when + ")" : ""}`;
      return { result, label, diffLabel: other ? "Verschil" : "Verandering", ref };
    } catch {
      return null;
    }
  }
  function renderResults() {
    const result = currentResult();
    const ref = referenceInfo();
    const diff = ref ? compareResults(result, ref.result) : null;
    results.replaceChildren(h("h3", { id: `${id}-res` }, twoSided && role() ? `Jullie profiel (${roleLabel(bank, role())})` : "Jullie profiel"));
    results.append(
      h("p", { class: "wks-note" }, "Dit is een profiel, geen cijfer: het laat zien waar jullie sterk staan en waar aandacht nodig is. Scores lopen van 0 tot 100; 'weet ik niet' telt niet mee in de score."),
    );
    const charts = h("div", { class: "wks-charts" }, radar(bank, result, ref && ref.result, ref && ref.label));
    results.append(charts);
    // Two-sided bank compared with the other side: both sides in the bank's role order and the
    // gap (first role minus second), so both people see the same numbers.
    if (ref && twoSided && role() && ref.ref.role && ref.ref.role !== role()) {
      results.append(gapView(bank, { [role()]: result, [ref.ref.role]: ref.result }, links(), `${id}-gap`));
    }
    // the table: the chart's text equivalent
    const head = ["Onderdeel", "Score", "Ingevuld", "Weet ik niet"];
    if (ref) head.push(ref.label, ref.diffLabel);
    const table = h("table", { class: "wks-table" }, h("caption", {}, "Scores per voorwaarde en onderdeel (0 tot 100)"), h("thead", {}, h("tr", {}, head.map((t) => h("th", { scope: "col" }, t)))));
    const body = h("tbody");
    for (const c of result.conditionRows) {
      const cells = [h("th", { scope: "row" }, c.title), h("td", {}, fmtInt(c.score)), h("td", {}, `${c.n_answered + c.n_unknown} van ${c.n_items}`), h("td", {}, String(c.n_unknown))];
      if (ref) cells.push(h("td", {}, fmtInt(ref.result.conditions[c.condition])), h("td", {}, fmtSigned(diff.conditions[c.condition])));
      body.append(h("tr", { class: "wks-row-condition", "data-condition": c.condition }, cells));
      for (const p of result.partRows.filter((r) => r.condition === c.condition)) {
        if (!p.n_items) continue;
        const pc = [h("th", { scope: "row", class: "wks-part-cell" }, p.title), h("td", { "data-score": p.part }, h("span", { class: "wks-num-cell" }, fmtInt(p.score)), " ", miniBar(p.score, ref ? ref.result.parts[p.part] : null)), h("td", {}, `${p.n_answered + p.n_unknown} van ${p.n_items}`), h("td", {}, String(p.n_unknown))];
        if (ref) pc.push(h("td", {}, fmtInt(ref.result.parts[p.part])), h("td", { "data-diff": p.part }, fmtSigned(diff.parts[p.part])));
        body.append(h("tr", { "data-part": p.part }, pc));
      }
    }
    table.append(body);
    const completeness = Math.round(result.completeness * 100);
    results.append(h("p", { class: "wks-complete" }, `Volledigheid: ${completeness}% van de vragen is beantwoord of met 'weet ik niet' ingevuld.`));
    results.append(h("div", { class: "wks-table-wrap" }, table));
    // derived measures
    const scoredDerived = (bank.derived || []).filter((d) => itemsFor(bank, role(), short()).some((i) => i.derive === d.group || i.id === d.item));
    if (scoredDerived.length) {
      const dl = h("dl", { class: "wks-derived" });
      for (const d of scoredDerived) {
        const v = result.derived[d.id];
        dl.append(h("dt", {}, d.title), h("dd", { "data-derived": d.id }, fmtDerived(d, v) + (v !== null && d.score ? ` (${band(d, v)})` : "")));
      }
      results.append(h("h4", {}, "Inkomsten in cijfers"), dl);
    }
    // findings
    const findings = [];
    for (const f of result.findings) {
      const [code, what] = f.split(":");
      if (code === "weinig-bekend") {
        const row = result.partRows.find((r) => r.part === what);
        findings.push(`${row.title}: bij ${row.n_unknown} van de ${row.n_items} vragen koos je 'weet ik niet'.`);
      } else if (code === "inkomsten-nul") {
        findings.push("De ingevulde inkomsten zijn samen 0 euro. Het aandeel subsidie en de spreiding zijn dan niet te berekenen.");
      } else if (code === "inkomsten-onvolledig") {
        findings.push("Niet alle inkomstenvragen hebben een bedrag. Het aandeel subsidie en de spreiding worden berekend als alle bedragen bekend zijn (vul 0 in als er niets was).");
      }
    }
    if (findings.length) {
      results.append(h("div", { class: "wks-findings" }, h("h4", {}, "Hier weten jullie te weinig van"), h("ul", {}, findings.map((t) => h("li", {}, t)))));
    }
    // advice
    const weak = weakest(result, 3).filter((pid) => result.parts[pid] < ADVICE_BELOW);
    if (weak.length) {
      const list = h("ol", { class: "wks-advice-list" });
      for (const pid of weak) {
        const cond = bank.conditions.find((c) => c.parts.some((p) => p.id === pid));
        const part = cond.parts.find((p) => p.id === pid);
        const more = [bookLink(links(), part.book_ref, `Lees meer: ${part.title}`)];
        for (const ref2 of part.see_also || []) more.push(" · ", bookLink(links(), ref2, "Aanbeveling"));
        list.append(h("li", { "data-advice": pid }, h("strong", {}, `${part.title} (${fmtInt(result.parts[pid])})`), h("p", {}, roleText(part.advice, role())), h("p", { class: "wks-more" }, more)));
      }
      results.append(h("div", { class: "wks-advice" }, h("h4", {}, "Waar kunnen jullie beginnen?"), h("p", {}, "De onderdelen met de laagste score, met een eerste stap en waar je er meer over leest:"), list));
    } else if (weakest(result, 1).length) {
      results.append(h("p", { class: "wks-hint" }, `Geen enkel onderdeel scoort lager dan ${ADVICE_BELOW}. Bespreek samen hoe jullie dat zo houden.`));
    } else {
      results.append(h("p", { class: "wks-hint" }, "Beantwoord een paar vragen; dan verschijnt hier jullie profiel met tips."));
    }
    const done = result.partRows.reduce((t, r) => t + r.n_answered + r.n_unknown, 0);
    progress.textContent = `${done} van ${result.nItems} vragen ingevuld.`;
  }
  function renderPrintHead() {
    const org = model.get("organisation");
    const notes = model.get("notes");
    printHead.replaceChildren(
      h("p", {}, `${bank.title}${short() ? " (korte versie)" : ""}, versie ${bank.version}. Ingevuld op ${new Date().toLocaleDateString(NL, { day: "numeric", month: "long", year: "numeric" })}.`),
      org ? h("p", {}, `Organisatie: ${org}`) : null,
      notes ? h("p", {}, `Notities: ${notes}`) : null,
    );
  }

  // --- tools: export, import, compare, print, clear ---
  const importInput = h("input", { type: "file", accept: ".json,application/json", id: `${id}-import`, class: "wks-file" });
  const compareInput = h("input", { type: "file", accept: ".json,application/json", id: `${id}-compare`, class: "wks-file" });
  const stopCompare = h("button", { type: "button", class: "wks-button", hidden: true }, "Stop met vergelijken");
  const clearButton = h("button", { type: "button", class: "wks-button wks-danger" }, "Wis mijn antwoorden");
  const confirmBox = h("div", { class: "wks-confirm", hidden: true, role: "group", "aria-labelledby": `${id}-confirm` });
  const confirmYes = h("button", { type: "button", class: "wks-button wks-danger" }, "Ja, wis alles");
  const confirmNo = h("button", { type: "button", class: "wks-button" }, "Nee, terug");
  confirmBox.append(h("p", { id: `${id}-confirm` }, "Weet je het zeker? Alle antwoorden, de naam en de notities verdwijnen uit deze browser. Bewaar ze eerst als bestand als je ze nog nodig hebt."), confirmYes, " ", confirmNo);

  const exportButton = h("button", { type: "button", class: "wks-button" }, "Bewaar als bestand");
  exportButton.addEventListener("click", () => {
    try {
      const doc = makeExport(bank, { answers: answers(), organisation: model.get("organisation") || "", notes: model.get("notes") || "", role: role() }, new Date(), messages());
      const name = [bank.bank_id, slug(doc.organisation), doc.exported_at.slice(0, 10)].filter(Boolean).join("-") + ".json";
      download(name, JSON.stringify(doc, null, 2) + "\n");
      say(`Bestand ${name} is gemaakt. Het staat in je map met downloads.`);
    } catch (err) {
      complain(err.messageNl || "Het bestand kon niet worden gemaakt.");
    }
  });
  /** When a file is picked in `input`: read it as an export and `use` it, or say why it was refused. */
  function onExportFile(input, use) {
    input.addEventListener("change", async () => {
      const file = input.files && input.files[0];
      input.value = "";
      if (!file) return;
      try {
        use(parseExport(await readFile(file, messages()), bank, messages()));
      } catch (err) {
        complain(err instanceof ExportError ? err.messageNl : fail("not-json", {}, messages()).messageNl);
      }
    });
  }
  onExportFile(importInput, (got) => {
    model.set("answers", got.answers);
    if (twoSided) model.set("role", got.meta.role);
    model.set("organisation", got.meta.organisation);
    model.set("notes", got.meta.notes);
    model.save_changes();
    buildForm();
    update();
    say([`Bestand ingelezen: ${Object.keys(got.answers).length} antwoorden.`, ...got.warnings].join(" "));
  });
  onExportFile(compareInput, (got) => {
    commit("reference", { answers: got.answers, role: got.meta.role, exported_at: got.meta.exported_at, organisation: got.meta.organisation });
    say(["Vergelijking toegevoegd: de tabel toont nu ook de scores uit het bestand en het verschil.", ...got.warnings].join(" "));
  });
  stopCompare.addEventListener("click", () => {
    commit("reference", null);
    say("De vergelijking is weggehaald.");
  });
  const printButton = h("button", { type: "button", class: "wks-button" }, "Afdrukken of PDF maken");
  printButton.addEventListener("click", () => window.print());
  clearButton.addEventListener("click", () => {
    confirmBox.hidden = false;
    confirmNo.focus();
  });
  confirmNo.addEventListener("click", () => {
    confirmBox.hidden = true;
    clearButton.focus();
  });
  confirmYes.addEventListener("click", () => {
    model.set("answers", {});
    model.set("organisation", "");
    model.set("notes", "");
    model.set("reference", null);
    if (twoSided) model.set("role", null);
    model.save_changes();
    if (model.clear) model.clear();
    orgInput.value = "";
    notesInput.value = "";
    confirmBox.hidden = true;
    buildForm();
    update();
    clearButton.focus();
    say("Al je antwoorden zijn gewist.");
  });
  const tools = h(
    "div",
    { class: "wks-tools", role: "group", "aria-label": "Bewaren, openen, vergelijken en afdrukken" },
    h("h3", {}, "Bewaren, vergelijken en afdrukken"),
    h("p", { class: "wks-help" }, "Je antwoorden blijven alleen in deze browser. Met een bestand neem je ze mee of vergelijk je met een eerdere keer."),
    h("div", { class: "wks-buttons" },
      exportButton,
      h("span", { class: "wks-filepick" }, h("label", { for: importInput.id }, "Open een bestand"), importInput),
      h("span", { class: "wks-filepick" }, h("label", { for: compareInput.id }, twoSided ? "Vergelijk met een bestand (eerder of van de andere kant)" : "Vergelijk met een eerder bestand"), compareInput),
      stopCompare,
      printButton,
      clearButton,
    ),
    confirmBox,
  );

  function update() {
    syncForm();
    renderResults();
    renderPrintHead();
    stopCompare.hidden = !model.get("reference");
  }

  root.append(printHead, meta, progress, alert, status, form, results, tools);
  buildForm();
  update();
  for (const note of model.notices || []) say(note);
  if (model.noticeText) model.on("notice", () => complain(model.noticeText));
  const onExternal = () => update();
  const onStructure = () => {
    buildForm();
    update();
  };
  model.on("change:answers", onExternal);
  model.on("change:reference", onExternal);
  model.on("change:organisation", onExternal);
  model.on("change:notes", onExternal);
  model.on("change:role", onStructure);
  model.on("change:short", onStructure);
  el.setAttribute("data-scan-ready", "true");
  return () => {
    model.off && model.off("change:answers", onExternal);
  };
}

/** Static book page: mount on an element holding the bank and the messages as JSON (see wijkcoop/scan/directive.py). */
export function mount(el) {
  if (el.getAttribute("data-scan-mounted")) return;
  el.setAttribute("data-scan-mounted", "true");
  const src = el.querySelector('script[type="application/json"]');
  const config = JSON.parse(src.textContent);
  const model = createLocalModel(config.bank, { short: Boolean(config.short), links: config.links || {}, messages: config.messages || {} });
  const host = document.createElement("div");
  el.append(host);
  render({ model, el: host });
  el.setAttribute("data-scan-ready", "true");
}

if (typeof document !== "undefined") {
  const start = () => document.querySelectorAll("[data-wijkcoop-scan]").forEach(mount);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
}

export default { render };
