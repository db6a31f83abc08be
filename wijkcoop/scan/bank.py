"""Question banks for the scan engine: loading, schema validation and consistency checks.

A bank lives in ``data/scan/<bank_id>.yaml`` and is listed in ``data/manifest.yaml`` as
``scan-<bank_id>``; its format is described in ``docs/scan-format.md``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from wijkcoop import data
from wijkcoop.versions import SEMVER as SEMVER  # the pattern the front end mirrors
from wijkcoop.versions import parse_version

SCHEMA = "bank.schema.json"


class BankError(ValueError):
    """A question bank is internally inconsistent (developer error, English message)."""


def version_key(text: Any) -> tuple[int, int, int]:
    """:func:`parse_version` of a version checked before; ``BankError`` if it is not one."""
    version = parse_version(text)
    if version is None:
        raise BankError(f"not a version x.y.z: {text!r}")
    return version


@dataclass(frozen=True)
class Bank:
    """A validated question bank. ``raw`` is the document as loaded (what the front end gets)."""

    raw: dict[str, Any]
    source: str = ""
    items_by_id: dict[str, dict] = field(default_factory=dict, repr=False)
    parts_by_id: dict[str, dict] = field(default_factory=dict, repr=False)
    condition_of_part: dict[str, str] = field(default_factory=dict, repr=False)

    @property
    def bank_id(self) -> str:
        """The bank's id, e.g. ``duurzaamheidsscan``."""
        return self.raw["bank_id"]

    @property
    def version(self) -> str:
        """The bank's semantic version."""
        return self.raw["version"]

    @property
    def title(self) -> str:
        """The bank's title (Dutch)."""
        return self.raw["title"]

    @property
    def roles(self) -> list[str]:
        """The roles that fill in the bank (one for a one-sided bank)."""
        return list(self.raw.get("roles") or [])

    @property
    def two_sided(self) -> bool:
        """True when two roles answer the same statements."""
        return bool(self.roles)

    @property
    def conditions(self) -> list[dict]:
        """The conditions, each with its parts, in bank order."""
        return self.raw["conditions"]

    @property
    def part_ids(self) -> list[str]:
        """Part ids in bank order (condition by condition)."""
        return list(self.parts_by_id)

    @property
    def condition_ids(self) -> list[str]:
        """The condition ids in bank order."""
        return [c["id"] for c in self.conditions]

    def title_of(self, ident: str) -> str:
        """Title of a part or condition (ids are unique across both)."""
        if ident in self.parts_by_id:
            return self.parts_by_id[ident]["title"]
        return next((c["title"] for c in self.conditions if c["id"] == ident), ident)

    def role_label(self, role: str | None) -> str:
        """The reader-facing name of a role ("" for none)."""
        if not role:
            return ""
        return (self.raw.get("role_labels") or {}).get(role, role)

    @property
    def items(self) -> list[dict]:
        """The items in bank order."""
        return self.raw["items"]

    @property
    def derived(self) -> list[dict]:
        """The derived measures (computed from number items)."""
        return list(self.raw.get("derived") or [])

    @property
    def advice_below(self) -> float | None:
        """Advice goes to the weakest parts scoring below this (None: no cut-off, old banks)."""
        return self.raw.get("advice_below")

    @property
    def equal_totals(self) -> list[str]:
        """Groups that ask the same money twice; the first is the reference (may be empty)."""
        return list(self.raw.get("equal_totals") or [])

    @property
    def migrations(self) -> list[dict]:
        """The migrations from older versions of the bank."""
        return list(self.raw.get("migrations") or [])

    def items_for(self, role: str | None = None, short: bool = False) -> list[dict]:
        """Items in play for a role (None: all) and variant (short version or full)."""
        out = []
        for item in self.items:
            if short and not item.get("short"):
                continue
            if role is not None and item.get("roles") and role not in item["roles"]:
                continue
            out.append(item)
        return out

    def question_number(
        self, item_id: str, role: str | None = None, short: bool = False
    ) -> int | None:
        """The item's number on the page (1-based, form order: condition, part, bank order).

        ``None`` when the item is not in play for this role and variant.
        """
        in_play = {i["id"] for i in self.items_for(role, short)}
        n = 0
        for cond in self.conditions:
            for part in cond["parts"]:
                for item in self.items:
                    if item["part"] == part["id"] and item["id"] in in_play:
                        n += 1
                        if item["id"] == item_id:
                            return n
        return None

    def text(self, value: Any, role: str | None = None) -> str:
        """A statement/help/advice text for a role (one-sided banks: the text itself)."""
        if isinstance(value, str):
            return value
        if role is not None and role in value:
            return value[role]
        return next(iter(value.values()))

    def book_refs(self) -> set[str]:
        """Every book label the bank links to."""
        refs = set()
        for cond in self.conditions:
            refs.add(cond["book_ref"])
            for part in cond["parts"]:
                refs.add(part["book_ref"])
                refs.update(part.get("see_also") or [])
        for item in self.items:
            refs.add(item["book_ref"])
        return refs

    def derived_inputs(self) -> list[str]:
        """Ids of the number items the derived measures read (their group or item), in order."""
        groups = {d["group"] for d in self.derived if "group" in d}
        single = {d["item"] for d in self.derived if "item" in d}
        return [i["id"] for i in self.items if i.get("derive") in groups or i["id"] in single]

    def derived_conditions(self) -> list[str]:
        """Ids of the conditions with a part that a derived measure counts in, in order."""
        parts = {d["part"] for d in self.derived if "part" in d}
        return [c["id"] for c in self.conditions if any(p["id"] in parts for p in c["parts"])]


