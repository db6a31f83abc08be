/**
 * results.js: the views that show: the profile (compass, table, income measures, findings,
 * advice), the progress line and the header printed above the result sheet.
 */

import { compareResults, itemsFor, score, weakest } from "./core.js";
import { dutchDate, fmtDate, fmtDerived, fmtInt, fmtSigned, shownDiff } from "./dutch.js";
import { band, bookLink, h, roleLabel, roleText } from "./dom.js";
import { gapView, miniBar, radar } from "./charts.js";

/** Advice goes to the (at most three) weakest parts scoring below the bank's `advice_below`. */
export function adviceParts(bank, result) {
  const cut = bank.advice_below;
  return weakest(result, 3).filter((pid) => cut === undefined || cut === null || result.parts[pid] < cut);
}

/** The Dutch warning that a group does not add up to the first of `equal_totals`, or "". */
export function totalsText(ctx, result, group) {
  if (!(result.differs || []).includes(group)) return "";
  const first = ctx.bank.equal_totals[0];
  return ctx.t("ui-totals-differ", {
    group: fmtDerived({ kind: "total" }, result.totals[group]),
    first: fmtDerived({ kind: "total" }, result.totals[first]),
  });
}

/** The warnings next to the amounts in the form (buildForm placed them), kept current. */
function showTotals(ctx, result) {
  for (const [group, el] of ctx.totalsWarnings || []) el.textContent = totalsText(ctx, result, group);
}

export function currentResult(ctx) {
  return score(ctx.bank, ctx.answers(), { role: ctx.role(), short: ctx.short() });
}

/** The file compared with: its result and labels, or null. */
function referenceInfo(ctx) {
  const ref = ctx.model.get("reference");
  if (!ref || !ref.answers) return null;
  try {
    const refRole = ctx.twoSided ? ref.role : null;
    const result = score(ctx.bank, ref.answers, { role: refRole, short: ctx.short() });
    const other = ctx.twoSided && refRole !== ctx.role();
    const when = fmtDate(ref.exported_at);
    const label = other ? `Andere kant (${roleLabel(ctx.bank, refRole)})` : `Eerder${when ? " (" + when + ")" : ""}`;
    const diffLabel = other
      ? `Verschil (${roleLabel(ctx.bank, ctx.role()).toLowerCase()} min ${roleLabel(ctx.bank, refRole).toLowerCase()})`
      : "Verandering (nu min eerder)";
    return { result, label, diffLabel, other, ref };
  } catch {
    return null;
  }
}

/** The difference shown in the table: of the two rounded numbers shown (contract E). */
function shownChange(ctx, ref, now, before) {
  if (!ref.other) return shownDiff(now, before);
  // two sides: always the bank's first role minus the second, whoever imports whom
  const [first] = ctx.bank.roles;
  return ctx.role() === first ? shownDiff(now, before) : shownDiff(before, now);
}

function resultTable(ctx, result, ref) {
  const head = ["Onderdeel", "Score", "Ingevuld", "Weet ik niet"];
  if (ref) {
    head.push(ref.label);
    if (ref.other) {
      const [a, b] = ctx.bank.roles;
      head.push(`Verschil (${roleLabel(ctx.bank, a).toLowerCase()} min ${roleLabel(ctx.bank, b).toLowerCase()})`);
    } else head.push(ref.diffLabel);
  }
  const table = h(
    "table",
    { class: "wks-table" },
    h("caption", {}, "Scores per voorwaarde en onderdeel (0 tot 100)"),
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        head.map((t) => h("th", { scope: "col" }, t)),
      ),
    ),
  );
  const body = h("tbody");
  const cell = (label, ...content) => h("td", { "data-label": label }, ...content);
  for (const c of result.conditionRows) {
    const cells = [
      h("th", { scope: "row" }, c.title),
      cell(head[1], fmtInt(c.score)),
      cell(head[2], `${c.n_answered + c.n_unknown + (c.n_na || 0)} van ${c.n_items}`),
      cell(head[3], String(c.n_unknown)),
    ];
    if (ref) {
      const before = ref.result.conditions[c.condition];
      cells.push(cell(head[4], fmtInt(before)), cell(head[5], fmtSigned(shownChange(ctx, ref, c.score, before))));
    }
    ctx.hasRows = true;
    body.append(h("tr", { class: "wks-row-condition", "data-condition": c.condition }, cells));
    for (const p of result.partRows.filter((r) => r.condition === c.condition)) {
      if (!p.n_items) continue;
      const before = ref ? ref.result.parts[p.part] : null;
      const pc = [
        h("th", { scope: "row", class: "wks-part-cell" }, p.title),
        h(
          "td",
          { "data-score": p.part, "data-label": head[1] },
          h("span", { class: "wks-num-cell" }, fmtInt(p.score)),
          " ",
          miniBar(p.score, before),
        ),
        cell(head[2], `${p.n_answered + p.n_unknown + (p.n_na || 0)} van ${p.n_items}`),
        cell(head[3], String(p.n_unknown)),
      ];
      if (ref)
        pc.push(
          cell(head[4], fmtInt(before)),
          h("td", { "data-diff": p.part, "data-label": head[5] }, fmtSigned(shownChange(ctx, ref, p.score, before))),
        );
      body.append(h("tr", { "data-part": p.part }, pc));
    }
  }
  table.append(body);
  return table;
}

