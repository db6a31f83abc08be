/**
 * form.js: the views that ask: name and notes, the side (two-sided banks), and the questions.
 * Each view gets the render context `ctx` (see main.js) and returns its element.
 * Nothing typed or chosen is lost without a word (docs/scan-format.md): text fields name their
 * limit and keep over-long text whole, a side switch over answers asks first, and the amounts of
 * a group that must add up to another get a warning after their last question.
 */

import { MAX_NOTES, MAX_ORGANISATION, UNKNOWN, itemsFor, textProblem } from "./core.js";
import { fmtAmount, fmtAmountNumber, fmtNumber, parseAmount } from "./dutch.js";
import { bookLink, countAnswers, h, roleLabel, roleText } from "./dom.js";

/** How many characters a text has, counted as the import counts them (code points). */
const length = (text) => [...text].length;

/**
 * A text field saved as typed, with its limit named before it bites ("25 van 5.000 tekens").
 * Text over the limit stays whole in the field and is not saved until it is shorter (as an
 * import refuses over-long text whole): the message next to the field says so, with the count.
 */
function textField(ctx, input, errorEl, counter, key, limit) {
  const count = () =>
    (counter.textContent = ctx.t("ui-text-count", { count: fmtNumber(length(input.value)), max: fmtNumber(limit) }));
  ctx.listen(input, "input", () => {
    count();
    const over = length(input.value) > limit;
    const problem = over ? null : textProblem(input.value, limit, ctx.messages());
    if (over || problem) {
      const tooLong = { count: fmtNumber(length(input.value)), max: fmtNumber(limit) };
      errorEl.textContent = over ? ctx.t("ui-text-too-long", tooLong) : ctx.t("ui-text-not-saved", { reason: problem });
      input.setAttribute("aria-invalid", "true");
      return;
    }
    errorEl.textContent = "";
    input.removeAttribute("aria-invalid");
    ctx.model.set(key, input.value);
    ctx.model.save_changes();
    ctx.renderPrintHead();
  });
  ctx.counters.push(count);
  count();
}

/** One text field with its label, help, counter and message, as a paragraph. */
function textBlock(ctx, input, label, help, key, limit) {
  const base = input.id;
  const counter = h("span", { class: "wks-counter", id: `${base}-count` });
  const error = h("p", { class: "wks-field-error", id: `${base}-err`, "aria-live": "polite" });
  const helpEl = help ? h("span", { id: `${base}-help`, class: "wks-help" }, help) : null;
  const described = [helpEl ? helpEl.id : null, counter.id, error.id].filter(Boolean).join(" ");
  input.setAttribute("aria-describedby", described);
  textField(ctx, input, error, counter, key, limit);
  return h("p", {}, h("label", { for: base }, label), helpEl, input, counter, error);
}

/** Name, notes and (two-sided banks) the side; sets ctx.orgInput, ctx.notesInput, ctx.roleGroup. */
export function metaView(ctx) {
  const { id, bank } = ctx;
  // No maxlength: the browser would cut a paste without a word (textField says it instead).
  const orgInput = h("input", { type: "text", id: `${id}-org`, autocomplete: "organization" });
  const notesInput = h("textarea", { id: `${id}-notes`, rows: 3 });
  ctx.counters = [];
  const meta = h(
    "div",
    { class: "wks-meta" },
    textBlock(ctx, orgInput, "Naam van jullie organisatie (mag leeg blijven)", null, "organisation", MAX_ORGANISATION),
    textBlock(ctx, notesInput, "Notities", "Bijvoorbeeld wie de scan invulde en wanneer.", "notes", MAX_NOTES),
  );
  ctx.orgInput = orgInput;
  ctx.notesInput = notesInput;
  ctx.roleGroup = null;
  if (ctx.twoSided) {
    const group = h("fieldset", { class: "wks-role" }, h("legend", {}, "Ik vul de scan in namens"));
    const choice = h("div", {
      class: "wks-side-choice",
      hidden: true,
      role: "group",
      "aria-labelledby": `${id}-side-q`,
    });
    for (const r of bank.roles) {
      const input = h("input", { type: "radio", name: `${id}-role`, value: r, id: `${id}-role-${r}` });
      ctx.listen(input, "change", () => switchSide(ctx, choice, r));
      group.append(h("label", { for: input.id, class: "wks-option" }, input, " " + roleLabel(bank, r)));
    }
    meta.prepend(group, choice);
    ctx.roleGroup = group;
  }
  return meta;
}