def check(raw: dict[str, Any], source: str = "<bank>") -> Bank:
    """Check a schema-valid bank document for internal consistency; return a :class:`Bank`.

    Every problem is collected (not only the first) and raised as one :class:`BankError`.
    """
    problems: list[str] = []
    roles = list(raw.get("roles") or [])
    if len(roles) == 1:
        problems.append("a two-sided bank needs at least two roles")
    parts, condition_of_part = _check_conditions(raw, roles, problems)
    items = _check_items(raw, roles, parts, problems)
    _check_derived(raw, items, parts, problems)
    for migration in raw.get("migrations") or []:
        _check_migration(raw, migration, items, problems)
    if problems:
        raise BankError(f"{source}: " + "; ".join(problems))
    return Bank(
        raw=raw,
        source=source,
        items_by_id=items,
        parts_by_id=parts,
        condition_of_part=condition_of_part,
    )


def _check_conditions(
    raw: dict[str, Any], roles: list[str], problems: list[str]
) -> tuple[dict[str, dict], dict[str, str]]:
    """Unique condition and part ids (apart from each other too), advice for every role."""
    parts: dict[str, dict] = {}
    condition_of_part: dict[str, str] = {}
    cond_ids: set[str] = set()
    for cond in raw["conditions"]:
        if cond["id"] in cond_ids:
            problems.append(f"duplicate condition id {cond['id']!r}")
        cond_ids.add(cond["id"])
        for part in cond["parts"]:
            if part["id"] in parts:
                problems.append(f"duplicate part id {part['id']!r}")
            parts[part["id"]] = part
            condition_of_part[part["id"]] = cond["id"]
            _check_role_text(part["advice"], roles, f"part {part['id']!r} advice", problems)
    overlap = cond_ids & set(parts)
    if overlap:
        problems.append(f"ids used for both a condition and a part: {sorted(overlap)}")
    return parts, condition_of_part


def _check_items(
    raw: dict[str, Any], roles: list[str], parts: dict[str, dict], problems: list[str]
) -> dict[str, dict]:
    """Unique item ids, each in an existing part, every part with an item; the items by id."""
    items: dict[str, dict] = {}
    for item in raw["items"]:
        if item["id"] in items:
            problems.append(f"duplicate item id {item['id']!r}")
        items[item["id"]] = item
        if item["part"] not in parts:
            problems.append(f"item {item['id']!r}: part {item['part']!r} does not exist")
        _check_item(raw, item, roles, problems)
    with_items = {item["part"] for item in raw["items"]}
    problems.extend(f"part {pid!r} has no items" for pid in parts if pid not in with_items)
    return items


def _check_item(raw: dict[str, Any], item: dict, roles: list[str], problems: list[str]) -> None:
    """One item's own rules: texts per role, known roles, a sane range, n.v.t. and amounts."""
    iid = item["id"]
    _check_role_text(item["statement"], roles, f"item {iid!r} statement", problems)
    _check_role_text(item["help"], roles, f"item {iid!r} help", problems)
    for r in item.get("roles") or []:
        if r not in roles:
            problems.append(f"item {iid!r}: role {r!r} is not in the bank's roles")
    if item["type"] == "number" and item["min"] > item["max"]:
        problems.append(f"item {iid!r}: min is larger than max")
    if item.get("allow_na") and not (raw["scale"].get("not_applicable")):
        problems.append(f"item {iid!r}: allow_na needs scale.not_applicable")
    if item.get("derive") and item["min"] < 0:
        # amounts of a group feed wijkcoop.finance, which takes no negative amounts
        problems.append(f"item {iid!r}: an amount with derive needs min >= 0")


