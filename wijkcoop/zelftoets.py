"""Self-checks (zelftoetsen): three to five questions per part of the book, with feedback.

The questions live in ``data/zelftoets/<deel>.yaml`` (schema ``zelftoets.schema.json``, listed
in ``data/manifest.yaml`` as ``zelftoets-<deel>``). :func:`form_html` renders one question as an
HTML form that gives feedback with CSS alone: a checked radio button shows the explanation of
that option (``input:nth-of-type(k):checked ~ .zt-feedback > p:nth-of-type(k)``). No
JavaScript, no kernel, nothing loaded from elsewhere; the page works from ``file://`` as well as
over http. The directive ``{zelftoets} <deel>`` (:mod:`wijkcoop.book.zelftoets`) places it on a
page.
"""

from __future__ import annotations

import html
from typing import Any

from wijkcoop import data

MAX_OPTIONS = 5  # the stylesheet below has one rule per option position

# One stylesheet, emitted once per page. Feedback is hidden until its radio button is checked.
STYLE = "\n".join(
    [
        ".zt-vraag{border:1px solid var(--pst-color-border,#ccc);border-radius:.4rem;"
        "padding:.6rem 1rem;margin:0 0 1rem}",
        ".zt-vraag>legend{font-weight:600;padding:0 .3rem}",
        ".zt-vraag>input{width:1.1rem;height:1.1rem;margin:.45rem .5rem 0 0;vertical-align:top}",
        ".zt-vraag>label{display:inline-block;width:calc(100% - 2rem);margin:.25rem 0;"
        "vertical-align:top;cursor:pointer}",
        ".zt-feedback>p{display:none;margin:.5rem 0 0;padding:.4rem .6rem;"
        "border-left:4px solid #b35900}",
        ".zt-feedback>p.zt-juist{border-left-color:#1a7f37}",
        *(
            f".zt-vraag>input:nth-of-type({k}):checked~.zt-feedback>p:nth-of-type({k})"
            "{display:block}"
            for k in range(1, MAX_OPTIONS + 1)
        ),
        # On paper (the PDF is printed from the HTML) nobody can click: show the right answer.
        "@media print{.zt-feedback>p.zt-juist{display:block}}",
    ]
)


def load(part: str) -> dict[str, Any]:
    """The self-check of one part, validated against the schema and :func:`check`."""
    quiz = data.load(f"zelftoets-{part}")
    check(quiz, f"zelftoets-{part}")
    return quiz


def check(quiz: dict[str, Any], name: str = "zelftoets") -> None:
    """Rules the schema cannot express: one right option per question, unique ids."""
    for where, question in data.rows_with_unique_ids(quiz["vragen"], f"{name}: question"):
        right = [o for o in question["opties"] if o["juist"]]
        if len(right) != 1:
            raise data.DataValidationError(
                f"{where}: exactly one option must have juist: true, found {len(right)}"
            )
        if len(question["opties"]) > MAX_OPTIONS:
            raise data.DataValidationError(f"{where}: at most {MAX_OPTIONS} options")


def feedback_text(option: dict[str, Any]) -> str:
    """What the reader sees after choosing ``option``: verdict, then the explanation."""
    verdict = "Goed." if option["juist"] else "Niet helemaal."
    return f"{verdict} {option['uitleg']}"


def form_html(quiz: dict[str, Any], index: int) -> str:
    """Question ``index`` (0-based) of ``quiz`` as a fieldset with radio buttons and feedback."""
    question = quiz["vragen"][index]
    qid = f"zt-{quiz['deel']}-{question['id']}"
    esc = html.escape
    parts = [
        f'<fieldset class="zt-vraag" id="{qid}">',
        f"<legend>{index + 1}. {esc(question['vraag'])}</legend>",
    ]
    for k, option in enumerate(question["opties"], start=1):
        oid = f"{qid}-{k}"
        parts.append(
            f'<input type="radio" name="{qid}" id="{oid}" value="{k}">'
            f'<label for="{oid}">{esc(option["tekst"])}</label>'
        )
    parts.append('<div class="zt-feedback" aria-live="polite">')
    for option in question["opties"]:
        css = "zt-juist" if option["juist"] else "zt-onjuist"
        parts.append(f'<p class="{css}">{esc(feedback_text(option))}</p>')
    parts.append("</div>")
    parts.append("</fieldset>")
    return "\n".join(parts)


def style_html() -> str:
    """The ``<style>`` element the self-checks need (CSS-only feedback)."""
    return f"<style>{STYLE}</style>"


def plain_markdown(quiz: dict[str, Any], index: int) -> str:
    """Question ``index`` for builders without HTML (the PDF): options, then the answer."""
    question = quiz["vragen"][index]
    right = next(o for o in question["opties"] if o["juist"])
    lines = ["```{only} not html", f"**{index + 1}. {question['vraag']}**", ""]
    lines += [f"- {o['tekst']}" for o in question["opties"]]
    lines += ["", f"*Antwoord:* {right['tekst']} {right['uitleg']}", "```"]
    return "\n".join(lines)