/**
 * The reader picks the other side. With answers given, nothing happens unasked: keep them as
 * the other side, start fresh (with undo) or cancel; the question sits right below the sides.
 */
function switchSide(ctx, choice, next) {
  const before = { role: ctx.role(), answers: ctx.answers() };
  if (!before.role || before.role === next || !Object.keys(before.answers).length) {
    choice.hidden = true;
    ctx.commit("role", next);
    return;
  }
  const label = (r) => roleLabel(ctx.bank, r).toLowerCase();
  const names = { answers: countAnswers(ctx, before.answers), mine: label(before.role), next: label(next) };
  const button = (text, cls = "wks-button") => h("button", { type: "button", class: cls }, text);
  const keep = button(`Houd ze, als ${names.next}`);
  const fresh = button(`Begin opnieuw als ${names.next}`, "wks-button wks-danger");
  const cancel = button(`Annuleren, blijf ${names.mine}`);
  const sideInput = (r) => ctx.roleGroup.querySelector(`input[value="${r}"]`);
  const say = (text, ...extra) => {
    choice.replaceChildren(h("p", { id: `${ctx.id}-side-q`, role: "status" }, text), ...extra);
    choice.hidden = false;
  };
  keep.addEventListener("click", () => {
    ctx.commit("role", next);
    say(ctx.t("ui-side-kept", names));
    sideInput(next).focus();
  });
  fresh.addEventListener("click", () => {
    ctx.model.set("answers", {});
    ctx.commit("role", next);
    const undo = button("Ongedaan maken");
    undo.addEventListener("click", () => {
      ctx.model.set("answers", before.answers);
      ctx.commit("role", before.role);
      say(ctx.t("ui-side-undone", names));
      sideInput(before.role).focus();
    });
    say(ctx.t("ui-side-fresh", names), h("div", { class: "wks-buttons" }, undo));
  });
  cancel.addEventListener("click", () => {
    choice.hidden = true;
    choice.replaceChildren();
    ctx.update();
    sideInput(before.role).focus();
  });
  ctx.update(); // the radios show the side still in use until the reader chooses
  say(ctx.t("ui-side-question", names), h("div", { class: "wks-buttons" }, keep, fresh, cancel));
  keep.focus();
}

/** Fill the form with every question in play (numbered 1, 2, ... as shown). */
export function buildForm(ctx) {
  for (const step of formSteps(ctx)) step();
}

/**
 * Empty the form and return the steps that fill it, in order: the first builds the first
 * voorwaarde whole, every next one part. Running them all in order builds the whole form;
 * main.js runs them one task each on a book page, so no single task builds ~1,600 elements.
 */
export function formSteps(ctx) {
  const { form, bank, id } = ctx;
  form.replaceChildren();
  ctx.controls.clear();
  ctx.totalsWarnings = new Map();
  if (ctx.twoSided && !ctx.role()) {
    form.append(h("p", { class: "wks-hint" }, "Kies eerst namens wie je de scan invult; dan verschijnen de vragen."));
    return [];
  }
  const inPlay = new Set(itemsFor(bank, ctx.role(), ctx.short()).map((i) => i.id));
  const steps = [];
  let n = 0;
  for (const cond of bank.conditions) {
    const parts = cond.parts
      .map((part) => [part, bank.items.filter((i) => i.part === part.id && inPlay.has(i.id))])
      .filter(([, items]) => items.length);
    if (!parts.length) continue;
    let section = null;
    const partSteps = parts.map(([part, items]) => () => {
      if (!section) {
        const heading = h("h3", { id: `${id}-c-${cond.id}` }, cond.title);
        section = h("section", { class: "wks-condition", "aria-labelledby": heading.id }, heading);
        form.append(section);
      }
      section.append(h("h4", { class: "wks-part-title" }, part.title));
      for (const item of items) {
        section.append(itemView(ctx, item, ++n));
        if (lastOfCheckedGroup(bank, item, inPlay)) section.append(totalsWarningView(ctx, item.derive));
      }
    });
    if (steps.length) steps.push(...partSteps);
    else steps.push(() => partSteps.forEach((step) => step()));
  }
  return steps;
}

