"""A page in another language than the book: ``lang: en`` in its front matter.

The site stays Dutch (``<html lang="nl">``, Dutch navigation); the page's own content is wrapped
in ``<div lang="en">`` so that screen readers and browsers read it in that language (WCAG 2.1,
3.1.2 Language of Parts). Used by the English summary.
"""

from __future__ import annotations

import re
from typing import Any

LANG = re.compile(r"^[a-z]{2}(-[A-Z]{2})?$")


def page_context(app: Any, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    lang = app.env.metadata.get(pagename, {}).get("lang")
    if not lang or "body" not in context:
        return
    if not LANG.match(str(lang)):
        raise ValueError(f"{pagename}: front matter 'lang: {lang}' is not a language code like en")
    context["body"] = f'<div lang="{lang}">\n{context["body"]}\n</div>'
