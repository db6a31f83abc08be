/**
 * actieplan.js: the action plan ("actieplan") under a result, on the scan page and in the
 * teamscan of the group page: up to three onderdelen, each with a first step, who and by when.
 *
 * The view is built once and keeps its fields (typing never rebuilds it); `sync` fills the
 * fields from a plan that changed elsewhere (another tab, a file opened), and `showEarlier`
 * puts the plan of an earlier round next to the change in those onderdelen. The plan's shape
 * and limits are checked by core.js `checkActieplan` (docs/scan-format.md, "Actieplan").
 */

import { ACTIEPLAN_MAX, ACTIEPLAN_LIMITS } from "./core.js";
import { fmtInt, fmtSigned, shownDiff } from "./dutch.js";
import { h, nextId } from "./dom.js";

/** The title of a part of `bank`, or its id. */
function partTitle(bank, partId) {
  for (const c of bank.conditions) for (const p of c.parts) if (p.id === partId) return p.title;
  return partId;
}

/**
 * The action plan's fields. `onChange(plan)` gets the plan (only rows with an onderdeel) after
 * every edit. Returns {el, sync(plan), showEarlier(earlierPlan, now, before)}.
 */
export function actieplanView(bank, onChange, { intro = "" } = {}) {
  const id = `wka${nextId()}`;
  const rows = [];
  const list = h("div", { class: "wka-rows" });
  const read = () =>
    rows
      .map((r) => ({ part: r.part.value, stap: r.stap.value, wie: r.wie.value, wanneer: r.wanneer.value }))
      .filter((r) => r.part);
  for (let n = 1; n <= ACTIEPLAN_MAX; n++) {
    const part = h("select", { id: `${id}-part-${n}` }, h("option", { value: "" }, "(geen keuze)"));
    for (const c of bank.conditions) {
      const group = h("optgroup", { label: c.title });
      for (const p of c.parts) group.append(h("option", { value: p.id }, p.title));
      part.append(group);
    }
    const field = (key, label, limit) => {
      const input = h("input", { type: "text", id: `${id}-${key}-${n}`, maxlength: limit, autocomplete: "off" });
      return [input, h("p", { class: "wka-field" }, h("label", { for: input.id }, label), input)];
    };
    const [stap, stapP] = field("stap", "Eerste stap", ACTIEPLAN_LIMITS.stap);
    const [wie, wieP] = field("wie", "Wie zet die stap?", ACTIEPLAN_LIMITS.wie);
    const [wanneer, wanneerP] = field("wanneer", "Wanneer is die stap gezet?", ACTIEPLAN_LIMITS.wanneer);
    const row = { part, stap, wie, wanneer };
    rows.push(row);
    for (const input of [part, stap, wie, wanneer]) input.addEventListener("input", () => onChange(read()));
    part.addEventListener("change", () => onChange(read()));
    list.append(
      h(
        "fieldset",
        { class: "wka-row", "data-actieplan-row": n },
        h("legend", {}, `Keuze ${n}`),
        h("p", { class: "wka-field" }, h("label", { for: part.id }, "Onderdeel"), part),
        stapP,
        wieP,
        wanneerP,
      ),
    );
  }
  const earlier = h("div", { class: "wka-earlier" });
  const el = h(
    "section",
    { class: "wka", "aria-labelledby": `${id}-h` },
    h("h3", { id: `${id}-h` }, "Actieplan"),
    h(
      "p",
      { class: "wka-help" },
      intro ||
        "Kies hoogstens drie onderdelen waar jullie mee aan de slag gaan. Schrijf per onderdeel de eerste stap op, wie hem zet en wanneer. Het plan wordt met je antwoorden bewaard, staat in het bestand en komt mee op de afdruk.",
    ),
    list,
    earlier,
  );
  function sync(plan) {
    const given = Array.isArray(plan) ? plan : [];
    rows.forEach((r, i) => {
      const p = given[i] || { part: "", stap: "", wie: "", wanneer: "" };
      for (const key of ["part", "stap", "wie", "wanneer"]) {
        if (document.activeElement !== r[key] && r[key].value !== (p[key] || "")) r[key].value = p[key] || "";
      }
    });
  }
  /** The plan of an earlier round next to the change in its onderdelen (`now`, `before`: part -> score). */
  function showEarlier(plan, now, before) {
    if (!Array.isArray(plan) || !plan.length) {
      earlier.replaceChildren();
      return;
    }
    const head = ["Onderdeel", "Eerste stap (toen)", "Wie", "Wanneer", "Toen", "Nu", "Verandering"];
    const body = plan.map((p) =>
      h(
        "tr",
        { "data-actieplan-earlier": p.part },
        h("th", { scope: "row" }, partTitle(bank, p.part)),
        [p.stap, p.wie, p.wanneer].map((t, i) => h("td", { "data-label": head[i + 1] }, t || "–")),
        h("td", { "data-label": head[4] }, fmtInt(before[p.part] ?? null)),
        h("td", { "data-label": head[5] }, fmtInt(now[p.part] ?? null)),
        h("td", { "data-label": head[6] }, fmtSigned(shownDiff(now[p.part] ?? null, before[p.part] ?? null))),
      ),
    );
    earlier.replaceChildren(
      h("h4", {}, "Het actieplan van de vorige keer"),
      h(
        "div",
        { class: "wks-table-wrap" },
        h(
          "table",
          { class: "wks-table" },
          h("caption", {}, "Wat jullie toen kozen, en hoe die onderdelen nu scoren (0 tot 100)"),
          h(
            "thead",
            {},
            h(
              "tr",
              {},
              head.map((t) => h("th", { scope: "col" }, t)),
            ),
          ),
          h("tbody", {}, body),
        ),
      ),
    );
  }
  return { el, sync, showEarlier, read };
}
