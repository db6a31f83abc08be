/**
 * core.js: scoring, migration and import validation of the scan (no DOM).
 *
 * What it mirrors, and how closely (docs/scan-format.md is the contract, the shared test vectors
 * in data/scan/test-vectors-<bank_id>.json tie the two):
 * - scoring: the rules of wijkcoop/scan/scoring.py, one answer set at a time (Python scores many
 *   at once, column by column); sums run left to right in bank order in both. `derive` writes
 *   out the income measures (total, share, Herfindahl, totals that must agree) that Python takes
 *   from wijkcoop/finance.py (share_of_columns, herfindahl_columns, totals_agree);
 * - import, export and migration: wijkcoop/scan/exchange.py function by function (same checks in
 *   the same order, same refusal codes).
 * The Dutch messages are not in this file: they come from data/scan/messages.yaml through the
 * model (`messages`), like the bank.
 */

export const FORMAT = "wijkcoop-scan-export";
export const FORMAT_VERSION = 1;
export const MAX_BYTES = 1048576;
export const MAX_ORGANISATION = 200;
export const MAX_NOTES = 5000;
export const UNKNOWN = "?";
/** "Niet van toepassing": only for likert items with `allow_na` (contract A). */
export const NOT_APPLICABLE = "nvt";
/** The action plan: at most three choices, each {part, stap, wie, wanneer} (docs/scan-format.md). */
export const ACTIEPLAN_MAX = 3;
export const ACTIEPLAN_LIMITS = { stap: 500, wie: 100, wanneer: 100 };
/** Deeper nesting (objects and arrays; the top level is 1) is refused as too-deep. */
export const MAX_DEPTH = 64;
const UNKNOWN_FINDING_SHARE = 0.5;
/** Not text: control characters other than tab, LF and CR, and lone surrogates. */
const NOT_TEXT =
  /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** ISO 8601 date-time with a zone, as exports write it. */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2}))$/;
const SEMVER = /^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$/;
/** Shown instead of a message missing from the table the module was handed (never "undefined"). */
export const FALLBACK_MESSAGE = "Er ging iets mis, maar de uitleg ontbreekt op deze pagina.";

// ---------------------------------------------------------------------------------------------
// Engine (the rules of wijkcoop/scan/scoring.py and exchange.py; see the header)

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
  if (value === NOT_APPLICABLE) return item.type === "likert" && Boolean(item.allow_na);
  if (!isNumber(value)) return false;
  if (item.type === "likert") return Number.isInteger(value) && value >= 1 && value <= 5;
  return value >= item.min && value <= item.max;
}

export function itemsFor(bank, role = null, short = false) {
  return bank.items.filter((i) => !(short && !i.short) && !(role !== null && i.roles && !i.roles.includes(role)));
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
  const totals = groupTotals(groups, state, answers);
  const differs = totalsDiffer(bank, groups, totals);
  for (const g of differs) findings.push(`inkomsten-verschil:${g}`);
  for (const d of bank.derived || []) {
    let value = null;
    if (d.kind === "value") {
      const v = inPlay.has(d.item) ? get(answers, d.item) : null;
      if (isNumber(v)) value = v * (d.factor ?? 1);
    } else if (state[d.group] === "ok" || state[d.group] === "zero") {
      const members = groups.get(d.group);
      const total = totals[d.group];
      if (d.kind === "total") value = total;
      else if (differs.includes(d.group))
        value = null; // withheld: does not add up
      else if (total > 0 && d.kind === "share") {
        value = sum(members.filter((i) => d.numerator.includes(i.id)).map((i) => answers[i.id])) / total;
      } else if (total > 0 && d.kind === "herfindahl") {
        value = sum(members.map((i) => (answers[i.id] / total) * (answers[i.id] / total)));
      }
    }
    values[d.id] = value;
  }
  return { values, findings, totals, differs };
}

/** The total of every complete group (every amount a number), left to right in bank order. */
function groupTotals(groups, state, answers) {
  const totals = {};
  for (const [g, items] of groups) {
    if (state[g] === "ok" || state[g] === "zero") totals[g] = sum(items.map((i) => answers[i.id]));
  }
  return totals;
}

/** Two totals of the same money agree below 1 euro apart (wijkcoop.finance.totals_agree). */
export const TOTAL_TOLERANCE = 1;

