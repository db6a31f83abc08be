"""Refused files in a group: the engine's reasons, and the group's own ``duplicate`` rule.

Every Dutch text comes from ``data/scan/messages.yaml`` (``duplicate``, ``group-not-counted``),
like every refusal of the engine.
"""

from __future__ import annotations

from wijkcoop.group.pseudonyms import normalise_name
from wijkcoop.group.reading import Read
from wijkcoop.scan import exchange


def group_reason(message_nl: str) -> str:
    """The engine's reason, with its page-specific last sentence replaced for the group."""
    suffix = " " + exchange.message("unchanged")
    if message_nl.endswith(suffix):
        message_nl = message_nl[: -len(suffix)]
    return f"{message_nl} {exchange.message('group-not-counted')}"


def duplicate_reason() -> str:
    """Why a second export of the same participant, bank, role and round does not count."""
    return group_reason(exchange.message("duplicate"))


def split_duplicates(
    accepted: list[tuple[Read, str]],
) -> tuple[list[Read], list[tuple[str, str, str]]]:
    """Keep one export per bank, role, organisation and round: ``(kept, refused)``.

    ``accepted`` holds ``(read, exported_at)`` in file-name order. The newest export counts;
    with equal times the first file. Exports without an organisation name are all kept.
    """
    best: dict[tuple[str, str, str, str], tuple[str, int]] = {}
    for i, (r, when) in enumerate(accepted):
        key = normalise_name(r.organisation)
        if not key:
            continue
        dup_key = (r.bank_id, r.role or "", key, r.round)
        if dup_key not in best or when > best[dup_key][0]:
            best[dup_key] = (when, i)
    kept: list[Read] = []
    refused: list[tuple[str, str, str]] = []
    for i, (r, _) in enumerate(accepted):
        key = normalise_name(r.organisation)
        if key and best[(r.bank_id, r.role or "", key, r.round)][1] != i:
            refused.append((r.file, "duplicate", duplicate_reason()))
        else:
            kept.append(r)
    return kept, refused
