/**
 * dutch.js: Dutch numbers in the scan. Writing them (scores, amounts, dates) and reading an
 * amount a reader typed (contract D in docs/scan-format.md; mirror of
 * wijkcoop.dutch.parse_amount, tied to it by tests/data/dutch-amounts.json).
 */

export const NL = "nl-NL";

/** A score as shown: a whole number rounded half up, or a dash. */
export const fmtInt = (x) => (x === null || x === undefined ? "–" : String(Math.round(x)));

/** A difference as shown: +5, −3, ±0 or a dash. */
export const fmtSigned = (x) => (x === null ? "–" : (x > 0 ? "+" : x < 0 ? "−" : "±") + Math.abs(Math.round(x)));

/** The difference of two shown scores (round each, then subtract): 31 vs 26 shows +5. */
export function shownDiff(a, b) {
  return a === null || a === undefined || b === null || b === undefined ? null : Math.round(a) - Math.round(b);
}

/**
 * One Intl formatter per set of options, made when first needed: making one costs far more
 * than using it (the first one loads the locale data), and a page starts with a few hundred.
 */
const formatters = new Map();
function numberFormat(options) {
  const key = JSON.stringify(options);
  if (!formatters.has(key)) formatters.set(key, new Intl.NumberFormat(NL, options));
  return formatters.get(key);
}

export function fmtDerived(d, value) {
  if (value === null) return "niet te berekenen";
  if (d.kind === "total")
    return numberFormat({ style: "currency", currency: "EUR", maximumFractionDigits: 0 }).format(value);
  if (d.kind === "herfindahl")
    return numberFormat({ maximumFractionDigits: 2, minimumFractionDigits: 2 }).format(value);
  return numberFormat({ style: "percent", maximumFractionDigits: 0 }).format(value);
}

const MONTHS = "januari februari maart april mei juni juli augustus september oktober november december".split(" ");

/**
 * A Date as "3 december 2026", as toLocaleDateString(NL, {day: "numeric", month: "long",
 * year: "numeric"}) writes it, without loading the locale data for it (the page's first task).
 */
export function dutchDate(d) {
  return `${d.getDate()} ${MONTHS[d.getMonth()]} ${d.getFullYear()}`;
}

/** A date as "3 december 2026" ("" when there is none or it is not a date). */
export function fmtDate(iso) {
  if (!iso) return "";
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? "" : dutchDate(d);
}

/** Every digit of `value`, Dutch style: 1.234.567,89 (nothing rounded away). */
export function fmtNumber(value) {
  // a whole count (the text counters at start) needs no locale data: 5.000
  if (Number.isSafeInteger(value) && value >= 0) return String(value).replace(/\B(?=(\d{3})+$)/g, ".");
  return numberFormat({ maximumFractionDigits: 20 }).format(value);
}

/**
 * An amount as understood, without its unit: every digit (nothing rounded away), euros with
 * cents always two decimals: 45.000,50 (mirror of wijkcoop.dutch.amount_number).
 */
export function fmtAmountNumber(value, unit) {
  const cents = unit === "euro" && !Number.isInteger(value) ? 2 : 0;
  return numberFormat({ minimumFractionDigits: cents, maximumFractionDigits: 20 }).format(value);
}

/** An amount as understood, for next to the field: "€ 45.000,50" or "12,5%" (wijkcoop.dutch.amount). */
export function fmtAmount(value, unit) {
  const text = fmtAmountNumber(value, unit);
  return unit === "euro" ? `€ ${text}` : `${text}%`;
}

const SPACES = /[\s\u00a0\u2007\u2009\u202f]/g;
const THOUSANDS = /^[0-9]{1,3}(\.[0-9]{3})+$/;

/**
 * Read an amount typed the Dutch way. Returns {value} or {error: "ambiguous" | "not-a-number"}.
 * 45000, 45.000, € 45.000,-, 12,5, 1.234.567,89 and (with `percent`) 12% are read; 45,000 and 12.5 are
 * ambiguous (is the separator a decimal or a thousands mark?); anything else is not a number.
 */
export function parseAmount(input, { percent = false } = {}) {
  if (typeof input !== "string") return { error: "not-a-number" };
  let t = input.replace(SPACES, "");
  t = t.replace(/^(€|EUR)/, "");
  t = t.replace(/,--?$/, "");
  if (percent) t = t.replace(/%$/, "");
  if (/^[0-9]+$/.test(t)) return { value: Number(t) };
  if (THOUSANDS.test(t)) return { value: Number(t.split(".").join("")) };
  let m = /^([0-9]+),([0-9]+)$/.exec(t);
  if (m) {
    if (m[2].length === 3) return { error: "ambiguous" };
    return { value: Number(`${m[1]}.${m[2]}`) };
  }
  m = /^([0-9]{1,3}(?:\.[0-9]{3})+),([0-9]+)$/.exec(t);
  if (m) return { value: Number(`${m[1].split(".").join("")}.${m[2]}`) };
  if (/^[0-9]+\.([0-9]{1,2}|[0-9]{4,})$/.test(t)) return { error: "ambiguous" };
  return { error: "not-a-number" };
}