/** The groups of `equal_totals` whose complete total does not agree with the first's. */
function totalsDiffer(bank, groups, totals) {
  const named = (bank.equal_totals || []).filter((g) => groups.has(g));
  if (named.length < 2) return [];
  const first = totals[named[0]];
  return named
    .slice(1)
    .filter((g) => first !== undefined && totals[g] !== undefined && !(Math.abs(first - totals[g]) < TOTAL_TOLERANCE));
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
  const { values: derived, findings, totals, differs } = derive(bank, answers, inPlay);
  const scored = {};
  const counts = {};
  for (const c of bank.conditions)
    for (const p of c.parts) {
      scored[p.id] = [];
      counts[p.id] = { n_items: 0, n_answered: 0, n_unknown: 0, n_na: 0, n_missing: 0 };
    }
  for (const item of items) {
    const c = counts[item.part];
    c.n_items += 1;
    const v = get(answers, item.id);
    if (v === null) c.n_missing += 1;
    else if (v === UNKNOWN) c.n_unknown += 1;
    else if (v === NOT_APPLICABLE) c.n_na += 1;
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
    const totals = { n_items: 0, n_answered: 0, n_unknown: 0, n_na: 0, n_missing: 0 };
    for (const part of cond.parts) {
      const c = counts[part.id];
      const s = mean(scored[part.id]);
      partRows.push({ part: part.id, condition: cond.id, title: part.title, score: s, ...c });
      if (s !== null) partScores.push(s);
      for (const k of Object.keys(totals)) totals[k] += c[k];
      const rated = c.n_items - c.n_na; // "nvt" is not a knowledge gap (contract A)
      if (rated > 0 && c.n_unknown / rated >= UNKNOWN_FINDING_SHARE) {
        findings.push(`weinig-bekend:${part.id}`);
      }
      if (c.n_items > 0 && c.n_na === c.n_items) findings.push(`niet-van-toepassing:${part.id}`);
    }
    conditionRows.push({ condition: cond.id, title: cond.title, score: mean(partScores), ...totals });
  }
  let done = 0;
  for (const r of partRows) done += r.n_answered + r.n_unknown + r.n_na;
  return {
    parts: Object.fromEntries(partRows.map((r) => [r.part, r.score])),
    conditions: Object.fromEntries(conditionRows.map((r) => [r.condition, r.score])),
    completeness: items.length ? done / items.length : 0,
    derived,
    findings: findings.sort(),
    partRows,
    conditionRows,
    nItems: items.length,
    totals,
    differs,
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

export function fail(code, params, messages) {
  const parts = new Set([message(code, params, messages), message("unchanged", {}, messages)]);
  return new ExportError(code, [...parts].join(" "));
}

/** A file size for a message: 1,2 MB. */
export function sizeText(bytes) {
  return (bytes / 1048576).toFixed(1).replace(".", ",") + " MB";
}

function show(value, limit = 40) {
  const text = JSON.stringify(value);
  return [...text].length <= limit ? text : [...text].slice(0, limit - 1).join("") + "…";
}

export function textProblem(value, limit, messages = {}) {
  if (typeof value !== "string") return message("reason-not-string", {}, messages);
  if ([...value].length > limit) return message("reason-too-long", { max: limit }, messages);
  if (NOT_TEXT.test(value)) return message("reason-not-text", {}, messages);
  return null;
}

/** Is `value` an ISO 8601 date-time with a zone that names a real moment? */
export function validDateTime(value) {
  const m = DATE_TIME.exec(value);
  if (!m) return false;
  const [year, month, day, hour, minute] = [1, 2, 3, 4, 5].map((i) => Number(m[i]));
  const second = Number(m[6] || 0);
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1 || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return false;
  const zoneOk = m[7] === undefined || (Number(m[7]) <= 23 && Number(m[8]) <= 59);
  return hour <= 23 && minute <= 59 && second <= 59 && zoneOk;
}

/** The item's number on the page (form order: condition, part, bank order), or null. */
export function questionNumber(bank, itemId, role = null, short = false) {
  const inPlay = new Set(itemsFor(bank, role, short).map((i) => i.id));
  let n = 0;
  for (const cond of bank.conditions) {
    for (const part of cond.parts) {
      for (const item of bank.items) {
        if (item.part === part.id && inPlay.has(item.id)) {
          n += 1;
          if (item.id === itemId) return n;
        }
      }
    }
  }
  return null;
}

function statementText(value, role) {
  if (typeof value === "string") return value;
  if (role !== null && value[role] !== undefined) return value[role];
  return Object.values(value)[0];
}

/** How a message names an item: "vraag 12 (statement)". */
export function itemRef(bank, itemId, role, short, messages) {
  const item = bank.items.find((i) => i.id === itemId);
  const statement = statementText(item.statement, role);
  const number = questionNumber(bank, itemId, role, short);
  if (number === null) {
    return message("item-ref-full", { number: questionNumber(bank, itemId, role, false), statement }, messages);
  }
  return message("item-ref", { number, statement }, messages);
}

/** Is `value` nested deeper than `limit` levels (objects and arrays)? Iterative: no stack limit. */
function depthOver(value, limit) {
  const stack = [[value, 1]];
  while (stack.length) {
    const [v, d] = stack.pop();
    if (v === null || typeof v !== "object") continue;
    if (d > limit) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, d + 1]);
  }
  return false;
}

