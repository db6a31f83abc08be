/**
 * tools.js: the file actions (save, open, compare), print and clear, each with one control, and
 * their messages right below the buttons (announced to screen readers).
 *
 * Opening a file over answers never replaces them unasked: the reader sees what the file holds
 * and chooses to replace, compare or cancel, and can undo a replacement. A file of the other
 * side of a two-sided bank is offered for comparing instead.
 */

import { ExportError, fail, makeExport, migrationDetails, parseExport } from "./core.js";
import { fmtDate } from "./dutch.js";
import { countAnswers, download, h, readFile, roleLabel, slug } from "./dom.js";

/** The export's file name: bank, side (two-sided banks), organisation and date. */
export function exportName(bank, doc) {
  return (
    [bank.bank_id, doc.role || "", slug(doc.organisation), doc.exported_at.slice(0, 10)].filter(Boolean).join("-") +
    ".json"
  );
}

/** What a file holds, in one Dutch sentence. */
function describe(ctx, got) {
  const parts = [countAnswers(ctx, got.answers)];
  if (got.meta.organisation) parts.push(ctx.t("ui-holds-organisation", { name: got.meta.organisation }));
  const when = fmtDate(got.meta.exported_at);
  if (when) parts.push(ctx.t("ui-holds-date", { date: when }));
  if (ctx.twoSided && got.meta.role)
    parts.push(ctx.t("ui-holds-role", { role: roleLabel(ctx.bank, got.meta.role).toLowerCase() }));
  parts.push(ctx.t("ui-holds-version", { version: got.meta.bank_version }));
  return ctx.t("ui-holds", { parts: parts.join(", ") });
}

/** The details of a migration report (contract B) to open, or null when nothing moved. */
function migrationView(ctx, got) {
  const lines = migrationDetails(ctx.bank, got.migration || [], ctx.role(), ctx.short(), ctx.messages());
  if (!lines.length) return null;
  return h(
    "details",
    { class: "wks-migration" },
    h("summary", {}, ctx.t("ui-migration-details")),
    h(
      "ul",
      {},
      lines.map((line) => h("li", {}, line)),
    ),
  );
}

