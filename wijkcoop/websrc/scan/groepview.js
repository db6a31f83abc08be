/**
 * groepview.js: the group page (book/leernetwerk/groepsbeeld.md) as the trainer sees it.
 *
 * Input: export files (picker or drag and drop, many at once) and answer codes pasted one per
 * line; two modes: the group picture (several cooperatives) and the teamscan (several people of
 * one cooperative). Output: tables (every chart has its table), refused input with its full
 * Dutch reason, a printable handout and an export of the aggregate. Participants are numbered
 * ("deelnemer 1", "persoon 1"); no file name or organisation name is ever put on the page.
 */

import { NL, fmtInt, fmtSigned, shownDiff } from "./dutch.js";
import { download, h, nextId, roleLabel, roleText } from "./dom.js";
import { actieplanView } from "./actieplan.js";
import { codeLines, groupPicture, pictureExport, readInputs, scoreEntries, teamRows, profileRows } from "./groep.js";

const PCT = new Intl.NumberFormat(NL, { style: "percent", maximumFractionDigits: 0 });
const pct = (x) => (x === null || x === undefined ? "–" : PCT.format(x));
const num = (x) => (x === null || x === undefined ? "" : String(x));
const ANSWER = { "?": "weet ik niet", nvt: "n.v.t." };

function table(caption, head, rows, attrs = {}) {
  return h(
    "div",
    { class: "wks-table-wrap" },
    h(
      "table",
      { class: "wks-table wkg-table", ...attrs },
      h("caption", {}, caption),
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          head.map((t) => h("th", { scope: "col" }, t)),
        ),
      ),
      h("tbody", {}, rows),
    ),
  );
}
const td = (label, content, attrs = {}) => h("td", { "data-label": label, ...attrs }, content);

/**
 * A horizontal bar per row: the mean as a bar, the spread (min–max) as a line
 * (aria-hidden: the table tells the same).
 */
function barChart(rows, title) {
  const width = 320;
  const rowH = 26;
  const svgNs = { svg: true };
  const svg = h("svg", {
    ...svgNs,
    viewBox: `0 0 ${width} ${rows.length * rowH + 20}`,
    class: "wkg-chart",
    "aria-hidden": "true",
    focusable: "false",
  });
  rows.forEach((r, i) => {
    const y = i * rowH + 4;
    const x = (v) => 120 + (v / 100) * (width - 130);
    svg.append(
      h(
        "text",
        { ...svgNs, x: 0, y: y + 14, "font-size": 11 },
        r.title.length > 20 ? r.title.slice(0, 19) + "…" : r.title,
      ),
    );
    if (r.mean !== null)
      svg.append(h("rect", { ...svgNs, x: 120, y, width: x(r.mean) - 120, height: 16, fill: "#1f4e79" }));
    if (r.min !== null)
      svg.append(
        h("line", { ...svgNs, x1: x(r.min), x2: x(r.max), y1: y + 8, y2: y + 8, stroke: "#8a4b00", "stroke-width": 3 }),
      );
  });
  return h("figure", { class: "wkg-figure" }, svg, h("figcaption", {}, title));
}

function profileView(bank, side, teamMode) {
  const small = side.small && !teamMode;
  const head = [
    "Voorwaarde / onderdeel",
    "n",
    "Gemiddelde",
    "Spreiding (laagste–hoogste)",
    "Middelste helft",
    "Weet ik niet",
    "N.v.t.",
  ];
  const rows = side.rows.map((r) =>
    h(
      "tr",
      {
        class: r.level === "voorwaarde" ? "wks-row-condition" : "",
        "data-level": r.level,
        "data-id": r.id,
        "data-n": r.n,
        "data-mean": small ? "" : num(r.mean),
      },
      h("th", { scope: "row", class: r.level === "onderdeel" ? "wks-part-cell" : "" }, r.title),
      td(head[1], String(r.n)),
      td(head[2], small ? "niet getoond" : fmtInt(r.mean)),
      td(head[3], r.min === null ? "–" : `${fmtInt(r.min)}–${fmtInt(r.max)}`),
      td(head[4], small || r.p25 === null ? "–" : `${fmtInt(r.p25)}–${fmtInt(r.p75)}`),
      td(head[5], pct(r.unknownShare)),
      td(head[6], pct(r.naShare)),
    ),
  );
  const conds = side.rows.filter((r) => r.level === "voorwaarde");
  const out = [];
  if (!small)
    out.push(
      barChart(
        conds,
        "Gemiddelde per voorwaarde (balk) en de spreiding van laagste tot hoogste score (lijn); de tabel eronder geeft dezelfde cijfers.",
      ),
    );
  out.push(
    table(
      `Scores per voorwaarde en onderdeel (0 tot 100), ${side.n} ${teamMode ? "personen" : "deelnemers"}`,
      head,
      rows,
      {
        "data-table": "profiel",
        "data-role": side.role || "",
        "data-round": side.round ?? "",
        "data-bank": bank.bank_id,
      },
    ),
  );
  return out;
}

