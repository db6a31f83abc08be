/**
 * groep.js: the group picture of the book's group page (book/leernetwerk/groepsbeeld.md), no DOM.
 *
 * Reads export files and answer codes with the scan's own engine (core.js, code.js), and
 * computes what the trainer shows: per bank, side and round the mean, spread, n and share of
 * "weet ik niet" / "n.v.t." per voorwaarde and onderdeel (equal to wijkcoop.group's
 * `profile()` and `distribution()`), the items where participants differ most, the change
 * between two rounds (over everyone, as `gemiddelde_b_alle - gemiddelde_a_alle`), the
 * relatiespiegel's gap per knelpunt for the group and per pair, and the teamscan (one
 * cooperative, several people). Nothing here keeps a file name, an organisation name or notes.
 */

import { ExportError, UNKNOWN, NOT_APPLICABLE, message, parseExport, score } from "./core.js";
import { decodeAnswers, noteNumber } from "./code.js";

/** The bank a file names, found without parsing it (wijkcoop.group.reading.guess_bank_id). */
const GROUP_BANK_ID = /"bank_id"\s*:\s*"([a-z0-9-]{1,80})"/;
/** An item where answers (1-5) lie this far apart or more is a difference of opinion. */
export const TEAM_SPREAD = 2;

/** Matching key of an organisation name (wijkcoop.group.pseudonyms.normalise_name). */
export function normaliseName(name) {
  return (name || "")
    .normalize("NFKD")
    .replace(/[^\x00-\x7f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "");
}

/** The engine's reason with its page sentence replaced by the group's (refusals.group_reason). */
function groupReason(err, messages) {
  const isCode = err.code.startsWith("code-");
  const suffix = " " + message(isCode ? "code-unchanged" : "unchanged", {}, messages);
  const text = err.messageNl.endsWith(suffix) ? err.messageNl.slice(0, -suffix.length) : err.messageNl;
  return `${text} ${message(isCode ? "group-code-not-counted" : "group-not-counted", {}, messages)}`;
}

/**
 * Read the inputs: [{kind: "file", name, bytes} | {kind: "code", text, line}]. Returns
 * {entries, refused}: entries {bank_id, role, round, pair, answers, key, when, source} (key =
 * normalised organisation, "" for codes), refused {source, code, reason}; `source` is
 * {kind, number} ("bestand 3", "code op regel 2"), never a file name.
 */
export function readInputs(banks, inputs, messages = {}) {
  const ids = Object.keys(banks);
  const accepted = [];
  const refused = [];
  let fileNumber = 0;
  for (const input of inputs) {
    if (input.kind === "file") fileNumber += 1;
    const source = input.kind === "file" ? { kind: "file", number: fileNumber } : { kind: "code", number: input.line };
    try {
      if (input.kind === "code") {
        const got = decodeAnswers(input.text, banks, messages);
        accepted.push({
          bank_id: got.bank_id,
          role: got.role,
          round: got.round,
          pair: got.pair,
          answers: got.answers,
          key: "",
          code: input.text.replace(/\s+/g, "").toUpperCase(),
          when: "",
          source,
        });
      } else {
        const head = new TextDecoder("utf-8").decode(input.bytes.slice(0, 4096));
        const m = GROUP_BANK_ID.exec(head);
        let bank = banks[m && ids.includes(m[1]) ? m[1] : ids[0]];
        let got;
        try {
          got = parseExport(input.bytes, bank, messages);
        } catch (err) {
          const other = otherBank(err, input.bytes, banks);
          if (!other) throw err;
          bank = other;
          got = parseExport(input.bytes, bank, messages);
        }
        const notes = got.meta.notes || "";
        const round = noteNumber(notes, "round") || noteNumber(input.name || "", "round");
        accepted.push({
          bank_id: bank.bank_id,
          role: got.meta.role,
          round,
          pair: noteNumber(notes, "pair"),
          answers: got.answers,
          key: normaliseName(got.meta.organisation),
          code: "",
          when: got.meta.exported_at || "",
          source,
        });
      }
    } catch (err) {
      if (!(err instanceof ExportError)) throw err;
      refused.push({ source, code: err.code, reason: groupReason(err, messages) });
    }
  }
  const kept = splitDuplicates(accepted, messages);
  const all = [...refused, ...kept.refused].sort((a, b) =>
    a.source.kind === b.source.kind ? a.source.number - b.source.number : a.source.kind === "file" ? -1 : 1,
  );
  return { entries: kept.entries, refused: all };
}

function otherBank(err, bytes, banks) {
  if (err.code !== "other-bank") return null;
  try {
    const doc = JSON.parse(new TextDecoder("utf-8").decode(bytes));
    return Object.prototype.hasOwnProperty.call(banks, doc.bank_id) ? banks[doc.bank_id] : null;
  } catch {
    return null;
  }
}

/**
 * One export per bank, side, organisation and round (the newest; refusals.split_duplicates);
 * a code given twice counts once.
 */
function splitDuplicates(accepted, messages) {
  const best = new Map();
  accepted.forEach((e, i) => {
    const id = e.key ? `n:${e.key}` : e.code ? `c:${e.code}` : "";
    if (!id) return;
    const k = [e.bank_id, e.role || "", id, e.round].join("\u0000");
    if (!best.has(k) || e.when > best.get(k).when) best.set(k, { when: e.when, i });
  });
  const entries = [];
  const refused = [];
  const reason = `${message("duplicate", {}, messages)} ${message("group-not-counted", {}, messages)}`;
  accepted.forEach((e, i) => {
    const id = e.key ? `n:${e.key}` : e.code ? `c:${e.code}` : "";
    const k = [e.bank_id, e.role || "", id, e.round].join("\u0000");
    if (id && best.get(k).i !== i) refused.push({ source: e.source, code: "duplicate", reason });
    else entries.push(e);
  });
  return { entries, refused };
}

/** Split pasted text into code lines (empty lines skipped): [{kind: "code", text, line}]. */
export function codeLines(text) {
  return String(text || "")
    .split(/\r?\n/)
    .map((t, i) => ({ kind: "code", text: t.trim(), line: i + 1 }))
    .filter((x) => x.text);
}

/** Sum left to right (numpy sums pairwise: the tests allow 1e-9). */
function addUp(values) {
  let t = 0;
  for (const v of values) t += v;
  return t;
}

/** numpy's percentile with linear interpolation. */
export function percentile(sorted, p) {
  if (!sorted.length) return null;
  const pos = ((sorted.length - 1) * p) / 100;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** n, mean, min, p25, p75, max of the numbers in `values` (nulls left out). */
export function stats(values) {
  const xs = values.filter((v) => v !== null && v !== undefined);
  if (!xs.length) return { n: 0, mean: null, min: null, p25: null, p75: null, max: null };
  const sorted = [...xs].sort((a, b) => a - b);
  return {
    n: xs.length,
    mean: addUp(xs) / xs.length,
    min: sorted[0],
    p25: percentile(sorted, 25),
    p75: percentile(sorted, 75),
    max: sorted[sorted.length - 1],
  };
}

/** The rounds present (numbers; 0 = unknown), numbered rounds first in order. */
export function roundsOf(entries) {
  return [...new Set(entries.map((e) => e.round))].sort((a, b) => (a === 0) - (b === 0) || a - b);
}

/** Score each entry with the engine; adds `result`. */
export function scoreEntries(banks, entries) {
  return entries.map((e) => ({ ...e, result: score(banks[e.bank_id], e.answers, { role: e.role }) }));
}

/** Per condition and part of `bank`: stats of the scores, shares of "weet ik niet" and "n.v.t.". */
export function profileRows(bank, scored) {
  const rows = [];
  for (const c of bank.conditions) {
    const cond = stats(scored.map((e) => e.result.conditions[c.id]));
    const share = shares(scored.flatMap((e) => e.result.partRows.filter((r) => r.condition === c.id)));
    rows.push({ level: "voorwaarde", id: c.id, title: c.title, ...cond, ...share });
    for (const p of c.parts) {
      const part = stats(scored.map((e) => e.result.parts[p.id]));
      rows.push({
        level: "onderdeel",
        id: p.id,
        title: p.title,
        condition: c.id,
        ...part,
        ...shares(scored.map((e) => e.result.partRows.find((r) => r.part === p.id))),
      });
    }
  }
  return rows;
}

function shares(partRows) {
  let items = 0;
  let unknown = 0;
  let na = 0;
  for (const r of partRows) {
    items += r.n_items;
    unknown += r.n_unknown;
    na += r.n_na || 0;
  }
  return { nItems: items, unknownShare: items ? unknown / items : null, naShare: items ? na / items : null };
}

/** Likert items with at least two answers on the scale, the widest spread first (at most `n`). */
export function disagreements(bank, scored, n = 5) {
  const out = [];
  bank.items.forEach((item, index) => {
    if (item.type !== "likert") return;
    const values = scored.map((e) => e.answers[item.id]).filter((v) => typeof v === "number");
    if (values.length < 2) return;
    const mean = addUp(values) / values.length;
    const sd = Math.sqrt(addUp(values.map((v) => (v - mean) * (v - mean))) / values.length);
    const counts = [1, 2, 3, 4, 5].map((k) => values.filter((v) => v === k).length);
    const unknown = scored.filter((e) => e.answers[item.id] === UNKNOWN).length;
    out.push({
      id: item.id,
      index,
      statement: item.statement,
      part: item.part,
      n: values.length,
      sd,
      min: Math.min(...values),
      max: Math.max(...values),
      counts,
      unknown,
    });
  });
  return out
    .sort((a, b) => b.sd - a.sd || a.index - b.index)
    .slice(0, n)
    .filter((x) => x.sd > 0);
}

/** Change per condition between two rounds, over everyone in each round. */
export function changeRows(bank, scoredA, scoredB) {
  return bank.conditions.map((c) => {
    const a = stats(scoredA.map((e) => e.result.conditions[c.id]));
    const b = stats(scoredB.map((e) => e.result.conditions[c.id]));
    return {
      id: c.id,
      title: c.title,
      nA: a.n,
      meanA: a.mean,
      nB: b.n,
      meanB: b.mean,
      change: a.mean === null || b.mean === null ? null : b.mean - a.mean,
    };
  });
}

/** The relatiespiegel's gap per knelpunt (first role minus second), as wijkcoop.group's gap(). */
export function gapRowsGroup(bank, scored) {
  const [first, second] = bank.roles;
  return bank.conditions.map((c) => {
    const a = stats(scored.filter((e) => e.role === first).map((e) => e.result.conditions[c.id]));
    const b = stats(scored.filter((e) => e.role === second).map((e) => e.result.conditions[c.id]));
    return {
      id: c.id,
      title: c.title,
      nA: a.n,
      a: a.mean,
      minA: a.min,
      maxA: a.max,
      nB: b.n,
      b: b.mean,
      minB: b.min,
      maxB: b.max,
      gap: a.mean === null || b.mean === null ? null : a.mean - b.mean,
    };
  });
}

/** Pairs that chose to compare ("paar N" in the notes or the code): one spiegel of each side. */
export function pairRows(bank, scored) {
  const [first, second] = bank.roles;
  const numbers = [...new Set(scored.filter((e) => e.pair > 0).map((e) => e.pair))].sort((a, b) => a - b);
  return numbers.map((pair) => {
    const a = scored.filter((e) => e.pair === pair && e.role === first);
    const b = scored.filter((e) => e.pair === pair && e.role === second);
    if (a.length !== 1 || b.length !== 1) return { pair, complete: false, nA: a.length, nB: b.length, rows: [] };
    const rows = bank.conditions.map((c) => {
      const x = a[0].result.conditions[c.id];
      const y = b[0].result.conditions[c.id];
      return { id: c.id, title: c.title, a: x, b: y, gap: x === null || y === null ? null : x - y };
    });
    return { pair, complete: true, nA: 1, nB: 1, rows };
  });
}

/** The teamscan: per person the counts, per item every person's answer and whether they differ. */
export function teamRows(bank, scored) {
  const persons = scored.map((e, i) => {
    const values = Object.values(e.answers);
    return {
      person: i + 1,
      unknown: values.filter((v) => v === UNKNOWN).length,
      na: values.filter((v) => v === NOT_APPLICABLE).length,
      answered: values.length,
    };
  });
  const items = bank.items.map((item) => {
    const given = scored.map((e) =>
      Object.prototype.hasOwnProperty.call(e.answers, item.id) ? e.answers[item.id] : null,
    );
    const numbers = given.filter((v) => typeof v === "number");
    const differ =
      item.type === "likert" && numbers.length >= 2 && Math.max(...numbers) - Math.min(...numbers) >= TEAM_SPREAD;
    return { id: item.id, part: item.part, type: item.type, statement: item.statement, given, differ };
  });
  return { persons, items };
}

/**
 * The whole picture for the page and its export: per bank the rounds with their profile,
 * disagreements and (two-sided banks) gaps and pairs, and the change between the last two
 * numbered rounds. Holds no answers of anyone (the teamscan's per-person answers excepted,
 * which are only shown, never exported).
 */
export function groupPicture(banks, entries, minGroup) {
  const scoredAll = scoreEntries(banks, entries);
  const out = { minGroup, banks: {} };
  for (const [bankId, bank] of Object.entries(banks)) {
    const scored = scoredAll.filter((e) => e.bank_id === bankId);
    if (!scored.length) continue;
    const rounds = roundsOf(scored).map((r) => {
      const inRound = scored.filter((e) => e.round === r);
      const sides = (bank.roles || []).length ? bank.roles : [null];
      const bySide = sides
        .map((role) => {
          const s = inRound.filter((e) => (e.role || null) === role);
          return {
            role,
            round: r,
            n: s.length,
            small: s.length < minGroup,
            rows: profileRows(bank, s),
            disagreements: disagreements(bank, s),
          };
        })
        .filter((x) => x.n > 0);
      const two = (bank.roles || []).length >= 2;
      return {
        round: r,
        n: inRound.length,
        sides: bySide,
        gap: two ? gapRowsGroup(bank, inRound) : null,
        pairs: two ? pairRows(bank, inRound) : [],
      };
    });
    const numbered = rounds.filter((r) => r.round > 0);
    let change = null;
    if (numbered.length >= 2 && !(bank.roles || []).length) {
      const [ra, rb] = numbered.slice(-2).map((r) => r.round);
      change = {
        from: ra,
        to: rb,
        rows: changeRows(
          bank,
          scored.filter((e) => e.round === ra),
          scored.filter((e) => e.round === rb),
        ),
      };
    }
    out.banks[bankId] = { n: scored.length, rounds, change };
  }
  return out;
}

/** The aggregate as a file (no individual answers): what the "bewaar" button writes. */
export function pictureExport(picture, { mode = "groep", madeAt = new Date(), refused = 0, plan = null } = {}) {
  const banks = {};
  for (const [id, b] of Object.entries(picture.banks)) {
    banks[id] = {
      n: b.n,
      rounds: b.rounds.map((r) => ({
        round: r.round,
        n: r.n,
        sides: r.sides.map((s) => ({
          role: s.role,
          n: s.n,
          rows: s.rows.map((row) => (s.small && mode === "groep" ? { ...row, mean: null, p25: null, p75: null } : row)),
        })),
        gap: r.gap,
        // a pair's two sides are two people: the file keeps only their difference
        pairs: r.pairs.map((p) => ({
          pair: p.pair,
          complete: p.complete,
          rows: p.rows.map((x) => ({ id: x.id, title: x.title, gap: x.gap })),
        })),
      })),
      change: b.change,
    };
  }
  const doc = {
    format: "wijkcoop-groepsbeeld",
    format_version: 1,
    mode,
    made_at: madeAt.toISOString().replace(/\.\d{3}Z$/, "Z"),
    min_group: picture.minGroup,
    refused,
    banks,
  };
  if (plan && plan.length) doc.actieplan = plan;
  return doc;
}