export function toolsView(ctx) {
  const { bank, id, model } = ctx;
  const status = h("div", { class: "wks-status", role: "status", "aria-live": "polite" });
  const alert = h("div", { class: "wks-alert", role: "alert", "aria-live": "assertive" });
  const choice = h("div", { class: "wks-choice", hidden: true, role: "group", "aria-labelledby": `${id}-choice` });
  const say = (...content) => {
    alert.replaceChildren();
    status.replaceChildren(...content.filter(Boolean).map((c) => (typeof c === "string" ? h("p", {}, c) : c)));
  };
  const complain = (text) => {
    status.replaceChildren();
    alert.replaceChildren(h("p", {}, text));
  };
  const button = (text, cls = "wks-button") => h("button", { type: "button", class: cls }, text);

  const importInput = h("input", {
    type: "file",
    accept: ".json,application/json",
    id: `${id}-import`,
    class: "wks-file",
    tabindex: "-1",
    "aria-label": "Open een bestand",
  });
  const compareLabel = ctx.twoSided
    ? "Vergelijk met een bestand (eerder of van de andere kant)"
    : "Vergelijk met een eerder bestand";
  const compareInput = h("input", {
    type: "file",
    accept: ".json,application/json",
    id: `${id}-compare`,
    class: "wks-file",
    tabindex: "-1",
    "aria-label": compareLabel,
  });
  const openButton = button("Open een bestand");
  const compareButton = button(compareLabel);
  ctx.listen(openButton, "click", () => importInput.click());
  ctx.listen(compareButton, "click", () => compareInput.click());
  const stopCompare = button("Stop met vergelijken");
  stopCompare.hidden = true;
  const clearButton = button("Wis mijn antwoorden", "wks-button wks-danger");
  const confirmBox = h("div", {
    class: "wks-confirm",
    hidden: true,
    role: "group",
    "aria-labelledby": `${id}-confirm`,
  });
  const confirmYes = button("Ja, wis alles", "wks-button wks-danger");
  const confirmNo = button("Nee, terug");
  confirmBox.append(
    h(
      "p",
      { id: `${id}-confirm` },
      "Weet je het zeker? Alle antwoorden, de naam en de notities verdwijnen uit deze browser. Bewaar ze eerst als bestand als je ze nog nodig hebt.",
    ),
    confirmYes,
    " ",
    confirmNo,
  );

  const exportButton = button("Bewaar als bestand");
  /** Save the answers as a file (the button here and the way out when storage is off). */
  ctx.exportFile = () => {
    try {
      const doc = makeExport(
        bank,
        {
          answers: ctx.answers(),
          organisation: model.get("organisation") || "",
          notes: model.get("notes") || "",
          role: ctx.role(),
          actieplan: model.get("actieplan") || [],
        },
        new Date(),
        ctx.messages(),
      );
      const name = exportName(bank, doc);
      download(name, JSON.stringify(doc, null, 2) + "\n");
      const done = ctx.t("ui-export-done", { name });
      say(done);
      return done;
    } catch (err) {
      const why = err.messageNl || ctx.t("ui-export-failed");
      complain(why);
      return why;
    }
  };
  ctx.listen(exportButton, "click", () => ctx.exportFile());

  /** When a file is picked in `input`: read it as an export and `use` it, or say why not. */
  function onExportFile(input, use) {
    ctx.listen(input, "change", async () => {
      const file = input.files && input.files[0];
      input.value = ""; // the field holds no file after reading: the message says which one
      if (!file) return;
      try {
        use(parseExport(await readFile(file, ctx.messages()), bank, ctx.messages(), ctx.short()), file.name);
      } catch (err) {
        complain(err instanceof ExportError ? err.messageNl : fail("not-json", {}, ctx.messages()).messageNl);
      }
    });
  }
  function snapshot() {
    return {
      answers: ctx.answers(),
      role: model.get("role") ?? null,
      organisation: model.get("organisation") || "",
      notes: model.get("notes") || "",
      actieplan: model.get("actieplan") || [],
    };
  }
  function restore(snap) {
    model.set("answers", snap.answers);
    if (ctx.twoSided) model.set("role", snap.role);
    model.set("organisation", snap.organisation);
    model.set("notes", snap.notes);
    model.set("actieplan", snap.actieplan || []);
    model.save_changes();
    ctx.rebuild();
  }
  function replaceWith(got, name) {
    const before = snapshot();
    restore({
      answers: got.answers,
      role: got.meta.role,
      organisation: got.meta.organisation,
      notes: got.meta.notes,
      actieplan: got.meta.actieplan,
    });
    const undo = button("Ongedaan maken");
    const undoLine = h("p", {}, undo);
    say(
      ctx.t(got.fromCode ? "ui-code-opened" : "ui-opened", { answers: countAnswers(ctx, got.answers), name }),
      ...got.warnings,
      migrationView(ctx, got),
      undoLine,
    );
    undo.addEventListener("click", () => {
      restore(before);
      say(ctx.t("ui-undone", { answers: countAnswers(ctx, before.answers) }));
      openButton.focus();
    });
  }
  function compareWith(got, name) {
    ctx.commit("reference", {
      answers: got.answers,
      role: got.meta.role,
      exported_at: got.meta.exported_at,
      organisation: got.meta.organisation,
      actieplan: got.meta.actieplan || [],
    });
    say(ctx.t("ui-compared", { name }), ...got.warnings, migrationView(ctx, got));
  }
  /** Ask before replacing: what the file holds, and three choices. */
  function ask(got, name, why) {
    const replace = button("Vervangen", "wks-button wks-danger");
    const compare = button("Vergelijken");
    const cancel = button("Annuleren");
    const done = () => {
      choice.hidden = true;
      choice.replaceChildren();
    };
    replace.addEventListener("click", () => {
      done();
      replaceWith(got, name);
      openButton.focus();
    });
    compare.addEventListener("click", () => {
      done();
      compareWith(got, name);
      compareButton.focus();
    });
    cancel.addEventListener("click", () => {
      done();
      say(ctx.t("ui-cancelled", { name }));
      openButton.focus();
    });
    const now = ctx.t("ui-choice-now", { answers: countAnswers(ctx, ctx.answers()) });
    choice.replaceChildren(
      h("p", { id: `${id}-choice` }, `${why} ${describe(ctx, got)} ${now}`),
      h("div", { class: "wks-buttons" }, ctx.otherSide(got) ? [compare, replace] : [replace, compare], cancel),
    );
    status.replaceChildren();
    alert.replaceChildren();
    choice.hidden = false;
    (ctx.otherSide(got) ? compare : cancel).focus();
  }
  /** Open what a file (or a code, codebox.js) holds: at once, or after asking. */
  ctx.openGot = (got, name) => {
    const s = snapshot();
    const filled = Object.keys(s.answers).length || s.organisation || s.notes;
    if (ctx.otherSide(got)) {
      const mineLabel = roleLabel(bank, ctx.role()).toLowerCase();
      const theirs = roleLabel(bank, got.meta.role).toLowerCase();
      ask(got, name, ctx.t("ui-choice-other-side", { theirs, mine: mineLabel }));
    } else if (filled) ask(got, name, ctx.t("ui-choice-filled"));
    else replaceWith(got, name);
  };
  onExportFile(importInput, ctx.openGot);
  onExportFile(compareInput, (got, name) => compareWith(got, name));
  ctx.listen(stopCompare, "click", () => {
    ctx.commit("reference", null);
    say(ctx.t("ui-compare-stopped"));
    compareButton.focus();
  });
  const printButton = button("Afdrukken of PDF maken");
  ctx.listen(printButton, "click", () => window.print());
  ctx.listen(clearButton, "click", () => {
    confirmBox.hidden = false;
    confirmNo.focus();
  });
  ctx.listen(confirmNo, "click", () => {
    confirmBox.hidden = true;
    clearButton.focus();
  });
  ctx.listen(confirmYes, "click", () => {
    model.set("answers", {});
    model.set("organisation", "");
    model.set("notes", "");
    model.set("reference", null);
    model.set("actieplan", []);
    if (ctx.twoSided) model.set("role", null);
    model.save_changes();
    if (model.clear) model.clear();
    ctx.orgInput.value = "";
    ctx.notesInput.value = "";
    confirmBox.hidden = true;
    ctx.rebuild();
    clearButton.focus();
    say(ctx.t("ui-cleared"));
  });
  ctx.stopCompare = stopCompare;
  ctx.say = say;
  ctx.complain = complain;
  return h(
    "div",
    { class: "wks-tools", role: "group", "aria-labelledby": `${id}-tools` },
    h("h3", { id: `${id}-tools` }, "Bewaren, vergelijken en afdrukken"),
    h(
      "p",
      { class: "wks-help" },
      "Je antwoorden blijven alleen in deze browser. Met een bestand neem je ze mee of vergelijk je met een eerdere keer.",
    ),
    h("div", { class: "wks-buttons" }, exportButton, openButton, compareButton, stopCompare, printButton, clearButton),
    importInput,
    compareInput,
    choice,
    status,
    alert,
    confirmBox,
  );
}