function disagreementView(side) {
  if (!side.disagreements.length) return null;
  const head = ["Stelling", "Antwoorden", "Verdeling (1 t/m 5)", "Weet ik niet"];
  const rows = side.disagreements.map((d) =>
    h(
      "tr",
      { "data-item": d.id },
      h("th", { scope: "row" }, roleText(d.statement, side.role)),
      td(head[1], String(d.n)),
      td(head[2], d.counts.map((c, i) => `${i + 1}: ${c}`).join(" · ")),
      td(head[3], String(d.unknown)),
    ),
  );
  return [
    h("h5", {}, "Hier verschillen de antwoorden het meest"),
    table("Stellingen met de meeste spreiding in de antwoorden", head, rows, { "data-table": "verschillen" }),
  ];
}

function changeView(change) {
  if (!change) return null;
  const head = ["Voorwaarde", `Ronde ${change.from} (n)`, `Ronde ${change.to} (n)`, "Verandering"];
  const rows = change.rows.map((r) =>
    h(
      "tr",
      { "data-id": r.id, "data-change": num(r.change) },
      h("th", { scope: "row" }, r.title),
      td(head[1], `${fmtInt(r.meanA)} (${r.nA})`),
      td(head[2], `${fmtInt(r.meanB)} (${r.nB})`),
      td(head[3], fmtSigned(shownDiff(r.meanB, r.meanA))),
    ),
  );
  return [
    h("h5", {}, `Verandering van ronde ${change.from} naar ronde ${change.to}`),
    h(
      "p",
      { class: "wks-help" },
      "Gemiddelde van iedereen in elke ronde (niet per deelnemer gekoppeld: codes en bestanden dragen geen naam).",
    ),
    table("Verandering per voorwaarde", head, rows, { "data-table": "verandering" }),
  ];
}

function gapView(bank, round, minGroup) {
  const [a, b] = bank.roles;
  const la = roleLabel(bank, a);
  const lb = roleLabel(bank, b);
  const out = [];
  const small = round.gap.some((r) => r.nA < minGroup || r.nB < minGroup);
  if (round.gap.some((r) => r.nA && r.nB)) {
    const head = [
      "Knelpunt",
      `${la} (n)`,
      `${lb} (n)`,
      `Verschil (${la.toLowerCase()} min ${lb.toLowerCase()})`,
      "Spreiding per kant",
    ];
    const rows = round.gap.map((r) =>
      h(
        "tr",
        {
          "data-id": r.id,
          "data-gap": small ? "" : num(r.gap),
          "data-a": small ? "" : num(r.a),
          "data-b": small ? "" : num(r.b),
        },
        h("th", { scope: "row" }, r.title),
        td(head[1], small ? `(${r.nA})` : `${fmtInt(r.a)} (${r.nA})`),
        td(head[2], small ? `(${r.nB})` : `${fmtInt(r.b)} (${r.nB})`),
        td(head[3], small ? "niet getoond" : fmtSigned(shownDiff(r.a, r.b))),
        td(
          head[4],
          `${r.minA === null ? "–" : fmtInt(r.minA) + "–" + fmtInt(r.maxA)} / ${r.minB === null ? "–" : fmtInt(r.minB) + "–" + fmtInt(r.maxB)}`,
        ),
      ),
    );
    out.push(
      h("h5", {}, "Het verschil tussen de kanten, voor de hele groep"),
      table("Gemiddelde score per knelpunt per kant en het verschil (0 tot 100)", head, rows, {
        "data-table": "kloof",
        "data-round": round.round,
      }),
    );
  }
  for (const p of round.pairs) {
    if (!p.complete) {
      out.push(
        h(
          "p",
          { class: "wks-note", "data-pair": p.pair },
          `Paar ${p.pair}: er is niet precies één spiegel van elke kant (${la.toLowerCase()}: ${p.nA}, ${lb.toLowerCase()}: ${p.nB}); dit paar is niet vergeleken.`,
        ),
      );
      continue;
    }
    const head = ["Knelpunt", la, lb, "Verschil"];
    const rows = p.rows.map((r) =>
      h(
        "tr",
        { "data-id": r.id, "data-gap": num(r.gap) },
        h("th", { scope: "row" }, r.title),
        td(head[1], fmtInt(r.a)),
        td(head[2], fmtInt(r.b)),
        td(head[3], fmtSigned(shownDiff(r.a, r.b))),
      ),
    );
    out.push(
      h("h5", {}, `Paar ${p.pair}`),
      table(`Paar ${p.pair}: beide kanten per knelpunt`, head, rows, {
        "data-table": "paar",
        "data-pair": p.pair,
        "data-round": round.round,
      }),
    );
  }
  return out;
}