/** Kinds of the migration report, weakest first (a composed entry takes the strongest). */
export const MIGRATION_KINDS = ["carried", "renamed", "split", "reversed", "removed"];

/**
 * Map answers of an older bank version onto the current one (contract B): {answers, report}
 * with one report entry per given answer, in file order: {kind, from, to: [new ids], reason?}.
 */
export function migrateReport(bank, answers, fromVersion) {
  const start = parseVersion(fromVersion);
  const steps = (bank.migrations || [])
    .filter((m) => cmpVersion(parseVersion(m.from), start) >= 0)
    .sort((a, b) => cmpVersion(parseVersion(a.from), parseVersion(b.from)));
  const tracks = [];
  for (const [old, value] of Object.entries(answers)) {
    if (value === null || value === undefined) continue;
    tracks.push({ from: old, now: [[old, value]], kind: 0, reason: null });
  }
  const has = (obj, k) => Object.prototype.hasOwnProperty.call(obj, k);
  for (const m of steps) {
    const renamed = m.renamed || {};
    const split = m.split || {};
    const turned = m.reversed || {};
    const gone = new Set(m.removed || []);
    const reasons = m.reasons || {};
    for (const t of tracks) {
      const next = [];
      for (const [key, value] of t.now) {
        let kind;
        if (gone.has(key)) kind = "removed";
        else if (has(turned, key)) {
          kind = "reversed";
          next.push([turned[key], isNumber(value) ? 6 - value : value]);
        } else if (has(split, key)) {
          kind = "split";
          for (const id of split[key]) next.push([id, value]);
        } else if (has(renamed, key)) {
          kind = "renamed";
          next.push([renamed[key], value]);
        } else {
          kind = "carried";
          next.push([key, value]);
        }
        t.kind = Math.max(t.kind, MIGRATION_KINDS.indexOf(kind));
        if (kind !== "carried" && t.reason === null && has(reasons, key)) t.reason = reasons[key];
      }
      t.now = next;
    }
  }
  const out = {};
  const report = [];
  for (const t of tracks) {
    for (const [key, value] of t.now) out[key] = value;
    const entry = { kind: MIGRATION_KINDS[t.kind], from: t.from, to: t.now.map(([k]) => k) };
    if (t.reason !== null) entry.reason = t.reason;
    report.push(entry);
  }
  return { answers: out, report };
}

/** Map answers from an older bank version onto the current one: {answers, removed ids}. */
export function migrate(bank, answers, fromVersion) {
  const { answers: out, report } = migrateReport(bank, answers, fromVersion);
  return { answers: out, removed: report.filter((e) => e.kind === "removed").map((e) => e.from) };
}

/** The Dutch one-line summary of a migration report ("12 overgenomen, 2 gesplitst"). */
export function migrationSummary(report, messages = {}) {
  const counts = Object.fromEntries(MIGRATION_KINDS.map((k) => [k, 0]));
  for (const e of report) counts[e.kind] += 1;
  counts.carried += counts.renamed;
  delete counts.renamed;
  const parts = Object.entries(counts)
    .filter(([, n]) => n)
    .map(([k, n]) => message(`migration-${k}`, { count: n }, messages));
  return message("warning-migration-summary", { parts: parts.join(", ") }, messages);
}

/** One Dutch line per migrated answer that did not stay as it was (for the details view). */
export function migrationDetails(bank, report, role = null, short = false, messages = {}) {
  const known = new Set(bank.items.map((i) => i.id));
  const lines = [];
  for (const e of report) {
    if (e.kind === "carried") continue;
    const to = e.to
      .filter((i) => known.has(i))
      .map((i) => itemRef(bank, i, role, short, messages))
      .join(" en ");
    let line = message(`migration-detail-${e.kind}`, { to, from: e.from }, messages);
    if (e.reason) line += " " + message("migration-reason", { reason: e.reason }, messages);
    lines.push(line);
  }
  return lines;
}

/**
 * Validate an export (string or bytes) for `bank`; throws ExportError with its Dutch text from
 * `messages` (code -> text, data/scan/messages.yaml). Never mutates state. `short` is the
 * page's variant; it only decides how messages number the questions.
 */
