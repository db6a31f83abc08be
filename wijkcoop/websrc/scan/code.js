/**
 * code.js: the answer code ("antwoordcode"), a scan's answers as one short line of text.
 *
 * Mirrors wijkcoop/scan/answercode.py line by line; tied to Python by the shared vectors
 * tests/data/answer-codes.json. Format and rules: docs/scan-format.md, "Answer code".
 */

import { ExportError, NOT_APPLICABLE, UNKNOWN, message, parseVersion, validValue } from "./core.js";

export const CODE_PREFIX = "WK1";
const CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const STATE_UNKNOWN = 6;
const STATE_NA = 7;
const AMOUNT = /^[0-9]+(?:\.[0-9]+)?$/;
const CODE_SHAPE = /^WK(\d+)-.*$/;
const NOTE_NUMBER = {
  round: /(?<![a-z])ronde[\s_:.-]*(\d+)/i,
  pair: /(?<![a-z])paar[\s_:.-]*(\d+)/i,
};

let crcTable = null;
/** CRC-32 (as zlib) of an ASCII text. */
export function crc32(text) {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < text.length; i++) crc = crcTable[(crc ^ text.charCodeAt(i)) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function codeCheck(body) {
  const value = crc32(body) & 0xfffff;
  return [15, 10, 5, 0].map((shift) => CODE_ALPHABET[(value >>> shift) & 31]).join("");
}

/** The first "ronde N" (kind "round") or "paar N" ("pair") in the notes, else 0. */
export function noteNumber(notes, kind) {
  const m = NOTE_NUMBER[kind].exec(notes || "");
  return m ? Number(m[1]) : 0;
}

function codeFail(code, params, messages) {
  return new ExportError(code, `${message(code, params, messages)} ${message("code-unchanged", {}, messages)}`);
}

/** The answer code of `answers` (valid for `bank`); throws ExportError "code-not-possible". */
export function encodeAnswers(bank, answers, { role = null, round = 0, pair = 0 } = {}, messages = {}) {
  const roles = bank.roles || [];
  const roleField = roles.length && roles.includes(role) ? roles.indexOf(role) + 1 : 0;
  if (roles.length && roleField === 0) throw codeFail("code-not-possible", {}, messages);
  const bits = [];
  const amounts = [];
  for (const item of bank.items) {
    const value = Object.prototype.hasOwnProperty.call(answers, item.id) ? answers[item.id] : null;
    let state;
    if (value === null || value === undefined) state = 0;
    else if (!validValue(item, value)) throw codeFail("code-not-possible", {}, messages);
    else if (value === UNKNOWN) state = STATE_UNKNOWN;
    else if (value === NOT_APPLICABLE) state = STATE_NA;
    else if (item.type === "likert") state = value;
    else {
      const text = String(value);
      if (!AMOUNT.test(text)) throw codeFail("code-not-possible", {}, messages);
      amounts.push(text.replace(".", ","));
      state = 1;
    }
    bits.push((state >> 2) & 1, (state >> 1) & 1, state & 1);
  }
  while (bits.length % 5) bits.push(0);
  let payload = "";
  for (let i = 0; i < bits.length; i += 5) payload += CODE_ALPHABET[parseInt(bits.slice(i, i + 5).join(""), 2)];
  const fields = [
    CODE_PREFIX,
    bank.bank_id.toUpperCase(),
    bank.version,
    String(roleField),
    String(round),
    String(pair),
    payload,
  ];
  if (amounts.length) fields.push(amounts.join("."));
  const body = fields.join("-");
  return `${body}-${codeCheck(body)}`;
}

/** A pasted code as it is checked: no white space, upper case. */
export function normaliseCode(code) {
  return String(code || "")
    .replace(/\s+/g, "")
    .toUpperCase();
}

/** Whether a line of text is meant as a code (starts with WK and a number). */
export function looksLikeCode(text) {
  return CODE_SHAPE.test(normaliseCode(text));
}

function readAmount(text) {
  const plain = text.replace(",", ".");
  if (!AMOUNT.test(plain)) return null;
  return Number(plain);
}

/**
 * Read an answer code for any of `banks` ({id: bank}); throws ExportError with the Dutch text.
 * Returns {bank_id, bank_version, answers, role, round, pair}.
 */
export function decodeAnswers(code, banks, messages = {}) {
  const refuse = (key, params = {}) => codeFail(key, params, messages);
  const text = normaliseCode(code);
  const shape = CODE_SHAPE.exec(text);
  if (!shape) throw refuse("code-not-code");
  if (shape[1] !== CODE_PREFIX.slice(2)) throw refuse("code-future-format");
  const fields = text.split("-");
  if (fields.length !== 8 && fields.length !== 9) throw refuse("code-not-code");
  const body = fields.slice(0, -1).join("-");
  if (codeCheck(body) !== fields[fields.length - 1]) throw refuse("code-checksum");
  const [bankField, version, roleField, roundField, pairField, payload] = fields.slice(1, 7);
  const amounts = fields.length === 9 ? fields[7].split(".") : [];
  const bankId = bankField.toLowerCase();
  const bank = Object.prototype.hasOwnProperty.call(banks, bankId) ? banks[bankId] : null;
  if (!bank) {
    const known = Object.values(banks);
    if (known.length === 1) throw refuse("code-other-bank", { found: bankId, expected: known[0].title });
    throw refuse("code-unknown-bank", { found: bankId });
  }
  const found = parseVersion(version);
  if (found === null) throw refuse("code-not-code");
  const current = parseVersion(bank.version);
  const order = found.map((x, i) => Math.sign(x - current[i])).find((x) => x !== 0) || 0;
  if (order > 0) throw refuse("code-future-version", { found: version, expected: bank.version });
  if (order < 0) throw refuse("code-old-version", { found: version, expected: bank.version });
  if (![roleField, roundField, pairField].every((f) => /^[0-9]+$/.test(f))) throw refuse("code-not-code");
  const roles = bank.roles || [];
  const nRole = Number(roleField);
  if (roles.length > 0 !== nRole > 0 || nRole > roles.length) throw refuse("code-not-code");
  const role = nRole ? roles[nRole - 1] : null;
  const nBits = 3 * bank.items.length;
  if (payload.length !== Math.ceil(nBits / 5) || [...payload].some((c) => !CODE_ALPHABET.includes(c)))
    throw refuse("code-not-code");
  const bits = [...payload].map((c) => CODE_ALPHABET.indexOf(c).toString(2).padStart(5, "0")).join("");
  if (bits.slice(nBits).includes("1")) throw refuse("code-not-code");
  const allowed = new Set(
    bank.items.filter((i) => !(role !== null && i.roles && !i.roles.includes(role))).map((i) => i.id),
  );
  const answers = {};
  const queue = [...amounts];
  bank.items.forEach((item, n) => {
    const state = parseInt(bits.slice(3 * n, 3 * n + 3), 2);
    if (state === 0) return;
    let value;
    if (state === STATE_UNKNOWN) value = UNKNOWN;
    else if (state === STATE_NA) value = NOT_APPLICABLE;
    else if (item.type === "likert") value = state;
    else if (state === 1 && queue.length) value = readAmount(queue.shift());
    else throw refuse("code-not-code");
    if (!allowed.has(item.id) || value === null || !validValue(item, value)) throw refuse("code-not-code");
    answers[item.id] = value;
  });
  if (queue.length) throw refuse("code-not-code");
  return {
    bank_id: bank.bank_id,
    bank_version: bank.version,
    answers,
    role,
    round: Number(roundField),
    pair: Number(pairField),
  };
}