function teamView(bank, entries, plan) {
  const scored = scoreEntries({ [bank.bank_id]: bank }, entries);
  const team = teamRows(bank, scored);
  const side = {
    role: entries[0].role,
    n: scored.length,
    small: false,
    rows: profileRows(bank, scored),
    disagreements: [],
  };
  const out = [
    h("h4", {}, `Teamscan: ${bank.title}`),
    h("p", {}, `${scored.length} personen van één coöperatie. Het profiel is het gemiddelde van hun scores.`),
    ...profileView(bank, side, true),
  ];
  const pHead = ["Persoon", "Beantwoord", "Weet ik niet", "N.v.t."];
  out.push(
    h("h5", {}, "'Weet ik niet' per persoon"),
    table(
      "Hoe vaak ieder 'weet ik niet' en 'n.v.t.' koos",
      pHead,
      team.persons.map((p) =>
        h(
          "tr",
          { "data-person": p.person },
          h("th", { scope: "row" }, `Persoon ${p.person}`),
          td(pHead[1], String(p.answered)),
          td(pHead[2], String(p.unknown)),
          td(pHead[3], String(p.na)),
        ),
      ),
      { "data-table": "personen" },
    ),
  );
  const differ = team.items.filter((i) => i.differ);
  const iHead = ["Stelling", ...scored.map((_, i) => `Persoon ${i + 1}`)];
  out.push(
    h("h5", {}, "Hierover denken jullie verschillend"),
    differ.length
      ? h(
          "p",
          {},
          `Bij ${differ.length} stellingen liggen de antwoorden twee of meer stappen uit elkaar. Bespreek eerst deze.`,
        )
      : h("p", {}, "Bij geen enkele stelling liggen de antwoorden twee of meer stappen uit elkaar."),
  );
  if (differ.length)
    out.push(
      table(
        "Stellingen waarover jullie verschillend denken, met ieders antwoord (1 = helemaal oneens, 5 = helemaal eens)",
        iHead,
        differ.map((i) =>
          h(
            "tr",
            { "data-item": i.id, "data-differ": "true" },
            h("th", { scope: "row" }, roleText(i.statement, side.role)),
            i.given.map((v, k) => td(iHead[k + 1], v === null ? "–" : ANSWER[v] || String(v))),
          ),
        ),
        { "data-table": "team-verschillen" },
      ),
    );
  out.push(plan.el);
  return out;
}

