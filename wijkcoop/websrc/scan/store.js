/**
 * store.js: the static page's model. It has the anywidget surface (get/set/on/off/save_changes)
 * and keeps the answers in localStorage, under one key per bank: the full and the short scan,
 * and every open tab, share it.
 *
 * Nothing is lost between tabs: every answer (and the name, the notes, the side) carries the
 * time it was last changed; saving merges what is stored with what this tab holds, per answer,
 * newest first; a `storage` event from another tab merges the same way and is announced.
 */

import { FORMAT, message, parseExport } from "./core.js";

const STORE_PREFIX = "wijkcoop-scan:";
const PERSISTED = ["answers", "role", "organisation", "notes", "reference", "actieplan"];
/** Fields other than answers that are merged by time; their keys in `changed` start with ":". */
const FIELDS = ["role", "organisation", "notes", "reference", "actieplan"];
const SAVE_FAILED =
  "Let op: deze browser bewaart je antwoorden nu niet (de opslag is vol of uitgeschakeld). " +
  "Na het sluiten of herladen van de pagina zijn ze weg. Bewaar ze als bestand.";

function own(obj, key) {
  return Object.prototype.hasOwnProperty.call(obj, key);
}

function sameValue(a, b) {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** The change times of a stored document: {key: ms}; old documents count as saved_at. */
function changeTimes(stored) {
  const out = {};
  const base = Date.parse(stored.saved_at || "") || 0;
  for (const k of Object.keys(stored.answers || {})) out[k] = base;
  for (const f of FIELDS) out[":" + f] = base;
  const changed = stored.changed;
  if (changed && typeof changed === "object" && !Array.isArray(changed)) {
    for (const [k, t] of Object.entries(changed)) if (Number.isFinite(t)) out[k] = t;
  }
  return out;
}

/**
 * Merge `theirs` into `ours` (both {answers, fields..., changed}); per answer the newer change
 * wins, a tie keeps ours. Returns {state, changedKeys} without touching the inputs.
 */
export function mergeStates(ours, theirs) {
  const answers = { ...ours.answers };
  const changed = { ...ours.changed };
  const out = { ...ours, answers, changed };
  const changedKeys = [];
  const keys = new Set([...Object.keys(theirs.changed), ...Object.keys(theirs.answers)]);
  for (const k of keys) {
    const t = theirs.changed[k] ?? 0;
    if (t <= (changed[k] ?? -1)) continue;
    changed[k] = t;
    if (k.startsWith(":")) {
      const f = k.slice(1);
      if (!FIELDS.includes(f)) continue;
      if (!sameValue(out[f], theirs[f])) changedKeys.push(f);
      out[f] = theirs[f] ?? (f === "organisation" || f === "notes" ? "" : null);
    } else {
      const mine = own(answers, k) ? answers[k] : null;
      const other = own(theirs.answers, k) ? theirs.answers[k] : null;
      if (other === null) delete answers[k];
      else answers[k] = other;
      if (!sameValue(mine, other)) changedKeys.push(k);
    }
  }
  return { state: out, changedKeys };
}

/**
 * The browser's localStorage, or null when it refuses it: with site data blocked (privacy
 * settings, some school and office browsers) even reading `window.localStorage` throws.
 */
export function browserStorage(win = globalThis) {
  try {
    const storage = win.localStorage;
    storage.getItem(STORE_PREFIX);
    return storage;
  } catch {
    return null;
  }
}

/**
 * A model with the anywidget surface (get/set/on/off/save_changes) kept in localStorage. Without
 * storage (`storage` null) the scan works in memory and `storageOff` says so (shown once).
 */
export function createLocalModel(bank, initial = {}, storage = browserStorage()) {
  const key = STORE_PREFIX + bank.bank_id;
  const state = {
    answers: {},
    role: null,
    organisation: "",
    notes: "",
    reference: null,
    actieplan: [],
    short: false,
    links: {},
    messages: {},
    ...initial,
    bank,
  };
  let changed = {};
  const listeners = {};
  const notices = [];

  /** Read and check the stored document: {answers, fields, changed} or null; throws if unreadable. */
  function readStored(raw) {
    const stored = JSON.parse(raw);
    const asExport = {
      format: FORMAT,
      bank_id: bank.bank_id,
      bank_version: stored.bank_version,
      role: stored.role ?? null,
      organisation: stored.organisation ?? "",
      notes: stored.notes ?? "",
      answers: stored.answers ?? {},
      actieplan: stored.actieplan ?? null,
    };
    const ok = parseExport(JSON.stringify(asExport), bank, state.messages);
    const reference = stored.reference && typeof stored.reference === "object" ? stored.reference : null;
    return {
      answers: ok.answers,
      role: ok.meta.role,
      organisation: ok.meta.organisation,
      notes: ok.meta.notes,
      actieplan: ok.meta.actieplan,
      reference,
      changed: changeTimes(stored),
      warnings: ok.warnings,
    };
  }

  try {
    const raw = storage ? storage.getItem(key) : null;
    if (raw) {
      try {
        const got = readStored(raw);
        Object.assign(state, {
          answers: got.answers,
          role: got.role,
          organisation: got.organisation,
          notes: got.notes,
          reference: got.reference,
          actieplan: got.actieplan,
        });
        changed = got.changed;
        notices.push(...got.warnings);
      } catch {
        // Keep what we could not read under another key; never throw it away silently.
        try {
          storage.setItem(key + ":onleesbaar", raw);
          notices.push(
            "Eerder bewaarde antwoorden konden niet worden gelezen; ze staan apart bewaard en de scan begint leeg.",
          );
        } catch {
          notices.push(
            "Eerder bewaarde antwoorden konden niet worden gelezen. Ze staan nog in deze browser; de scan begint leeg.",
          );
        }
      }
    }
  } catch {
    storage = null; // the methods refuse too: the same as no storage at all
  }
  const emit = (name, arg) => (listeners[name] || []).slice().forEach((cb) => cb(arg));

  /** Stamp what differs between the old and new value of `k` with the time now. */
  function stamp(k, before, after) {
    const now = Math.max(Date.now(), lastChanged() + 1);
    if (k === "answers") {
      for (const id of new Set([...Object.keys(before || {}), ...Object.keys(after || {})])) {
        if (!sameValue((before || {})[id], (after || {})[id])) changed[id] = now;
      }
    } else if (FIELDS.includes(k) && !sameValue(before, after)) changed[":" + k] = now;
  }
  function lastChanged() {
    let t = 0;
    for (const [k, v] of Object.entries(changed)) if (k !== ":reference" && v > t) t = v;
    return t;
  }
  function ours() {
    return {
      answers: state.answers || {},
      role: state.role,
      organisation: state.organisation,
      notes: state.notes,
      reference: state.reference,
      actieplan: state.actieplan,
      changed,
    };
  }
  /** Merge the stored document into this tab; emit changes; returns the keys that changed. */
  function mergeFrom(raw) {
    let theirs;
    try {
      theirs = readStored(raw);
    } catch {
      return [];
    }
    const { state: merged, changedKeys } = mergeStates(ours(), theirs);
    changed = merged.changed;
    const fieldsChanged = FIELDS.filter((f) => changedKeys.includes(f));
    const answersChanged = changedKeys.some((k) => !FIELDS.includes(k));
    state.answers = merged.answers;
    for (const f of FIELDS) state[f] = merged[f];
    if (answersChanged) emit("change:answers");
    for (const f of fieldsChanged) emit(`change:${f}`);
    return changedKeys;
  }

  const model = {
    notices,
    storageKey: key,
    /** No storage in this browser: said once at the top of the scan, never again on saving. */
    storageOff: storage === null,
    storageOffText: message("ui-storage-off", {}, state.messages),
    saveFailed: storage === null,
    noticeText: SAVE_FAILED,
    get: (k) => state[k],
    set(k, v) {
      stamp(k, state[k], v);
      state[k] = v;
      emit(`change:${k}`);
    },
    on(name, cb) {
      if (!listeners[name]) listeners[name] = [];
      listeners[name].push(cb);
    },
    off(name, cb) {
      listeners[name] = (listeners[name] || []).filter((f) => f !== cb);
    },
    /** When the answers, name, notes or side were last changed (ms since 1970), or null. */
    lastChanged: () => lastChanged() || null,
    save_changes() {
      if (storage === null) return;
      try {
        const raw = storage.getItem(key);
        if (raw) mergeFrom(raw);
        const doc = { bank_version: bank.version, saved_at: new Date().toISOString(), changed };
        for (const k of PERSISTED) doc[k] = state[k];
        storage.setItem(key, JSON.stringify(doc));
        model.saveFailed = false;
      } catch {
        // Storage refused (private mode, full): the page keeps working, and the reader is told
        // once, so nobody counts on answers that a reload would lose.
        if (!model.saveFailed) {
          model.saveFailed = true;
          emit("notice");
        }
      }
    },
    clear() {
      changed = {};
      if (storage === null) return;
      try {
        storage.removeItem(key);
      } catch {
        /* nothing stored */
      }
    },
    /** Start following other tabs (the `storage` event); returns a function that stops it. */
    watch(win = globalThis) {
      const onStorage = (event) => {
        if (event.key !== key && event.key !== null) return;
        if (event.newValue === null) {
          // Another tab cleared everything ("Wis mijn antwoorden").
          changed = {};
          state.answers = {};
          state.organisation = "";
          state.notes = "";
          state.reference = null;
          state.actieplan = [];
          if ((bank.roles || []).length) state.role = null;
          for (const k of PERSISTED) emit(`change:${k}`);
          emit("remote", { cleared: true, keys: [] });
          return;
        }
        const keys = mergeFrom(event.newValue);
        if (keys.length) emit("remote", { cleared: false, keys });
      };
      if (!win || !win.addEventListener) return () => {};
      win.addEventListener("storage", onStorage);
      return () => win.removeEventListener("storage", onStorage);
    },
  };
  return model;
}
