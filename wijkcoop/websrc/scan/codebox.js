/**
 * codebox.js: the scan's answer code on the page: the code of the current answers with a copy
 * button (for a chat app or mail; no name and no notes in it), and a field to open a code.
 *
 * Opening a code goes through the same choice as opening a file (tools.js `ctx.openGot`): a
 * reader with answers is asked first and can undo. A refused code says why in Dutch.
 */

import { ExportError } from "./core.js";
import { decodeAnswers, encodeAnswers, noteNumber } from "./code.js";
import { h } from "./dom.js";

export function codeBoxView(ctx) {
  const { bank, id, model } = ctx;
  const output = h("input", {
    type: "text",
    readonly: true,
    id: `${id}-code`,
    class: "wkc-code",
    "aria-describedby": `${id}-code-help`,
    spellcheck: "false",
  });
  const copy = h("button", { type: "button", class: "wks-button" }, "Kopieer de code");
  const status = h("p", { class: "wkc-status", role: "status", "aria-live": "polite" });
  const pasted = h("input", {
    type: "text",
    id: `${id}-code-in`,
    class: "wkc-code",
    autocomplete: "off",
    spellcheck: "false",
  });
  const open = h("button", { type: "button", class: "wks-button" }, "Open de code");
  const alert = h("p", { class: "wkc-alert", role: "alert" });

  function refresh() {
    const notes = model.get("notes") || "";
    const before = output.value;
    if (ctx.twoSided && !ctx.role()) {
      output.value = "";
      copy.disabled = true;
      status.textContent = "Kies eerst namens wie je invult; dan verschijnt hier je code.";
      return;
    }
    try {
      output.value = encodeAnswers(
        bank,
        ctx.answers(),
        { role: ctx.role(), round: noteNumber(notes, "round"), pair: noteNumber(notes, "pair") },
        ctx.messages(),
      );
      copy.disabled = false;
      if (output.value !== before) status.textContent = "";
    } catch (err) {
      output.value = "";
      copy.disabled = true;
      status.textContent = err instanceof ExportError ? err.messageNl : "";
    }
  }
  ctx.listen(copy, "click", async () => {
    output.select();
    let done = false;
    try {
      await navigator.clipboard.writeText(output.value);
      done = true;
    } catch {
      done = document.execCommand && document.execCommand("copy");
    }
    status.textContent = done
      ? "De code is gekopieerd. Plak hem in een bericht aan de trainer."
      : "Kopiëren lukte niet: de code is geselecteerd, kopieer hem zelf (Ctrl+C of lang drukken).";
  });
  ctx.listen(open, "click", () => {
    alert.textContent = "";
    try {
      const got = decodeAnswers(pasted.value, { [bank.bank_id]: bank }, ctx.messages());
      const meta = {
        role: got.role,
        organisation: model.get("organisation") || "",
        notes: model.get("notes") || "",
        bank_version: got.bank_version,
        exported_at: null,
        actieplan: model.get("actieplan") || [],
        removed: [],
        migration: [],
      };
      pasted.value = "";
      ctx.openGot({ answers: got.answers, warnings: [], migration: [], meta, fromCode: true }, "de code");
    } catch (err) {
      if (!(err instanceof ExportError)) throw err;
      alert.textContent = err.messageNl;
    }
  });
  const el = h(
    "section",
    { class: "wkc", "aria-labelledby": `${id}-code-h` },
    h("h3", { id: `${id}-code-h` }, "Je antwoordcode"),
    h(
      "p",
      { class: "wks-help", id: `${id}-code-help` },
      "Deze code bevat je antwoorden, zonder naam en zonder notities. Stuur hem naar de trainer per app of mail, of bewaar hem zelf. Met de code zijn je antwoorden later weer te openen.",
    ),
    h("p", {}, h("label", { for: output.id }, "Code van je antwoorden"), output, copy),
    status,
    h("p", {}, h("label", { for: pasted.id }, "Heb je een code gekregen? Plak hem hier"), pasted, open),
    alert,
  );
  return { el, refresh };
}
