/**
 * charts.js: the scan's SVG charts (compass, bars, the two sides' gap) and the gap view. Every
 * chart has a title and description and a table with the same numbers next to it.
 */

import { gapRoles, gapRows, largestGaps } from "./gap.js";
import { fmtInt, fmtSigned, shownDiff } from "./dutch.js";
import { bookLink, h, nextId, roleLabel, s } from "./dom.js";

export function radar(bank, result, refResult, refLabel) {
  const conds = bank.conditions;
  const n = conds.length;
  const W = 480,
    H = 340,
    C = 240,
    CY = 170,
    R = 105;
  const angle = (i) => -Math.PI / 2 + (2 * Math.PI * i) / n;
  const pt = (i, v) => [C + Math.cos(angle(i)) * R * (v / 100), CY + Math.sin(angle(i)) * R * (v / 100)];
  const idNum = nextId();
  const titleId = `wks-radar-t-${idNum}`;
  const descId = `wks-radar-d-${idNum}`;
  const svg = s("svg", {
    viewBox: `0 0 ${W} ${H}`,
    width: "100%",
    role: "img",
    "aria-labelledby": `${titleId} ${descId}`,
    class: "wks-radar",
  });
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

export function wrap(text, width) {
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
export function miniBar(value, ref) {
  const svg = s("svg", {
    viewBox: "0 0 100 10",
    width: "80",
    height: "10",
    "aria-hidden": "true",
    focusable: "false",
    class: "wks-minibar",
  });
  svg.append(s("rect", { x: 0, y: 1, width: 100, height: 8, class: "wks-bar-bg" }));
  if (value !== null && value !== undefined)
    svg.append(s("rect", { x: 0, y: 1, width: value, height: 8, class: "wks-bar" }));
  if (ref !== null && ref !== undefined)
    svg.append(s("line", { x1: ref, x2: ref, y1: 0, y2: 10, class: "wks-bar-ref" }));
  return svg;
}

function gapChart(bank, rows, [a, b]) {
  const W = 480,
    L = 170,
    BW = 230,
    ROW = 46,
    TOP = 8;
  const H = TOP + rows.length * ROW + 24;
  const idNum = nextId();
  const titleId = `wks-gap-t-${idNum}`;
  const descId = `wks-gap-d-${idNum}`;
  const svg = s("svg", {
    viewBox: `0 0 ${W} ${H}`,
    width: "100%",
    role: "img",
    "aria-labelledby": `${titleId} ${descId}`,
    class: "wks-gap-chart",
  });
  svg.append(
    s(
      "title",
      { id: titleId },
      `Per knelpunt: score van ${roleLabel(bank, a)} en ${roleLabel(bank, b)} (0 tot 100) en het verschil`,
    ),
  );
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
    const label = s("text", {
      x: L - 8,
      y: y0 + ROW / 2 - (lines.length - 1) * 7 + 4,
      "text-anchor": "end",
      class: "wks-axis-label",
    });
    lines.forEach((line, k) => label.append(s("tspan", { x: L - 8, dy: k ? 14 : 0 }, line)));
    svg.append(label);
    [
      ["a", r.a, 6],
      ["b", r.b, 23],
    ].forEach(([side, v, dy]) => {
      if (v === null) {
        svg.append(s("text", { x: L + 4, y: y0 + dy + 12, class: "wks-gap-none" }, "geen score"));
        return;
      }
      svg.append(
        s("rect", { x: L, y: y0 + dy, width: Math.max((BW * v) / 100, 1), height: 15, class: `wks-gap-${side}` }),
      );
      svg.append(s("text", { x: L + (BW * v) / 100 + 4, y: y0 + dy + 12, class: "wks-gap-value" }, fmtInt(v)));
    });
    svg.append(
      s(
        "text",
        { x: W - 4, y: y0 + ROW / 2 + 5, "text-anchor": "end", class: "wks-gap-diff" },
        fmtSigned(shownDiff(r.a, r.b)),
      ),
    );
  });
  const legend = h(
    "p",
    { class: "wks-legend" },
    h("span", { class: "wks-key wks-key-gap-a" }),
    " " + roleLabel(bank, a) + " ",
    h("span", { class: "wks-key wks-key-gap-b" }),
    " " + roleLabel(bank, b),
  );
  return h("figure", { class: "wks-figure" }, svg, legend);
}

/** The side-by-side view with the gap table and the conversation prompts of the largest gaps. */
export function gapView(bank, byRole, links, headingId) {
  const [a, b] = gapRoles(bank, byRole);
  const rows = gapRows(bank, byRole);
  const la = roleLabel(bank, a);
  const lb = roleLabel(bank, b);
  const box = h("div", { class: "wks-gap", "aria-labelledby": headingId });
  box.append(
    h("h4", { id: headingId }, "Twee kanten naast elkaar"),
    h(
      "p",
      { class: "wks-note" },
      `Het verschil is steeds ${la.toLowerCase()} min ${lb.toLowerCase()}. ` +
        "Daardoor zien beide kanten precies dezelfde getallen, wie ook wiens bestand opent.",
    ),
    gapChart(bank, rows, [a, b]),
  );
  const table = h(
    "table",
    { class: "wks-table wks-gap-table" },
    h("caption", {}, `Score per knelpunt (0 tot 100) en het verschil (${la.toLowerCase()} min ${lb.toLowerCase()})`),
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        ["Onderwerp", la, lb, `Verschil (${la.toLowerCase()} min ${lb.toLowerCase()})`].map((t) =>
          h("th", { scope: "col" }, t),
        ),
      ),
    ),
  );
  const body = h("tbody");
  for (const r of rows) {
    body.append(
      h(
        "tr",
        { "data-gap": r.condition },
        h("th", { scope: "row" }, r.title),
        h("td", { "data-role": a }, fmtInt(r.a)),
        h("td", { "data-role": b }, fmtInt(r.b)),
        h("td", { "data-diff": "gap" }, fmtSigned(shownDiff(r.a, r.b))),
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
        h(
          "p",
          { "data-prompts": c.id },
          h("strong", {}, `${c.title} (verschil ${fmtSigned(shownDiff(r.a, r.b))})`),
          " ",
          bookLink(links, c.book_ref, "Lees meer in het boek"),
        ),
        h(
          "ul",
          {},
          c.prompts.map((q) => h("li", {}, q)),
        ),
      );
    }
    box.append(list);
  }
  return box;
}
