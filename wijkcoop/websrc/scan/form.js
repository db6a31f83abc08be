/**
 * form.js: the views that ask: name and notes, the side (two-sided banks), and the questions.
 * Each view gets the render context `ctx` (see main.js) and returns its element.
 */

import { MAX_NOTES, MAX_ORGANISATION, UNKNOWN, itemsFor, textProblem } from "./core.js";
import { fmtAmount, fmtNumber, parseAmount } from "./dutch.js";
import { bookLink, h, roleLabel, roleText } from "./dom.js";

/** A text field saved as typed (text is text: nothing is cut or refused but what is too long). */
function textField(ctx, input, errorEl, key, limit) {
  ctx.listen(input, "input", () => {
    const problem = textProblem(input.value, limit, ctx.messages());
    if (problem) {
      errorEl.textContent = `Dit wordt niet bewaard: ${problem}.`;
      input.setAttribute("aria-invalid", "true");
      input.setAttribute("aria-describedby", errorEl.id);
      return;
    }
    errorEl.textContent = "";
    input.removeAttribute("aria-invalid");
    ctx.model.set(key, input.value);
    ctx.model.save_changes();
    ctx.renderPrintHead();
  });
}

/** Name, notes and (two-sided banks) the side; sets ctx.orgInput, ctx.notesInput, ctx.roleGroup. */
export function metaView(ctx) {
  const { id, bank } = ctx;
  const orgInput = h("input", { type: "text", id: `${id}-org`, maxlength: MAX_ORGANISATION, autocomplete: "organization" });
  const orgError = h("p", { class: "wks-field-error", id: `${id}-org-err`, "aria-live": "polite" });
  const notesInput = h("textarea", { id: `${id}-notes`, rows: 3, maxlength: MAX_NOTES, "aria-describedby": `${id}-notes-help` });
  const notesError = h("p", { class: "wks-field-error", id: `${id}-notes-err`, "aria-live": "polite" });
  textField(ctx, orgInput, orgError, "organisation", MAX_ORGANISATION);
  textField(ctx, notesInput, notesError, "notes", MAX_NOTES);
  const meta = h(
    "div",
    { class: "wks-meta" },
    h("p", {}, h("label", { for: orgInput.id }, "Naam van jullie organisatie (mag leeg blijven)"), orgInput, orgError),
    h("p", {}, h("label", { for: notesInput.id }, "Notities"), h("span", { id: `${id}-notes-help`, class: "wks-help" }, "Bijvoorbeeld wie de scan invulde en wanneer."), notesInput, notesError),
  );
  ctx.orgInput = orgInput;
  ctx.notesInput = notesInput;
  ctx.roleGroup = null;
  if (ctx.twoSided) {
    const group = h("fieldset", { class: "wks-role" }, h("legend", {}, "Ik vul de scan in namens"));
    for (const r of bank.roles) {
      const input = h("input", { type: "radio", name: `${id}-role`, value: r, id: `${id}-role-${r}` });
      ctx.listen(input, "change", () => ctx.commit("role", r));
      group.append(h("label", { for: input.id, class: "wks-option" }, input, " " + roleLabel(bank, r)));
    }
    meta.prepend(group);
    ctx.roleGroup = group;
  }
  return meta;
}

/** Fill the form with every question in play (numbered 1, 2, ... as shown). */
export function buildForm(ctx) {
  const { form, bank, id } = ctx;
  form.replaceChildren();
  ctx.controls.clear();
  if (ctx.twoSided && !ctx.role()) {
    form.append(h("p", { class: "wks-hint" }, "Kies eerst namens wie je de scan invult; dan verschijnen de vragen."));
    return;
  }
  const inPlay = new Set(itemsFor(bank, ctx.role(), ctx.short()).map((i) => i.id));
  let n = 0;
  for (const cond of bank.conditions) {
    const section = h("section", { class: "wks-condition", "aria-labelledby": `${id}-c-${cond.id}` }, h("h3", { id: `${id}-c-${cond.id}` }, cond.title));
    for (const part of cond.parts) {
      const items = bank.items.filter((i) => i.part === part.id && inPlay.has(i.id));
      if (!items.length) continue;
      section.append(h("h4", { class: "wks-part-title" }, part.title));
      for (const item of items) section.append(itemView(ctx, item, ++n));
    }
    if (section.querySelector(".wks-item")) form.append(section);
  }
}

/** Question `n` as shown on the page: "vraag 12 (De bewoners kennen elkaar)". */
export function questionName(ctx, itemId) {
  const items = itemsFor(ctx.bank, ctx.role(), ctx.short());
  const k = items.findIndex((i) => i.id === itemId);
  const item = ctx.bank.items.find((i) => i.id === itemId);
  if (!item) return itemId;
  const text = roleText(item.statement, ctx.role());
  return k >= 0 ? `vraag ${k + 1} (${text})` : `de vraag "${text}"`;
}

function itemView(ctx, item, n) {
  const base = `${ctx.id}-${item.id}`;
  const help = h("p", { class: "wks-help", id: `${base}-help` }, roleText(item.help, ctx.role()) + " ", bookLink(ctx.links(), item.book_ref, "Lees meer in het boek"));
  const legend = h("legend", { id: `${base}-legend` }, h("span", { class: "wks-num" }, `${n}. `), roleText(item.statement, ctx.role()));
  const fs = h("fieldset", { class: "wks-item", id: base, "data-item": item.id, "aria-describedby": help.id }, legend, help);
  if (item.type === "likert") fs.append(likertView(ctx, item, base));
  else fs.append(...numberView(ctx, item, base));
  return fs;
}

