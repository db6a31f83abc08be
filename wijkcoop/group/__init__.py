"""Group analysis for trainers: a folder of scan and spiegel exports, read as one group.

Use::

    from wijkcoop import group
    g = group.analyse("exports/")            # every file validated, nothing changed
    g.rejected                               # bestand, code, reden (Dutch)
    g.distribution("duurzaamheidsscan")      # per part: n, quartiles, score bands
    g.profile("duurzaamheidsscan")           # mean per part and condition
    g.change("duurzaamheidsscan")            # change between two rounds, matched participants
    g.gap()                                  # relatiespiegel: cooperatie vs gemeente per point
    g.write("uitvoer/")                      # samenvatting.csv, geweigerd.csv, overzicht.html

One file per job:

* :mod:`~wijkcoop.group.reading` -- listing and reading the folder, rounds (``ronde N``);
* :mod:`~wijkcoop.group.refusals` -- refused files and the ``duplicate`` rule (Dutch texts in
  ``data/scan/messages.yaml``, like every refusal of the engine);
* :mod:`~wijkcoop.group.pseudonyms` -- "Deelnemer NN";
* :mod:`~wijkcoop.group.analysis` -- :class:`GroupAnalysis`: scores (the engine's
  :func:`wijkcoop.scan.scoring.score_many`) and statistics (distribution, profile, change, gap);
* :mod:`~wijkcoop.group.report` -- the printable HTML overview;
* :mod:`~wijkcoop.group.settings` -- score bands and the smallest group shown without warning;
* :mod:`~wijkcoop.group.charts` -- Altair charts (each with a table beside it in the notebook);
* :mod:`~wijkcoop.group.display` -- what the notebooks show: Dutch tables, a Dutch
  :class:`Explanation` where a figure cannot be made, the folder (``GROEP_MAP``) and the output
  folder (``GROEP_UITVOER``, else beside the notebook).

Rules (also in the trainers' guide):

* **Validation.** Every file in the folder (not in subfolders; hidden files skipped) goes
  through the engine's :func:`wijkcoop.scan.parse_export` for the bank it names. A refused file
  is listed with the engine's code and Dutch reason, and the run goes on. A second export of
  the same participant, bank, role and round is refused as ``duplicate``.
* **Originals.** Files are only read (``read_bytes``), never written, moved or renamed.
  :meth:`GroupAnalysis.write` refuses an output folder inside the input folder.
* **Anonymous by default.** Organisation names become pseudonyms "Deelnemer 01", ... The
  numbering follows a hash of the normalised name, not the alphabet, and is stable within a
  run: the same organisation keeps its pseudonym across banks, roles and rounds. Notes are
  never shown. Files are never named in outputs either (a file name often holds the
  organisation's name, also when the file is too broken to read): they are "bestand 07", by
  their place in the folder. ``show_names=True`` shows names (the trainer's explicit choice).
* **Rounds.** The round of an export is the first "ronde N" (also "ronde-N", "ronde_N",
  "Ronde: N") found in its notes, else in its file name; it is written "ronde-N". Exports
  without it are in round "onbekend" and take no part in :meth:`GroupAnalysis.change`.
* **Matching between rounds.** Two exports are the same participant when bank, role and
  normalised organisation name (case, accents, spaces and punctuation ignored) are equal.
  Exports without an organisation name count in every group figure of their round, but are
  never matched, so they do not enter the change figures.
* **Differences** follow docs/scan-format.md ("Signs of differences"): change = later round
  minus earlier, gap = first role minus second; the ``*_getoond`` columns are the differences
  of the rounded means, as the overview shows them.
"""

from __future__ import annotations

from wijkcoop.group.analysis import GroupAnalysis, analyse
from wijkcoop.group.charts import change_chart, distribution_chart, gap_chart, profile_chart
from wijkcoop.group.display import (
    Explanation,
    change_table,
    distribution_table,
    folder,
    gap_prompts,
    gap_table,
    output_folder,
    participation_table,
    pick_participant,
    profile_table,
    rejected_table,
    sample_participant,
    small_group_note,
    written_text,
)
from wijkcoop.group.pseudonyms import normalise_name
from wijkcoop.group.reading import DEFAULT_BANKS, READ_LIMIT, UNKNOWN_ROUND, round_label
from wijkcoop.group.settings import BAND_LABELS, BANDS, MIN_GROUP, NotPossible

__all__ = [
    "BANDS",
    "BAND_LABELS",
    "DEFAULT_BANKS",
    "MIN_GROUP",
    "READ_LIMIT",
    "UNKNOWN_ROUND",
    "Explanation",
    "GroupAnalysis",
    "NotPossible",
    "analyse",
    "change_chart",
    "change_table",
    "distribution_chart",
    "distribution_table",
    "folder",
    "gap_chart",
    "gap_prompts",
    "gap_table",
    "normalise_name",
    "output_folder",
    "participation_table",
    "pick_participant",
    "profile_chart",
    "profile_table",
    "rejected_table",
    "round_label",
    "sample_participant",
    "small_group_note",
    "written_text",
]