/** Mount the page on an element holding {banks, messages, min_group} as JSON. */
export function mountGroup(el) {
  if (el.getAttribute("data-groep-mounted")) return;
  el.setAttribute("data-groep-mounted", "true");
  const config = JSON.parse(el.querySelector('script[type="application/json"]').textContent);
  const { banks, messages } = config;
  const minGroup = config.min_group;
  const id = `wkg${nextId()}`;
  const files = [];
  let picture = null;
  let teamPlan = [];
  const fileInput = h("input", { type: "file", multiple: true, accept: ".json,application/json", id: `${id}-files` });
  const drop = h(
    "div",
    { class: "wkg-drop", "data-drop": "true" },
    h("label", { for: fileInput.id }, "Kies de bestanden (of sleep ze hierheen)"),
    fileInput,
    h("p", { class: "wkg-count", "aria-live": "polite" }, "Nog geen bestanden."),
  );
  const codes = h("textarea", { id: `${id}-codes`, rows: 5, spellcheck: "false", class: "wkc-code" });
  const modeGroup = h("input", { type: "radio", name: `${id}-mode`, id: `${id}-m1`, value: "groep", checked: true });
  const modeTeam = h("input", { type: "radio", name: `${id}-mode`, id: `${id}-m2`, value: "team" });
  const show = h("button", { type: "button", class: "wks-button" }, "Toon het groepsbeeld");
  const clear = h("button", { type: "button", class: "wks-button wks-danger" }, "Begin opnieuw");
  const status = h("div", { class: "wkg-status", role: "status", "aria-live": "polite" });
  const output = h("section", { class: "wkg-output", "aria-labelledby": `${id}-out` });
  const printButton = h("button", { type: "button", class: "wks-button" }, "Druk het groepsbeeld af (A4)");
  const saveButton = h("button", { type: "button", class: "wks-button" }, "Bewaar het groepsbeeld (zonder antwoorden)");
  const plan = actieplanView(banks.duurzaamheidsscan || Object.values(banks)[0], (next) => (teamPlan = next), {
    intro:
      "Kies als team hoogstens drie onderdelen, met per onderdeel de eerste stap, wie hem zet en wanneer. Het plan staat in het bewaarde teambeeld en op de afdruk.",
  });
  const count = drop.querySelector(".wkg-count");

  function render() {
    const inputs = [...files, ...codeLines(codes.value)];
    const { entries, refused } = readInputs(banks, inputs, messages);
    const team = modeTeam.checked;
    picture = groupPicture(banks, entries, minGroup);
    const parts = [h("h3", { id: `${id}-out` }, team ? "Teambeeld" : "Groepsbeeld")];
    const nFiles = files.length;
    const nCodes = inputs.length - nFiles;
    parts.push(
      h(
        "p",
        { class: "wkg-summary" },
        `Ingelezen: ${nFiles} ${nFiles === 1 ? "bestand" : "bestanden"} en ${nCodes} ${nCodes === 1 ? "code" : "codes"}; ${entries.length} tellen mee, ${refused.length} niet.`,
      ),
    );
    if (refused.length) {
      parts.push(
        h("h4", {}, "Niet meegeteld"),
        h(
          "ul",
          { class: "wkg-refused" },
          refused.map((r) =>
            h(
              "li",
              { "data-refused": r.code },
              h(
                "strong",
                {},
                r.source.kind === "file" ? `Bestand ${r.source.number}: ` : `Code op regel ${r.source.number}: `,
              ),
              r.reason,
            ),
          ),
        ),
      );
    }
    if (team) {
      const bankIds = [...new Set(entries.map((e) => e.bank_id + "/" + (e.role || "")))];
      if (bankIds.length > 1)
        parts.push(
          h(
            "p",
            { class: "wks-note" },
            "Een teamscan telt één vragenlijst (en één kant). Voeg alleen de bestanden of codes van dezelfde scan toe.",
          ),
        );
      else if (entries.length) parts.push(...teamView(banks[entries[0].bank_id], entries, plan));
    } else {
      for (const [bankId, b] of Object.entries(picture.banks)) {
        const bank = banks[bankId];
        parts.push(h("h4", { "data-bank": bankId }, bank.title));
        for (const r of b.rounds) {
          if (b.rounds.length > 1) parts.push(h("h5", {}, r.round ? `Ronde ${r.round}` : "Ronde onbekend"));
          for (const side of r.sides) {
            if ((bank.roles || []).length) parts.push(h("h5", {}, `${roleLabel(bank, side.role)}: ${side.n}`));
            if (side.small)
              parts.push(
                h(
                  "p",
                  { class: "wkg-small", "data-small": "true" },
                  `Minder dan ${minGroup} deelnemers: dan is te raden wie wat antwoordde. Daarom staan hier geen gemiddelden, alleen de spreiding (laagste en hoogste score) zonder namen. Wat wel kan: paren vergelijken hun eigen spiegel (ieder op de spiegelpagina met het bestand van de ander), en de groep bespreekt de spreiding.`,
                ),
              );
            parts.push(...profileView(bank, side, false));
            if (!side.small) parts.push(...(disagreementView(side) || []));
          }
          if (r.gap) parts.push(...gapView(bank, r, minGroup));
        }
        parts.push(...(changeView(b.change) || []));
      }
      if (!Object.keys(picture.banks).length)
        parts.push(h("p", {}, "Nog niets om te tonen: voeg bestanden of codes toe."));
    }
    parts.push(h("div", { class: "wks-buttons wkg-actions" }, printButton, saveButton));
    output.replaceChildren(...parts);
    count.textContent = nFiles
      ? `${nFiles} ${nFiles === 1 ? "bestand" : "bestanden"} toegevoegd.`
      : "Nog geen bestanden.";
    status.textContent = `Het ${team ? "teambeeld" : "groepsbeeld"} is bijgewerkt.`;
    el.setAttribute("data-groep-ready", String(Number(el.getAttribute("data-groep-ready") || 0) + 1));
    output.refusedCount = refused.length;
  }
  async function addFiles(list) {
    for (const f of list) files.push({ kind: "file", name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) });
    render();
  }
  fileInput.addEventListener("change", async () => {
    const list = [...fileInput.files];
    fileInput.value = "";
    await addFiles(list);
  });
  drop.addEventListener("dragover", (e) => {
    e.preventDefault();
    drop.classList.add("wkg-over");
  });
  drop.addEventListener("dragleave", () => drop.classList.remove("wkg-over"));
  drop.addEventListener("drop", async (e) => {
    e.preventDefault();
    drop.classList.remove("wkg-over");
    await addFiles([...(e.dataTransfer ? e.dataTransfer.files : [])]);
  });
  show.addEventListener("click", render);
  modeGroup.addEventListener("change", render);
  modeTeam.addEventListener("change", render);
  clear.addEventListener("click", () => {
    files.length = 0;
    codes.value = "";
    render();
    status.textContent = "Alles is gewist; begin opnieuw.";
  });
  printButton.addEventListener("click", () => window.print());
  saveButton.addEventListener("click", () => {
    const doc = pictureExport(picture, {
      mode: modeTeam.checked ? "team" : "groep",
      refused: output.refusedCount || 0,
      plan: modeTeam.checked ? teamPlan : null,
    });
    download(
      `${modeTeam.checked ? "teambeeld" : "groepsbeeld"}-${doc.made_at.slice(0, 10)}.json`,
      JSON.stringify(doc, null, 2) + "\n",
    );
    status.textContent =
      "Het groepsbeeld is bewaard in je map met downloads. Er staan geen antwoorden van deelnemers in, alleen de groepscijfers.";
  });
  const input = h(
    "section",
    { class: "wkg-input", "aria-labelledby": `${id}-in` },
    h("h3", { id: `${id}-in` }, "Antwoorden toevoegen"),
    h(
      "fieldset",
      { class: "wks-role" },
      h("legend", {}, "Wat maak je?"),
      h(
        "p",
        {},
        modeGroup,
        h("label", { for: modeGroup.id }, " Groepsbeeld: deelnemers van verschillende coöperaties (en gemeente)"),
      ),
      h("p", {}, modeTeam, h("label", { for: modeTeam.id }, " Teamscan: meerdere mensen van één coöperatie")),
    ),
    drop,
    h("p", {}, h("label", { for: codes.id }, "Antwoordcodes, één per regel")),
    codes,
    h("div", { class: "wks-buttons" }, show, clear),
    status,
  );
  el.append(h("div", { class: "wks wkg" }, input, output));
  render();
}

if (typeof document !== "undefined") {
  const startGroup = () => document.querySelectorAll("[data-wijkcoop-groep]").forEach(mountGroup);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", startGroup);
  else startGroup();
}