function likertView(ctx, item, base) {
  const { bank } = ctx;
  const opts = h("div", { class: "wks-options" });
  const inputs = [];
  const choices = [...bank.scale.options];
  if (item.allow_na && bank.scale.not_applicable) choices.push(bank.scale.not_applicable);
  choices.push(bank.scale.unknown);
  for (const opt of choices) {
    const suffix = opt.value === UNKNOWN ? "x" : String(opt.value);
    const input = h("input", { type: "radio", name: base, value: String(opt.value), id: `${base}-${suffix}` });
    ctx.listen(input, "change", () => ctx.setAnswer(item.id, typeof opt.value === "number" ? opt.value : String(opt.value)));
    inputs.push(input);
    const cls = "wks-option" + (opt.value === UNKNOWN ? " wks-unknown" : typeof opt.value === "string" ? " wks-na" : "");
    opts.append(h("label", { for: input.id, class: cls }, input, h("span", {}, opt.label)));
  }
  ctx.controls.set(item.id, { kind: "likert", inputs });
  return opts;
}

const AMOUNT_ERRORS = {
  ambiguous: "Is dit een komma of een punt voor duizendtallen? Schrijf bedragen zoals 45.000 of 12,5.",
  "not-a-number": "Dit is geen getal. Schrijf bijvoorbeeld 45.000 of 12,5.",
};

function numberView(ctx, item, base) {
  const { bank } = ctx;
  const unit = item.unit === "euro" ? "euro" : "procent";
  // A text field: the browser's number field drops "45.000" or reads it as 45 (issue 10.3).
  const input = h("input", { type: "text", id: `${base}-n`, inputmode: "decimal", autocomplete: "off", "aria-labelledby": `${base}-legend ${base}-unit`, "aria-describedby": `${base}-help ${base}-seen ${base}-err` });
  const unknown = h("input", { type: "checkbox", id: `${base}-x` });
  const seen = h("span", { class: "wks-understood", id: `${base}-seen`, "aria-live": "polite" });
  const err = h("p", { class: "wks-field-error", id: `${base}-err`, "aria-live": "polite" });
  const refuse = (text) => {
    err.textContent = `${text} Dit bedrag is niet bewaard.`;
    seen.textContent = "";
    input.setAttribute("aria-invalid", "true");
  };
  const onNumber = () => {
    const raw = input.value.trim();
    if (raw === "") {
      err.textContent = "";
      seen.textContent = "";
      input.removeAttribute("aria-invalid");
      if (!unknown.checked) ctx.setAnswer(item.id, null);
      return;
    }
    const got = parseAmount(raw, { percent: item.unit === "procent" });
    if (got.error) return refuse(AMOUNT_ERRORS[got.error]);
    if (got.value < item.min || got.value > item.max) {
      return refuse(`Vul een getal in van ${fmtNumber(item.min)} tot en met ${fmtNumber(item.max)}.`);
    }
    err.textContent = "";
    seen.textContent = `= ${fmtAmount(got.value, item.unit)}`;
    input.removeAttribute("aria-invalid");
    unknown.checked = false;
    ctx.setAnswer(item.id, got.value);
  };
  ctx.listen(input, "input", onNumber);
  ctx.listen(unknown, "change", () => {
    if (unknown.checked) {
      input.value = "";
      err.textContent = "";
      seen.textContent = "";
      input.removeAttribute("aria-invalid");
      ctx.setAnswer(item.id, UNKNOWN);
    } else ctx.setAnswer(item.id, null);
  });
  ctx.controls.set(item.id, { kind: "number", input, unknown, err, seen, unit: item.unit });
  return [
    h("div", { class: "wks-number" }, input, h("span", { id: `${base}-unit`, class: "wks-unit" }, unit), seen, h("label", { for: unknown.id, class: "wks-option wks-unknown" }, unknown, h("span", {}, bank.scale.unknown.label))),
    err,
  ];
}

/** Show the model's answers, name, notes and side in the form (fields being typed in stay). */
export function syncForm(ctx) {
  const a = ctx.answers();
  const { model } = ctx;
  for (const [itemId, c] of ctx.controls) {
    const v = a[itemId] ?? null;
    if (c.kind === "likert") {
      for (const input of c.inputs) input.checked = v !== null && input.value === String(v);
    } else {
      c.unknown.checked = v === UNKNOWN;
      if (document.activeElement !== c.input && c.input.getAttribute("aria-invalid") !== "true") {
        const number = v === null || v === UNKNOWN ? null : v;
        c.input.value = number === null ? "" : fmtNumber(number);
        c.seen.textContent = number === null ? "" : `= ${fmtAmount(number, c.unit)}`;
      }
    }
  }
  if (ctx.roleGroup) for (const input of ctx.roleGroup.querySelectorAll("input")) input.checked = input.value === ctx.role();
  if (document.activeElement !== ctx.orgInput && ctx.orgInput.getAttribute("aria-invalid") !== "true") ctx.orgInput.value = model.get("organisation") || "";
  if (document.activeElement !== ctx.notesInput && ctx.notesInput.getAttribute("aria-invalid") !== "true") ctx.notesInput.value = model.get("notes") || "";
}