def _check_derived(
    raw: dict[str, Any], items: dict[str, dict], parts: dict[str, dict], problems: list[str]
) -> None:
    """Derived measures: unique ids that read existing number items and score existing parts."""
    derived_ids: set[str] = set()
    groups = {i.get("derive") for i in raw["items"] if i.get("derive")}
    for d in raw.get("derived") or []:
        did = d["id"]
        if did in derived_ids or did in items:
            problems.append(f"derived measure id {did!r} is not unique")
        derived_ids.add(did)
        if "group" in d and d["group"] not in groups:
            problems.append(f"derived {did!r}: no number item has derive: {d['group']}")
        for n in d.get("numerator") or []:
            if n not in items or items[n].get("derive") != d.get("group"):
                problems.append(f"derived {did!r}: numerator {n!r} is not an item of its group")
        if "item" in d and (d["item"] not in items or items[d["item"]]["type"] != "number"):
            problems.append(f"derived {did!r}: item {d['item']!r} is not a number item")
        if "part" in d and d["part"] not in parts:
            problems.append(f"derived {did!r}: part {d['part']!r} does not exist")
        if "part" in d and d["score"]["good"] == d["score"]["bad"]:
            problems.append(f"derived {did!r}: score.good equals score.bad")
    for g in raw.get("equal_totals") or []:
        if g not in groups:
            problems.append(f"equal_totals: no number item has derive: {g}")


def _migration_targets(m: dict) -> list[tuple[str, str, str]]:
    """(verb, old id, new id) of every rename, split and reversal of a migration."""
    targets: list[tuple[str, str, str]] = []
    for old, new in (m.get("renamed") or {}).items():
        targets.append(("renames", old, new))
    for old, news in (m.get("split") or {}).items():
        targets.extend(("splits", old, new) for new in news)
    for old, new in (m.get("reversed") or {}).items():
        targets.append(("reverses", old, new))
    return targets


def _check_migration(
    raw: dict[str, Any], m: dict, items: dict[str, dict], problems: list[str]
) -> None:
    """A migration is older than the bank, maps old ids (once each) to current or later ids."""
    if version_key(m["from"]) >= version_key(raw["version"]):
        problems.append(f"migration from {m['from']} is not older than version {raw['version']}")
    for verb, old, new in _migration_targets(m):
        if verb == "reverses" and new in items and items[new]["type"] != "likert":
            problems.append(f"migration reverses {old!r} into non-likert item {new!r}")
        if old in items:
            problems.append(f"migration {verb} {old!r}, which is still a current item id")
        if new not in items and not _renamed_later(raw, m, new):
            problems.append(f"migration {verb} {old!r} to unknown item {new!r}")
    for gone in m.get("removed") or []:
        if gone in items:
            problems.append(f"migration removes {gone!r}, which is still a current item id")
    olds = [
        *(m.get("renamed") or {}),
        *(m.get("split") or {}),
        *(m.get("reversed") or {}),
        *(m.get("removed") or []),
    ]
    twice = sorted({o for o in olds if olds.count(o) > 1})
    if twice:
        problems.append(f"migration from {m['from']} maps {twice} in more than one way")
    for key in m.get("reasons") or {}:
        if key not in olds:
            problems.append(
                f"migration from {m['from']}: reason for {key!r}, which it does not change"
            )


def _renamed_later(raw: dict, migration: dict, new: str) -> bool:
    later = [
        m
        for m in raw.get("migrations") or []
        if version_key(m["from"]) > version_key(migration["from"])
    ]
    return any(
        new in (m.get("renamed") or {})
        or new in (m.get("removed") or [])
        or new in (m.get("split") or {})
        or new in (m.get("reversed") or {})
        for m in later
    )


def _check_role_text(value: Any, roles: list[str], where: str, problems: list[str]) -> None:
    if isinstance(value, dict):
        if not roles:
            problems.append(f"{where}: per-role text in a one-sided bank")
        missing = [r for r in roles if r not in value]
        extra = [k for k in value if k not in roles]
        if missing or extra:
            problems.append(f"{where}: roles missing {missing} or unknown {extra}")


def load_bank_path(path: str | Path) -> Bank:
    """Load a bank from any file (used for test banks); schema and consistency checked."""
    path = Path(path)
    return check(data.load_path(path, SCHEMA), str(path))


def load_bank(bank_id: str) -> Bank:
    """Load the bank ``bank_id`` (manifest dataset ``scan-<bank_id>``), validated."""
    name = f"scan-{bank_id}"
    if name not in data.manifest():
        raise KeyError(f"unknown question bank {bank_id!r}: no dataset {name!r} in the manifest")
    raw = data.load(name)
    return check(raw, data.manifest()[name]["file"])