export function parseExport(input, bank, messages = {}, short = false) {
  const refuse = (code, params = {}) => fail(code, params, messages);
  const piece = (key, params = {}) => message(key, params, messages);
  const bytes = typeof input === "string" ? new TextEncoder().encode(input) : new Uint8Array(input);
  if (bytes.length > MAX_BYTES) {
    throw refuse("too-large", { size: sizeText(bytes.length) });
  }
  let doc;
  try {
    doc = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch (err) {
    if (err instanceof RangeError) throw refuse("too-deep", { max: MAX_DEPTH });
    throw refuse("not-json");
  }
  if (depthOver(doc, MAX_DEPTH)) throw refuse("too-deep", { max: MAX_DEPTH });
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
  if (fv > FORMAT_VERSION) throw refuse("future-format", { found: show(fv), expected: FORMAT_VERSION });
  const current = parseVersion(bank.version);
  if (cmpVersion(found, current) > 0) {
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
  for (const [key, limit] of [
    ["organisation", MAX_ORGANISATION],
    ["notes", MAX_NOTES],
  ]) {
    const value = doc[key] === undefined || doc[key] === null ? "" : doc[key];
    const reason = textProblem(value, limit, messages);
    if (reason) throw refuse("bad-text", { field: piece(`field-${key}`), reason });
    text[key] = value;
  }
  const plan = checkActieplan(doc.actieplan, bank, messages);
  const exportedAt = doc.exported_at === undefined ? null : doc.exported_at;
  if (exportedAt !== null && !(typeof exportedAt === "string" && validDateTime(exportedAt))) {
    throw refuse("bad-date", { found: show(exportedAt) });
  }
  const warnings = [];
  let report = [];
  if (cmpVersion(found, current) < 0) {
    ({ answers, report } = migrateReport(bank, answers, doc.bank_version));
    warnings.push(piece("warning-migrated", { found: doc.bank_version, expected: bank.version }));
    warnings.push(migrationSummary(report, messages));
    const nRemoved = report.filter((e) => e.kind === "removed").length;
    if (nRemoved) warnings.push(piece("warning-removed", { count: nRemoved }));
  }
  const allowed = new Map(itemsFor(bank, role).map((i) => [i.id, i]));
  for (const [key, value] of Object.entries(answers)) {
    if (!allowed.has(key)) throw refuse("unknown-item", { item: show(key) });
    if (value === null || !validValue(allowed.get(key), value)) {
      const shownValue = typeof value === "number" && !Number.isFinite(value) ? piece("value-too-large") : show(value);
      throw refuse("bad-value", { item: itemRef(bank, key, role, short, messages), value: shownValue });
    }
  }
  const removed = report.filter((e) => e.kind === "removed").map((e) => e.from);
  return {
    answers: { ...answers },
    warnings,
    migration: report,
    meta: {
      bank_version: doc.bank_version,
      exported_at: typeof exportedAt === "string" ? exportedAt : null,
      role,
      organisation: text.organisation,
      notes: text.notes,
      removed,
      migration: report,
      actieplan: plan,
    },
  };
}

/** An export's action plan, checked: [] when absent; refuses a bad one as "bad-actieplan". */
export function checkActieplan(plan, bank, messages = {}) {
  if (plan === undefined || plan === null) return [];
  const refuse = (reason) => fail("bad-actieplan", { reason }, messages);
  if (!Array.isArray(plan) || plan.length > ACTIEPLAN_MAX)
    throw refuse(message("reason-actieplan-shape", { max: ACTIEPLAN_MAX }, messages));
  const parts = new Set(bank.conditions.flatMap((c) => c.parts.map((p) => p.id)));
  return plan.map((row) => {
    if (row === null || typeof row !== "object" || Array.isArray(row) || !parts.has(row.part)) {
      throw refuse(message("reason-actieplan-part", { part: show(row && row.part) }, messages));
    }
    const out = { part: row.part };
    for (const [key, limit] of Object.entries(ACTIEPLAN_LIMITS)) {
      const value = row[key] === undefined || row[key] === null ? "" : row[key];
      const reason = textProblem(value, limit, messages);
      if (reason) throw refuse(reason);
      out[key] = value;
    }
    return out;
  });
}

export function makeExport(
  bank,
  { answers = {}, organisation = "", notes = "", role = null, actieplan = [] } = {},
  now = new Date(),
  messages = {},
) {
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
  if (actieplan && actieplan.length) doc.actieplan = actieplan;
  parseExport(JSON.stringify(doc), bank, messages); // same rules as an import
  return doc;
}