/** Is `item` the last amount in play of a group that must add up to the first of `equal_totals`? */
function lastOfCheckedGroup(bank, item, inPlay) {
  const [, ...checked] = bank.equal_totals || [];
  if (!item.derive || !checked.includes(item.derive)) return false;
  const members = bank.items.filter((i) => i.derive === item.derive && inPlay.has(i.id));
  return members[members.length - 1] === item;
}

/** Where the amounts are entered: the warning that they do not add up (filled by results.js). */
function totalsWarningView(ctx, group) {
  const el = h("p", { class: "wks-field-error wks-totals-warning", "data-totals": group, "aria-live": "polite" });
  ctx.totalsWarnings.set(group, el);
  return el;
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
  const help = h(
    "p",
    { class: "wks-help", id: `${base}-help` },
    roleText(item.help, ctx.role()) + " ",
    bookLink(ctx.links(), item.book_ref, "Lees meer in het boek"),
  );
  const legend = h(
    "legend",
    { id: `${base}-legend` },
    h("span", { class: "wks-num" }, `${n}. `),
    roleText(item.statement, ctx.role()),
  );
  const fs = h(
    "fieldset",
    { class: "wks-item", id: base, "data-item": item.id, "aria-describedby": help.id },
    legend,
    help,
  );
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
    ctx.listen(input, "change", () =>
      ctx.setAnswer(item.id, typeof opt.value === "number" ? opt.value : String(opt.value)),
    );
    inputs.push(input);
    const cls =
      "wks-option" + (opt.value === UNKNOWN ? " wks-unknown" : typeof opt.value === "string" ? " wks-na" : "");
    opts.append(h("label", { for: input.id, class: cls }, input, h("span", {}, opt.label)));
  }
  ctx.controls.set(item.id, { kind: "likert", inputs });
  return opts;
}

/** parseAmount's error code -> the message key (data/scan/messages.yaml). */
const AMOUNT_ERRORS = { ambiguous: "ui-amount-ambiguous", "not-a-number": "ui-amount-not-a-number" };

function numberView(ctx, item, base) {
  const { bank } = ctx;
  const unit = item.unit === "euro" ? "euro" : "procent";
  // A text field: the browser's number field drops "45.000" or reads it as 45 (issue 10.3).
  const input = h("input", {
    type: "text",
    id: `${base}-n`,
    inputmode: "decimal",
    autocomplete: "off",
    "aria-labelledby": `${base}-legend ${base}-unit`,
    "aria-describedby": `${base}-help ${base}-seen ${base}-err`,
  });
  const unknown = h("input", { type: "checkbox", id: `${base}-x` });
  const seen = h("span", { class: "wks-understood", id: `${base}-seen`, "aria-live": "polite" });
  const err = h("p", { class: "wks-field-error", id: `${base}-err`, "aria-live": "polite" });
  const refuse = (text) => {
    err.textContent = `${text} ${ctx.t("ui-amount-not-saved")}`;
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
    if (got.error) return refuse(ctx.t(AMOUNT_ERRORS[got.error]));
    if (got.value < item.min || got.value > item.max) {
      return refuse(ctx.t("ui-amount-range", { min: fmtNumber(item.min), max: fmtNumber(item.max) }));
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
    h(
      "div",
      { class: "wks-number" },
      input,
      h("span", { id: `${base}-unit`, class: "wks-unit" }, unit),
      seen,
      h(
        "label",
        { for: unknown.id, class: "wks-option wks-unknown" },
        unknown,
        h("span", {}, bank.scale.unknown.label),
      ),
    ),
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
        c.input.value = number === null ? "" : fmtAmountNumber(number, c.unit);
        c.seen.textContent = number === null ? "" : `= ${fmtAmount(number, c.unit)}`;
      }
    }
  }
  if (ctx.roleGroup)
    for (const input of ctx.roleGroup.querySelectorAll("input")) input.checked = input.value === ctx.role();
  if (document.activeElement !== ctx.orgInput && ctx.orgInput.getAttribute("aria-invalid") !== "true")
    ctx.orgInput.value = model.get("organisation") || "";
  if (document.activeElement !== ctx.notesInput && ctx.notesInput.getAttribute("aria-invalid") !== "true")
    ctx.notesInput.value = model.get("notes") || "";
  for (const count of ctx.counters) count();
}