/** The findings the box "Hier weten jullie te weinig van" lists, in the words of messages.yaml. */
const BOX_FINDINGS = ["weinig-bekend", "inkomsten-nul", "inkomsten-onvolledig"];

function findingsView(ctx, result) {
  const findings = [];
  for (const f of result.findings) {
    const [code, what] = f.split(":");
    if (!BOX_FINDINGS.includes(code)) continue;
    const row = what ? result.partRows.find((r) => r.part === what) : null;
    const params = row ? { part: row.title, unknown: row.n_unknown, asked: row.n_items - (row.n_na || 0) } : {};
    findings.push(ctx.t(`finding-${code}`, params));
  }
  if (!findings.length) return null;
  return h(
    "div",
    { class: "wks-findings" },
    h("h4", {}, "Hier weten jullie te weinig van"),
    h(
      "ul",
      {},
      findings.map((t) => h("li", {}, t)),
    ),
  );
}

function adviceView(ctx, result) {
  const weak = adviceParts(ctx.bank, result);
  if (!weak.length) {
    const cut = ctx.bank.advice_below;
    if (weakest(result, 1).length)
      return h(
        "p",
        { class: "wks-hint" },
        `Geen enkel onderdeel scoort lager dan ${cut}. Bespreek samen hoe jullie dat zo houden.`,
      );
    return h("p", { class: "wks-hint" }, "Beantwoord een paar vragen; dan verschijnt hier jullie profiel met tips.");
  }
  const list = h("ol", { class: "wks-advice-list" });
  for (const pid of weak) {
    const cond = ctx.bank.conditions.find((c) => c.parts.some((p) => p.id === pid));
    const part = cond.parts.find((p) => p.id === pid);
    const more = [bookLink(ctx.links(), part.book_ref, `Lees meer: ${part.title}`)];
    for (const ref2 of part.see_also || []) more.push(" · ", bookLink(ctx.links(), ref2, "Aanbeveling"));
    list.append(
      h(
        "li",
        { "data-advice": pid },
        h("strong", {}, `${part.title} (${fmtInt(result.parts[pid])})`),
        h("p", {}, roleText(part.advice, ctx.role())),
        h("p", { class: "wks-more" }, more),
      ),
    );
  }
  return h(
    "div",
    { class: "wks-advice" },
    h("h4", {}, "Waar kunnen jullie beginnen?"),
    h("p", {}, "De onderdelen met de laagste score, met een eerste stap en waar je er meer over leest:"),
    list,
  );
}

/** Income measures whose items are in play (the short scan asks none: no block at all). */
function derivedView(ctx, result) {
  const inPlay = itemsFor(ctx.bank, ctx.role(), ctx.short());
  const shown = (ctx.bank.derived || []).filter((d) =>
    inPlay.some((i) => (d.group && i.derive === d.group) || i.id === d.item),
  );
  if (!shown.length) return null;
  const warnings = (ctx.bank.equal_totals || []).map((g) => totalsText(ctx, result, g)).filter(Boolean);
  const warning = warnings.length ? h("p", { class: "wks-totals-warning", role: "note" }, warnings.join(" ")) : null;
  const dl = h("dl", { class: "wks-derived" });
  for (const d of shown) {
    const v = result.derived[d.id];
    dl.append(
      h("dt", {}, d.title),
      h("dd", { "data-derived": d.id }, fmtDerived(d, v) + (v !== null && d.score ? ` (${band(d, v)})` : "")),
    );
  }
  return [h("h4", {}, "Inkomsten in cijfers"), warning, dl].filter(Boolean);
}

/** Parts that have no question in this variant are left out of the table; say so. */
function shortNote(ctx) {
  if (!ctx.short()) return null;
  const link = bookLink(ctx.links(), "scan-kort-verschil", ctx.t("ui-short-differs-link"));
  return h("p", { class: "wks-note wks-short-note" }, ctx.t("ui-short-differs") + " ", link);
}

export function renderResults(ctx) {
  const { results, bank, id } = ctx;
  const result = currentResult(ctx);
  const ref = referenceInfo(ctx);
  results.replaceChildren(
    h(
      "h3",
      { id: `${id}-res` },
      ctx.twoSided && ctx.role() ? `Jullie profiel (${roleLabel(bank, ctx.role())})` : "Jullie profiel",
    ),
  );
  results.append(
    h(
      "p",
      { class: "wks-note" },
      "Dit is een profiel, geen cijfer: het laat zien waar jullie sterk staan en waar aandacht nodig is. Scores lopen van 0 tot 100; 'weet ik niet' telt niet mee in de score.",
    ),
  );
  const note = shortNote(ctx);
  if (note) results.append(note);
  results.append(h("div", { class: "wks-charts" }, radar(bank, result, ref && ref.result, ref && ref.label)));
  // Two-sided bank compared with the other side: both sides in the bank's role order and the
  // gap (first role minus second), so both people see the same numbers.
  if (ref && ref.other && ctx.role() && ref.ref.role) {
    results.append(gapView(bank, { [ctx.role()]: result, [ref.ref.role]: ref.result }, ctx.links(), `${id}-gap`));
  }
  const completeness = Math.round(result.completeness * 100);
  results.append(
    h(
      "p",
      { class: "wks-complete" },
      `Volledigheid: ${completeness}% van de vragen is beantwoord of met 'weet ik niet' ingevuld.`,
    ),
  );
  results.append(h("div", { class: "wks-table-wrap" }, resultTable(ctx, result, ref)));
  const derived = derivedView(ctx, result);
  if (derived) results.append(...derived);
  const findings = findingsView(ctx, result);
  if (findings) results.append(findings);
  results.append(adviceView(ctx, result));
  showTotals(ctx, result);
  const done = result.partRows.reduce((t, r) => t + r.n_answered + r.n_unknown + (r.n_na || 0), 0);
  ctx.progress.textContent = `${done} van ${result.nItems} vragen ingevuld.`;
  // for comparisons (compareResults stays the engine's exact difference)
  ctx.lastDiff = ref ? compareResults(result, ref.result) : null;
  ctx.lastResult = result;
  ctx.lastReference = ref ? ref.result : null;
}

/** The header of the printed sheet; "Ingevuld op" is when the answers were last changed. */
export function renderPrintHead(ctx) {
  const { model, bank } = ctx;
  const org = model.get("organisation");
  const notes = model.get("notes");
  const last = model.lastChanged ? model.lastChanged() : null;
  const when = last ? new Date(last) : new Date();
  const date = dutchDate(when);
  // replaceChildren writes a null as the text "null": leave empty fields out
  const lines = [
    h("p", {}, `${bank.title}${ctx.short() ? " (korte versie)" : ""}, versie ${bank.version}. Ingevuld op ${date}.`),
    org ? h("p", {}, `Organisatie: ${org}`) : null,
    notes ? h("p", {}, `Notities: ${notes}`) : null,
  ];
  ctx.printHead.replaceChildren(...lines.filter(Boolean));
}
